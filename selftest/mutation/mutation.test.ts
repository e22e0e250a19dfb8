/**
 * Self-test by mutation: the conformance suite must stay green on the clean sandbox and on
 * every conformant variation, and go red on every fault. The score (faults caught / total, false
 * alarms / green runs, the checks that caught each fault) is printed by ./score-reporter.ts at the end
 * of `npm run selftest`.
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
    test.setTimeout(run.otherTenant ? 300_000 : 180_000);
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
      // caught by a failing check, or by setup meeting a contract violation before any check ran
      const atSetup = runs.some((r) => /contract violation during setup/.test(r.stderr));
      expect(outcome.failed.length > 0 || atSetup, `no check caught the fault: ${run.what}\n${tail}`).toBe(true);
      // 1 = findings; 2 or 3 would mean the suite could not run or reach a verdict, not that it caught anything
      expect(outcome.exitCode, `exit code against ${run.what}\n${tail}`).toBe(1);
    }
  });
}
