/**
 * Harness overhead, measured in one worker against one sandbox endpoint (GET a workspace record):
 *  - bare: a fetch loop (fetch + read the body, nothing else), in one test;
 *  - suite: the same requests the way the checks send them: Api.get (a report step, counters, the
 *    exchange kept and attached to the report at the end of the test) and the record's schema check,
 *    as tests/reads.spec.ts does, in tests of PER_TEST requests each (a check sends 1 to 40), so
 *    Playwright's per-test work (fixtures, attachments, reporting) is counted too;
 *  - property cases: PUT workspace with a required-field violation drawn by fast-check, checked as
 *    tests/required-fields.spec.ts does (GET before, PUT, GET after), 12 cases per test like the suite;
 *    beside them, a bare fetch loop sending the same three requests per case (bodies drawn beforehand).
 *    Both start with 12 untimed cases, so neither figure includes the JIT warming up; the cold start
 *    of a real run is in the full run's figures (bench/index.ts section 3).
 * The figures go to $BENCH_RESULT for bench/index.ts; nothing is asserted.
 */
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { test } from '../lib/checks/fixtures.ts';
import { Workspace } from '../api/catalogue/entities.ts';
import { endpoint } from '../api/catalogue/endpoints.ts';
import { expectSchema } from '../lib/checks/checks.ts';
import { expectRejectedWithoutEffect } from '../lib/checks/broken-send.ts';
import { runProperty } from '../lib/checks/pbt.ts';
import { DEFAULT_NUM_RUNS } from '../lib/plan/suite.ts';
import { brokenBody } from '../generators/broken.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1500);
const PER_TEST = 25;
const PROPERTY_TESTS = Number(process.env.BENCH_PROPERTY_TESTS ?? 20);
const WARM_UP_CASES = DEFAULT_NUM_RUNS;

// one worker runs these in order (bench/playwright.config.ts), so module state spans the tests
const clock = { bare: 0, bareCases: 0, suiteStart: 0, suiteEnd: 0, casesStart: 0, casesEnd: 0 };

test('bare fetch loop', async ({ admin, target, run }) => {
  const id = target(Workspace);
  const url = `${run.baseUrl}/api/collaboration/workspaces/${id}`;
  await admin.get(Workspace, id); // token and connection warm
  let auth = '';
  const t = performance.now();
  for (let i = 0; i < REQUESTS; i++) {
    // the token comes from the suite's cache every 100 requests (sandbox tokens live seconds)
    if (i % 100 === 0) auth = `Bearer ${await admin.ctx.tokens.get(admin.persona!)}`;
    const res = await fetch(url, { headers: { Accept: 'application/json', Authorization: auth } });
    await res.text();
    if (res.status !== 200) throw new Error(`bare loop: GET answered ${res.status}`);
  }
  clock.bare = REQUESTS / ((performance.now() - t) / 1000);
});

for (let k = 0; k < Math.ceil(REQUESTS / PER_TEST); k++) {
  test(`suite path ${k + 1}`, async ({ admin, target }) => {
    if (!clock.suiteStart) clock.suiteStart = performance.now();
    const id = target(Workspace);
    for (let i = 0; i < PER_TEST; i++) expectSchema(await admin.get(Workspace, id), 'read.record', 'workspace.record.json', 'the record');
    clock.suiteEnd = performance.now();
  });
}

test('bare fetch loop of property cases', async ({ admin, target, refs, run }) => {
  // the same three requests per case as below (GET, PUT a broken body, GET), bodies drawn beforehand
  const id = target(Workspace);
  const ep = endpoint(Workspace, 'update');
  const url = `${run.baseUrl}/api/collaboration/workspaces`;
  const rules = ['required-missing', 'required-null', 'required-empty', 'required-several'] as const;
  const cases = PROPERTY_TESTS * DEFAULT_NUM_RUNS;
  const bodies = fc.sample(fc.oneof(...rules.map((rule) => brokenBody(ep, refs, rule, { id, marker: run.marker }))), { numRuns: cases, seed: 1 }).map((b) => JSON.stringify(b.body));
  let auth = '';
  let t = performance.now();
  for (let i = -WARM_UP_CASES; i < cases; i++) {
    if (i === 0) t = performance.now(); // the first cases warm the code paths up, untimed (as below)
    if (i % 30 === 0 || i === -WARM_UP_CASES) auth = `Bearer ${await admin.ctx.tokens.get(admin.persona!)}`;
    const headers = { Accept: 'application/json', Authorization: auth };
    await (await fetch(`${url}/${id}`, { headers })).text();
    const put = await fetch(url, { method: 'PUT', headers: { ...headers, 'Content-Type': 'application/json' }, body: bodies[(i + cases) % cases] });
    await put.text();
    if (put.status !== 400) throw new Error(`bare property loop: PUT answered ${put.status}`);
    await (await fetch(`${url}/${id}`, { headers })).text();
  }
  clock.bareCases = cases / ((performance.now() - t) / 1000);
});

// test 0 warms the code paths up (fast-check's runner, the checks) and is not timed
for (let k = 0; k <= PROPERTY_TESTS; k++) {
  test(`property cases ${k}`, async ({ admin, target, refs, run, cleanup }, testInfo) => {
    if (k === 1) clock.casesStart = performance.now();
    const id = target(Workspace);
    const ep = endpoint(Workspace, 'update');
    const rules = ['required-missing', 'required-null', 'required-empty', 'required-several'] as const;
    const arb = fc.oneof(...rules.map((rule) => brokenBody(ep, refs, rule, { id, marker: run.marker })));
    await runProperty(testInfo, run, arb, DEFAULT_NUM_RUNS, (bc) => expectRejectedWithoutEffect(admin, ep, bc, cleanup, id));
    if (k > 0) clock.casesEnd = performance.now();
  });
}

test('write the figures', async () => {
  const suiteRequests = Math.ceil(REQUESTS / PER_TEST) * PER_TEST;
  const cases = PROPERTY_TESTS * DEFAULT_NUM_RUNS;
  const casesPerSecond = cases / ((clock.casesEnd - clock.casesStart) / 1000);
  const out = {
    endpoint: 'GET /api/collaboration/workspaces/{id}',
    bareRequests: REQUESTS, bareRps: Math.round(clock.bare),
    suiteRequests, perTest: PER_TEST, suiteRps: Math.round(suiteRequests / ((clock.suiteEnd - clock.suiteStart) / 1000)),
    cases, casesPerSecond: Math.round(casesPerSecond), requestsPerCase: 3, caseRps: Math.round(casesPerSecond * 3),
    bareCasesPerSecond: Math.round(clock.bareCases),
  };
  if (process.env.BENCH_RESULT) writeFileSync(process.env.BENCH_RESULT, JSON.stringify(out));
});
