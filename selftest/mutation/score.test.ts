/**
 * The score reporter counts what the runs did: a missed fault, a fault caught for the wrong reason and a false
 * alarm lower the score; drift faults are scored on their own line, never in the documented score.
 */
import { test, expect } from '@playwright/test';
import { score, scoreLines } from './score-reporter.ts';
import type { MutationOutcome } from './runs.ts';

const outcome = (o: Partial<MutationOutcome> & Pick<MutationOutcome, 'id' | 'kind' | 'expect' | 'asExpected'>): MutationOutcome => ({
  what: 'w', exitCode: o.asExpected === (o.expect === 'green') ? 0 : 1, passed: 300, failed: [], bailed: o.expect === 'red', seconds: 1, ...o,
});

test('a missed fault, a fault caught for the wrong reason and a false alarm show in the score and in the lines', () => {
  const putMerges = { title: 'Y PUT valid', error: 'Error: [write.full-replace] PUT is a full replace', kind: 'contract', clause: 'write.full-replace' };
  const otherClause = { title: 'Z POST with no credentials → 401', error: 'Error: [authn.required] …', kind: 'contract', clause: 'authn.required' };
  const typeError = { title: 'W GET list', error: 'TypeError: Cannot read properties of undefined', kind: 'suite' };
  const drifted = { title: 'V PUT unknown Id', error: 'Error: silent point "v-put-put-unknown-id" answered differently than the baseline', kind: 'drift', clause: 'silent.put-unknown-id' };
  const s = score([
    outcome({ id: 'clean', kind: 'clean', expect: 'green', asExpected: true }),
    outcome({ id: 'variation latency', kind: 'variation', expect: 'green', asExpected: false, failed: [{ title: 'X PUT valid', error: 'Error: boom' }] }),
    outcome({ id: 'fault a', kind: 'fault', expect: 'red', asExpected: true, category: 'state', clauses: ['write.full-replace'], failed: [otherClause, putMerges], caughtBy: putMerges, wrongReason: [otherClause], suiteRuns: 2 }),
    outcome({ id: 'fault b', kind: 'fault', expect: 'red', asExpected: false, category: 'reads', clauses: ['read.list'], wrongReason: [] }),
    outcome({ id: 'fault c', kind: 'fault', expect: 'red', asExpected: false, category: 'reads', clauses: ['read.batch'], failed: [typeError, otherClause], wrongReason: [typeError, otherClause] }),
    outcome({ id: 'fault d', kind: 'fault', expect: 'red', asExpected: true, category: 'drift', clauses: ['silent.put-unknown-id'], failed: [drifted], caughtBy: drifted, wrongReason: [] }),
    outcome({ id: 'fault e', kind: 'fault', expect: 'red', asExpected: false, category: 'drift', clauses: ['silent.bad-date'], failed: [drifted], wrongReason: [drifted] }),
  ]);
  expect(s.documented).toEqual({ total: 3, caught: 1 });
  expect(s.drift).toEqual({ total: 2, caught: 1 });
  expect(s.wrongReason).toEqual(['fault c', 'fault e']);
  expect(s.greenRuns).toEqual({ total: 2, falseAlarms: 1 });
  const lines = scoreLines(s).join('\n');
  expect(scoreLines(s).slice(0, 4)).toEqual([
    'documented faults: 1/3 caught by their own clause (33.3%)',
    'drift faults: 1/2 caught as drift',
    'caught for the wrong reason: 2 (not counted): fault c, fault e',
    'false alarms: 1/2 green runs',
  ]);
  expect(lines).toMatch(/FALSE ALARM {2}variation latency/);
  expect(lines).toMatch(/X PUT valid: Error: boom/);
  // each caught fault with the clause that caught it, and what failed before it for another reason
  expect(lines).toMatch(/caught {2}fault a \[state\] by \[write\.full-replace\] \(1 s, 2 runs\)/);
  expect(lines).toMatch(/by: Y PUT valid/);
  expect(lines).toMatch(/wrong reason, contract \[authn\.required\]: Z POST with no credentials → 401/);
  expect(lines).toMatch(/MISSED {2}fault b \[reads\] \(its clauses: read\.list\)/);
  expect(lines).toMatch(/WRONG REASON {2}fault c \[reads\] \(its clauses: read\.batch\)/);
  expect(lines).toMatch(/wrong reason, suite: W GET list/);
  expect(lines).toMatch(/caught {2}fault d \[drift\] by \[silent\.put-unknown-id\]/);
  expect(lines).toMatch(/WRONG REASON {2}fault e \[drift\]/);
  // drift faults are listed after the documented ones
  expect(lines.indexOf('fault d')).toBeGreaterThan(lines.indexOf('fault c'));
});
