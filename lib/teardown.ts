/**
 * End of run: delete every record the ledger says is still alive, children first, then total the
 * requests per check and compare them with the plan ("the planned request count equals the
 * count sent"). The totals go to out/run/<runId>/summary.json.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Api, type ClientContext } from './client.ts';
import type { Profile } from './profile.ts';
import type { RunState } from './run-state.ts';
import { aliveRecords } from './ledger.ts';
import { entityByName } from './catalogue/entities.ts';
import type { Plan } from './plan.ts';

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
  planned: { reads: number; writes: number } | null;
  sent: { reads: number; writes: number; tokens: number; throttles: number; retries: number };
  status: string;
  skipped: boolean;
  /** time in the check (ms), of it generating payloads (ms), property cases run */
  work?: { ms: number; genMs: number; cases: number };
}

export function readCounts(state: RunState): CountLine[] {
  const p = join(state.outDir, 'run', state.runId, 'counts.jsonl');
  if (!existsSync(p)) return [];
  return readFileSync(p, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as CountLine);
}

/** out/run/<runId>/summary.json: what a run planned and sent, and where its check time went. */
export interface RunSummary {
  runId: string;
  planned: { reads: number; writes: number; checks: number };
  plannedOfRun: { reads: number; writes: number };
  sent: { reads: number; writes: number; tokens: number };
  throttles: number;
  retries: number;
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

export function summarizeCounts(state: RunState, plan: Plan): void {
  const lines = readCounts(state);
  const ran = lines.filter((l) => !l.skipped && l.planned);
  const sum = (f: (l: CountLine) => number) => ran.reduce((s, l) => s + f(l), 0);
  const summary: RunSummary = {
    runId: state.runId,
    planned: { reads: plan.totals.reads, writes: plan.totals.writes, checks: plan.totals.checks },
    plannedOfRun: { reads: sum((l) => l.planned!.reads), writes: sum((l) => l.planned!.writes) },
    sent: { reads: sum((l) => l.sent.reads), writes: sum((l) => l.sent.writes), tokens: sum((l) => l.sent.tokens) },
    throttles: sum((l) => l.sent.throttles),
    retries: sum((l) => l.sent.retries),
    mismatches: ran.filter((l) => l.status === 'passed' && (l.sent.reads !== l.planned!.reads || l.sent.writes !== l.planned!.writes))
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
  console.log(`  requests: planned ${summary.plannedOfRun.reads} reads + ${summary.plannedOfRun.writes} writes for the checks that ran; sent ${summary.sent.reads} + ${summary.sent.writes}` +
    ` (+${summary.sent.tokens} token, ${summary.retries} retries after ${summary.throttles} throttles)`);
  const w = summary.work;
  console.log(`  work: ${(w.checkMs / 1000).toFixed(1)} s in checks (all workers), ${(w.generationMs / 1000).toFixed(2)} s of it generating payloads` +
    ` (${w.checkMs ? ((100 * w.generationMs) / w.checkMs).toFixed(1) : '0'}%), ${w.propertyCases} property cases`);
}
