/**
 * Tenant profiles (fixed interface): `{ baseUrl, personas: { name: { username, password,
 * fullAdmin?, roles? } }, fixtures? }` plus optional keys (see api/json-schemas.ts `Profile`).
 * Validated with its schema before any request; `${ENV_NAME}` passwords are resolved here.
 */
import { readFileSync, existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validate } from '../../schemas/ajv.ts';
import type { ProfileFile } from '../../api/json-schemas.ts';
import { ConfigError } from './errors.ts';
import { addBasicSecret } from './redact.ts';
import { env } from './env.ts';
import { ENTITIES } from '../../api/catalogue/entities.ts';

export const SANDBOX_PROFILE_PATH = fileURLToPath(new URL('../../sandbox/profile.json', import.meta.url));

export interface Persona {
  name: string;
  username: string;
  password: string;
  fullAdmin: boolean;
  roles: string[];
}

export interface Profile {
  name: string;
  path: string;
  baseUrl: string;
  personas: Persona[];
  /** the first fullAdmin persona: does the setup and the cleanup */
  admin: Persona;
  fixtures: NonNullable<ProfileFile['fixtures']>;
  allowWrites: boolean;
  deniedStatus: number;
  limits: NonNullable<ProfileFile['limits']>;
  tokenLifetimeSeconds?: number;
  sweepAfterMinutes: number;
  /** the embedded sandbox's own profile */
  isSandbox: boolean;
  /** personas whose password is written in the file rather than taken from the environment */
  plainPasswords: string[];
}

const ENV_REF = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

export function loadProfile(path: string, baseUrlOverride?: string): Profile {
  const abs = resolve(path);
  if (!existsSync(abs)) {
    throw new ConfigError(`Tenant profile not found: ${abs}`, 'point NEXUDUS_PROFILE at a profile JSON file (see README "Tenant profiles" and profiles/example.json).');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(abs, 'utf8'));
  } catch (err) {
    throw new ConfigError(`Tenant profile ${abs} is not valid JSON: ${(err as Error).message}`, 'fix the JSON syntax (a trailing comma or a missing quote is the usual cause).');
  }
  const res = validate('profile.json', raw);
  if (!res.valid) {
    const lines = res.errors.map((er) => `  ${er.instancePath || '(top level)'} ${er.message}${er.params && 'additionalProperty' in er.params ? ` "${(er.params as { additionalProperty: string }).additionalProperty}"` : ''}`);
    throw new ConfigError(`Tenant profile ${abs} does not match the profile format:\n${[...new Set(lines)].join('\n')}`, 'correct the keys above; the format is in README "Tenant profiles" and schemas/profile.json.');
  }
  const file = raw as ProfileFile;
  // every missing variable in one message, not one per run
  const missing: { name: string; variable: string; username: string }[] = [];
  const plain: string[] = [];
  const personas: Persona[] = Object.entries(file.personas).map(([name, p]) => {
    const m = ENV_REF.exec(p.password);
    let password = p.password;
    if (m) {
      const v = env.lookup(m[1]);
      if (v === undefined || v === '') missing.push({ name, variable: m[1], username: p.username });
      password = v ?? '';
    } else plain.push(name);
    if (password) addBasicSecret(p.username, password);
    return { name, username: p.username, password, fullAdmin: !!p.fullAdmin, roles: canonicalRoles(name, p.roles ?? [], abs) };
  });
  if (missing.length) {
    const which = missing.map((x) => `${x.variable} (persona "${x.name}")`).join(', ');
    throw new ConfigError(
      `${missing.length === 1 ? `Persona "${missing[0].name}" takes its password from the environment variable ${missing[0].variable}, which is not set.` : `These personas take their passwords from environment variables that are not set: ${which}.`}`,
      missing.map((x) => `export ${x.variable}=<the password of ${x.username}>`).join('; ') + ' before running (in CI: secrets).',
    );
  }
  const admin = personas.find((p) => p.fullAdmin);
  if (!admin) {
    throw new ConfigError(`Tenant profile ${abs} has no persona with "fullAdmin": true.`, 'mark the persona of a full unrestricted administrator with "fullAdmin": true; it does the setup and the cleanup.');
  }
  const baseUrl = (baseUrlOverride ?? file.baseUrl).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(baseUrl)) {
    throw new ConfigError(`Base URL "${baseUrl}" is not an http(s) URL.`, 'set baseUrl (or NEXUDUS_BASE_URL) to e.g. https://spaces.nexudus.com');
  }
  return {
    plainPasswords: plain,
    name: file.name ?? basename(abs).replace(/\.json$/, ''),
    path: abs,
    baseUrl,
    personas,
    admin,
    fixtures: file.fixtures ?? {},
    allowWrites: !!file.allowWrites,
    deniedStatus: file.deniedStatus ?? 401,
    limits: file.limits ?? {},
    tokenLifetimeSeconds: file.tokenLifetimeSeconds,
    sweepAfterMinutes: env.sweepAfterMinutes ?? file.sweepAfterMinutes ?? 120,
    isSandbox: abs === SANDBOX_PROFILE_PATH,
  };
}

