/**
 * End of run: delete every record the ledger says is still alive, children first, then total the
 * requests per check and compare them with the plan ("the planned request count equals the
 * count sent"). The totals go to out/run/<runId>/summary.json.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Api, type ClientContext } from '../client/client.ts';
import type { Profile } from '../config/profile.ts';
import type { RunState } from '../handoff/run-state.ts';
import { aliveRecords } from '../client/ledger.ts';
import { ENTITIES, entityByName } from '../../api/catalogue/entities.ts';
import type { Plan } from '../plan/plan.ts';
import type { Counts } from '../client/client.ts';

export async function teardownRun(ctx: ClientContext, profile: Profile, state: RunState): Promise<void> {
  const admin = new Api(ctx, profile.admin, { kind: 'bearer' });
  const alive = aliveRecords(state.ledgerPath).sort((a, b) => entityByName(a.entity).deleteOrder - entityByName(b.entity).deleteOrder);
  let failed = 0;
  for (const r of alive) {
    try {
      const ex = await admin.remove(entityByName(r.entity), r.id);
      if (ex.status !== 200 && ex.status !== 404) failed++;
    } catch {
      failed++;
    }
  }
  // nothing created (a read-only run, or setup that stopped before its first write): nothing to say
  if (alive.length || failed) console.log(`  teardown: ${alive.length} record(s) of this run deleted${failed ? `, ${failed} failed (run \`npm run sweep\`)` : ''}`);
}

export interface CountLine {
  title: string;
  kind?: string;
  endpoint?: string;
  planned: { reads: number; writes: number; tokens?: number } | null;
  sent: Counts;
  status: string;
  skipped: boolean;
  /** time in the check without pacing waits (ms), the waits (ms), generating payloads (ms), property cases run */
  work?: { ms: number; waitedMs?: number; genMs: number; cases: number };
}

export function readCounts(state: RunState): CountLine[] {
  return readLines<CountLine>(join(state.outDir, 'run', state.runId, 'counts.jsonl'));
}

function readLines<T>(p: string): T[] {
  if (!existsSync(p)) return [];
  return readFileSync(p, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);
}

type Trio = { reads: number; writes: number; tokens: number };
const trio = (c: Pick<Counts, 'reads' | 'writes' | 'tokens'>): Trio => ({ reads: c.reads, writes: c.writes, tokens: c.tokens });
const plus = (a: Trio, b: Trio): Trio => ({ reads: a.reads + b.reads, writes: a.writes + b.writes, tokens: a.tokens + b.tokens });
const minus = (a: Trio, b: Trio): Trio => ({ reads: a.reads - b.reads, writes: a.writes - b.writes, tokens: a.tokens - b.tokens });
const ZERO: Trio = { reads: 0, writes: 0, tokens: 0 };
const isZero = (t: Trio) => !t.reads && !t.writes && !t.tokens;
const show = (t: Trio) => `${t.reads} reads + ${t.writes} writes + ${t.tokens} tokens`;

/** out/run/<runId>/summary.json: what a run planned and sent, where any difference came from, and where its time went. */
export interface RunSummary {
  runId: string;
  planned: { reads: number; writes: number; checks: number };
  plannedOfRun: { reads: number; writes: number };
  /** the whole run, setup and teardown included: planned and sent per kind, and the causes of any difference */
  run: {
    planned: Trio;
    sent: Trio;
    explained: { repeats: Trio; retriesBy: Counts['retriesBy']; renewals: number; signIns: number; lookupPages: number; sweep: Trio; cleanup: Trio; checksThatDidNotPass: Trio };
    unexplained: Trio;
  };
  sent: { reads: number; writes: number; tokens: number };
  throttles: number;
  retries: number;
  retriesBy: Counts['retriesBy'];
  /** limiter waits, all processes (not part of any check's duration) */
  waitedMs: number;
  mismatches: { title: string; planned: CountLine['planned']; sent: { reads: number; writes: number } }[];
  checksRun: number;
  skipped: number;
  work: { checkMs: number; generationMs: number; propertyCases: number };
}

/** The summary of the last run that wrote `outDir` (its run/latest.json), if it got that far. */
export function readRunSummary(outDir: string): RunSummary | undefined {
  const latest = join(outDir, 'run', 'latest.json');
  if (!existsSync(latest)) return undefined;
  const { runId } = JSON.parse(readFileSync(latest, 'utf8')) as { runId: string };
  const p = join(outDir, 'run', runId, 'summary.json');
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as RunSummary) : undefined;
}

