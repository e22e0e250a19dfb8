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
  /** the environment variable the password comes from (`${NAME}` in the profile), for replays that sign in */
  passwordVariable?: string;
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
  /** the five discoverable Ids, and `<camelEntity>Id` for the foreign keys of entities read from pages */
  fixtures: NonNullable<ProfileFile['fixtures']> & Record<string, number | undefined>;
  /** the entities a run covers (undefined: all) */
  entities?: string[];
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
  const text = readFileSync(abs, 'utf8');
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`Tenant profile ${abs} is not valid JSON: ${jsonErrorAt(text, (err as Error).message)}`, 'fix the JSON syntax (a trailing comma or a missing quote is the usual cause).');
  }
  const res = validate('profile.json', raw);
  if (!res.valid) {
    const lines = res.errors.map((er) => `  ${er.instancePath || '(top level)'} ${er.message}${er.params && 'additionalProperty' in er.params ? ` "${(er.params as { additionalProperty: string }).additionalProperty}"` : ''}`);
    throw new ConfigError(`Tenant profile ${abs} does not match the profile format:\n${[...new Set(lines)].join('\n')}`, 'correct the keys above; the format is in README "Tenant profiles" and schemas/profile.json.');
  }
  const file = raw as ProfileFile;
  // every missing variable in one message, not one per run
  const missing: { name: string; variable: string; username: string; empty: boolean }[] = [];
  const plain: string[] = [];
  const personas: Persona[] = Object.entries(file.personas).map(([name, p]) => {
    const m = ENV_REF.exec(p.password);
    let password = p.password;
    if (m) {
      const v = env.lookup(m[1]);
      if (v === undefined || v === '') missing.push({ name, variable: m[1], username: p.username, empty: v === '' });
      password = v ?? '';
    } else plain.push(name);
    if (password) addBasicSecret(p.username, password);
    return { name, username: p.username, password, passwordVariable: m?.[1], fullAdmin: !!p.fullAdmin, roles: canonicalRoles(name, p.roles ?? [], abs) };
  });
  if (missing.length) {
    // an empty value is not a missing one: a variable set to "" is usually a CI secret that did not reach the job
    const state = (x: (typeof missing)[number]) => (x.empty ? 'set but empty' : 'not set');
    const states = [...new Set(missing.map(state))];
    const mixed = states.length > 1;
    const which = missing.map((x) => `${x.variable} (persona "${x.name}"${mixed ? `, ${state(x)}` : ''})`).join(', ');
    throw new ConfigError(
      `${missing.length === 1 ? `Persona "${missing[0].name}" takes its password from the environment variable ${missing[0].variable}, which is ${state(missing[0])}.` : `These personas take their passwords from environment variables that are ${mixed ? 'not set or set but empty' : states[0]}: ${which}.`}`,
      missing.map((x) => `export ${x.variable}=<the password of ${x.username}>`).join('; ') + ' before running (in CI: secrets' +
        (missing.some((x) => x.empty) ? '; an empty value is usually a secret that is not defined, or not passed to this job' : '') + ').',
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
    entities: (file as { entities?: string[] }).entities,
    allowWrites: !!file.allowWrites,
    deniedStatus: file.deniedStatus ?? 401,
    limits: file.limits ?? {},
    tokenLifetimeSeconds: file.tokenLifetimeSeconds,
    sweepAfterMinutes: env.sweepAfterMinutes ?? file.sweepAfterMinutes ?? 120,
    isSandbox: abs === SANDBOX_PROFILE_PATH,
  };
}

/**
 * A JSON.parse error in the profile's own terms: `line L, column C`, the reason, and the offending line with a caret
 * under the column, instead of a character position (Node 20: `… in JSON at position 57`, or none at all with a
 * copy of the text). Password values on the shown line are masked: the file failed to parse, so no secret is
 * registered for redaction yet.
 */
