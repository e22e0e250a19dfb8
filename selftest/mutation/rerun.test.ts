/**
 * A fault run that bails at a failure of the wrong reason is not counted on that failure: it runs again on the
 * checks not yet run that declare one of the fault's clauses, and counts only when one of them catches it
 * (./execute.ts). Shown on a real fault with its clauses declared otherwise; these outcomes are not scored.
 */
import { test, expect } from '@playwright/test';
import { MUTATION_RUNS } from './runs.ts';
import { execute } from './execute.ts';

const denied403 = MUTATION_RUNS.find((r) => r.id === 'fault denied-403')!;

test('a fault first caught by another clause is run again on its own clause\'s checks, and counts only if one catches it', async () => {
  test.setTimeout(240_000);
  // denied-403 answers 403 to missing credentials and to a missing role alike. Declared as breaking authz.denied
  // only, its first failure (an authentication check, which runs first: authn.required) is of the wrong reason
  const { outcome } = await execute(denied403, { clauses: ['authz.denied'] });
  expect(outcome.wrongReason).toEqual([expect.objectContaining({ kind: 'contract', clause: 'authn.required' })]);
  expect(outcome.caughtBy).toMatchObject({ kind: 'contract', clause: 'authz.denied', title: expect.stringMatching(/→ denied$/) });
  expect(outcome.suiteRuns).toBe(2);
  expect(outcome.asExpected).toBe(true);

  // declared as breaking a rule it leaves alone: red all the same, never counted
  const { outcome: never } = await execute(denied403, { clauses: ['token.refresh'] });
  expect(never.caughtBy).toBeUndefined();
  expect(never.asExpected).toBe(false);
  expect(never.wrongReason).toEqual([expect.objectContaining({ kind: 'contract', clause: 'authn.required' })]);
  expect(never.suiteRuns, 'the refresh check ran again, and passed').toBe(2);
});
