/**
 * The only module that reads process.env (house style: read once, name the constants).
 * Documented in README "Configuration".
 */
const e = process.env;

const num = (name: string): number | undefined => {
  const v = e[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`${name}=${v} is not a number. Fix: set ${name} to a number or unset it.`);
  return n;
};

/** A comma-separated list variable, entries trimmed, empty ones dropped. */
const list = (name: string): string[] => (e[name] || '').split(',').map((s) => s.trim()).filter(Boolean);

export type Mode = 'explore' | 'cover';

export const env = {
  /** tenant profile file; unset = the embedded sandbox */
  profilePath: e.NEXUDUS_PROFILE || undefined,
  /** overrides the profile's baseUrl */
  baseUrl: e.NEXUDUS_BASE_URL || undefined,
  /** explore (property-based, many cases) or cover (deterministic, fewest requests); default by target */
  mode: (e.NEXUDUS_MODE || undefined) as Mode | undefined,
  /** cap on every write of the run: setup, checks and teardown */
  budget: num('NEXUDUS_BUDGET'),
  /** cover mode: run the silent-point probes as well (NEXUDUS_SILENT_POINTS=1, --silent-points) */
  silentPoints: e.NEXUDUS_SILENT_POINTS === '1',
  /** print the plan and stop before the first request (NEXUDUS_DRY_RUN=1, --dry-run) */
  dryRun: e.NEXUDUS_DRY_RUN === '1',
  /** set by global setup for the workers: the run's token broker (`<url>#<key>`), so a worker (or a restarted one) signs nobody in */
  tokenBroker: e.NEXUDUS_TOKEN_BROKER || undefined,
  /** set by global setup: a token of the admin and when it has lapsed (the expired-token checks) */
  expiredToken: e.NEXUDUS_EXPIRED_TOKEN || undefined,
  /** where run state, ledgers, counts and reports go */
  outDir: e.NEXUDUS_OUT || 'out',
  /** where silent-point baselines live, one folder per tenant */
  baselinesDir: e.NEXUDUS_BASELINES || 'baselines',
  /** set by global setup for the workers */
  runStatePath: e.NEXUDUS_RUN_STATE || undefined,
  /** set by the runner for its workers: the cover cases it drew for the plan (lib/payloads/cover.ts) */
  handedCoverCases: e.NEXUDUS_COVER_CASES || undefined,
  /** set by global setup for the workers: the runner's pacer, which paces every worker process together */
  pacerUrl: e.NEXUDUS_PACER_URL || undefined,
  /** the entities a run covers, comma-separated (overrides the profile's `entities`); unset: the profile's, else all */
  entities: list('NEXUDUS_ENTITIES'),
  /** fast-check replay */
  fcSeed: num('FC_SEED'),
  fcPath: e.FC_PATH || undefined,
  fcNumRuns: num('FC_NUM_RUNS'),
  ci: !!e.CI,
  /** embedded sandbox, for the project's own tests: faults (sandbox/faults.ts), comma-separated */
  sandboxFaults: list('NEXUDUS_SANDBOX_FAULTS'),
  /** sandbox variations (sandbox/variations.ts), comma-separated; throttle-409/throttle-429 turn throttling on */
  sandboxVariations: list('NEXUDUS_SANDBOX_VARY'),
  /** every n-th request is throttled under a throttle variation (the sandbox's default: 7) */
  sandboxThrottleEvery: num('NEXUDUS_SANDBOX_THROTTLE_EVERY'),
  sandboxLogPath: e.NEXUDUS_SANDBOX_LOG || undefined,
  /** minutes after which a run marker counts as abandoned (sweep) */
  sweepAfterMinutes: num('NEXUDUS_SWEEP_AFTER_MINUTES'),
  /** skip the start-of-run sweep (the project's own tests use it to leave a crash behind) */
  noStartSweep: e.NEXUDUS_NO_START_SWEEP === '1',
  /** treat a loopback target as a live tenant: pacing, cover mode, write guard (rehearsals, self-tests) */
  assumeLive: e.NEXUDUS_ASSUME_LIVE === '1',
  /** CI: a silent point without a recorded baseline fails instead of recording one (NEXUDUS_REQUIRE_BASELINES=1) */
  requireBaselines: e.NEXUDUS_REQUIRE_BASELINES === '1',
  /** look up ${NAME} in profiles */
  lookup: (name: string): string | undefined => e[name],
};
