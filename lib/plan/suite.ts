/**
 * The plan as the spec files see it while Playwright collects tests (before global setup has run):
 * derived from the profile and the environment only, so the runner and every worker list the same
 * tests. A broken profile ends the run here with one message and exit code 2.
 */
import { env, type Mode } from '../config/env.ts';
import { ConfigError, exitOnConfigError } from '../config/errors.ts';
import { loadProfile, selectedProfilePath, writesAllowed, isLiveTarget, type Profile } from '../config/profile.ts';
import { buildPlan, type Check, type Kind, type PlanInput } from './plan.ts';
import { redact } from '../config/redact.ts';

export const DEFAULT_NUM_RUNS = 12;

export function planInputFor(profile: Profile): PlanInput {
  if (env.mode !== undefined && env.mode !== 'explore' && env.mode !== 'cover') {
    throw new ConfigError(`NEXUDUS_MODE=${String(env.mode)} is not a mode.`, 'set NEXUDUS_MODE (or --mode) to explore or cover, or unset it (explore on loopback, cover on live tenants).');
  }
  const canWrite = writesAllowed(profile);
  const mode: Mode = env.mode ?? (isLiveTarget(profile.baseUrl) ? 'cover' : 'explore');
  return {
    personas: profile.personas,
    mode,
    writesAllowed: canWrite,
    readOnlyReason: canWrite ? undefined : `${profile.baseUrl} is a live tenant and profile ${profile.name} does not say "allowWrites": true`,
    budget: env.budget,
    silentPoints: env.silentPoints,
    noStartSweep: env.noStartSweep,
    expiryCheck: (profile.tokenLifetimeSeconds ?? Infinity) <= 30,
    numRuns: env.fcNumRuns ?? DEFAULT_NUM_RUNS,
    discoveryReads: discoveryReads(profile),
  };
}

let cached: Check[] | undefined;

export function suiteChecks(): Check[] {
  if (cached) return cached;
  try {
    const profile = loadProfile(selectedProfilePath(), env.baseUrl);
    // every check is declared; which of them run (selection, budget, cover defaults) global setup decides
    cached = buildPlan({ ...planInputFor(profile), budget: undefined }, 1).checks;
    return cached;
  } catch (err) {
    exitOnConfigError(err, redact);
    throw err;
  }
}

export const checksOf = (kind: Kind): Check[] => suiteChecks().filter((c) => c.kind === kind);

/** How many list reads fixture discovery (lib/run/discovery.ts) will make for this profile: the plan counts them. */
export function discoveryReads(p: Profile): number {
  const f = p.fixtures;
  const needBusiness = f.businessId === undefined || f.countryId === undefined || f.simpleTimeZoneId === undefined;
  return (needBusiness ? 1 : 0) + (f.inventoryAssetId === undefined ? 1 : 0) + (f.responsibleId === undefined ? 1 : 0);
}
