/**
 * Which failures catch a fault. A fault run goes red for many reasons; only some of them are the suite doing
 * its job: a documented fault is caught when a failing check is a contract violation (reporters/classify.ts)
 * raised under one of the clauses the fault breaks (FaultInfo.clauses in sandbox/faults.ts), a drift fault when a
 * silent-point check drifts on one of the silent points it moves. Anything else (another clause, a TypeError, a
 * timeout, an inconclusive check, drift for a documented fault) is "caught for the wrong reason" and does not
 * count. Pure: no Playwright, no child processes.
 */
import { CLAUSE_IDS, type ClauseId } from '../../api/contract/clauses.ts';
import { classifyFailure, stripAnsi, type FailureKind } from '../../reporters/classify.ts';

/** One failing check as the JSON report has it. */
export interface CheckFailure {
  title: string;
  /** the error messages of its failing result (the first ended the check; soft assertions add more) */
  messages: string[];
  /** the check's `story` annotation (kind of check) */
  story?: string;
  /** the clauses the check declares (its `clauses` annotation) */
  checkClauses?: readonly string[];
}

/** A failure, classified as the suite's own reports classify it, with the clause it names. */
export interface Attributed {
  title: string;
  kind: FailureKind;
  /** contract: the clause whose label heads the message; drift: the recorded clause of the silent point that moved */
  clause?: ClauseId;
  /** the first line of the message */
  error: string;
}

export interface FaultClauses {
  category: string;
  clauses: readonly string[];
}

export interface Attribution {
  /** the first failure that names one of the fault's clauses, in the expected kind */
  caughtBy?: Attributed;
  /** every other failure: another clause, another kind (suite error, timeout, inconclusive, drift or contract) */
  wrongReason: Attributed[];
}

const IDS: ReadonlySet<string> = new Set(CLAUSE_IDS);
const SILENT_IDS = CLAUSE_IDS.filter((id) => id.startsWith('silent.'));

/** what claim() writes at the head of a failure: `[<clause id>] <rule>` (lib/checks/claim.ts, clauseLabel) */
const LEADING_LABEL = /^(?:Error: )?\[([^\]\s]+)\] /;
/** what lib/checks/baseline.ts writes at the head of a drift */
const SILENT_POINT = /^(?:Error: )?silent point "([^"\n]+)"/;

const firstLine = (m: string) => (stripAnsi(m).split('\n').find((l) => l.trim()) ?? '').trim().slice(0, 240);

/** The clause a contract failure is raised under: the label at the head of its message, when it is a clause id. */
export function leadingClause(message: string): ClauseId | undefined {
  const id = LEADING_LABEL.exec(stripAnsi(message).trimStart())?.[1];
  return id && IDS.has(id) ? (id as ClauseId) : undefined;
}

/**
 * The recorded clause of a drifted silent point: the check's declared silent clause, else the one the silent
 * point's name ends with (`coworkertask-post-optional-wrong-type` → silent.wrong-type).
 */
export function silentClause(message: string, checkClauses: readonly string[] = []): ClauseId | undefined {
  const declared = checkClauses.find((c) => c.startsWith('silent.') && IDS.has(c));
  if (declared) return declared as ClauseId;
  const name = SILENT_POINT.exec(stripAnsi(message).trimStart())?.[1];
  if (!name) return undefined;
  return SILENT_IDS.filter((id) => name.endsWith(id.slice('silent.'.length))).sort((a, b) => b.length - a.length)[0];
}

/** Each message of a failing check, classified, with its clause. */
export function attribute(f: CheckFailure): Attributed[] {
  const messages = f.messages.length ? f.messages : [''];
  return messages.map((message) => {
    const kind = classifyFailure({ message, story: f.story });
    const clause = kind === 'contract' ? leadingClause(message) : kind === 'drift' ? silentClause(message, f.checkClauses) : undefined;
    return { title: f.title, kind, ...(clause ? { clause } : {}), error: firstLine(message) };
  });
}

/**
 * Global setup met a contract violation and ended the run before any check (lib/config/errors.ts
 * SetupContractViolation): `contract violation during setup…` then the clause label, on stderr.
 */
export function setupViolation(stderr: string): Attributed | undefined {
  const text = stripAnsi(stderr);
  const at = text.indexOf('contract violation during setup');
  if (at < 0) return undefined;
  const rest = text.slice(at);
  const id = /\n\s*\[([^\]\s]+)\] /.exec(rest)?.[1];
  const clause = id && IDS.has(id) ? (id as ClauseId) : undefined;
  const problem = rest.split('\n').slice(1).find((l) => l.trim() && !/^\s*(\[|source:)/.test(l))?.trim() ?? '';
  return { title: 'global setup', kind: 'contract', ...(clause ? { clause } : {}), error: `${firstLine(rest)} ${problem}`.slice(0, 240) };
}

/** Is this failure the fault caught by its own clause (drift faults: drift on their own silent point)? */
export function isRightReason(fault: FaultClauses, a: Attributed): boolean {
  const kind: FailureKind = fault.category === 'drift' ? 'drift' : 'contract';
  return a.kind === kind && a.clause !== undefined && fault.clauses.includes(a.clause);
}

export function judge(fault: FaultClauses, failures: readonly Attributed[]): Attribution {
  const caughtBy = failures.find((a) => isRightReason(fault, a));
  return { ...(caughtBy ? { caughtBy } : {}), wrongReason: failures.filter((a) => !isRightReason(fault, a)) };
}
