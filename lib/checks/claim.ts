/** The worker's assertion: the clause decides the message, Playwright's expect raises it. */
import { expect } from '@playwright/test';
import { CLAUSES, clauseLabel, type Clause, type ClauseId } from '../../api/contract/clauses.ts';

/**
 * The suite's only way to assert: Playwright's expect, with the clause's rule and source heading the
 * message. Call it when a condition already failed (a passing expect is a report step, lib/checks/checks.ts).
 */
export function claim(id: ClauseId, actual: unknown, message: string) {
  const c: Clause = CLAUSES[id];
  if (c.kind !== 'asserted') throw new Error(`clause ${id} is recorded, not asserted: it must never fail a check`);
  return expect(actual, `${clauseLabel(id)}\n${message}`);
}
