import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
/**
 * A configuration or target problem: ends the run with one plain message and exit code 2
 * ("a bad profile, a missing environment variable, an unreachable tenant or credentials
 * that do not work end in one message naming the cause and the fix").
 */
export class ConfigError extends Error {
  constructor(
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${problem}\nFix: ${fix}`);
    this.name = 'ConfigError';
  }
}

/** The client refused a request that could touch a record the run did not create. */
export class GuardError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GuardError';
  }
}

/**
 * A check could not look: a read it relied on (a lookup by marker, the record before or after a write)
 * did not answer as documented. The check has no verdict; it is never counted as passed.
 */
export class InconclusiveError extends Error {
  constructor(message: string) {
    super(`inconclusive: ${message}`);
    this.name = 'InconclusiveError';
  }
}

/**
 * Setup met an answer that breaks the documented contract (a create answered with another success status, a
 * success without the documented envelope): a finding about the tenant, exit code 1, never advice to check
 * the profile. The clause and its source are named as in any failing check.
 */
export class SetupContractViolation extends Error {
  constructor(readonly clauseLabel: string, readonly problem: string) {
    super(`contract violation during setup, before any check could run:\n${clauseLabel}\n${problem}`);
    this.name = 'SetupContractViolation';
  }
}

/** Where a setup violation is noted for the `npm run conformance` wrapper (its exit code and reason). */
export const setupViolationPath = (outDir: string): string => join(outDir, 'setup-violation.txt');

/**
 * The one way a run ends on a ConfigError (exit 2) or a SetupContractViolation (exit 1): a plain message on
 * stderr (secrets redacted).
 */
export function exitOnConfigError(err: unknown, redact: (s: string) => string): void {
  if (err instanceof SetupContractViolation) {
    const text = redact(err.message);
    process.stderr.write(`\nnexudus-conformance: ${text}\n\n`);
    const out = resolve(process.env.NEXUDUS_OUT || 'out');
    mkdirSync(out, { recursive: true });
    writeFileSync(setupViolationPath(out), text + '\n');
    process.exit(1);
  }
  if (!(err instanceof ConfigError)) return;
  process.stderr.write(`\nnexudus-conformance: ${redact(err.message)}\n\n`);
  process.exit(2);
}