export interface RunnerCounts {
  /** preflight, discovery, sweep and setup (the runner's counts when setup ended) */
  setup: Counts;
  /** the start sweep alone */
  sweep: Counts;
  /** the runner while the checks ran: the token broker's renewals for the workers */
  checks: Counts;
  teardown: Counts;
}

/** Totals the run and compares it with its plan, per kind (reads, writes, token requests), naming the cause of every difference. */
export function summarizeRun(state: RunState, plan: Plan, runner: RunnerCounts): RunSummary {
  const lines = readCounts(state);
  const workers = readLines<{ counts: Counts; cleanup: Counts }>(join(state.outDir, 'run', state.runId, 'workers.jsonl'));
  const ran = lines.filter((l) => !l.skipped && l.planned);
  const sum = (f: (l: CountLine) => number) => ran.reduce((s, l) => s + f(l), 0);
  const all: Counts[] = [runner.setup, runner.checks, runner.teardown, ...workers.map((w) => w.counts)];
  const total = <K extends 'retries' | 'throttles' | 'renewals' | 'waitedMs'>(k: K) => all.reduce((s, c) => s + (c[k] ?? 0), 0);
  const sent = all.reduce<Trio>((s, c) => plus(s, trio(c)), ZERO);
  const repeats = all.reduce<Trio>((s, c) => plus(s, c.repeats ?? ZERO), ZERO);
  const retriesBy = all.reduce((s, c) => ({ throttle: s.throttle + c.retriesBy.throttle, token: s.token + c.retriesBy.token, server: s.server + c.retriesBy.server, denied: s.denied + (c.retriesBy.denied ?? 0) }), { throttle: 0, token: 0, server: 0, denied: 0 });
  const renewals = total('renewals');
  // a lookup by marker is planned as one list read; a tenant that ignores the exact filter is paged through
  const lookupPages = all.reduce((s, c) => s + (c.lookupPages ?? 0), 0);
  // sign-ins in workers: workers take their tokens from the runner's broker, so each one is a request the plan did not foresee
  const signIns = workers.reduce((s, w) => s + w.counts.signIns, 0);
  // the start sweep's one list per entity is planned; further pages, and deleting an earlier run's records, are its own
  const sweepExtra: Trio = plan.setup.make.startSweep ? { reads: Math.max(0, runner.sweep.reads - runner.sweep.repeats.reads - (state.entities?.length || ENTITIES.length)), writes: runner.sweep.writes - runner.sweep.repeats.writes, tokens: 0 } : ZERO;
  // what checks left behind (a write accepted against the plan, or a failed check's records) is deleted by a test's cleanup or by teardown
  // (first attempts only: their repeats are counted with the other repeats)
  const teardownWrites = runner.teardown.writes - runner.teardown.repeats.writes;
  const cleanup = plus(workers.reduce<Trio>((s, w) => plus(s, firstAttempts(w.cleanup)), ZERO), { reads: 0, writes: Math.max(0, teardownWrites - plan.teardownWrites), tokens: 0 });
  // a check that failed stops where it failed (or sends cleanup); its difference is the failure's, not the plan's
  const notPassed = lines.filter((l) => !l.skipped && l.planned && l.status !== 'passed')
    .reduce<Trio>((s, l) => plus(s, minus(firstAttempts(l.sent), { reads: l.planned!.reads, writes: l.planned!.writes, tokens: l.planned!.tokens ?? 0 })), ZERO);
  const planned: Trio = plannedOfThisRun(plan, lines, state);
  const explained = plus(plus(plus(repeats, sweepExtra), plus(cleanup, notPassed)), { reads: lookupPages, writes: 0, tokens: renewals + signIns });
  const summary: RunSummary = {
    runId: state.runId,
    planned: { reads: plan.totals.reads, writes: plan.totals.writes, checks: plan.totals.checks },
    plannedOfRun: { reads: sum((l) => l.planned!.reads), writes: sum((l) => l.planned!.writes) },
    run: { planned, sent, explained: { repeats, retriesBy, renewals, signIns, lookupPages, sweep: sweepExtra, cleanup, checksThatDidNotPass: notPassed }, unexplained: minus(minus(sent, planned), explained) },
    sent: { reads: sum((l) => l.sent.reads), writes: sum((l) => l.sent.writes), tokens: sum((l) => l.sent.tokens) },
    throttles: total('throttles'),
    retries: total('retries'),
    retriesBy,
    waitedMs: total('waitedMs'),
    mismatches: ran.filter((l) => l.status === 'passed' && (firstAttempts(l.sent).reads !== l.planned!.reads || firstAttempts(l.sent).writes !== l.planned!.writes))
      .map((l) => ({ title: l.title, planned: l.planned, sent: { reads: l.sent.reads, writes: l.sent.writes } })),
    checksRun: ran.length,
    skipped: lines.filter((l) => l.skipped).length,
    // generation's share of the time the checks took (all workers together)
    work: {
      checkMs: sum((l) => l.work?.ms ?? 0),
      generationMs: Math.round(sum((l) => l.work?.genMs ?? 0)),
      propertyCases: sum((l) => l.work?.cases ?? 0),
    },
  };
  writeFileSync(join(state.outDir, 'run', state.runId, 'summary.json'), JSON.stringify(summary, null, 2));
  printSummary(summary);
  return summary;
}

