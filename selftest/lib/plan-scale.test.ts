/**
 * The plan at the scale of every shipped page: cover mode writes at most 20 times per endpoint under test (setup
 * and teardown included), and a short budget spreads over the endpoints instead of dropping the last ones whole.
 */
import { test, expect } from '@playwright/test';
import { loadProfile, SANDBOX_PROFILE_PATH } from '../../lib/config/profile.ts';
import { buildPlan, coveredWrite } from '../../lib/plan/plan.ts';
import { planInputFor } from '../../lib/plan/suite.ts';
import { writesPerEndpoint } from '../../lib/plan/per-endpoint.ts';

const profile = loadProfile(SANDBOX_PROFILE_PATH);
const input = { ...planInputFor(profile), entities: undefined, mode: 'cover' as const, writesAllowed: true };
const writeEndpointsOf = (plan: ReturnType<typeof buildPlan>) => new Set(plan.checks.filter((c) => c.endpoint && coveredWrite(c.endpoint)).map((c) => c.endpoint!.id));

test('cover mode: at most 20 writes per endpoint under test, setup and teardown included, on one worker and on two', () => {
  for (const workers of [1, 2]) {
    const plan = buildPlan({ ...input, budget: undefined }, workers);
    const { endpoints } = writesPerEndpoint(plan, workers);
    expect(endpoints.length).toBeGreaterThanOrEqual(35);
    const over = endpoints.filter((x) => x.writes > 20);
    expect(over, `workers ${workers}`).toEqual([]);
  }
});

test('a budget spreads over the endpoints: each one keeps some of its checks, none is cut whole', () => {
  const full = buildPlan({ ...input, budget: undefined }, 1);
  const all = writeEndpointsOf(full);
  // a third of what the whole contract writes
  const budget = Math.floor(full.totals.run.writes / 3);
  const cut = buildPlan({ ...input, budget }, 1);
  expect(cut.totals.run.writes).toBeLessThanOrEqual(budget);
  expect(cut.totals.skippedForBudget).toBeGreaterThan(0);
  const running = new Set(cut.checks.filter((c) => c.selected && !c.skip && c.writes && c.endpoint).map((c) => c.endpoint!.id));
  const starved = [...all].filter((id) => !running.has(id) && full.checks.some((c) => c.endpoint?.id === id && !c.skip && c.writes));
  expect(starved).toEqual([]);
});
