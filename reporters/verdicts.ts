/**
 * One verdict per check of a run (out/verdicts.json), and the conformance matrix built from them:
 * rows = endpoint (`feature`), columns = kind of check (`story`), cells = passed ✓ / failed ✗ /
 * skipped ⊘ / recorded ◉ (a silent point that passed: the tenant's answer was recorded or matched its
 * baseline). Written by reporters/matrix.ts, merged across shards by scripts/report.ts, diffed by
 * scripts/compare.ts. Pure functions; no Playwright.
 */
import { readFileSync } from 'node:fs';
import type { FailureKind } from './classify.ts';
import { CATEGORY_NAME, FAILURE_KINDS } from './classify.ts';
import { notRunOf, byKindAndCause, byCause, type NotRun } from '../lib/plan/not-run.ts';

export type Cell = 'passed' | 'failed' | 'skipped' | 'recorded';

export interface Verdict {
  title: string;
  /** endpoint id, e.g. `PUT /api/crm/coworkertasks` (or `POST /api/token`) */
  feature: string;
  /** kind of check: reads, round trip, required fields, wrong types, silent points, authorization, authentication, token */
  story: string;
  /** module: spaces, crm, collaboration, auth */
  epic: string;
  severity?: string;
  tags: string[];
  file: string;
  verdict: Cell;
  /** Playwright's status: passed, failed, timedOut, skipped, interrupted */
  status: string;
  /** failed checks: why (reporters/classify.ts) */
  kind?: FailureKind;
  /** failed checks: the first lines of the error (redacted) */
  message?: string;
  /** skipped checks: the reason (`read-only target: …`, `write budget: …`) */
  skipReason?: string;
  /** silent points: `<name>: <status> <shape>` per observation */
  observed?: string[];
  /** what the run wrote for later runs, e.g. a first silent-point baseline */
  notices?: string[];
  seed?: string;
  durationMs: number;
  shard?: string;
}

export interface RunVerdicts {
  version: 1;
  runIds: string[];
  tenant?: string;
  baseUrl?: string;
  mode?: string;
  shards?: string[];
  finishedAt: string;
  verdicts: Verdict[];
}

export const SYMBOL: Record<Cell, string> = { passed: '✓', failed: '✗', skipped: '⊘', recorded: '◉' };

export const STORY_ORDER = ['reads', 'round trip', 'required fields', 'silent points', 'authorization', 'authentication', 'token'];

export interface Totals {
  passed: number;
  recorded: number;
  failed: number;
  skipped: number;
}

export interface Matrix {
  stories: string[];
  rows: { feature: string; epic: string; cells: Record<string, Totals> }[];
  totals: Totals;
  byKind: Partial<Record<FailureKind, number>>;
  skipReasons: { reason: string; count: number }[];
  /** the checks left out, contract checks and silent-point probes apart, by cause and kind (lib/plan/not-run.ts) */
  notRun: NotRun;
}

const zero = (): Totals => ({ passed: 0, recorded: 0, failed: 0, skipped: 0 });

