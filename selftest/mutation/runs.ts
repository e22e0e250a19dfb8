/**
 * The mutation runs: the whole conformance suite against the clean sandbox, against each conformant
 * variation (must stay green: no false alarm), and against each fault (must go red). The faults and
 * variations are the sandbox's own catalogues (sandbox/faults.ts, sandbox/variations.ts), so a fault
 * added there is run here without another line.
 */
import { MUTATION_FAULTS, describeFault, type FaultName } from '../../sandbox/faults.ts';
import { VARIATIONS, VARIATION_NAMES, type VariationName } from '../../sandbox/variations.ts';
import { PRESETS, SILENT_POINTS, DEFAULT_KNOBS } from '../../cleanroom/index.ts';

const CLEANROOM_PRESETS = Object.keys(PRESETS);

/** knobs that only act while throttling is on: with it on, every 40th request, without waits but for the status runs */
const THROTTLE_KNOBS = new Set(['throttle', 'throttleEvery', 'throttleWaitSeconds', 'throttleToken']);
const throttleWith = (knob: string): Record<string, unknown> =>
  (THROTTLE_KNOBS.has(knob) ? { throttle: '409', throttleEvery: 40, ...(knob === 'throttle' ? {} : { throttleWaitSeconds: 0 }) } : {});
/**
 * The sweep over single knobs costs about 8 minutes on 2 cores (74 suite runs), more than CI's budget beside the
 * rest of the self-test: it runs with `npm run counter` (NEXUDUS_KNOB_SWEEP=1); `npm test` runs the presets, which
 * turn every knob at once.
 */
export const KNOB_SWEEP = process.env.NEXUDUS_KNOB_SWEEP === '1';
/**
 * Readings the suite takes a side on: the 2020 "may not be null" for a missing required field is superseded by
 * the current seed pages' "is a required field" (clause required.message), so that knob value is a fault here.
 */
const NOT_CONFORMANT = new Set(['requiredMessage=2020']);

/** One run per silent point and each of its other answers, on the clean-room tenant's default preset. */
const KNOB_RUNS: MutationRun[] = SILENT_POINTS.flatMap((sp) => sp.values
  .filter((v) => v !== (DEFAULT_KNOBS as Record<string, unknown>)[sp.knob] && !NOT_CONFORMANT.has(`${sp.knob}=${String(v)}`))
  .map((v): MutationRun => ({
    id: `variation clean-room knob ${sp.knob}=${String(v)}`, kind: 'variation', cleanroom: 'default', expect: 'green', baselines: 'fresh',
    knobs: { ...throttleWith(sp.knob), [sp.knob]: v },
    faults: [], variations: [], what: `the clean-room tenant with ${sp.knob}=${String(v)} (${sp.section}): ${sp.note}`,
  })));

export type RunKind = 'clean' | 'variation' | 'fault';

export interface MutationRun {
  /** unique, used in test titles and result files */
  id: string;
  kind: RunKind;
  /** what the run proves, in one line */
  what: string;
  faults: FaultName[];
  variations: VariationName[];
  /** the suite must pass (clean, variations) or fail (faults) */
  expect: 'green' | 'red';
  /**
   * committed: the sandbox's recorded silent-point baselines (a changed silent point is a finding);
   * fresh: an empty baselines folder, as for a tenant seen for the first time (its answers are recorded);
   * recorded: a folder the clean sandbox's silent points are recorded into first, in the same run (drift faults)
   */
  baselines: 'committed' | 'fresh' | 'recorded';
  /** another tenant: other persona names, fixtures given, started here and reached through a profile */
  otherTenant?: boolean;
  /** the clean-room tenant (cleanroom/, written from the seed pages and the facts alone) with this preset */
  cleanroom?: string;
  /** knobs set on top of the preset: one silent point answered another way */
  knobs?: Record<string, unknown>;
  /** run the suite a second time against the baselines the first run recorded (they must match) */
  twice?: boolean;
}

