/**
 * Self-test by mutation: the conformance suite must stay green on the clean sandbox and on
 * every conformant variation, and catch every fault by the clause it breaks (drift faults: as drift on the
 * silent point they move). The score (documented faults caught by their own clause, drift faults caught as
 * drift, faults caught for the wrong reason, false alarms / green runs) is printed by ./score-reporter.ts at the
 * end of `npm run selftest`.
 */
import { test, expect } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MUTATION_RUNS } from './runs.ts';
import { execute } from './execute.ts';
import { runSummary } from '../harness.ts';

const show = (o: { failed: { title: string; error: string }[] }) => o.failed.map((f) => `${f.title}\n    ${f.error}`).join('\n');

for (const run of MUTATION_RUNS) {
  test(`${run.id} → suite ${run.expect}`, async ({}, testInfo) => {
    // a drift fault records the clean sandbox's silent points first; a fault caught for the wrong reason runs again
    test.setTimeout(run.otherTenant || run.kind === 'fault' ? 300_000 : 180_000);
    const { outcome, runs, baselinesDir } = await execute(run);
    await testInfo.attach('mutation-outcome', { body: JSON.stringify(outcome), contentType: 'application/json' });
    const tail = runs.map((r) => r.stderr.slice(-1200)).join('\n');
    if (run.expect === 'green') {
      expect(outcome.failed, `false alarm: checks that failed against ${run.what}\n${show(outcome)}`).toEqual([]);
      expect(outcome.exitCode, `exit code against ${run.what}\n${tail}`).toBe(0);
      expect(outcome.passed, 'the run checked something').toBeGreaterThan(100);
      if (run.otherTenant) {
        const [first] = runs;
        // the checks speak this tenant's persona names, never the sandbox's
        expect(first.stdout).not.toMatch(/ as (admin|creator|editor|reader|taskOwner|nobody)\b/);
        expect(first.stdout).toMatch(/ as fixer \(holds CoworkerTask-Edit\) → allowed/);
        expect(readdirSync(join(baselinesDir!, 'another-tenant')).length, 'silent points recorded on the first run').toBeGreaterThan(20);
        expect(runSummary(first)!.throttles, 'the tenant throttled and the suite waited').toBeGreaterThan(10);
        expect(runs.length, 'a second run against the recorded baselines').toBe(2);
      }
    } else {
      // caught only for the right reason: a failing check (or setup) raised under one of the fault's own clauses as a
      // contract violation, or for a drift fault drift on its own silent point (./attribution.ts); any other failure
      // (another clause, a suite error, a timeout, an inconclusive check) does not count
      const wrong = (outcome.wrongReason ?? []).map((f) => `${f.title} [${f.kind}${f.clause ? ` ${f.clause}` : ''}]\n    ${f.error}`).join('\n');
      const expected = run.baselines === 'recorded' ? `drift on ${outcome.clauses?.join(' or ')}` : `a contract violation of ${outcome.clauses?.join(' or ')}`;
      expect(outcome.caughtBy, `not caught by ${expected}: ${run.what}\n${outcome.note ?? ''}\ncaught for the wrong reason:\n${wrong || '(nothing failed)'}\n${tail}`).toBeDefined();
      // 1 = findings; 2 or 3 would mean the suite could not run or reach a verdict, not that it caught anything
      expect(outcome.exitCode, `exit code against ${run.what}\n${tail}`).toBe(1);
    }
  });
}