/** A check's requests without repeats and renewals: what the plan counts. */
function firstAttempts(c: Counts): Trio {
  return { reads: c.reads - (c.repeats?.reads ?? 0) - (c.lookupPages ?? 0), writes: c.writes - (c.repeats?.writes ?? 0), tokens: c.tokens - (c.repeats?.tokens ?? 0) - (c.renewals ?? 0) - (c.signIns ?? 0) };
}

/** The plan of the checks that got to run: a check Playwright never started (max failures, interrupted) sent nothing. */
function plannedOfThisRun(plan: Plan, lines: CountLine[], state: RunState): Trio {
  const started = new Set(lines.filter((l) => !l.skipped).map((l) => l.title));
  // including those setup skipped after planning (the tenant had no record to read)
  const dropped = plan.checks.filter((c) => c.selected && !c.skip && !started.has(c.title));
  const notStarted = dropped.reduce<Trio>((s, c) => plus(s, { reads: c.cost.reads, writes: c.cost.writes, tokens: c.cost.tokens ?? 0 }), ZERO);
  return minus(plan.totals.run, notStarted);
}

function printSummary(s: RunSummary): void {
  const r = s.run;
  const causes: string[] = [];
  const by = s.retriesBy;
  if (by.throttle) causes.push(`${by.throttle} repeated after a throttle`);
  if (by.token) causes.push(`${by.token} repeated after a 401 with a lapsed token`);
  // a 401 the renewed token got too: a denial (a persona lacking a role), repeated once in case the token had lapsed
  if (by.denied) causes.push(`${by.denied} denied requests repeated once with a renewed token (a denial's 401, not a lapsed token)`);
  if (by.server) causes.push(`${by.server} reads repeated after a 5xx or no answer`);
  if (r.explained.renewals) causes.push(`${r.explained.renewals} token renewals (tokens lapsed)`);
  if (r.explained.signIns) causes.push(`${r.explained.signIns} sign-ins by workers`);
  if (r.explained.lookupPages) causes.push(`${r.explained.lookupPages} further list pages read by lookups (the tenant ignored the exact filter)`);
  if (!isZero(r.explained.sweep)) causes.push(`start sweep of earlier runs' records: ${show(r.explained.sweep)}`);
  if (!isZero(r.explained.cleanup)) causes.push(`cleanup of records checks left behind (a probe the tenant accepted, or a refused write it carried out): ${show(r.explained.cleanup)}`);
  if (!isZero(r.explained.checksThatDidNotPass)) causes.push(`checks that did not pass sent ${signed(r.explained.checksThatDidNotPass)} against their plan`);
  const same = isZero(minus(r.sent, r.planned));
  console.log(`  requests: planned ${show(r.planned)} · sent ${show(r.sent)}${same ? ' (= planned)' : ''}`);
  if (causes.length) console.log(`    the difference: ${causes.join('; ')}`);
  if (!isZero(r.unexplained)) console.log(`    unexplained: ${signed(r.unexplained)} (a bug in the suite's plan: please report it)`);
  if (s.waitedMs > 0) console.log(`  pacing: ${(s.waitedMs / 1000).toFixed(1)} s waited for the tenant's limits (not counted in any check's duration)`);
  const w = s.work;
  console.log(`  work: ${(w.checkMs / 1000).toFixed(1)} s in checks (all workers), ${(w.generationMs / 1000).toFixed(2)} s of it generating payloads` +
    ` (${w.checkMs ? ((100 * w.generationMs) / w.checkMs).toFixed(1) : '0'}%), ${w.propertyCases} property cases`);
}

const signed = (t: Trio) => [['reads', t.reads], ['writes', t.writes], ['tokens', t.tokens]].filter(([, n]) => n).map(([k, n]) => `${(n as number) > 0 ? '+' : ''}${n} ${k}`).join(', ') || '0';