/** the throttle forms exclude each other; the all-at-once run takes the live one */
const ALL_AT_ONCE = VARIATION_NAMES.filter((v) => v !== 'throttle-409');

export const MUTATION_RUNS: readonly MutationRun[] = [
  { id: 'clean', kind: 'clean', what: 'the intact sandbox', faults: [], variations: [], expect: 'green', baselines: 'committed' },
  ...VARIATION_NAMES.map((v): MutationRun => ({
    id: `variation ${v}`, kind: 'variation', what: VARIATIONS[v], faults: [], variations: [v], expect: 'green', baselines: 'fresh',
  })),
  {
    id: 'variation another tenant', kind: 'variation', otherTenant: true, faults: [], variations: ALL_AT_ONCE, expect: 'green', baselines: 'fresh',
    what: `every variation at once (${ALL_AT_ONCE.join(', ')}), other persona names, fixtures given instead of discovered; run twice: the second run matches the baselines the first recorded`,
  },
  // the clean-room tenant: every silent point answered its own way, the fewest and the most fields, and every
  // knob turned the other way at once. The fewest-fields and all-at-once presets run twice (the second run must
  // match the first one's baselines: observations that depend on timing show there); the other two once, in cover
  // mode (every rule once), for CI time
  ...CLEANROOM_PRESETS.map((preset): MutationRun => {
    const twice = preset === 'minimal' || preset === 'other-way';
    return {
      id: `variation clean-room ${preset}`, kind: 'variation', cleanroom: preset, twice, faults: [], variations: [], expect: 'green', baselines: 'fresh',
      what: `the clean-room tenant, preset ${preset}: written from the seed pages and nexudus-api.md alone${twice ? ', run twice' : ', cover mode'}`,
    };
  }),
  ...(KNOB_SWEEP ? KNOB_RUNS : []),
  // documented faults against an empty baselines folder (only a clause can catch them), drift faults against the
  // clean sandbox's silent points recorded in the same run (selftest/mutation/execute.ts)
  ...MUTATION_FAULTS.map((f): MutationRun => ({
    id: `fault ${f}`, kind: 'fault', what: describeFault(f).rule, faults: [f], variations: [], expect: 'red',
    baselines: describeFault(f).category === 'drift' ? 'recorded' : 'fresh',
  })),
];

/** What one run did, attached to its self-test and read by the score reporter. */
export interface MutationOutcome {
  id: string;
  kind: RunKind;
  expect: 'green' | 'red';
  /** faults: the fault's category (`drift` faults are scored on their own line) */
  category?: string;
  /** faults: the clauses the fault breaks (FaultInfo.clauses) */
  clauses?: string[];
  what: string;
  exitCode: number | null;
  passed: number;
  /** the checks that failed (setup included, as `global setup`), with the first line of their error, their kind and clause */
  failed: { title: string; error: string; kind?: string; clause?: string }[];
  /** true when the runs stopped at their first failing check (faults); the list is then not exhaustive */
  bailed: boolean;
  /** how many suite runs it took (a fault first caught for the wrong reason is run again on its own clauses' checks) */
  suiteRuns?: number;
  seconds: number;
  /**
   * green-expected runs: the suite stayed green; faults: a failing check named one of the fault's clauses as a
   * contract violation (drift faults: as drift on their silent point)
   */
  asExpected: boolean;
  /** faults: the failure that caught it */
  caughtBy?: { title: string; error: string; kind?: string; clause?: string };
  /** faults: failures that do not count (another clause, a suite error, a timeout, an inconclusive check…) */
  wrongReason?: { title: string; error: string; kind?: string; clause?: string }[];
  /** drift faults: the clean sandbox's silent points recorded first */
  recording?: { exitCode: number | null; passed: number; failed: number; seconds: number };
  /** why a fault run stopped without a verdict, when it did */
  note?: string;
}
