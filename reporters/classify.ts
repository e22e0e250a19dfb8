/**
 * Why a check failed, from its error text alone, so the Allure categories (allurerc.ts), the matrix,
 * verdicts.json and the exit code of `npm run conformance` all agree. Pure; no Playwright, no Allure.
 *
 * Provenance is enforced here, by structure: a failure is a finding about the tenant only when it says which
 * documented rule it enforces. A contract violation is a failure whose message *starts* with the label claim()
 * writes (lib/checks/claim.ts, clauseLabel in api/contract/clauses.ts): `[<clause id>] <rule>\n  source: …`, the id
 * one of CLAUSE_IDS of kind `asserted`. However an assertion is raised (a bare or aliased `expect`, `test.expect`,
 * `expect.poll`, node:assert, a thrown Error that reads "Expected … Received …"), without that label it is an
 * error of the suite, never a finding: the tenant is not judged on a rule nobody cited (selftest/provenance
 * plants each of these in a spec and sees it so classified). Drift has its own structural mark: the message
 * lib/checks/baseline.ts writes (`silent point "<name>" answered differently than the baseline…`).
 *
 * Order matters (first match wins):
 *  1. unreachable   — the tenant gave no answer (network error) or stopped accepting credentials;
 *  2. inconclusive  — throttled beyond the retries, the check ran out of time, or a read the check relied on
 *                     did not answer as documented (InconclusiveError): no verdict. The deadline of an
 *                     `expect.poll` / `toPass` ("… while waiting on the predicate") is the assertion's own, not
 *                     the tenant's: such a failure is judged like any other assertion;
 *  3. suite         — a programming error or a guard of the suite itself (TypeError, GuardError,
 *                     BudgetError…): the suite is broken, the tenant is not judged;
 *  4. drift         — a silent point answered differently than the tenant's recorded baseline (or has none
 *                     under --require-baselines), as lib/checks/baseline.ts says it, in a silent-point check;
 *  5. contract      — the message leads with the label of an asserted clause (claim()): the tenant broke a
 *                     documented rule;
 *  6. suite         — anything else: an Error thrown outside claim(), and any assertion raised without a clause.
 */
import { CLAUSES, CLAUSE_IDS, type Clause, type ClauseId } from '../api/contract/clauses.ts';

export type FailureKind = 'contract' | 'drift' | 'inconclusive' | 'unreachable' | 'suite';

export const FAILURE_KINDS: readonly FailureKind[] = ['contract', 'drift', 'inconclusive', 'unreachable', 'suite'];

/** Category names, as shown in the Allure report, the matrix and the compare table. */
export const CATEGORY_NAME: Record<FailureKind, string> = {
  contract: 'Contract violations',
  drift: 'Silent-point drift',
  inconclusive: 'Could not look: throttled, timed out or a lookup failed (inconclusive)',
  unreachable: 'Tenant unreachable',
  suite: 'Errors in the suite',
};

export const CATEGORY_DESCRIPTION: Record<FailureKind, string> = {
  contract: 'A clause of the contract failed (its id, rule and source head the message): the tenant answered something the Nexudus documentation rules out.',
  drift: 'A point the docs leave open answered differently than the baseline recorded for this tenant (accept with --update-snapshots).',
  inconclusive: 'The tenant kept throttling (409/429 after the retries), the check timed out, or a read the check relied on (a lookup by marker, the record before or after a write) did not answer as documented: no verdict for this check, never a pass.',
  unreachable: 'No answer from the tenant (connection refused, DNS, reset, timeout) or its credentials stopped working mid-run.',
  suite: 'The suite itself failed (TypeError, GuardError, BudgetError, an unexpected exception), or a failure raised without a clause: the suite is broken, the tenant is not judged (an assertion counts as a finding only through claim(), which names an asserted clause and its source).',
};

