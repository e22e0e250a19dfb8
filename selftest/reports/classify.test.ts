/** Failure categories, exit codes and the matrix, from hand-made inputs (no run needed). */
import { test, expect } from '@playwright/test';
import { classifyFailure, exitCodeFor, allureCategoryRules, errorText } from '../../reporters/classify.ts';
import { buildMatrix, formatCell, summaryLine, matrixMarkdown, type Verdict } from '../../reporters/verdicts.ts';

const expectMsg = 'Error: a valid payload must be accepted with 200: POST /api/spaces/coworkers as admin answered 400: {...}\n\nexpect(received).toBe(expected) // Object.is equality\n\nExpected: 200\nReceived: 400';

test('failures are sorted into the five categories', () => {
  expect(classifyFailure({ message: expectMsg })).toBe('contract');
  expect(classifyFailure({ message: 'Error: answers that match no documented envelope or record:\nGET /x → 200 <html>' })).toBe('contract');
  expect(classifyFailure({ message: 'Error: POST /api/spaces/coworkers: no answer (connect ECONNREFUSED 127.0.0.1:1)\n\nexpect(received).toBeUndefined()' })).toBe('unreachable');
  expect(classifyFailure({ message: 'Error: a valid payload must be accepted with 200: POST /api/x as admin answered 429: \n\nexpect(received).toBe(expected)' })).toBe('inconclusive');
  expect(classifyFailure({ message: 'Error: ... answered 409: You must wait 3 seconds\n\nexpect(received).toBe(expected)' })).toBe('inconclusive');
  expect(classifyFailure({ message: 'Test timeout of 120000ms exceeded.' })).toBe('inconclusive');
  expect(classifyFailure({ message: "TypeError: Cannot read properties of undefined (reading 'Id')" })).toBe('suite');
  expect(classifyFailure({ message: 'GuardError: refused PUT on Coworker 5: this run did not create it (live tenants are sacred).' })).toBe('suite');
  expect(classifyFailure({ message: 'BudgetError: write budget of 10 spent; raise --budget (NEXUDUS_BUDGET) to run more checks.' })).toBe('suite');
  expect(classifyFailure({ message: 'Error: no PUT target record for worker slot 3' })).toBe('suite');
  const drift = 'Error: silent point "coworker-put-put-unknown-id" answered differently than the baseline of tenant sandbox\n\nexpect(string).toMatchSnapshot(expected)';
  expect(classifyFailure({ message: drift, story: 'silent points' })).toBe('drift');
  // a property failure: the assertion is in the cause
  expect(classifyFailure({ message: errorText({ message: 'Error: Property failed after 1 tests', cause: { message: expectMsg } }) })).toBe('contract');
  expect(classifyFailure({ message: 'Error: Property failed after 1 tests' })).toBe('suite');
});

test('exit codes: findings 1, all unreachable 2, no verdict 3, clean 0', () => {
  expect(exitCodeFor([])).toBe(0);
  expect(exitCodeFor(['contract', 'suite', 'unreachable'])).toBe(1);
  expect(exitCodeFor(['drift'])).toBe(1);
  expect(exitCodeFor(['unreachable', 'unreachable'])).toBe(2);
  expect(exitCodeFor(['unreachable', 'inconclusive'])).toBe(3);
  expect(exitCodeFor(['suite'])).toBe(3);
});

test('Allure category rules match like the classifier, on failed and broken results only', () => {
  const rules = allureCategoryRules();
  expect(rules.map((r) => r.name)).toEqual(['Contract violations', 'Silent-point drift', 'Could not look: throttled, timed out or a lookup failed (inconclusive)', 'Tenant unreachable', 'Errors in the suite']);
  const which = (status: string, message: string) => rules.filter((r) => r.matchers({ status, labels: [], message })).map((r) => r.id);
  expect(which('failed', expectMsg)).toEqual(['nexudus-contract']);
  expect(which('broken', 'TypeError: x is not a function')).toEqual(['nexudus-suite']);
  expect(which('passed', expectMsg)).toEqual([]);
});

const v = (feature: string, story: string, verdict: Verdict['verdict'], extra: Partial<Verdict> = {}): Verdict =>
  ({ title: `${feature} ${story} ${Math.random()}`, feature, story, epic: 'crm', tags: [], file: 'x.spec.ts', verdict, status: verdict === 'recorded' ? 'passed' : verdict, durationMs: 1, ...extra });

test('matrix cells, skip reasons and the summary line', () => {
  const verdicts = [
    ...Array.from({ length: 12 }, () => v('PUT /api/crm/coworkertasks', 'required fields', 'passed')),
    v('PUT /api/crm/coworkertasks', 'required fields', 'failed', { kind: 'contract' }),
    ...Array.from({ length: 3 }, () => v('PUT /api/crm/coworkertasks', 'required fields', 'skipped', { skipReason: 'read-only target: allowWrites is false' })),
    v('PUT /api/crm/coworkertasks', 'silent points', 'recorded'),
    v('GET /api/crm/coworkertasks', 'reads', 'skipped', { skipReason: 'write budget: 5 writes planned already; raise --budget to run it' }),
  ];
  const m = buildMatrix(verdicts);
  const row = m.rows.find((r) => r.feature === 'PUT /api/crm/coworkertasks')!;
  expect(formatCell(row.cells['required fields'])).toBe('12✓ 1✗ 3⊘');
  expect(formatCell(row.cells['silent points'])).toBe('1◉');
  expect(m.stories).toEqual(['reads', 'required fields', 'silent points']);
  expect(summaryLine(m.totals)).toBe('13 passed, 1 failed, 4 skipped');
  expect(summaryLine({ passed: 3, recorded: 0, failed: 0, skipped: 0 })).toBe('3 passed, 0 failed');
  const md = matrixMarkdown(m, { tenant: 't' });
  expect(md).toContain('4 checks skipped:\n- 3 × read-only target: allowWrites is false\n- 1 × write budget: 5 writes planned already');
  expect(md).toContain('Failures: 1 contract violations');
  expect(md.trimEnd().split('\n').at(-1)).toBe('13 passed, 1 failed, 4 skipped');
});
