/**
 * Checks a run leaves out, and why, in the words the plan, the verdict line, the matrix and the run summary
 * share. A contract check asserts a documented rule; a silent-point probe only records what the sources leave
 * open, so it is never a contract check: the two are counted apart. Skip reasons start with a fixed prefix
 * (lib/plan/fit.ts, lib/run/global-setup.ts), which names their cause.
 */

/** Longest token lifetime an expired-token check waits out: a tenant whose tokens live longer cannot run it. */
export const MAX_EXPIRY_WAIT_SECONDS = 30;

/** Prefix of the skip reason of an expired-token check the tenant's token lifetime rules out. */
export const TOKEN_LIFETIME = 'token lifetime';

/** `budget`, `read-only target`, `token lifetime`, `no record to read`, `no marker field`, `cover mode`, `interrupted`, or the reason's own first words */
export type NotRunCause = string;

const CAUSES: [RegExp, NotRunCause][] = [
  [/^write budget/, 'budget'],
  [/^read-only target/, 'read-only target'],
  [new RegExp(`^${TOKEN_LIFETIME}`), 'token lifetime'],
  [/^silent-point probe/, 'cover mode'],
  [/^the tenant lists no/, 'no record to read'],
  [/carry the run marker/, 'no marker field'],
  [/ writes need fixtures\./, 'fixture not in the profile'],
  [/^interrupted/, 'interrupted'],
];

/** The cause of a skip reason, short enough to count by: a known one, else the reason up to its first colon. */
export function causeOf(reason: string | undefined): NotRunCause {
  const r = reason?.trim() ?? '';
  const known = CAUSES.find(([re]) => re.test(r))?.[1];
  if (known) return known;
  const head = r.split(':')[0]!.trim();
  return !head ? 'no reason given' : head.length > 60 ? `${head.slice(0, 59)}…` : head;
}

/** Every kind of check asserts the contract but the silent points, which record. */
export const isContractKind = (kind: string | undefined): boolean => kind !== 'silent points';

export interface NotRunGroup {
  /** checks of this group in the run (selected by the command line) */
  total: number;
  notRun: number;
  /** by cause, most first; each with its checks by kind, most first */
  byCause: { cause: NotRunCause; count: number; byKind: { kind: string; count: number }[] }[];
}

export interface NotRun {
  contract: NotRunGroup;
  silentPoints: NotRunGroup;
}

export interface CheckOutcome {
  kind: string | undefined;
  /** the check did not run (skipped, or the run stopped before it) */
  notRun: boolean;
  reason?: string;
}

/** The checks left out of a run, contract checks and silent-point probes apart, by cause and kind. */
export function notRunOf(checks: CheckOutcome[]): NotRun {
  const group = (xs: CheckOutcome[]): NotRunGroup => {
    const out = xs.filter((x) => x.notRun);
    const causes = new Map<NotRunCause, Map<string, number>>();
    for (const x of out) {
      const byKind = causes.get(causeOf(x.reason)) ?? new Map<string, number>();
      causes.set(causeOf(x.reason), byKind);
      byKind.set(x.kind ?? 'unlabelled', (byKind.get(x.kind ?? 'unlabelled') ?? 0) + 1);
    }
    const byCause = [...causes].map(([cause, kinds]) => ({
      cause,
      count: [...kinds.values()].reduce((s, n) => s + n, 0),
      byKind: [...kinds].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind)),
    })).sort((a, b) => b.count - a.count || a.cause.localeCompare(b.cause));
    return { total: xs.length, notRun: out.length, byCause };
  };
  return { contract: group(checks.filter((c) => isContractKind(c.kind))), silentPoints: group(checks.filter((c) => !isContractKind(c.kind))) };
}

/** `19 authorization, 5 authentication: budget; 2 authentication: token lifetime` */
export function byKindAndCause(g: NotRunGroup): string {
  return g.byCause.map((c) => `${c.byKind.map((k) => `${k.count} ${k.kind}`).join(', ')}: ${c.cause}`).join('; ');
}

/** `cover mode`, or `37 cover mode, 4 budget`: silent-point probes by cause only (their kind is always the same). */
export function byCause(g: NotRunGroup): string {
  return g.byCause.length === 1 ? g.byCause[0]!.cause : g.byCause.map((c) => `${c.count} ${c.cause}`).join(', ');
}

/**
 * What a run checked, for the verdict line and the summary: `237 of 261 contract checks; 24 not run
 * (19 authorization, 5 authentication: budget)`, silent-point probes said apart.
 */
export function checkedPhrase(n: NotRun): string {
  const c = n.contract;
  const contract = c.notRun
    ? `${c.total - c.notRun} of ${c.total} contract checks; ${c.notRun} not run (${byKindAndCause(c)})`
    : `all ${c.total} contract checks`;
  const s = n.silentPoints;
  const silent = s.notRun ? `; ${s.notRun} silent-point probe${s.notRun === 1 ? '' : 's'} not run (${byCause(s)}; they record, they are not contract checks)` : '';
  return `${contract}${silent}`;
}
