/**
 * What a red check hands its reader to reproduce it: the exchange the failure is about, one command that
 * runs the check again against the same tenant with the same options (its setup makes the records the
 * exchange needs, signs the same persona in from the profile, secrets from the environment), and a curl
 * script of the exchange that signs each persona in itself. Nothing here holds a secret: passwords are
 * named by their environment variables, tokens are fetched by the script.
 */
import type { Exchange, ReplayAuth } from '../client/client.ts';
import type { Persona } from '../config/profile.ts';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** The exchange a failure message names (`METHOD path as persona answered status`), else the last write, else the last one. */
export function failingExchange(log: Exchange[], message: string): Exchange | undefined {
  const text = message.replace(ANSI, '');
  const named = [...log].reverse();
  return named.find((x) => text.includes(`${x.method} ${x.path} as ${x.persona ?? 'nobody'} answered ${x.networkError ? 'nothing' : x.status}`))
    ?? named.find((x) => text.includes(`${x.method} ${x.path}`))
    ?? named.find((x) => x.kind !== 'read')
    ?? named[0];
}

/** The seed and path a property failure's message reports (generators/params.ts), for its replay. */
export function propertyReplayOf(message: string): { seed: number; path?: string } | undefined {
  const m = /· seed (-?\d+)(?: · path ([\d:]+))?/.exec(message.replace(ANSI, ''));
  return m ? { seed: Number(m[1]), path: m[2] } : undefined;
}

/** The environment a replay needs besides seed and path: where the tenant is and how the run was set up. */
export interface ReplaySetting {
  /** the profile file, unless the run used the embedded sandbox's own */
  profilePath?: string;
  /** NEXUDUS_BASE_URL of the run, when it overrode the profile's */
  baseUrl?: string;
  /** the environment variables of the run that shape what it sends (faults, variations, mode, case counts) */
  env: Record<string, string | undefined>;
}

const SHAPING = ['NEXUDUS_SANDBOX_FAULTS', 'NEXUDUS_SANDBOX_VARY', 'NEXUDUS_MODE', 'NEXUDUS_ENTITIES', 'NEXUDUS_PAGES_DIR', 'FC_NUM_RUNS'] as const;

export function replayEnv(s: ReplaySetting): Record<string, string> {
  const out: Record<string, string> = {};
  if (s.profilePath) out.NEXUDUS_PROFILE = s.profilePath;
  if (s.baseUrl) out.NEXUDUS_BASE_URL = s.baseUrl;
  for (const k of SHAPING) if (s.env[k]) out[k] = s.env[k]!;
  return out;
}

const shellWord = (v: string) => (/^[\w./:,@%+=-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`);

/** `[ENV=… ]npx playwright test -g "<title>"`: the same check, against the same tenant, with the same options. */
export function replayCommand(title: string, env: Record<string, string>, fc?: { seed: number; path?: string }): string {
  const parts = Object.entries(env).map(([k, v]) => `${k}=${shellWord(v)}`);
  if (fc) {
    parts.push(`FC_SEED=${fc.seed}`);
    if (fc.path) parts.push(`FC_PATH=${shellWord(fc.path)}`);
  }
  parts.push('npx playwright test', `-g ${shellWord(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))}`);
  return parts.join(' ');
}

const varOf = (name: string) => `TOKEN_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
const passwordVar = (p: Persona) => p.passwordVariable ?? `NEXUDUS_PASSWORD_${p.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

/** A shell script that sends the exchanges again with curl, signing each persona in first. */
export function curlScript(xs: Exchange[], baseUrl: string, personas: Persona[]): string {
  const byName = new Map(personas.map((p) => [p.name, p]));
  const lines: string[] = [];
  const signedIn = new Set<string>();
  const need = (a: ReplayAuth | undefined) => (a && (a.kind === 'bearer' || a.kind === 'basic') ? byName.get(a.persona) : undefined);
  for (const p of new Set(xs.map((x) => need(x.auth)).filter((p): p is Persona => !!p))) {
    const v = passwordVar(p);
    lines.push(`# ${p.name} (${p.username}): the password comes from $${v}${p.passwordVariable ? '' : ' (the profile writes it in the file: export it under this name)'}`);
    if (xs.some((x) => x.auth?.kind === 'bearer' && x.auth.persona === p.name) && !signedIn.has(p.name)) {
      signedIn.add(p.name);
      lines.push(`${varOf(p.name)}=$(curl -sS -X POST ${shellWord(`${baseUrl}/api/token`)} --data-urlencode grant_type=password --data-urlencode ${shellWord(`username=${p.username}`)} --data-urlencode "password=$${v}" | sed -E 's/.*"access_token" *: *"([^"]+)".*/\\1/')`);
    }
  }
  for (const x of xs) {
    lines.push('', `# ${x.label}`);
    const parts = [`curl -sS -i -X ${x.method} ${shellWord(x.url)}`];
    for (const [k, v] of Object.entries(x.requestHeaders)) if (!/^authorization$/i.test(k) && !/^content-length$/i.test(k)) parts.push(`-H ${shellWord(`${k}: ${v}`)}`);
    const a = x.auth;
    const p = need(a);
    if (a?.kind === 'bearer' && p) parts.push(`-H "Authorization: Bearer $${varOf(p.name)}"`);
    else if (a?.kind === 'basic' && p) parts.push(a.wrongPassword ? `-u ${shellWord(`${p.username}:${a.wrongPassword}`)}` : `-u "${p.username}:$${passwordVar(p)}"`);
    else if (a?.kind === 'raw' && a.header) parts.push(`-H ${shellWord(`Authorization: ${a.header}`)}`);
    else if (a?.kind === 'raw') lines.push('# it carried a real token that had expired: the replay command above waits for one to lapse; curl cannot');
    if (x.requestBody !== undefined) {
      if (x.kind === 'token' && /(^|&)\w+=/.test(x.requestBody) && !x.requestBody.trimStart().startsWith('{')) {
        // a form: every field again, a redacted password taken from the persona's variable
        const form = new URLSearchParams(x.requestBody);
        const who = personas.find((q) => q.username === form.get('username'));
        for (const [k, v] of form) parts.push(k === 'password' && who && v.includes('«redacted»') ? `--data-urlencode "password=$${passwordVar(who)}"` : `--data-urlencode ${shellWord(`${k}=${v}`)}`);
      } else parts.push(`--data-raw ${shellWord(x.requestBody)}`);
    }
    lines.push(parts.join(' \\\n  '));
  }
  return lines.join('\n');
}

/** The failing exchange as the terminal shows it first: what was sent, what came back. */
export function exchangeText(x: Exchange): string {
  return [
    `${x.method} ${x.url}${x.persona ? ` as ${x.persona}` : ''}${x.auth?.kind === 'basic' ? ' (Basic)' : x.auth?.kind === 'none' ? ' (no credentials)' : x.auth?.kind === 'raw' ? ' (a bearer token of its own)' : ''}`,
    x.networkError ? `answer: none (${x.networkError})` : `answer: ${x.status} ${x.responseText.slice(0, 1500)}`,
    ...(x.requestBody !== undefined ? [`sent: ${x.requestBody.slice(0, 1500)}`] : []),
  ].join('\n');
}