const ROLE_VERBS = ['List', 'Read', 'Create', 'Edit', 'Delete'];
const KNOWN_ROLES = ENTITIES.flatMap((e) => ROLE_VERBS.map((v) => `${e.name}-${v}`));

/**
 * Role names compare case-insensitively (the 2020 docs wrote `coworker-edit`, nexudus-api.md §1, §10) and are kept
 * in the current spelling. A name whose entity or action is unknown is a profile mistake, never a tenant fault:
 * all of them are refused at once, each with the nearest known name.
 */
function canonicalRoles(persona: string, roles: string[], path: string): string[] {
  const byLower = new Map(KNOWN_ROLES.map((r) => [r.toLowerCase(), r]));
  const bad = roles.filter((r) => !byLower.has(r.toLowerCase()));
  if (bad.length) {
    const lines = bad.map((r) => `  "${r}": did you mean "${nearest(r, KNOWN_ROLES)}"?`);
    throw new ConfigError(
      `Persona "${persona}" in ${path} has ${bad.length === 1 ? 'a role name' : 'role names'} with an unknown entity or action:\n${lines.join('\n')}`,
      `write roles as <Entity>-<${ROLE_VERBS.join('|')}> with Entity one of ${ENTITIES.map((e) => e.name).join(', ')} (letter case does not matter).`,
    );
  }
  return [...new Set(roles.map((r) => byLower.get(r.toLowerCase())!))];
}

/** The known name at the smallest edit distance (case-insensitive). */
function nearest(name: string, known: string[]): string {
  const a = name.toLowerCase();
  let best = known[0];
  let bestD = Infinity;
  for (const k of known) {
    const b = k.toLowerCase();
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      let prev = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const cur = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = cur;
      }
    }
    if (row[b.length] < bestD) { bestD = row[b.length]; best = k; }
  }
  return best;
}

/** The profile the run uses: NEXUDUS_PROFILE, else the embedded sandbox's own. */
export function selectedProfilePath(): string {
  return env.profilePath ?? SANDBOX_PROFILE_PATH;
}

export function isLoopback(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\./.test(host);
}

/** A live tenant: anything but loopback, or loopback rehearsing a live run (NEXUDUS_ASSUME_LIVE=1). */
export function isLiveTarget(url: string): boolean {
  return env.assumeLive || !isLoopback(url);
}

/** Writes are allowed on local targets, and on live ones only with "allowWrites": true. */
export function writesAllowed(p: Profile): boolean {
  return !isLiveTarget(p.baseUrl) || p.allowWrites;
}

/** Persona permissions, from fullAdmin and `<Entity>-<Verb>` roles (nexudus-api.md §1). */
export function allows(p: Persona, role: string): boolean {
  return p.fullAdmin || p.roles.includes(role);
}
