/**
 * `npm run compare -- <run A> <run B>`: what changed from run A to run B (staging vs production,
 * last release vs this one). A run is an output dir (NEXUDUS_OUT, holding verdicts.json), a
 * verdicts.json file, or an Allure results directory (labels, status and the `observed` parameters of
 * silent points are read from its *-result.json files).
 *
 * Checks are matched by endpoint + title. Prints the checks whose verdict changed and the silent
 * points whose observed answer changed. Exit codes: 0 nothing worsened; 1 at least one verdict
 * worsened (passed/recorded/skipped/absent in A → failed in B); 2 bad arguments or unreadable input.
 * Observation changes alone do not fail the comparison (two tenants may legitimately differ on points
 * the docs leave open); they are listed for a human to judge.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readVerdicts, SYMBOL, type Cell, type Verdict } from '../reporters/verdicts.ts';
import { classifyFailure, errorText } from '../reporters/classify.ts';

export type Change = 'worsened' | 'improved' | 'changed' | 'new' | 'gone';

export interface VerdictChange {
  key: string;
  feature: string;
  title: string;
  a?: Cell;
  b?: Cell;
  change: Change;
  /** B's failure, when B failed */
  message?: string;
}

export interface ObservationChange {
  key: string;
  feature: string;
  title: string;
  a: string[];
  b: string[];
}

export interface Comparison {
  verdicts: VerdictChange[];
  observations: ObservationChange[];
  worsened: number;
  same: number;
}

const keyOf = (v: Pick<Verdict, 'feature' | 'title'>) => `${v.feature} · ${v.title}`;

/** Loads a run from an out dir, a verdicts.json or an allure-results dir. */
export function loadRun(path: string): Verdict[] {
  const p = resolve(path);
  if (!existsSync(p)) throw new Error(`${path}: no such file or directory`);
  if (statSync(p).isFile()) return readVerdicts(p).verdicts;
  if (existsSync(join(p, 'verdicts.json'))) return readVerdicts(join(p, 'verdicts.json')).verdicts;
  const results = existsSync(join(p, 'allure-results')) ? join(p, 'allure-results') : p;
  const files = readdirSync(results).filter((f) => f.endsWith('-result.json'));
  if (!files.length) throw new Error(`${path}: neither a verdicts.json nor Allure results (*-result.json) found`);
  return files.map((f) => fromAllure(JSON.parse(readFileSync(join(results, f), 'utf8')) as AllureResult));
}

interface AllureResult {
  name: string;
  status: string;
  labels: { name: string; value: string }[];
  parameters?: { name: string; value: string }[];
  statusDetails?: { message?: string; trace?: string };
  start?: number;
  stop?: number;
}

function fromAllure(r: AllureResult): Verdict {
  const label = (n: string) => r.labels.find((l) => l.name === n)?.value;
  const story = label('story') ?? 'unlabelled';
  const failed = r.status === 'failed' || r.status === 'broken';
  const verdict: Cell = failed ? 'failed' : r.status === 'skipped' ? 'skipped' : story === 'silent points' ? 'recorded' : 'passed';
  const v: Verdict = {
    title: r.name, feature: label('feature') ?? '(no endpoint)', story, epic: label('epic') ?? '', severity: label('severity'),
    tags: r.labels.filter((l) => l.name === 'tag').map((l) => l.value), file: label('suite') ?? '', verdict, status: r.status,
    durationMs: (r.stop ?? 0) - (r.start ?? 0),
  };
  if (failed) {
    const message = errorText({ message: r.statusDetails?.message });
    v.kind = classifyFailure({ message, trace: r.statusDetails?.trace, story });
    v.message = message.split('\n').slice(0, 6).join('\n');
  }
  if (verdict === 'skipped' && r.statusDetails?.message) v.skipReason = r.statusDetails.message;
  // lib/checks/baseline.ts adds `observed` as a parameter `<status> <shape>`; the annotation form adds the point's name
  const observed = (r.parameters ?? []).filter((x) => x.name === 'observed').map((x) => x.value);
  if (observed.length) v.observed = observed;
  return v;
}

const RANK: Record<Cell, number> = { passed: 0, recorded: 0, skipped: 1, failed: 2 };

/** Observations without the point's name prefix, so annotation and parameter forms compare equal. */
const obsValue = (o: string) => o.replace(/^[^:]*: (?=\S+ )/, '');