const UNREACHABLE = /no answer \(|\bECONNREFUSED\b|\bECONNRESET\b|\bENOTFOUND\b|\bEAI_AGAIN\b|\bETIMEDOUT\b|\bEHOSTUNREACH\b|\bENETUNREACH\b|socket hang up|fetch failed|\bis unreachable\b|\bTokenError\b/;
const INCONCLUSIVE = /(?:^|\n)\s*(?:Error: |InconclusiveError: )?inconclusive: |answered 429\b|answered 409: (?:\s*$|[^\n]*(?:must wait|[Ww]ait \d))|Test timeout of \d+ms exceeded|Timeout \d+ms exceeded(?! while waiting on the predicate)|interrupted/m;
const SUITE_ERROR = /(?:^|\n)\s*(?:Error: )?(?:TypeError|ReferenceError|SyntaxError|RangeError|GuardError|BudgetError|ConfigError)\b|NEXUDUS_RUN_STATE is not set|this run created no records/;
/** what lib/checks/baseline.ts writes, at the head of the message: a changed or (--require-baselines) missing baseline */
const DRIFT = /^(?:Error: )?silent point "[^"\n]+" (?:answered differently than the baseline|has no recorded baseline for tenant)/;
/** what claim() writes, at the head of the message: `[<clause id>] <rule>` and on the next line `  source: <where>` */
const CLAUSE_LABEL = /^(?:Error: )?\[([^\]\s]+)\] [^\n]+\n {2}source: \S/;

/** The clause a failure message is raised under, read from its leading label; `kind` is the clause table's, or unknown. */
export function clauseOfFailure(message: string | undefined): { id: string; kind: Clause['kind'] | 'unknown' } | undefined {
  const m = CLAUSE_LABEL.exec(stripAnsi(message ?? '').trimStart());
  if (!m) return undefined;
  const id = m[1]!;
  return { id, kind: (CLAUSE_IDS as readonly string[]).includes(id) ? CLAUSES[id as ClauseId].kind : 'unknown' };
}

/** The asserted clause a failure names, or undefined: only such a failure is a contract violation. */
export function assertedClauseOf(message: string | undefined): ClauseId | undefined {
  const c = clauseOfFailure(message);
  return c?.kind === 'asserted' ? (c.id as ClauseId) : undefined;
}

export interface FailureInput {
  /** error message(s), causes included (see errorText) */
  message?: string;
  /** the stack: not read (a stack cannot vouch for a clause; only the message's head can); kept for the callers */
  trace?: string;
  /** the check's `story` (kind of check), when known */
  story?: string;
}

export function classifyFailure(f: FailureInput): FailureKind {
  if (UNREACHABLE.test(f.message ?? '')) return 'unreachable';
  if (INCONCLUSIVE.test(f.message ?? '')) return 'inconclusive';
  if (SUITE_ERROR.test(f.message ?? '')) return 'suite';
  if (DRIFT.test(stripAnsi(f.message ?? '').trimStart()) && (f.story === undefined || f.story === 'silent points')) return 'drift';
  if (assertedClauseOf(f.message)) return 'contract';
  return 'suite';
}

/** A Playwright TestError (or anything shaped like it) as one text: message, then every cause's message. */
export interface ErrorLike {
  message?: string;
  stack?: string;
  value?: string;
  cause?: ErrorLike;
}

export function errorText(e: ErrorLike | undefined): string {
  const parts: string[] = [];
  for (let c = e, depth = 0; c && depth < 5; c = c.cause, depth++) {
    const m = c.message ?? c.value;
    // a property failure already quotes the assertion that failed (generators/params.ts): not twice
    if (m && !(depth > 0 && parts.some((p) => p.includes(m)))) parts.push(depth === 0 ? m : `Caused by: ${m}`);
  }
  return stripAnsi(parts.join('\n\n'));
}

export function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;]*m/g, '');
}

/** Exit code of `npm run conformance` from the failures' kinds (docs/reports.md "Exit codes"). */
export function exitCodeFor(kinds: FailureKind[]): 0 | 1 | 2 | 3 {
  if (!kinds.length) return 0;
  if (kinds.some((k) => k === 'contract' || k === 'drift')) return 1;
  if (kinds.every((k) => k === 'unreachable')) return 2;
  return 3;
}

/** Allure 3 category rules (allurerc.ts): one per kind, matched with the same classifier. */
export interface AllureMatchingData {
  status: string;
  labels: readonly { name: string; value?: string }[];
  message?: string;
  trace?: string;
}

export function allureCategoryRules(): { id: string; name: string; matchers: (d: AllureMatchingData) => boolean; expand?: boolean }[] {
  return FAILURE_KINDS.map((kind) => ({
    id: `nexudus-${kind}`,
    name: CATEGORY_NAME[kind],
    expand: kind === 'contract',
    matchers: (d: AllureMatchingData) =>
      (d.status === 'failed' || d.status === 'broken') &&
      // a result without a story label is 'unlabelled', as in the matrix (reporters/matrix.ts) and compare
      classifyFailure({ message: d.message, trace: d.trace, story: d.labels.find((l) => l.name === 'story')?.value ?? 'unlabelled' }) === kind,
  }));
}
