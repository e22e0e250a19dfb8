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
import { readRunSummary, type RunSummary } from '../lib/run/teardown.ts';
import { DECLARED_ENTITIES } from '../api/catalogue/entities.ts';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** The entities the catalogue declares by hand (the seed pages'): what a child run covers unless a test names others. */
export const DECLARED = DECLARED_ENTITIES.map((e) => e.name).join(',');
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
  // the declared entities unless a test says otherwise: the project's own tests count their checks and writes
  env.NEXUDUS_ENTITIES = DECLARED;
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

type Spec = JsonSuite['specs'][number];

/** Every spec of a JSON report, nested suites included. */
function specsOf(report: JsonReport | undefined): Spec[] {
  const out: Spec[] = [];
  const walk = (s: JsonSuite) => {
    out.push(...s.specs);
    s.suites?.forEach(walk);
  };
  report?.suites.forEach(walk);
  return out;
}

/** Titles of the tests that failed, from the JSON report. */
export function failedTitles(r: SuiteRun): string[] {
  return specsOf(r.results).filter((sp) => sp.tests.some((t) => t.status === 'unexpected')).map((sp) => sp.title);
}

export function errorsOf(r: SuiteRun): string[] {
  return specsOf(r.results).flatMap((sp) => sp.tests.flatMap((t) => t.results.flatMap((x) => (x.error?.message ? [`${sp.title}: ${x.error.message}`] : []))));
}

/** Failed checks of a JSON report, each with the first line of its first error. */
export function failures(report: JsonReport | undefined): { title: string; error: string }[] {
  return specsOf(report).flatMap((sp) => {
    const t = sp.tests.find((x) => x.status === 'unexpected');
    if (!t) return [];
    const msg = t.results.find((x) => x.error?.message)?.error?.message ?? '';
    // eslint-disable-next-line no-control-regex
    const first = msg.replace(/\u001b\[[0-9;]*m/g, '').split('\n').find((l) => l.trim()) ?? '';
    return [{ title: sp.title, error: first.trim().slice(0, 240) }];
  });
}

export const runSummary = (r: SuiteRun): RunSummary | undefined => readRunSummary(r.outDir);
