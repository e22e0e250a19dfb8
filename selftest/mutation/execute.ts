/**
 * Runs the conformance suite once for a mutation run, the way a user would (`playwright test` in a child
 * process, default property-test size), and condenses what it did into a MutationOutcome.
 *
 * A fault counts as caught only for the right reason (./attribution.ts): a failing check classified `contract`
 * under one of the clauses the fault breaks (drift faults: drift on one of the silent points they move). Fault
 * runs stop at their first failing check (mutation testing's "bail"); when that failure is of another clause or
 * kind, the run is repeated on the checks not yet run that declare one of the fault's clauses, again with bail,
 * until one catches it or none is left (at most MAX_RERUNS times). NEXUDUS_MUTATION_FULL=1 runs every check once.
 *
 * Documented faults run against an empty baselines folder, so a silent point can never be what catches them.
 * Drift faults run against baselines recorded from the clean sandbox in the same self-test run: the clean sandbox's
 * silent points first, into a fresh folder, then the whole suite with the fault against that folder.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../../sandbox/index.ts';
import { startCleanroom } from '../../cleanroom/index.ts';
import { describeFault } from '../../sandbox/faults.ts';
import type { ClauseId } from '../../api/contract/clauses.ts';
import { DEFAULT_NUM_RUNS } from '../../lib/plan/suite.ts';
import { runSuite, failures, ROOT, DECLARED, type SuiteRun } from '../harness.ts';
import { attribute, judge, setupViolation, type Attributed, type CheckFailure } from './attribution.ts';
import type { MutationOutcome, MutationRun } from './runs.ts';

export const FULL = process.env.NEXUDUS_MUTATION_FULL === '1';

/** Entities read from pages that every sandbox mutation run covers besides the declared ones: each fault family meets them. */
export const PAGE_SAMPLE = ['BlogPost', 'Checkin', 'Booking'];
const MUTATION_ENTITIES = [DECLARED, ...PAGE_SAMPLE].join(',');

/** reruns of a fault whose first failing check was of another clause; each runs only checks not yet run */
export const MAX_RERUNS = 5;

/** the same users under other names (sandbox/profile.json), as another tenant's profile would have them */
const RENAME: Record<string, string> = { admin: 'owner', creator: 'maker', editor: 'fixer', reader: 'viewer', taskOwner: 'crmLead', nobody: 'guest' };

/** `o.clauses`: declare other clauses than the fault's own (the self-test of a rerun after a failure of the wrong reason) */
export async function execute(run: MutationRun, o: { clauses?: ClauseId[] } = {}): Promise<{ outcome: MutationOutcome; runs: SuiteRun[]; baselinesDir?: string }> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'nxc-mutation-'));
  // the sandbox runs cover the declared entities and a sample of those read from pages; the clean-room tenant serves
  // the declared ones only (it was written from the seed pages)
  const env: Record<string, string> = { FC_NUM_RUNS: String(DEFAULT_NUM_RUNS), NEXUDUS_ENTITIES: run.cleanroom ? DECLARED : MUTATION_ENTITIES };
  if (run.baselines !== 'committed') env.NEXUDUS_BASELINES = join(dir, 'baselines');
  if (run.kind === 'fault') return executeFault(run, env, started, o.clauses);
  // one worker: a run then needs about half the CPU for the same wall time (it waits on the sandbox more
  // than it computes), and the self-test runs several mutation runs side by side
  const args: string[] = ['--workers=1'];
  const runs: SuiteRun[] = [];
  if (run.cleanroom) {
    const tenant = await startCleanroom({ preset: run.cleanroom as never, knobs: run.knobs as never, port: 0 });
    try {
      const file = join(dir, `${run.cleanroom}.json`);
      writeFileSync(file, JSON.stringify(tenant.profile, null, 2));
      env.NEXUDUS_PROFILE = file;
      // a run made once (one knob turned, or a preset beside the ones run twice): cover mode, every rule once;
      // a preset run twice: explore mode, property runs included
      if (!run.twice) env.NEXUDUS_MODE = 'cover';
      runs.push(await runSuite({ env, args }));
      if (runs[0].code === 0 && run.twice) runs.push(await runSuite({ env, args }));
    } finally {
      await tenant.close();
    }
  } else if (run.otherTenant) {
    const sb = await startSandbox({ port: 0, variations: run.variations, faults: run.faults });
    try {
      env.NEXUDUS_PROFILE = otherTenantProfile(dir, sb.url);
      runs.push(await runSuite({ env, args }));
      // a tenant seen before: its recorded silent points must match again
      if (runs[0].code === 0) runs.push(await runSuite({ env, args }));
    } finally {
      await sb.close();
    }
  } else {
    if (run.faults.length) env.NEXUDUS_SANDBOX_FAULTS = run.faults.join(',');
    if (run.variations.length) env.NEXUDUS_SANDBOX_VARY = run.variations.join(',');
    runs.push(await runSuite({ env, args }));
  }
  const failed = runs.flatMap((r) => failedChecks(r).flatMap(attribute));
  const passed = runs.reduce((s, r) => s + (r.results?.stats.expected ?? 0), 0);
  const last = runs[runs.length - 1];
  const exitCode = runs.find((r) => r.code !== 0)?.code ?? last.code;
  return {
    runs,
    baselinesDir: env.NEXUDUS_BASELINES,
    outcome: {
      id: run.id, kind: run.kind, expect: run.expect, what: run.what,
      exitCode, passed, failed: failed.map(shown), bailed: false, suiteRuns: runs.length,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      asExpected: runs.every((r) => r.code === 0) && failed.length === 0,
    },
  };
}

