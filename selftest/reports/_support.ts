/**
 * Helpers of the reports self-tests: run `npm run conformance` / `npm run report` / `npm run compare`
 * as a user would (a child process, own NEXUDUS_OUT in a temp dir), and the sandbox's secrets in
 * every spelling they could leak in.
 */
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { DECLARED } from '../harness.ts';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

export interface Ran {
  code: number | null;
  out: string;
  lines: string[];
}

export function tmpOut(name: string): string {
  return mkdtempSync(join(tmpdir(), `nxc-${name}-`));
}

/** `tsx scripts/<script>.ts <args>` with the given extra environment; output captured. */
export function runScript(script: 'conformance' | 'report' | 'compare', args: string[], env: Record<string, string> = {}): Ran {
  const p = spawnSync(process.execPath, [TSX, join(ROOT, 'scripts', `${script}.ts`), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: '', FORCE_COLOR: '0', FC_NUM_RUNS: '2', NEXUDUS_ENTITIES: DECLARED, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const out = `${p.stdout ?? ''}${p.stderr ?? ''}`;
  return { code: p.status, out, lines: (p.stdout ?? '').split('\n').filter((l) => l.trim() !== '') };
}

/** The sandbox personas' passwords, raw, URL-encoded (both flavours), JSON-escaped and as Basic credentials. */
export function sandboxSecretSpellings(): { persona: string; spelling: string; value: string }[] {
  const profile = JSON.parse(readFileSync(join(ROOT, 'sandbox', 'profile.json'), 'utf8')) as { personas: Record<string, { username: string; password: string }> };
  const out: { persona: string; spelling: string; value: string }[] = [];
  for (const [name, p] of Object.entries(profile.personas)) {
    out.push({ persona: name, spelling: 'raw', value: p.password });
    out.push({ persona: name, spelling: 'encodeURIComponent', value: encodeURIComponent(p.password) });
    out.push({ persona: name, spelling: 'form-urlencoded', value: new URLSearchParams({ x: p.password }).toString().slice(2) });
    out.push({ persona: name, spelling: 'JSON', value: JSON.stringify(p.password).slice(1, -1) });
    out.push({ persona: name, spelling: 'base64 user:password', value: Buffer.from(`${p.username}:${p.password}`).toString('base64') });
  }
  return out;
}

export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

export interface AllureResult {
  uuid: string;
  name: string;
  status: string;
  labels: { name: string; value: string }[];
  links: { url: string; name?: string }[];
  parameters: { name: string; value: string }[];
  statusDetails: { message?: string };
  steps: AllureStep[];
  attachments: { name: string; source: string; type: string }[];
}
interface AllureStep {
  steps: AllureStep[];
  attachments: { name: string; source: string; type: string }[];
}

export function allureResults(resultsDir: string): AllureResult[] {
  return readdirSync(resultsDir).filter((f) => f.endsWith('-result.json')).map((f) => JSON.parse(readFileSync(join(resultsDir, f), 'utf8')) as AllureResult);
}

/** Every attachment of a result, steps included. */
export function attachmentsOf(r: AllureResult): { name: string; source: string; type: string }[] {
  const out = [...r.attachments];
  const walk = (s: AllureStep) => {
    out.push(...s.attachments);
    s.steps.forEach(walk);
  };
  r.steps.forEach(walk);
  return out;
}

export const label = (r: AllureResult, name: string) => r.labels.find((l) => l.name === name)?.value;

/** A slice of the suite with one check of each verdict against the embedded sandbox (see run.test.ts). */
export const SLICE = 'Workspace (GET one →|POST valid|POST with an unknown field)|Coworker GET one of a coworker deleted';
/**
 * With --budget 10 (every write of the run) the silent point "POST with an unknown field" (lowest priority,
 * fitted last) is skipped: 2 generated POSTs (FC_NUM_RUNS=2 in runScript) and their deletes (4), the two
 * prerequisite coworkers made and deleted (4) and the deleted coworker's create and delete (2) fill it.
 */
export const SLICE_BUDGET = '10';
