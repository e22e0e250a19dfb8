/**
 * Runs the conformance suite as a child process, the way a user would, with its outputs in a temp
 * dir. The project's own tests use it to prove the suite goes red on a broken tenant, stays green on
 * throttles, cleans up after a crash, and leaks no secret.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const PW_CLI = join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');

export interface SuiteRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outDir: string;
  results?: JsonReport;
}

export interface JsonReport {
  stats: { expected: number; unexpected: number; skipped: number; flaky: number };
  suites: JsonSuite[];
}
interface JsonSuite { title: string; specs: { title: string; ok: boolean; tests: { status: string; results: { status: string; error?: { message?: string } }[] }[] }[]; suites?: JsonSuite[] }

/** Environment for a child run: ours minus anything the parent Playwright runner set for its workers. */
export function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(TEST_|PW_|PLAYWRIGHT_|NEXUDUS_|FC_)/.test(k) || k === 'FORCE_COLOR') continue;
    env[k] = v;
  }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

export function startSuite(o: { env?: Record<string, string | undefined>; args?: string[]; outDir?: string } = {}): { child: ChildProcess; outDir: string; done: Promise<SuiteRun> } {
  const outDir = o.outDir ?? mkdtempSync(join(tmpdir(), 'nxc-run-'));
  const json = join(outDir, 'results.json');
  const child = spawn(process.execPath, [PW_CLI, 'test', '--reporter=line,json', ...(o.args ?? [])], {
    cwd: ROOT,
    env: childEnv({ FC_NUM_RUNS: '3', NEXUDUS_OUT: outDir, PLAYWRIGHT_JSON_OUTPUT_FILE: json, ...o.env }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so a test can kill the whole run
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<SuiteRun>((res) => {
    child.on('close', (code, signal) => {
      const results = existsSync(json) ? (JSON.parse(readFileSync(json, 'utf8')) as JsonReport) : undefined;
      res({ code, signal, stdout, stderr, outDir, results });
    });
  });
  return { child, outDir, done };
}

export function runSuite(o: { env?: Record<string, string | undefined>; args?: string[]; outDir?: string } = {}): Promise<SuiteRun> {
  return startSuite(o).done;
}

/** Titles of the tests that failed, from the JSON report. */
export function failedTitles(r: SuiteRun): string[] {
  const out: string[] = [];
  const walk = (s: JsonSuite) => {
    for (const sp of s.specs) if (sp.tests.some((t) => t.status === 'unexpected')) out.push(sp.title);
    s.suites?.forEach(walk);
  };
  r.results?.suites.forEach(walk);
  return out;
}

export function errorsOf(r: SuiteRun): string[] {
  const out: string[] = [];
  const walk = (s: JsonSuite) => {
    for (const sp of s.specs) for (const t of sp.tests) for (const x of t.results) if (x.error?.message) out.push(`${sp.title}: ${x.error.message}`);
    s.suites?.forEach(walk);
  };
  r.results?.suites.forEach(walk);
  return out;
}

export function runSummary(r: SuiteRun): { sent: { reads: number; writes: number }; plannedOfRun: { reads: number; writes: number }; mismatches: unknown[]; throttles: number } | undefined {
  const latest = join(r.outDir, 'run', 'latest.json');
  if (!existsSync(latest)) return undefined;
  const state = JSON.parse(readFileSync(latest, 'utf8')) as { runId: string };
  const p = join(r.outDir, 'run', state.runId, 'summary.json');
  return existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : undefined;
}
