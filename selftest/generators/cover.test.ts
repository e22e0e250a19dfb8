// Cover mode exercises every (endpoint, rule) pair and every required field, in few writes
import { test, expect } from '@playwright/test';
import { ENDPOINTS } from '../../api/catalogue/endpoints.ts';
import { coverPlan, materialize, planSize, planSummary, planCoverage, rulesFor, candidates, explainViolation } from '../../generators/index.ts';
import { REFS, WRITE_ENDPOINTS, PAGE_WRITE_ENDPOINTS, MARKER } from './_support.ts';

/** The suite's whole live write budget: the cover plan must leave room in it. */
const WRITE_BUDGET = 150;

test('cover plan hits every (endpoint, rule) pair and every required field of the declared endpoints, within the write budget', () => {
  const plan = coverPlan(WRITE_ENDPOINTS, REFS, { marker: MARKER });
  console.log(planSummary(plan));
  const { pairs, requiredFields } = planCoverage(plan);
  const wanted = WRITE_ENDPOINTS.flatMap((ep) => rulesFor(ep).map((r) => `${ep.id} ${r}`));
  expect([...pairs].sort()).toEqual([...wanted].sort());
  // one write per pair: nothing is sent twice, so the plan is as small as the pairs allow
  expect(planSize(plan)).toBe(wanted.length);
  expect(planSize(plan)).toBeLessThanOrEqual(WRITE_BUDGET);
  for (const ep of WRITE_ENDPOINTS)
    expect([...(requiredFields.get(ep.id) ?? [])].sort(), ep.id).toEqual([...candidates(ep, 'required-missing')].sort());
  const bad = plan.map((p) => ({ p, v: explainViolation(p.case, REFS) })).filter((x) => !x.v.ok);
  expect(bad.map((x) => `${x.p.endpoint} ${x.p.rule}: ${x.v.problems.join('; ')}`)).toEqual([]);
});

test('cover plan is deterministic, depends on its seed, and each case replays from its own seed', () => {
  const a = coverPlan(WRITE_ENDPOINTS, REFS, { seed: 9, marker: MARKER });
  const b = coverPlan(WRITE_ENDPOINTS, REFS, { seed: 9, marker: MARKER });
  const c = coverPlan(WRITE_ENDPOINTS, REFS, { seed: 10, marker: MARKER });
  expect(b).toEqual(a);
  expect(c.map((p) => p.case.body)).not.toEqual(a.map((p) => p.case.body));
  for (const p of a) expect(materialize(p, REFS, { id: p.endpoint.startsWith('PUT ') ? 1 : undefined, marker: MARKER })).toEqual(p.case);
  // a PUT case rebuilt for the real record differs only in its Id (put-unknown-id keeps its own)
  const put = a.find((p) => p.endpoint.startsWith('PUT ') && p.rule === 'required-null')!;
  const real = materialize(put, REFS, { id: 777, marker: MARKER });
  expect({ ...real.body, Id: 1 }).toEqual(put.case.body);
  expect(real.body.Id).toBe(777);
});

test('cover plan only plans create/update endpoints', () => {
  const plan = coverPlan(ENDPOINTS.filter((e) => e.op === 'list' || e.op === 'delete'), REFS);
  expect(plan).toEqual([]);
});

test('cover plan of the endpoints read from pages: every (endpoint, rule) pair and every required field, each case a documented violation', () => {
  const plan = coverPlan(PAGE_WRITE_ENDPOINTS, REFS, { marker: MARKER });
  const { pairs, requiredFields } = planCoverage(plan);
  const wanted = PAGE_WRITE_ENDPOINTS.flatMap((ep) => rulesFor(ep).map((r) => `${ep.id} ${r}`));
  expect([...pairs].sort()).toEqual([...wanted].sort());
  for (const ep of PAGE_WRITE_ENDPOINTS)
    expect([...(requiredFields.get(ep.id) ?? [])].sort(), ep.id).toEqual([...candidates(ep, 'required-missing')].sort());
  const bad = plan.map((p) => ({ p, v: explainViolation(p.case, REFS) })).filter((x) => !x.v.ok);
  expect(bad.map((x) => `${x.p.endpoint} ${x.p.rule}: ${x.v.problems.join('; ')}`)).toEqual([]);
});
