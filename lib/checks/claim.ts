/** The worker's assertion: the clause decides the message, Playwright's expect raises it. */
import { expect } from '@playwright/test';
import { CLAUSES, clauseLabelFor, type Clause, type ClauseId } from '../../api/contract/clauses.ts';

/**
 * The suite's only way to assert: Playwright's expect, with the clause's rule and source heading the
 * message. Call it when a condition already failed (a passing expect is a report step, lib/checks/checks.ts).
 * `endpoint` (an endpoint id, `PUT /api/crm/coworkertasks`) is the endpoint the failure is about: a clause stated
 * on every seed page then cites that endpoint's own page (clauseSource in api/contract/clauses.ts).
 */
export function claim(id: ClauseId, actual: unknown, message: string, endpoint?: string): ReturnType<typeof expect> {
  const c: Clause = CLAUSES[id];
  if (c.kind !== 'asserted') throw new Error(`clause ${id} is recorded, not asserted: it must never fail a check`);
  return withoutFrames(expect(actual, `${clauseLabelFor(id, endpoint)}\n${message}`));
}

/**
 * The matchers, raising their failure without stack frames: a contract failure is about the tenant, and the reader
 * needs the clause, the answer and what the contract wants, not a frame of the suite's own code (reporters print a
 * code snippet for the first frame they find).
 */
function withoutFrames<T extends object>(matchers: T): T {
  return new Proxy(matchers, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver) as unknown;
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        try {
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        } catch (err) {
          if (err instanceof Error) err.stack = `${err.name}: ${err.message}`;
          throw err;
        }
      };
    },
  });
}
