/**
 * The attribution of a fault run's failures (./attribution.ts) can say "not caught": a failure of another clause,
 * a TypeError, a timeout, an inconclusive check, an assertion without a clause, or drift where a contract violation
 * is due (and the other way round) all go red without counting.
 */
import { test, expect } from '@playwright/test';
import { clauseLabel, CLAUSES, type ClauseId } from '../../api/contract/clauses.ts';
import { FAULTS, FAULT_NAMES, MUTATION_FAULTS, describeFault } from '../../sandbox/faults.ts';
import { attribute, judge, leadingClause, setupViolation, silentClause, type CheckFailure } from './attribution.ts';

const PUT_MERGES = { category: 'state', clauses: ['write.full-replace'] };
const SILENT_POINT_DRIFT = { category: 'drift', clauses: ['silent.put-unknown-id'] };

/** a failure as claim() raises it (lib/checks/claim.ts): the clause label, the check's message, then expect's diff */
const claimed = (id: ClauseId, message = 'the check says what it saw') =>
  `Error: ${clauseLabel(id)}\n${message}\n\n\u001b[2mexpect(\u001b[22mreceived\u001b[2m).\u001b[22mtoEqual(expected)\n\nExpected: []\nReceived: ["AssignedTo"]`;
const drifted = (name: string) =>
  `Error: silent point "${name}" answered differently than the baseline of tenant sandbox; if the change is expected, accept it with --update-snapshots\n\nexpect(string).toMatchSnapshot(expected)`;
const check = (messages: string[], o: Partial<CheckFailure> = {}): CheckFailure => ({ title: 'CoworkerTask PUT valid payloads (12 generated) → updated', messages, story: 'round trip', ...o });
const caught = (fault: { category: string; clauses: string[] }, ...failures: CheckFailure[]) => judge(fault, failures.flatMap(attribute));

test('a contract violation of the fault\'s own clause catches it, and names the clause', () => {
  const r = caught(PUT_MERGES, check([claimed('write.full-replace')]));
  expect(r.caughtBy).toMatchObject({ kind: 'contract', clause: 'write.full-replace', error: expect.stringMatching(/^Error: \[write\.full-replace\] PUT is a full replace/) });
  expect(r.wrongReason).toEqual([]);
});

test('a contract violation of another clause does not count', () => {
  const r = caught(PUT_MERGES, check([claimed('success.status')]));
  expect(r.caughtBy).toBeUndefined();
  expect(r.wrongReason).toEqual([expect.objectContaining({ kind: 'contract', clause: 'success.status' })]);
});

test('a TypeError, a timeout, an inconclusive check, an unreachable tenant do not count', () => {
  const failures = [
    check(["TypeError: Cannot read properties of undefined (reading 'Id')\n    at tests/roundtrip.spec.ts:40:12"], { title: 'a' }),
    check(['Test timeout of 120000ms exceeded.'], { title: 'b' }),
    check(['Error: inconclusive: the lookup by marker answered 500'], { title: 'c' }),
    check(['Error: PUT /api/crm/coworkertasks: no answer (ECONNREFUSED)'], { title: 'd' }),
    // the fault's clause named further down, under an error of the suite: not what ended the check
    check([`TypeError: x is not a function\n\nCaused by: ${claimed('write.full-replace')}`], { title: 'e' }),
  ];
  const r = caught(PUT_MERGES, ...failures);
  expect(r.caughtBy).toBeUndefined();
  expect(r.wrongReason.map((a) => [a.title, a.kind, a.clause])).toEqual([
    ['a', 'suite', undefined], ['b', 'inconclusive', undefined], ['c', 'inconclusive', undefined], ['d', 'unreachable', undefined], ['e', 'suite', undefined],
  ]);
});

test('an assertion raised without a clause label does not count, whatever its text', () => {
  const r = caught(PUT_MERGES, check(['Error: expect(received).toEqual(expected)\n\nExpected: "write.full-replace"\nReceived: []']));
  expect(r.caughtBy).toBeUndefined();
  expect(r.wrongReason[0]!.clause).toBeUndefined();
  // a bracketed word that is no clause id is no clause either
  expect(leadingClause('Error: [write.fullreplace] PUT is a full replace\n  source: x')).toBeUndefined();
});

