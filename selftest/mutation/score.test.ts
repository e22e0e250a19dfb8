/** The score reporter counts what the runs did: a missed fault and a false alarm lower the score. */
import { test, expect } from '@playwright/test';
import { score, scoreLines } from './score-reporter.ts';
import type { MutationOutcome } from './runs.ts';

const outcome = (o: Partial<MutationOutcome> & Pick<MutationOutcome, 'id' | 'kind' | 'expect' | 'asExpected'>): MutationOutcome => ({
  what: 'w', exitCode: o.asExpected === (o.expect === 'green') ? 0 : 1, passed: 300, failed: [], bailed: o.expect === 'red', seconds: 1, ...o,
});

test('a missed fault and a false alarm show in the score and in the lines', () => {
  const s = score([
    outcome({ id: 'clean', kind: 'clean', expect: 'green', asExpected: true }),
    outcome({ id: 'variation latency', kind: 'variation', expect: 'green', asExpected: false, failed: [{ title: 'X PUT valid', error: 'Error: boom' }] }),
    outcome({ id: 'fault a', kind: 'fault', expect: 'red', asExpected: true, category: 'state', failed: [{ title: 'Y POST valid', error: 'Error: read back differs' }] }),
    outcome({ id: 'fault b', kind: 'fault', expect: 'red', asExpected: false, category: 'reads' }),
  ]);
  expect(s.faults).toEqual({ total: 2, caught: 1 });
  expect(s.greenRuns).toEqual({ total: 2, falseAlarms: 1 });
  const lines = scoreLines(s).join('\n');
  expect(lines).toContain('mutation score: 1/2 faults caught (50%) · false alarms: 1/2 green runs');
  expect(lines).toMatch(/FALSE ALARM {2}variation latency/);
  expect(lines).toMatch(/X PUT valid: Error: boom/);
  expect(lines).toMatch(/caught {2}fault a \[state\]/);
  expect(lines).toMatch(/by: Y POST valid/);
  expect(lines).toMatch(/MISSED {2}fault b \[reads\]/);
});
