/**
 * Which checks this `playwright test` will run. Global setup runs before Playwright loads the spec
 * files, so it cannot see the selection; when the command line narrows the run (--grep, --shard, a
 * file filter…) a `--list` run of the same command answers exactly, Playwright's own filtering and
 * sharding included. Without narrowing arguments every check is selected and nothing is spawned.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ConfigError } from '../config/errors.ts';

/** Options that change how tests run, not which: they alone need no `--list` run. */
const NOT_NARROWING = new Set([
  '--reporter', '--workers', '-j', '--max-failures', '-x', '--quiet', '--forbid-only', '--pass-with-no-tests',
  '--update-snapshots', '-u', '--retries', '--timeout', '--output', '--trace', '--fully-parallel', '--config', '-c',
  '--global-timeout', '--ignore-snapshots', '--no-deps', '--fail-on-flaky-tests', '--headed',
]);
/** Options among those above that take a separate value. */
const TAKES_VALUE = new Set(['--reporter', '--workers', '-j', '--max-failures', '--retries', '--timeout', '--output', '--trace', '--config', '-c', '--global-timeout']);

/** The `playwright test` arguments of this process (after `test`). */
export function testArgs(argv = process.argv): string[] {
  const i = argv.indexOf('test');
  return i < 0 ? [] : argv.slice(i + 1);
}

/** True when an argument may leave some checks out (filter, shard, last-failed…). */
export function narrows(args: string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const flag = a.startsWith('-') && a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    if (!NOT_NARROWING.has(flag)) return true;
    if (TAKES_VALUE.has(flag) && !a.includes('=')) i++;
  }
  return false;
}

/** The arguments of the `--list` run: the same filters, Playwright's JSON list instead of the reporters. */
export function listArgs(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--reporter' || a === '--workers' || a === '-j') { i++; continue; }
    if (a.startsWith('--reporter=') || a.startsWith('--workers=') || a === '--list') continue;
    out.push(a);
  }
  return [...out, '--list', '--reporter=json'];
}

interface ListedSuite { specs?: { title: string }[]; suites?: ListedSuite[] }

/** Titles in Playwright's JSON list. */
export function titlesOfList(json: string): Set<string> {
  const j = JSON.parse(json) as { suites?: ListedSuite[]; errors?: { message?: string }[] };
  const titles = new Set<string>();
  const walk = (s: ListedSuite) => {
    for (const sp of s.specs ?? []) titles.add(sp.title);
    for (const c of s.suites ?? []) walk(c);
  };
  for (const s of j.suites ?? []) walk(s);
  return titles;
}

/** The titles this run selects, or undefined when every check is selected. */
export function selectedTitles(argv = process.argv): Set<string> | undefined {
  const args = testArgs(argv);
  if (!narrows(args)) return undefined;
  const cli = argv[1]!;
  // the JSON list goes to a file of its own (a PLAYWRIGHT_JSON_OUTPUT_FILE of the caller would take it otherwise)
  const file = join(mkdtempSync(join(tmpdir(), 'nxc-list-')), 'list.json');
  const env = { ...process.env, PLAYWRIGHT_JSON_OUTPUT_FILE: file, PLAYWRIGHT_JSON_OUTPUT_DIR: undefined, PLAYWRIGHT_JSON_OUTPUT_NAME: undefined };
  const r = spawnSync(process.execPath, [cli, 'test', ...listArgs(args)], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, env });
  try {
    return titlesOfList(readFileSync(file, 'utf8'));
  } catch {
    throw new ConfigError(
      `Could not work out which checks \`${args.join(' ')}\` selects (playwright test --list exited ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').slice(0, 3).join(' ')}).`,
      'check the --grep / --shard / file arguments.',
    );
  } finally {
    rmSync(dirname(file), { recursive: true, force: true });
  }
}
