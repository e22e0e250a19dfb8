/** Failure categories, exit codes and the matrix, from hand-made inputs (no run needed). */
import { test, expect } from '@playwright/test';
import { classifyFailure, exitCodeFor, allureCategoryRules, errorText, assertedClauseOf, clauseOfFailure, CATEGORY_DESCRIPTION, type FailureKind } from '../../reporters/classify.ts';
import { buildMatrix, formatCell, summaryLine, matrixMarkdown, type Verdict } from '../../reporters/verdicts.ts';
import { clauseLabel, type ClauseId } from '../../api/contract/clauses.ts';

const assertion = '\n\nexpect(received).toBe(expected) // Object.is equality\n\nExpected: 200\nReceived: 400';
/** a failure as claim() raises it: the clause's label heads the message (lib/checks/claim.ts) */
const claimed = (id: ClauseId, what: string) => `Error: ${clauseLabel(id)}\n${what}${assertion}`;
const claimMsg = claimed('success.status', 'a valid payload must be accepted with 200: POST /api/spaces/coworkers as admin answered 400: {...}');
/** the same assertion raised without a clause (a bare expect): it looks like one, but names no rule and no source */
const expectMsg = `Error: a valid payload must be accepted with 200: POST /api/spaces/coworkers as admin answered 400: {...}${assertion}`;
const drift = 'Error: silent point "coworker-put-put-unknown-id" answered differently than the baseline of tenant sandbox; if the change is expected, accept it with --update-snapshots\n\nexpect(string).toMatchSnapshot(expected)';

test('failures are sorted into the five categories', () => {
  expect(classifyFailure({ message: claimMsg })).toBe('contract');
  expect(classifyFailure({ message: claimed('answers.documented', 'answers that match no documented envelope or record:\nGET /x → 200 <html>') })).toBe('contract');
  expect(classifyFailure({ message: 'Error: POST /api/spaces/coworkers: no answer (connect ECONNREFUSED 127.0.0.1:1)\n\nexpect(received).toBeUndefined()' })).toBe('unreachable');
  expect(classifyFailure({ message: claimed('success.status', 'a valid payload must be accepted with 200: POST /api/x as admin answered 429: ') })).toBe('inconclusive');
  expect(classifyFailure({ message: 'Error: ... answered 409: You must wait 3 seconds\n\nexpect(received).toBe(expected)' })).toBe('inconclusive');
  expect(classifyFailure({ message: 'Test timeout of 120000ms exceeded.' })).toBe('inconclusive');
  expect(classifyFailure({ message: "TypeError: Cannot read properties of undefined (reading 'Id')" })).toBe('suite');
  expect(classifyFailure({ message: 'GuardError: refused PUT on Coworker 5: this run did not create it (live tenants are sacred).' })).toBe('suite');
  expect(classifyFailure({ message: 'BudgetError: write budget of 10 spent; raise --budget (NEXUDUS_BUDGET) to run more checks.' })).toBe('suite');
  expect(classifyFailure({ message: 'Error: no PUT target record for worker slot 3' })).toBe('suite');
  expect(classifyFailure({ message: drift, story: 'silent points' })).toBe('drift');
  expect(classifyFailure({ message: 'Error: silent point "x" has no recorded baseline for tenant sandbox (…), and --require-baselines is set', story: 'silent points' })).toBe('drift');
  // a property failure leads with the rule that broke (generators/params.ts); the assertion is also its cause
  const property = (rule: string) => errorText({ message: `${rule}\n\nCounterexample: {"Name":"a"}\nProperty failed after 1 generated case(s) · seed 1\nReplay: FC_SEED=1`, cause: { message: rule } });
  expect(classifyFailure({ message: property(claimMsg) })).toBe('contract');
  expect(classifyFailure({ message: property(expectMsg) })).toBe('suite');
  expect(classifyFailure({ message: 'Error: Property failed after 1 tests' })).toBe('suite');
});

test('no finding without a clause: an assertion is a contract violation only under the label of an asserted clause', () => {
  const text = CATEGORY_DESCRIPTION.suite;
  expect(text).toContain('a failure raised without a clause: the suite is broken, the tenant is not judged');
  const suite: [string, string][] = [
    ['a bare expect: Expected / Received, no clause', expectMsg],
    ['node:assert', 'AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\n\n401 !== 999\n'],
    ['node:assert, loose', 'AssertionError: 401 == 999'],
    ['expect.poll (its own deadline is not the tenant timing out)', 'Error: expect(received).toBe(expected) // Object.is equality\n\nExpected: 999\nReceived: 401\n\nCall Log:\n- Timeout 500ms exceeded while waiting on the predicate'],
    ['a bare throw that reads like an assertion', 'Error: Expected 200, Received 401'],
    ['a recorded clause (silent points are recorded, never asserted)', `Error: ${clauseLabel('silent.record-fields')}\nwhatever${assertion}`],
    ['a clause id the table does not have', `Error: [no.such-clause] A rule nobody wrote.\n  source: docs/seeds/000_x.txt line 1: "x"\nwhatever${assertion}`],
    ['a label without its source line', `Error: [success.status] A valid POST or PUT is answered HTTP 200.\nwhatever${assertion}`],
    ['a clause label that does not head the message', `Error: the check said so\n${clauseLabel('success.status')}${assertion}`],
    ['a baseline comparison outside a silent-point check', drift],
    ['a snapshot that is not the baseline mechanism', 'Error: expect(string).toMatchSnapshot(expected)\n\nExpected: "a"\nReceived: "b"'],
  ];
  for (const [what, message] of suite) {
    const story = what.startsWith('a baseline comparison') ? 'authorization' : 'silent points';
    expect(classifyFailure({ message, story }), what).toBe('suite');
  }
  // every asserted clause, raised by claim(), is a finding named by its clause; colour codes do not hide it
  for (const id of ['success.status', 'required.message', 'authz.denied', 'answers.documented', 'write.full-replace'] as ClauseId[]) {
    expect(classifyFailure({ message: claimed(id, 'x') }), id).toBe('contract');
    expect(assertedClauseOf(claimed(id, 'x'))).toBe(id);
  }
  expect(assertedClauseOf(`\u001b[31m${claimMsg}\u001b[39m`)).toBe('success.status');
  expect(clauseOfFailure(`Error: ${clauseLabel('silent.extra-field')}\nx`)).toEqual({ id: 'silent.extra-field', kind: 'recorded' });
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
  const which = (status: string, message: string, story?: string) =>
    rules.filter((r) => r.matchers({ status, labels: story ? [{ name: 'story', value: story }] : [], message })).map((r) => r.id);
  expect(which('failed', claimMsg)).toEqual(['nexudus-contract']);
  expect(which('failed', expectMsg)).toEqual(['nexudus-suite']);
  expect(which('broken', 'TypeError: x is not a function')).toEqual(['nexudus-suite']);
  expect(which('passed', claimMsg)).toEqual([]);
  // the report's categories and the matrix (a check without a story label is 'unlabelled') agree on every message
  const samples = [claimMsg, expectMsg, drift, 'Error: Expected 200, Received 401', `Error: ${clauseLabel('silent.wrong-type')}\nx`, 'Test timeout of 1ms exceeded.', 'Error: fetch failed'];
  for (const message of samples) {
    for (const story of [undefined, 'silent points', 'authorization']) {
      const kind: FailureKind = classifyFailure({ message, story: story ?? 'unlabelled' });
      expect(which('failed', message, story), `${story}: ${message.slice(0, 80)}`).toEqual([`nexudus-${kind}`]);
    }
  }
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
