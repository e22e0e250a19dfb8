/**
 * `npm run report [-- [--out <dir>] [--merge <shard out dir>…] [<allure results dir>…]]`
 *
 * Builds the Allure 3 single-file report (offline, no Java, opens from file://) from
 * <out>/allure-results into <out>/allure-report/index.html, with allurerc.ts (categories, grouping).
 * With --merge, first combines the shards' outputs into <out>: their Allure results (the files have
 * unique names, so the directories are simply copied together), their verdicts into one
 * verdicts.json, and the matrix into one conformance-matrix.md/.json. docs/reports.md.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { environmentOf, readEnvironmentProperties, writeEnvironmentProperties, type Environment } from '../reporters/environment.ts';
import { buildMatrix, matrixMarkdown, mergeVerdicts, readVerdicts, summaryLine } from '../reporters/verdicts.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface ReportOptions {
  outDir: string;
  /** shard output dirs to merge into outDir first */
  merge?: string[];
  /** results dirs; default <outDir>/allure-results */
  results?: string[];
  quiet?: boolean;
}

export interface ReportResult {
  ok: boolean;
  index: string;
  message: string;
}

export function parseReportArgs(argv: string[]): ReportOptions {
  const o: ReportOptions = { outDir: process.env.NEXUDUS_OUT || 'out', merge: [], results: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--out') o.outDir = need(argv, ++i, a);
    else if (a === '--merge') {
      while (argv[i + 1] && !argv[i + 1]!.startsWith('--')) o.merge!.push(argv[++i]!);
      if (!o.merge!.length) throw new Error('--merge needs the output directories of the shards');
    } else if (a === '--help' || a === '-h') {
      console.log('usage: npm run report -- [--out <dir>] [--merge <shard out dir>…] [<allure results dir>…]');
      process.exit(0);
    } else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else o.results!.push(a);
  }
  return o;
}

const need = (argv: string[], i: number, flag: string) => {
  const v = argv[i];
  if (!v) throw new Error(`${flag} needs a value`);
  return v;
};

/** Combines the shards' out dirs into outDir: Allure results, environment, verdicts, matrix. */
export function mergeShards(outDir: string, shardDirs: string[], log: (s: string) => void = console.log): void {
  const results = join(outDir, 'allure-results');
  mkdirSync(results, { recursive: true });
  const envs: Environment[] = [];
  const runs = [];
  for (const d of shardDirs) {
    const r = join(d, 'allure-results');
    if (!existsSync(r)) throw new Error(`${r} does not exist: is ${d} the NEXUDUS_OUT of a shard?`);
    for (const f of readdirSync(r)) {
      if (f === 'environment.properties') envs.push(readEnvironmentProperties(join(r, f)));
      else cpSync(join(r, f), join(results, f));
    }
    const v = join(d, 'verdicts.json');
    if (existsSync(v)) runs.push(readVerdicts(v));
    else log(`  note: ${v} is missing (that shard did not finish?); the merged matrix lacks it`);
  }
  // one environment: values that differ between shards (run id, base URL of a sandbox, shard) are joined
  if (envs.length) {
    const merged: Environment = {};
    for (const k of new Set(envs.flatMap((e) => Object.keys(e)))) merged[k] = [...new Set(envs.map((e) => e[k]).filter((x): x is string => !!x))].join(', ');
    writeEnvironmentProperties(results, merged);
  }
  if (runs.length) {
    const run = mergeVerdicts(runs);
    const m = buildMatrix(run.verdicts);
    writeFileSync(join(outDir, 'verdicts.json'), JSON.stringify(run, null, 2) + '\n');
    writeFileSync(join(outDir, 'conformance-matrix.json'), JSON.stringify({ ...m, tenant: run.tenant, baseUrl: run.baseUrl, mode: run.mode, shards: run.shards }, null, 2) + '\n');
    const md = matrixMarkdown(m, { tenant: run.tenant, baseUrl: run.baseUrl, mode: run.mode, shards: run.shards });
    writeFileSync(join(outDir, 'conformance-matrix.md'), md);
    log(`merged ${shardDirs.length} shard(s) into ${outDir}: ${summaryLine(m.totals)}`);
  }
}

/** The Allure CLI of this project (node_modules/allure), run with this Node. */
function allureCli(): string {
  const req = createRequire(join(ROOT, 'package.json'));
  // 'allure' exports no package.json; its main is dist/index.js, the CLI sits beside dist/
  return join(req.resolve('allure'), '..', '..', 'cli.js');
}

export function buildReport(o: ReportOptions): ReportResult {
  const outDir = resolve(o.outDir);
  const log = o.quiet ? () => {} : (s: string) => console.log(s);
  if (o.merge?.length) mergeShards(outDir, o.merge.map((d) => resolve(d)), log);
  const results = (o.results?.length ? o.results : [join(outDir, 'allure-results')]).map((r) => resolve(r));
  const missing = results.filter((r) => !existsSync(r));
  const index = join(outDir, 'allure-report', 'index.html');
  if (missing.length) return { ok: false, index, message: `no Allure results at ${missing.join(', ')}: run the suite first (npm run conformance)` };
  // results written without reporters/allure.ts (or an interrupted run) lack the environment: add it from the run state
  for (const r of results) {
    if (existsSync(join(r, 'environment.properties'))) continue;
    const env = environmentOf(outDir);
    if (env) writeEnvironmentProperties(r, env);
  }
  const p = spawnSync(process.execPath, [allureCli(), 'generate', '-c', join(ROOT, 'allurerc.ts'), '-o', join(outDir, 'allure-report'), ...results], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NEXUDUS_OUT: outDir, NO_COLOR: '1' },
  });
  if (p.status !== 0 || !existsSync(index)) {
    return { ok: false, index, message: `allure generate failed (exit ${p.status}):\n${(p.stderr || p.stdout || '').slice(-2000)}` };
  }
  return { ok: true, index, message: `Allure report: ${pathToFileURL(index).href}` };
}

async function main(): Promise<void> {
  let o: ReportOptions;
  try {
    o = parseReportArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`npm run report: ${(err as Error).message}`);
    process.exit(2);
  }
  const r = buildReport(o);
  (r.ok ? console.log : console.error)(r.message);
  process.exit(r.ok ? 0 : 2);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
