/**
 * The Allure "environment" of a run (tenant, base URL, profile, mode, suite version, commit…), read from
 * the run state global setup writes (lib/handoff/run-state.ts) and written as `environment.properties` into an
 * Allure results directory; Allure 3's awesome report shows it in its Environment section.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunState } from '../lib/handoff/run-state.ts';

export type Environment = Record<string, string>;

/** The run state of the run that wrote <outDir>: NEXUDUS_RUN_STATE when set in this process, else <outDir>/run/latest.json. */
export function readRunStateOf(outDir: string): RunState | undefined {
  const candidates = [process.env.NEXUDUS_RUN_STATE, join(outDir, 'run', 'latest.json')].filter((p): p is string => !!p);
  for (const p of candidates) {
    try {
      if (existsSync(p)) return JSON.parse(readFileSync(p, 'utf8')) as RunState;
    } catch {
      // a torn file: try the next one
    }
  }
  return undefined;
}

export function environmentOf(outDir: string, extra: { shard?: string } = {}): Environment | undefined {
  const s = readRunStateOf(outDir);
  if (!s) return undefined;
  const env: Environment = {
    tenant: s.tenant,
    'base URL': s.baseUrl,
    target: s.isSandbox ? 'embedded sandbox' : 'tenant',
    profile: s.profilePath,
    mode: s.mode,
    writes: s.writesAllowed ? 'allowed' : `off (${s.readOnlyReason ?? 'read-only target'})`,
    'suite version': s.suiteVersion,
    commit: s.commit ?? 'unknown',
    'run id': s.runId,
    started: s.startedAt,
    workers: String(s.workers),
    node: process.version,
  };
  if (s.planned) env['planned checks'] = String(s.planned.checks);
  const faults = process.env.NEXUDUS_SANDBOX_FAULTS;
  if (s.isSandbox && faults) env['sandbox faults'] = faults;
  const variations = process.env.NEXUDUS_SANDBOX_VARY;
  if (s.isSandbox && variations) env['sandbox variations'] = variations;
  if (extra.shard) env.shard = extra.shard;
  return env;
}

/** Java .properties escaping (Allure's reader parses this format). */
const esc = (s: string, key = false) =>
  s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(key ? /[ =:#!]/g : /^[ #!]/g, (c) => `\\${c}`);

export function writeEnvironmentProperties(resultsDir: string, env: Environment): void {
  const text = Object.entries(env).map(([k, v]) => `${esc(k, true)}=${esc(v)}`).join('\n') + '\n';
  writeFileSync(join(resultsDir, 'environment.properties'), text);
}

/** Reads an environment.properties back (simple subset: one `key=value` per line, the escapes above). */
export function readEnvironmentProperties(path: string): Environment {
  const env: Environment = {};
  if (!existsSync(path)) return env;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim() || /^[#!]/.test(line)) continue;
    const m = /^((?:\\.|[^=:\\])*)[=:](.*)$/.exec(line);
    if (!m) continue;
    const un = (x: string) => x.replace(/\\u([0-9a-fA-F]{4})|\\(.)/g, (_a, u: string | undefined, c: string | undefined) => (u ? String.fromCharCode(parseInt(u, 16)) : c === 'n' ? '\n' : c === 'r' ? '\r' : c!));
    env[un(m[1]!.trim())] = un(m[2]!);
  }
  return env;
}