export function buildMatrix(verdicts: Verdict[]): Matrix {
  const stories = [...new Set(verdicts.map((v) => v.story))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const rowsBy = new Map<string, Matrix['rows'][number]>();
  const totals = zero();
  const byKind: Matrix['byKind'] = {};
  const reasons = new Map<string, number>();
  for (const v of verdicts) {
    const row = rowsBy.get(v.feature) ?? { feature: v.feature, epic: v.epic, cells: {} };
    rowsBy.set(v.feature, row);
    const cell = (row.cells[v.story] ??= zero());
    cell[v.verdict]++;
    totals[v.verdict]++;
    if (v.verdict === 'failed' && v.kind) byKind[v.kind] = (byKind[v.kind] ?? 0) + 1;
    if (v.verdict === 'skipped') {
      const r = v.skipReason?.trim() || 'no reason given';
      reasons.set(r, (reasons.get(r) ?? 0) + 1);
    }
  }
  const rows = [...rowsBy.values()].sort((a, b) => a.epic.localeCompare(b.epic) || pathOf(a.feature).localeCompare(pathOf(b.feature)) || a.feature.localeCompare(b.feature));
  const skipReasons = [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  const notRun = notRunOf(verdicts.map((v) => ({ kind: v.story, notRun: v.verdict === 'skipped', reason: v.skipReason })));
  return { stories, rows, totals, byKind, skipReasons, notRun };
}

const rank = (s: string) => (STORY_ORDER.indexOf(s) === -1 ? 99 : STORY_ORDER.indexOf(s));
const pathOf = (feature: string) => feature.split(' ').slice(1).join(' ');

/** `12✓ 1✗ 3⊘ 2◉`; empty when the endpoint has no check of that kind. */
export function formatCell(t: Totals | undefined): string {
  if (!t) return '';
  const parts: string[] = [];
  if (t.passed) parts.push(`${t.passed}${SYMBOL.passed}`);
  if (t.recorded) parts.push(`${t.recorded}${SYMBOL.recorded}`);
  if (t.failed) parts.push(`${t.failed}${SYMBOL.failed}`);
  if (t.skipped) parts.push(`${t.skipped}${SYMBOL.skipped}`);
  return parts.join(' ');
}

/** The line CI parses: `N passed, N failed` (`, N skipped` when any); passed counts recorded silent points. */
export function summaryLine(t: Totals): string {
  return `${t.passed + t.recorded} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''}`;
}

/** Markdown table, columns padded so it also reads well in a terminal. */
export function matrixTable(m: Matrix): string {
  const header = ['endpoint', ...m.stories];
  const body = m.rows.map((r) => [r.feature, ...m.stories.map((s) => formatCell(r.cells[s]))]);
  const widths = header.map((h, i) => Math.max(width(h), ...body.map((row) => width(row[i]!)), 3));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c + ' '.repeat(widths[i]! - width(c))).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

// the cell symbols are one column wide in a terminal
const width = (s: string) => [...s].length;

export interface RenderContext {
  tenant?: string;
  baseUrl?: string;
  mode?: string;
  shards?: string[];
  /** a line said above the summary (e.g. baselines written) */
  notice?: string;
}

export function matrixMarkdown(m: Matrix, ctx: RenderContext = {}): string {
  const where = ctx.tenant ? ` · tenant ${ctx.tenant}${ctx.baseUrl ? ` (${ctx.baseUrl})` : ''}` : '';
  const out = [
    `## Nexudus conformance matrix${where}${ctx.mode ? ` · mode ${ctx.mode}` : ''}${ctx.shards?.length ? ` · shards ${ctx.shards.join(', ')}` : ''}`,
    '',
    `${SYMBOL.passed} passed · ${SYMBOL.failed} failed · ${SYMBOL.skipped} skipped · ${SYMBOL.recorded} recorded (silent point: the answer was recorded or matched the tenant's baseline)`,
    '',
    matrixTable(m),
    '',
  ];
  const kinds = FAILURE_KINDS.filter((k) => m.byKind[k]);
  if (kinds.length) out.push(`Failures: ${kinds.map((k) => `${m.byKind[k]} ${CATEGORY_NAME[k].toLowerCase()}`).join(', ')}`, '');
  out.push(...notRunLines(m), ...skipLines(m), ...(ctx.notice ? [ctx.notice, ''] : []), summaryLine(m.totals));
  return out.join('\n') + '\n';
}

/** What the run left out, counted by kind: contract checks, then silent-point probes (recordings, not contract checks) apart. */
export function notRunLines(m: Matrix): string[] {
  const { contract: c, silentPoints: s } = m.notRun;
  const lines = [
    ...(c.notRun ? [`Not run: ${c.notRun} of ${c.total} contract checks (${byKindAndCause(c)}).`] : []),
    ...(s.notRun ? [`Not run: ${s.notRun} silent-point probe${s.notRun === 1 ? '' : 's'} (${byCause(s)}), which record and are not contract checks.`] : []),
  ];
  return lines.length ? [...lines, ''] : [];
}

export function skipLines(m: Matrix): string[] {
  if (!m.totals.skipped) return [];
  const lines = [`${m.totals.skipped} check${m.totals.skipped === 1 ? '' : 's'} skipped:`];
  for (const r of m.skipReasons) lines.push(`- ${r.count} × ${r.reason}`);
  return [...lines, ''];
}

export function readVerdicts(path: string): RunVerdicts {
  const v = JSON.parse(readFileSync(path, 'utf8')) as RunVerdicts;
  if (v.version !== 1 || !Array.isArray(v.verdicts)) throw new Error(`${path} is not a verdicts.json written by reporters/matrix.ts`);
  return v;
}

/** Several runs (the shards of one run) as one. */
export function mergeVerdicts(runs: RunVerdicts[]): RunVerdicts {
  const uniq = <T>(xs: (T | undefined)[]) => [...new Set(xs.filter((x): x is T => x !== undefined))];
  return {
    version: 1,
    runIds: uniq(runs.flatMap((r) => r.runIds)),
    tenant: uniq(runs.map((r) => r.tenant)).join(', ') || undefined,
    baseUrl: uniq(runs.map((r) => r.baseUrl)).join(', ') || undefined,
    mode: uniq(runs.map((r) => r.mode)).join(', ') || undefined,
    shards: uniq(runs.flatMap((r) => r.shards ?? [])),
    finishedAt: runs.map((r) => r.finishedAt).sort().at(-1) ?? new Date().toISOString(),
    verdicts: runs.flatMap((r) => r.verdicts),
  };
}
