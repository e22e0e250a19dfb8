/**
 * Runs the conformance suite once for a mutation run, the way a user would (`playwright test` in a
 * child process, default property-test size), and condenses what it did into a MutationOutcome.
 * Fault runs stop at their first failing check (mutation testing's "bail": the fault is caught once
 * one check fails); NEXUDUS_MUTATION_FULL=1 runs every check and lists every catching one.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../../sandbox/index.ts';
import { startCleanroom } from '../../cleanroom/index.ts';
import { describeFault } from '../../sandbox/faults.ts';
import { DEFAULT_NUM_RUNS } from '../../lib/plan/suite.ts';
import { runSuite, failures, ROOT, type SuiteRun } from '../harness.ts';
import type { MutationOutcome, MutationRun } from './runs.ts';

export const FULL = process.env.NEXUDUS_MUTATION_FULL === '1';

/** the same users under other names (sandbox/profile.json), as another tenant's profile would have them */
const RENAME: Record<string, string> = { admin: 'owner', creator: 'maker', editor: 'fixer', reader: 'viewer', taskOwner: 'crmLead', nobody: 'guest' };

export async function execute(run: MutationRun): Promise<{ outcome: MutationOutcome; runs: SuiteRun[]; baselinesDir?: string }> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'nxc-mutation-'));
  const env: Record<string, string> = { FC_NUM_RUNS: String(DEFAULT_NUM_RUNS) };
  if (run.baselines === 'fresh') env.NEXUDUS_BASELINES = join(dir, 'baselines');
  // one worker: a run then needs about half the CPU for the same wall time (it waits on the sandbox more
  // than it computes), and the self-test runs several mutation runs side by side
  const args: string[] = ['--workers=1'];
  if (run.expect === 'red' && !FULL) args.push('--max-failures=1');
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
  const failed = runs.flatMap((r) => failures(r.results));
  const passed = runs.reduce((s, r) => s + (r.results?.stats.expected ?? 0), 0);
  const last = runs[runs.length - 1];
  const exitCode = runs.find((r) => r.code !== 0)?.code ?? last.code;
  const asExpected = run.expect === 'green'
    ? runs.every((r) => r.code === 0) && failed.length === 0
    // a fault is caught by a failing check, or by setup meeting a contract violation (exit 1, no check ran)
    : exitCode === 1 && (failed.length > 0 || runs.some((r) => /contract violation during setup/.test(r.stderr)));
  return {
    runs,
    baselinesDir: env.NEXUDUS_BASELINES,
    outcome: {
      id: run.id, kind: run.kind, expect: run.expect, what: run.what,
      category: run.kind === 'fault' ? describeFault(run.faults[0]).category : undefined,
      exitCode, passed, failed, bailed: args.includes('--max-failures=1'),
      seconds: Math.round((performance.now() - started) / 100) / 10,
      asExpected,
    },
  };
}

function otherTenantProfile(dir: string, baseUrl: string): string {
  const p = JSON.parse(readFileSync(join(ROOT, 'sandbox', 'profile.json'), 'utf8')) as { personas: Record<string, unknown>; tokenLifetimeSeconds?: number };
  const personas = Object.fromEntries(Object.entries(p.personas).map(([k, v]) => [RENAME[k] ?? k, v]));
  const profile = {
    name: 'another-tenant', baseUrl, personas, tokenLifetimeSeconds: p.tokenLifetimeSeconds,
    // given, not discovered (sandbox/README.md seeded Ids)
    fixtures: { businessId: 1400178699, countryId: 1220, simpleTimeZoneId: 2023, inventoryAssetId: 1400220924, responsibleId: 1400048093 },
  };
  const file = join(dir, 'another-tenant.json');
  writeFileSync(file, JSON.stringify(profile, null, 2));
  return file;
}