async function executeFault(run: MutationRun, env: Record<string, string>, started: number, clauses?: ClauseId[]): Promise<{ outcome: MutationOutcome; runs: SuiteRun[]; baselinesDir?: string }> {
  const fault = { ...describeFault(run.faults[0]), ...(clauses ? { clauses } : {}) };
  const drift = fault.category === 'drift';
  const runs: SuiteRun[] = [];
  const notes: string[] = [];
  const found: Attributed[] = [];
  let recording: MutationOutcome['recording'];
  const outcome = (): { outcome: MutationOutcome; runs: SuiteRun[]; baselinesDir?: string } => {
    const { caughtBy, wrongReason } = judge(fault, found);
    const last = runs[runs.length - 1];
    return {
      runs,
      baselinesDir: env.NEXUDUS_BASELINES,
      outcome: {
        id: run.id, kind: run.kind, expect: run.expect, what: run.what, category: fault.category, clauses: [...fault.clauses],
        exitCode: runs.find((r) => r.code !== 0)?.code ?? last?.code ?? null,
        passed: runs.reduce((s, r) => s + (r.results?.stats.expected ?? 0), 0),
        failed: found.map(shown), bailed: !FULL, suiteRuns: runs.length,
        seconds: Math.round((performance.now() - started) / 100) / 10,
        asExpected: caughtBy !== undefined,
        ...(caughtBy ? { caughtBy: shown(caughtBy) } : {}),
        wrongReason: wrongReason.map(shown),
        ...(recording ? { recording } : {}),
        ...(notes.length ? { note: notes.join('; ') } : {}),
      },
    };
  };

  if (drift) {
    // the clean sandbox's answers to the silent points, recorded into this run's own baselines folder
    const t = performance.now();
    const rec = await runSuite({ env, args: ['--workers=1', 'tests/silent-points.spec.ts'] });
    recording = {
      exitCode: rec.code, passed: rec.results?.stats.expected ?? 0, failed: failures(rec.results).length,
      seconds: Math.round((performance.now() - t) / 100) / 10,
    };
    if (rec.code !== 0) {
      // a false alarm of the clean sandbox, not a verdict on the fault: no baseline to drift from
      const why = failedChecks(rec).flatMap(attribute).slice(0, 3).map((a) => `${a.title} [${a.kind}${a.clause ? ` ${a.clause}` : ''}]: ${a.error}`);
      notes.push(`recording the clean sandbox's silent points failed (exit ${rec.code}), no baseline to drift from: ${why.join(' | ') || (rec.stderr.trim() || rec.stdout.trim()).split('\n').slice(-3).join(' ').slice(0, 300)}`);
      runs.push(rec);
      return outcome();
    }
  }

  const faultEnv = { ...env, NEXUDUS_SANDBOX_FAULTS: run.faults.join(',') };
  let only: string[] | undefined;
  for (let attempt = 0; ; attempt++) {
    // one worker: a run then needs about half the CPU for the same wall time (it waits on the sandbox more
    // than it computes), and the self-test runs several mutation runs side by side
    const args = ['--workers=1', ...(FULL ? [] : ['--max-failures=1']), ...(only ? [`--grep=${grepOf(only)}`] : [])];
    const r = await runSuite({ env: faultEnv, args });
    runs.push(r);
    const atSetup = r.code !== 0 ? setupViolation(r.stderr) : undefined;
    if (atSetup) found.push(atSetup);
    const checks = specsOf(r);
    found.push(...checks.filter((c) => c.failed).flatMap((c) => attribute(c)));
    if (judge(fault, found).caughtBy || FULL) break;
    if (atSetup) break; // setup comes before every check: running again meets it again
    if (r.code !== 0 && !checks.some((c) => c.failed)) {
      notes.push(`run ${runs.length} ended with exit ${r.code} and no failed check: ${(r.stderr.trim() || r.stdout.trim()).split('\n').slice(-3).join(' ').slice(0, 300)}`);
      break;
    }
    if (r.code === 0) break; // every selected check ran and passed: nothing left that could catch it
    // bail stopped the run at a failure of another clause: the checks not yet run that declare one of the fault's clauses
    const left = checks.filter((c) => !c.ran && c.checkClauses.some((x) => (fault.clauses as readonly string[]).includes(x))).map((c) => c.title);
    if (!left.length) break;
    if (attempt >= MAX_RERUNS) {
      notes.push(`gave up after ${MAX_RERUNS} reruns with ${left.length} checks of its clauses not run`);
      break;
    }
    only = left;
  }
  return outcome();
}

