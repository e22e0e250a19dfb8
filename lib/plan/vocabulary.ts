/**
 * The plan's vocabulary: a check, its cost, the records it needs, and the plan that holds them. The
 * builder (plan.ts) and the fitting (fit.ts) both speak it, so neither imports the other.
 */
import type { Endpoint } from '../../api/catalogue/endpoints.ts';
import type { ClauseId } from '../../api/contract/clauses.ts';
import type { Persona } from '../config/profile.ts';
import type { Mode } from '../config/env.ts';
import type { CoverCase } from '../payloads/cover.ts';

/** the authentication variant that needs a token to lapse first (tests/token-expiry.spec.ts) */
export const EXPIRED_TOKEN = 'expired bearer token';

export type Kind =
  | 'reads' | 'round trip' | 'required fields' | 'silent points'
  | 'authorization' | 'authentication' | 'token';

export interface Cost {
  reads: number;
  writes: number;
  /** token requests the check itself sends (the token endpoint's checks) */
  tokens?: number;
  /** requests of the check that set up its own records (counted in reads/writes too) */
  cleanupMax?: number;
}

export interface Check {
  /** unique test title: `<Entity> <VERB> <condition> → <outcome>` */
  title: string;
  kind: Kind;
  endpoint?: Endpoint;
  tags: string[];
  cost: Cost;
  /** sends writes: skipped on read-only targets */
  writes: boolean;
  /** lower runs first when the budget is short */
  priority: number;
  persona?: string;
  allowed?: boolean;
  /** explore mode: number of generated cases */
  numRuns?: number;
  cover?: CoverCase;
  variant?: string;
  /** set when the budget, a read-only target or cover mode's default rules the check out */
  skip?: string;
  /** false when the command line (--grep, --shard…) leaves the check out: it is not part of the plan */
  selected: boolean;
  /** the contract clauses the check asserts or records (api/contract/clauses.ts) */
  clauses: ClauseId[];
  /** what setup must make for it (lib/plan/fit.ts) */
  needs: Needs;
}

/** Records a check works on, which setup makes (and teardown deletes) only when a check that runs needs them. */
export interface Needs {
  /** the two prerequisite coworkers valid payloads of its entity refer to */
  prereqs: boolean;
  /** a record of this entity the run created, which the check writes to */
  writeTarget?: string;
  /** one record of this entity to read: the run's own when it has one, else the first listed */
  readTarget?: string;
  /** the Id of a record of this entity the run created and deleted */
  tombstone?: string;
}

export interface PlanInput {
  personas: Persona[];
  mode: Mode;
  writesAllowed: boolean;
  readOnlyReason?: string;
  /** cap on every write of the run: setup, checks and teardown */
  budget?: number;
  /** titles the command line selects (lib/run/selection.ts); undefined = all */
  selected?: Set<string>;
  /** cover mode: run the silent-point probes too (by default they run only when a budget leaves room) */
  silentPoints?: boolean;
  /** personas signed in before the first check (preflight): one token request each */
  signIns?: number;
  /** no start-of-run sweep (its reads are not planned) */
  noStartSweep?: boolean;
  /** run the expired-token checks (the tenant issues short-lived tokens); else they are skipped with `expirySkip` */
  expiryCheck: boolean;
  /** why the expired-token checks do not run, when they do not (starts with TOKEN_LIFETIME, lib/plan/not-run.ts) */
  expirySkip?: string;
  numRuns: number;
  /** list reads fixture discovery needs (lib/run/discovery.ts) */
  discoveryReads: number;
  /** the entities the run covers (the profile's `entities`, NEXUDUS_ENTITIES); undefined = every entity */
  entities?: ReadonlySet<string>;
  /** per entity, why its writes cannot run (a fixture the profile does not name, no field to carry the marker) */
  writesPlannedOut?: ReadonlyMap<string, string>;
}

export interface Plan {
  checks: Check[];
  /** preflight, discovery, start sweep, prerequisites, targets, tombstones */
  setup: Required<Pick<Cost, 'reads' | 'writes' | 'tokens'>> & { make: SetupMake };
  teardownWrites: number;
  totals: {
    /** the checks that run */
    reads: number; writes: number; tokens: number; checks: number;
    /** the whole run: setup, checks and teardown */
    run: { reads: number; writes: number; tokens: number };
    selected: number; skippedForBudget: number; skippedReadOnly: number; skippedSilent: number; skippedTokenLifetime: number; skippedUnfit?: number;
  };
}

/** What setup makes. */
export interface SetupMake {
  prereqs: boolean;
  writeTargets: string[];
  readTargets: string[];
  tombstones: string[];
  expiredToken: boolean;
  startSweep: boolean;
}