export function compareRuns(a: Verdict[], b: Verdict[]): Comparison {
  const A = new Map(a.map((v) => [keyOf(v), v]));
  const B = new Map(b.map((v) => [keyOf(v), v]));
  const verdicts: VerdictChange[] = [];
  const observations: ObservationChange[] = [];
  let same = 0;
  for (const key of new Set([...A.keys(), ...B.keys()])) {
    const va = A.get(key);
    const vb = B.get(key);
    const any = (vb ?? va)!;
    const base = { key, feature: any.feature, title: any.title };
    if (!va) {
      verdicts.push({ ...base, b: vb!.verdict, change: vb!.verdict === 'failed' ? 'worsened' : 'new', message: vb!.message });
      continue;
    }
    if (!vb) {
      verdicts.push({ ...base, a: va.verdict, change: 'gone' });
      continue;
    }
    if (va.verdict === vb.verdict) same++;
    else {
      const change: Change = RANK[vb.verdict] > RANK[va.verdict] && vb.verdict === 'failed' ? 'worsened' : va.verdict === 'failed' ? 'improved' : 'changed';
      verdicts.push({ ...base, a: va.verdict, b: vb.verdict, change, message: vb.verdict === 'failed' ? vb.message : undefined });
    }
    const oa = (va.observed ?? []).map(obsValue).sort();
    const ob = (vb.observed ?? []).map(obsValue).sort();
    if (oa.length && ob.length && JSON.stringify(oa) !== JSON.stringify(ob)) {
      observations.push({ ...base, a: va.observed ?? [], b: vb.observed ?? [] });
    }
  }
  const order: Change[] = ['worsened', 'improved', 'changed', 'new', 'gone'];
  verdicts.sort((x, y) => order.indexOf(x.change) - order.indexOf(y.change) || x.key.localeCompare(y.key));
  observations.sort((x, y) => x.key.localeCompare(y.key));
  return { verdicts, observations, worsened: verdicts.filter((v) => v.change === 'worsened').length, same };
}

const cell = (c?: Cell) => (c ? `${SYMBOL[c]} ${c}` : '—');
const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function formatComparison(c: Comparison, nameA: string, nameB: string): string {
  const out: string[] = [`## Compare ${nameA} → ${nameB}`, ''];
  if (c.verdicts.length) {
    out.push('### Verdicts that changed', '', `| change | endpoint | check | ${esc(nameA)} | ${esc(nameB)} |`, '|---|---|---|---|---|');
    for (const v of c.verdicts) out.push(`| ${v.change} | ${esc(v.feature)} | ${esc(v.title)} | ${cell(v.a)} | ${cell(v.b)} |`);
    const why = c.verdicts.filter((v) => v.change === 'worsened' && v.message);
    if (why.length) {
      out.push('', 'Why they failed in ' + nameB + ':');
      for (const v of why) out.push(`- ${v.title}: ${v.message!.split('\n').find((l) => l.trim() && !/^Error: Property failed/.test(l))?.trim() ?? ''}`);
    }
    out.push('');
  } else out.push('No verdict changed.', '');
  if (c.observations.length) {
    out.push('### Silent points answered differently', '', `| endpoint | check | ${esc(nameA)} | ${esc(nameB)} |`, '|---|---|---|---|');
    for (const o of c.observations) out.push(`| ${esc(o.feature)} | ${esc(o.title)} | ${esc(o.a.join('; '))} | ${esc(o.b.join('; '))} |`);
    out.push('');
  }
  out.push(`${c.worsened} worsened, ${c.verdicts.filter((v) => v.change === 'improved').length} improved, ${c.verdicts.filter((v) => v.change === 'changed' || v.change === 'new' || v.change === 'gone').length} otherwise changed, ${c.observations.length} observation(s) changed, ${c.same} unchanged`);
  return out.join('\n') + '\n';
}

function main(): void {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.length !== 2 || args.some((a) => a.startsWith('-'))) {
    console.error('usage: npm run compare -- <run A> <run B>   (each an out dir, a verdicts.json or an allure-results dir)');
    process.exit(2);
  }
  let c: Comparison;
  try {
    c = compareRuns(loadRun(args[0]!), loadRun(args[1]!));
  } catch (err) {
    console.error(`npm run compare: ${(err as Error).message}`);
    process.exit(2);
  }
  process.stdout.write(formatComparison(c, args[0]!, args[1]!));
  process.exit(c.worsened ? 1 : 0);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