test('drift does not catch a documented fault, and a contract violation does not catch a drift fault', () => {
  const drift = check([drifted('coworkertask-put-put-unknown-id')], { story: 'silent points', checkClauses: ['silent.put-unknown-id'] });
  expect(caught({ category: 'state', clauses: ['silent.put-unknown-id'] }, drift).caughtBy).toBeUndefined();
  expect(caught(SILENT_POINT_DRIFT, check([claimed('read.record')])).caughtBy).toBeUndefined();
  expect(caught(SILENT_POINT_DRIFT, drift).caughtBy).toMatchObject({ kind: 'drift', clause: 'silent.put-unknown-id' });
});

test('drift on another silent point does not catch a drift fault', () => {
  const other = check([drifted('coworkertask-post-optional-wrong-type')], { story: 'silent points', checkClauses: ['silent.wrong-type'] });
  const r = caught(SILENT_POINT_DRIFT, other);
  expect(r.caughtBy).toBeUndefined();
  expect(r.wrongReason).toEqual([expect.objectContaining({ kind: 'drift', clause: 'silent.wrong-type' })]);
  // without the check's clauses, the silent point's name says which clause it records
  expect(silentClause(drifted('coworkertask-post-optional-wrong-type'))).toBe('silent.wrong-type');
  expect(silentClause(drifted('coworkerinventoryasset-put-put-unknown-id'))).toBe('silent.put-unknown-id');
  expect(silentClause(drifted('coworker-get-deleted'))).toBe('silent.coworker-get-deleted');
});

test('the first right failure catches it, after failures of the wrong reason, and a later message of a check counts', () => {
  const r = caught(PUT_MERGES, check([claimed('authn.required')], { title: 'first' }), check([claimed('success.message'), claimed('write.full-replace')], { title: 'second' }));
  expect(r.caughtBy).toMatchObject({ title: 'second', clause: 'write.full-replace' });
  expect(r.wrongReason.map((a) => a.clause)).toEqual(['authn.required', 'success.message']);
});

test('a contract violation met by global setup names its clause', () => {
  const stderr = `Running 303 tests\n\nnexudus-conformance: contract violation during setup, before any check could run:\n${clauseLabel('success.status')}\nPOST /api/spaces/coworkers of a valid Coworker answered 201: {"Status":200}\n\n`;
  const a = setupViolation(stderr)!;
  expect(a).toMatchObject({ title: 'global setup', kind: 'contract', clause: 'success.status' });
  expect(a.error).toMatch(/answered 201/);
  expect(judge({ category: 'success envelope', clauses: ['success.status'] }, [a]).caughtBy).toBe(a);
  expect(judge({ category: 'success envelope', clauses: ['success.envelope'] }, [a]).caughtBy).toBeUndefined();
  expect(setupViolation('nexudus-conformance: the profile …\nFix: …')).toBeUndefined();
});

test('every mutation fault names the clauses it breaks: asserted ones, or for a drift fault only recorded ones', () => {
  for (const name of MUTATION_FAULTS) {
    const f = describeFault(name);
    expect(f.clauses.length, `${name} names no clause`).toBeGreaterThan(0);
    const kinds = new Set(f.clauses.map((id) => CLAUSES[id].kind));
    // a drift fault moves only what no source settles; any other fault breaks a rule a source states
    expect([...kinds], `${name} (${f.category}): kinds of ${f.clauses.join(', ')}`).toEqual([f.category === 'drift' ? 'recorded' : 'asserted']);
  }
  expect(FAULT_NAMES.filter((n) => FAULTS[n].category === 'drift').sort()).toEqual(['bad-date-accepted', 'silent-point-drift', 'wrong-type-500', 'wrong-type-accepted']);
});

test('a rerun selects exactly the checks not yet run, by title, however many regex characters the titles hold', async () => {
  const { grepOf } = await import('./execute.ts');
  const titles = ['CoworkerTask PUT valid payloads (12 generated) → updated, read back equal', 'GET ?id=[…] batch as admin (holds full admin) → allowed'];
  const re = new RegExp(grepOf(titles), 'gi');
  // what Playwright greps: the file, the title, then the tags (lib/common _grepTitleWithTags)
  const grepTitle = (t: string) => `roundtrip.spec.ts ${t} @contract @CoworkerTask`;
  const hit = (t: string) => { re.lastIndex = 0; return re.test(grepTitle(t)); };
  expect(titles.map(hit)).toEqual([true, true]);
  expect(hit('CoworkerTask PUT valid payloads (12 generated) → updated')).toBe(false);
  expect(hit('CoworkerTask PUT valid payloads (12 generated) → updated, read back equal, omitted fields cleared')).toBe(false);
  expect(hit('GET ?id=[…] batch as admin (holds full admin) → allowed, twice')).toBe(false);
});