export function jsonErrorAt(text: string, message: string): string {
  const reason = message
    .replace(/\s*in JSON at position \d+.*$/s, '').replace(/ at position \d+.*$/s, '') // Node 20
    .replace(/^(.*?'.'|[^,]*), (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '$1') // V8's copy of the text (it could hold a password)
    .replace(/^JSON\.parse: /, '')
    .replace(/[\u0000-\u001f]/g, (c) => JSON.stringify(c).slice(1, -1));
  const pos = jsonErrorIndex(text);
  if (pos === undefined) return reason;
  const before = text.slice(0, pos).split('\n');
  const line = before.length;
  const column = before[before.length - 1]!.length + 1;
  const why = pos === 0 && text.charCodeAt(0) === 0xfeff ? 'a byte-order mark (BOM) before the JSON; save the file as UTF-8 without BOM'
    : pos >= text.trimEnd().length ? `${reason} (the file ends here)` : reason;
  const { shown, caret } = maskedLine((text.split('\n')[line - 1] ?? '').replace(/\r$/, ''), column - 1);
  return `line ${line}, column ${column}: ${why}\n  ${line} | ${shown}\n  ${' '.repeat(String(line).length)} | ${' '.repeat(caret)}^`;
}

/** The line with password values masked and cut around the column (at most 120 characters), and the caret's place in it. */
function maskedLine(source: string, col: number): { shown: string; caret: number } {
  const masks: [number, number][] = [];
  for (const m of source.matchAll(/"password"\s*:\s*"((?:[^"\\]|\\.)*)/gi)) {
    const start = m.index! + m[0].length - m[1]!.length;
    if (!m[1]!.startsWith('${')) masks.push([start, start + m[1]!.length]);
  }
  let out = '';
  let caret = -1;
  for (let i = 0; i <= source.length; i++) {
    if (i === col) caret = out.length;
    const mask = masks.find(([a, b]) => i >= a && i < b);
    if (mask) {
      if (i === mask[0]) out += '***';
      continue;
    }
    if (i < source.length) out += source[i];
  }
  if (caret < 0) caret = out.length;
  const from = Math.max(0, caret - 60);
  const cut = (from ? '…' : '') + out.slice(from, from + 120) + (out.length > from + 120 ? '…' : '');
  return { shown: cut, caret: caret - from + (from ? 1 : 0) };
}

/** Where strict JSON first goes wrong in `t` (its length for an unexpected end), or undefined when it parses. */
function jsonErrorIndex(t: string): number | undefined {
  let i = 0;
  const fail = (): never => {
    throw new JsonStop(i);
  };
  const ws = () => {
    while (i < t.length && ' \t\n\r'.includes(t[i]!)) i++;
  };
  const word = (w: string) => {
    for (const c of w) {
      if (t[i] !== c) fail();
      i++;
    }
  };
  const str = () => {
    i++;
    for (;;) {
      const c = t[i];
      if (c === undefined || c < ' ') fail();
      if (c === '"') return void i++;
      if (c !== '\\') {
        i++;
        continue;
      }
      i++;
      if (t[i] === 'u') {
        i++;
        for (let k = 0; k < 4; k++, i++) if (!/[0-9a-fA-F]/.test(t[i] ?? '')) fail();
      } else if (t[i] !== undefined && '"\\/bfnrt'.includes(t[i]!)) i++;
      else fail();
    }
  };
  const value = (): void => {
    ws();
    const c = t[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (t[i] === close) return void i++;
      for (;;) {
        if (c === '{') {
          ws();
          if (t[i] !== '"') fail();
          str();
          ws();
          if (t[i] !== ':') fail();
          i++;
        }
        value();
        ws();
        if (t[i] === close) return void i++;
        if (t[i] !== ',') fail();
        i++;
      }
    }
    if (c === '"') return str();
    if (c === 't') return word('true');
    if (c === 'f') return word('false');
    if (c === 'n') return word('null');
    const n = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(t.slice(i));
    if (!n) fail();
    i += n![0].length;
  };
  try {
    value();
    ws();
    if (i < t.length) fail();
    return undefined;
  } catch (err) {
    if (err instanceof JsonStop) return err.at;
    throw err;
  }
}

class JsonStop {
  constructor(readonly at: number) {}
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
