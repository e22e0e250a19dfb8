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
import { ENTITIES } from '../../api/catalogue/entities.ts';
import { REF_NAMES } from '../../api/catalogue/fields.ts';
import { MAX_EXPIRY_WAIT_SECONDS, TOKEN_LIFETIME } from './not-run.ts';

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
    // until the tenant has issued a token, the profile's word; global setup corrects it from the tenant's expires_in
    expiryCheck: (profile.tokenLifetimeSeconds ?? Infinity) <= MAX_EXPIRY_WAIT_SECONDS,
    expirySkip: profile.tokenLifetimeSeconds === undefined
      ? `${TOKEN_LIFETIME}: profile ${profile.name} sets no tokenLifetimeSeconds (documented tokens live 604799 s, longer than the run waits for one to lapse: ${MAX_EXPIRY_WAIT_SECONDS} s)`
      : `${TOKEN_LIFETIME}: tokens live ${profile.tokenLifetimeSeconds} s (profile ${profile.name}), longer than the run waits for one to lapse (${MAX_EXPIRY_WAIT_SECONDS} s)`,
    numRuns: env.fcNumRuns ?? DEFAULT_NUM_RUNS,
    discoveryReads: discoveryReads(profile),
    entities: coveredEntities(profile),
    writesPlannedOut: writesPlannedOut(profile),
  };
}

/** The entities the run covers: NEXUDUS_ENTITIES, else the profile's `entities`, else every one; a name not in the catalogue is refused. */
export function coveredEntities(profile: Profile): Set<string> | undefined {
  const names = env.entities.length ? env.entities : profile.entities;
  if (!names) return undefined;
  const known = new Map(ENTITIES.map((e) => [e.name.toLowerCase(), e.name]));
  const unknown = names.filter((n) => !known.has(n.toLowerCase()));
  if (unknown.length) {
    throw new ConfigError(
      `${env.entities.length ? 'NEXUDUS_ENTITIES' : `profile ${profile.name}'s "entities"`} names ${unknown.map((n) => `"${n}"`).join(', ')}, not an entity of the catalogue.`,
      `use entity names as the pages write them: ${ENTITIES.map((e) => e.name).join(', ')}.`,
    );
  }
  return new Set(names.map((n) => known.get(n.toLowerCase())!));
}

/** Refs every run fills itself: discovered fixtures, and the two coworkers it creates. */
const FILLED: ReadonlySet<string> = new Set(REF_NAMES);

/** Per entity read from pages, why its writes cannot run on this profile: a fixture it does not name, or no field for the marker. */
export function writesPlannedOut(profile: Profile): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of ENTITIES) {
    if (!e.pages) continue;
    const missing = e.needs.filter((r) => !FILLED.has(r) && typeof profile.fixtures[r] !== 'number');
    if (missing.length) out.set(e.name, `${e.name} writes need ${missing.map((r) => `fixtures.${r}`).join(', ')} (an existing record of the tenant) in profile ${profile.name}: name ${missing.length === 1 ? 'it' : 'them'} to test its POST/PUT`);
    else if (!e.markerFields.length) out.set(e.name, `${e.name} has no text field to carry the run marker: a record it made could not be found again after a crash, so the run does not write it`);
  }
  return out;
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
