/**
 * A configuration or target problem: ends the run with one plain message and exit code 2
 * (issue 6: "a bad profile, a missing environment variable, an unreachable tenant or credentials
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

/** The client refused a request that could touch a record the run did not create (issue 7). */
export class GuardError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GuardError';
  }
}

/** The one way a run ends on a ConfigError: a plain message on stderr (secrets redacted) and exit code 2. */
export function exitOnConfigError(err: unknown, redact: (s: string) => string): void {
  if (!(err instanceof ConfigError)) return;
  process.stderr.write(`\nnexudus-conformance: ${redact(err.message)}\n\n`);
  process.exit(2);
}