const shown = (a: Attributed): MutationOutcome['failed'][number] => ({ title: a.title, error: a.error, kind: a.kind, ...(a.clause ? { clause: a.clause } : {}) });

/** `--grep` for exactly these check titles (the grep title is the title path, then the tags, space-separated). */
export function grepOf(titles: readonly string[]): string {
  const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return `(?:^| )(?:${titles.map(esc).join('|')})(?: @|$)`;
}

interface ReportSpec {
  title: string;
  tests: {
    status: string;
    annotations?: { type: string; description?: string }[];
    results: { status: string; error?: { message?: string }; errors?: { message?: string }[] }[];
  }[];
}
interface ReportSuite { specs?: ReportSpec[]; suites?: ReportSuite[] }

/** Every check of a run's JSON report: whether it ran, whether it failed, its story, clauses and error messages. */
function specsOf(r: SuiteRun): (CheckFailure & { ran: boolean; failed: boolean; checkClauses: string[] })[] {
  const out: (CheckFailure & { ran: boolean; failed: boolean; checkClauses: string[] })[] = [];
  const walk = (s: ReportSuite) => {
    for (const sp of s.specs ?? []) {
      const t = sp.tests[0];
      if (!t) continue;
      const note = (type: string) => t.annotations?.find((a) => a.type === type)?.description;
      const res = t.results.find((x) => x.error || x.errors?.length);
      const messages = (res?.errors?.length ? res.errors : res?.error ? [res.error] : []).map((e) => e.message ?? '');
      out.push({
        title: sp.title, ran: t.results.length > 0, failed: t.status === 'unexpected', story: note('story'),
        checkClauses: (note('clauses') ?? '').split(',').map((x) => x.trim()).filter(Boolean), messages,
      });
    }
    s.suites?.forEach(walk);
  };
  (r.results as unknown as ReportSuite | undefined)?.suites?.forEach(walk);
  return out;
}

const failedChecks = (r: SuiteRun) => specsOf(r).filter((c) => c.failed);

function otherTenantProfile(dir: string, baseUrl: string): string {
  const p = JSON.parse(readFileSync(join(ROOT, 'sandbox', 'profile.json'), 'utf8')) as { personas: Record<string, unknown>; tokenLifetimeSeconds?: number; fixtures?: Record<string, number> };
  const personas = Object.fromEntries(Object.entries(p.personas).map(([k, v]) => [RENAME[k] ?? k, v]));
  const profile = {
    name: 'another-tenant', baseUrl, personas, tokenLifetimeSeconds: p.tokenLifetimeSeconds,
    // given, not discovered (sandbox/README.md seeded Ids)
    // (the records the sandbox seeds for the foreign keys of entities read from pages are named in its profile)
    fixtures: { ...p.fixtures, businessId: 1400178699, countryId: 1220, simpleTimeZoneId: 2023, inventoryAssetId: 1400220924, responsibleId: 1400048093 },
  };
  const file = join(dir, 'another-tenant.json');
  writeFileSync(file, JSON.stringify(profile, null, 2));
  return file;
}
