/**
 * `npm run conformance [-- [--budget N] [--mode explore|cover] [--profile path] [--require-baselines] [--fail-on-unchecked] [--no-report] <playwright args>]`
 *
 * The CI gate: runs `playwright test` (every other argument is passed through: --grep, --shard 1/2,
 * --workers, --update-snapshots…), builds the Allure single-file report, copies the conformance
 * matrix to $GITHUB_STEP_SUMMARY when set, and exits with (docs/reports.md "Exit codes"):
 *   0  no check failed: `conformant` when every contract check ran, else `partly checked` (skipped checks allowed)
 *   1  findings: at least one contract violation or silent-point drift
 *   2  configuration or target error: bad profile/arguments, tenant unreachable or credentials
 *      rejected at start (global setup), Playwright could not run, no check selected, or every
 *      failure is "tenant unreachable"
 *   3  no verdict: no finding, but checks failed for reasons that are not the tenant's fault —
 *      errors in the suite (TypeError, GuardError, BudgetError…) or throttling/timeouts
 *   4  unchecked (only with --fail-on-unchecked): no check failed, but contract checks were left out
 *      (budget, read-only target, a tenant that cannot run one)
 * The verdict line says what was checked: `conformant on all 261 contract checks`, or `partly checked: no finding on 237 of
 * 261 contract checks; 24 not run (…)`.
 */
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildReport } from './report.ts';
import { exitCodeFor, CATEGORY_NAME, type FailureKind } from '../reporters/classify.ts';
import { buildMatrix, readVerdicts, summaryLine, type Verdict } from '../reporters/verdicts.ts';
import { checkedPhrase, notRunOf } from '../lib/plan/not-run.ts';
import { setupViolationPath } from '../lib/config/errors.ts';
import { faultProblem } from '../sandbox/faults.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface ConformanceArgs {
  env: Record<string, string>;
  playwright: string[];
  report: boolean;
  /** --help: print the wrapper's options, then Playwright's */
  help?: boolean;
  /** --list: Playwright lists the checks; nothing runs, so there is no verdict to give */
  list?: boolean;
  /** --dry-run: global setup prints the plan and stops before the first request */
  dryRun?: boolean;
}

export const USAGE = `usage: npm run conformance -- [options] [playwright test options]

  --profile <file>        tenant profile (default: the embedded sandbox; NEXUDUS_PROFILE)
  --mode explore|cover    property-based runs, or the fewest requests that exercise every rule (NEXUDUS_MODE;
                          default explore on loopback, cover on live tenants)
  --budget <n>            cap on every write of the run, setup and teardown included (NEXUDUS_BUDGET); the plan
                          lists the checks it drops and why
  --dry-run               print the plan (checks, requests, expected duration at the tenant's limits) and
                          stop: nothing is sent (NEXUDUS_DRY_RUN=1); exit 0, or 2 on a bad profile
  --silent-points         cover mode: run the silent-point probes too (NEXUDUS_SILENT_POINTS=1); without it
                          they run only when --budget leaves room
  --require-baselines     every silent-point probe the run makes must have a recorded baseline; a missing one ends
                          the run before its first request (exit 2) (NEXUDUS_REQUIRE_BASELINES=1)
  --fail-on-unchecked     exit 4 when no check failed but contract checks were left out: a --budget that drops
                          them, a read-only target, a tenant that cannot run one (NEXUDUS_FAIL_ON_UNCHECKED=1)
  --fault <name>          embedded sandbox only: break one documented rule (NEXUDUS_SANDBOX_FAULTS; repeatable)
  --vary <name>           embedded sandbox only: answer a silent point another way (NEXUDUS_SANDBOX_VARY; repeatable)
  --no-report             skip the Allure single-file report
  --help                  this text, then Playwright's options (--grep, --grep-invert, --shard, --workers, --list…)

Environment (besides the variables above; README "Configuration" lists them all):
  NEXUDUS_ASSUME_LIVE=1   treat a loopback target as a live tenant: pacing, cover mode, write guard (a rehearsal
                          of a production run against the sandbox); the run's header says so
  NEXUDUS_BASE_URL        overrides the profile's baseUrl
  NEXUDUS_BASELINES       silent-point baselines folder (default baselines/, one subfolder per tenant)
  NEXUDUS_OUT             output root (default out/)

Exit codes: 0 conformant (the verdict line says on how many contract checks), 1 findings, 2 configuration or
target error, 3 no verdict, 4 contract checks left out and --fail-on-unchecked set.`;

export function parseConformanceArgs(argv: string[]): ConformanceArgs {
  const env: Record<string, string> = {};
  const playwright: string[] = [];
  let report = true;
  let help = false;
  let list = false;
  let dryRun = false;
  const faults: string[] = [];
  const vary: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--budget') {
      const v = value();
      if (!/^\d+$/.test(v)) throw new Error(`--budget ${v}: expected a whole number of writes`);
      env.NEXUDUS_BUDGET = v;
    } else if (flag === '--mode') {
      const v = value();
      if (v !== 'explore' && v !== 'cover') throw new Error(`--mode ${v}: expected explore or cover`);
      env.NEXUDUS_MODE = v;
    } else if (flag === '--profile') {
      const v = value();
      if (!existsSync(v)) throw new Error(`--profile ${v}: no such file`);
      env.NEXUDUS_PROFILE = resolve(v);
    } else if (flag === '--require-baselines') env.NEXUDUS_REQUIRE_BASELINES = '1';
    else if (flag === '--fail-on-unchecked') env.NEXUDUS_FAIL_ON_UNCHECKED = '1';
    else if (flag === '--dry-run') {
      env.NEXUDUS_DRY_RUN = '1';
      dryRun = true;
    } else if (flag === '--silent-points') env.NEXUDUS_SILENT_POINTS = '1';
    else if (flag === '--fault') {
      // a misspelt name is named as typed, with the option it came in (not as NEXUDUS_SANDBOX_FAULTS, which the user did not set)
      const v = value();
      for (const n of v.split(',').map((x) => x.trim()).filter(Boolean)) {
        const problem = faultProblem(n);
        if (problem) throw new Error(`--fault ${n}: ${problem}`);
      }
      faults.push(v);
    }
    else if (flag === '--vary') vary.push(value());
    else if (flag === '--no-report') report = false;
    else if (flag === '--help' || flag === '-h') help = true;
    else if (flag === '--reporter') {
      // a reporter of the user's own, plus the matrix (verdicts, exit code, the summary line): `--reporter=dot` works
      const v = value();
      playwright.push(`--reporter=${v.split(',').includes('./reporters/matrix.ts') ? v : `${v},./reporters/matrix.ts`}`);
    } else {
      if (flag === '--list') list = true;
      playwright.push(a);
    }
  }
  if (faults.length) env.NEXUDUS_SANDBOX_FAULTS = faults.join(',');
  if (vary.length) env.NEXUDUS_SANDBOX_VARY = vary.join(',');
  if ((faults.length || vary.length) && env.NEXUDUS_PROFILE) throw new Error('--fault and --vary change the embedded sandbox; they do not apply with --profile');
  return { env, playwright, report: report && !dryRun, help, list, dryRun };
}

export interface Outcome {
  code: 0 | 1 | 2 | 3 | 4;
  reason: string;
}

/**
 * The exit code from Playwright's own exit code and the verdicts the matrix reporter wrote. The reason says what was
 * checked: contract checks left out are counted by kind and cause, silent-point probes apart; with `failOnUnchecked`
 * a run that left contract checks out and has nothing worse to report exits 4.
 */
export function outcomeOf(playwrightStatus: number | null, outDir: string, o: { failOnUnchecked?: boolean } = {}): Outcome {
  if (existsSync(setupViolationPath(outDir))) return { code: 1, reason: 'findings: a contract violation during setup (see the message above)' };
  if (playwrightStatus === 2) return { code: 2, reason: 'configuration or target error (see the message above)' };
  const path = join(outDir, 'verdicts.json');
  if (!existsSync(path)) {
    return playwrightStatus === 0
      ? { code: 2, reason: `no verdicts at ${path}: is reporters/matrix.ts in the reporter list of playwright.config.ts?` }
      : { code: 2, reason: `Playwright stopped before any check ran (exit ${playwrightStatus}); see the message above` };
  }
  const run = readVerdicts(path);
  if (!run.verdicts.length) return { code: 2, reason: 'no check was selected (check --grep / --shard)' };
  const kinds = run.verdicts.filter((v) => v.verdict === 'failed').map((v) => v.kind ?? 'suite') as FailureKind[];
  const code = exitCodeFor(kinds);
  // Playwright failed without a failed check (e.g. an error in global teardown, a worker crash)
  if (code === 0 && playwrightStatus !== 0) return { code: 3, reason: `every check passed, but Playwright exited ${playwrightStatus} (an error outside the checks; see above)` };
  const counts = (['contract', 'drift', 'inconclusive', 'unreachable', 'suite'] as FailureKind[]).filter((k) => kinds.includes(k))
    .map((k) => `${kinds.filter((x) => x === k).length} ${CATEGORY_NAME[k].toLowerCase()}`).join(', ');
  const notRun = notRunOf(run.verdicts.map((v) => ({ kind: v.story, notRun: v.verdict === 'skipped', reason: v.skipReason })));
  const checked = checkedPhrase(notRun);
  if (code === 0) {
    // "conformant" only when every contract check ran; a run that left some out says what it did check
    const verdict = notRun.contract.notRun ? `partly checked: no finding on ${checked}` : `conformant on ${checked}`;
    if (notRun.contract.notRun && o.failOnUnchecked) return { code: 4, reason: `unchecked: ${verdict}; --fail-on-unchecked is set` };
    return { code, reason: verdict };
  }
  const reason = code === 1 ? `findings: ${counts}` : code === 2 ? `tenant unreachable: ${counts}` : `no verdict: ${counts}`;
  return { code, reason: notRun.contract.notRun ? `${reason}; ${checked.replace(/^\d+ of (\d+) contract checks; (\d+) not run/, '$2 of $1 contract checks not run')}` : reason };
}

/**
 * JUnit's <skipped/> carries the check's skip reason as its message (CI systems show it), besides the `skip` property
 * Playwright writes from the check's skip annotation.
 */
export function junitWithSkipMessages(xml: string, verdicts: Verdict[]): string {
  const reasons = new Map(verdicts.filter((v) => v.skipReason).map((v) => [v.title, v.skipReason!]));
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const unesc = (t: string) => t.replace(/&quot;/g, '"').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&');
  return xml.replace(/<testcase name="([^"]*)"([^>]*)>([\s\S]*?)<\/testcase>/g, (whole, name: string, attrs: string, body: string) => {
    const reason = reasons.get(unesc(name));
    if (!reason || !/<skipped>\s*<\/skipped>|<skipped\/>/.test(body)) return whole;
    return `<testcase name="${name}"${attrs}>${body.replace(/<skipped>\s*<\/skipped>|<skipped\/>/, `<skipped message="${esc(reason)}">\n</skipped>`)}</testcase>`;
  });
}

function playwrightCli(): string {
  const req = createRequire(join(ROOT, 'package.json'));
  return join(req.resolve('@playwright/test/package.json'), '..', 'cli.js');
}

async function main(): Promise<void> {
  let args: ConformanceArgs;
  try {
    args = parseConformanceArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`\nnexudus-conformance: ${(err as Error).message}\n${USAGE}\n\n`);
    process.exit(2);
  }
  if (args.help) {
    console.log(`${USAGE}\n\nPlaywright's own options follow.\n`);
    const pwHelp = spawnSync(process.execPath, [playwrightCli(), 'test', '--help'], { cwd: ROOT, stdio: 'inherit' });
    process.exit(pwHelp.status ?? 0);
  }
  const env = { ...process.env, ...args.env };
  const outDir = resolve(env.NEXUDUS_OUT || 'out');
  // this run's outputs only: stale results would mix two runs in the report, the matrix and the exit code
  if (!args.list && !args.dryRun) for (const p of ['allure-results', 'allure-report', 'verdicts.json', 'conformance-matrix.md', 'conformance-matrix.json', 'setup-violation.txt']) rmSync(join(outDir, p), { recursive: true, force: true });

  const pw = spawnSync(process.execPath, [playwrightCli(), 'test', ...args.playwright], { cwd: ROOT, env, stdio: 'inherit' });
  if (args.dryRun) {
    // global setup printed the plan and stopped before the first request; Playwright's 0 is the plan's, 2 a bad profile
    process.exit(pw.status === 0 ? 0 : 2);
  }
  if (args.list) {
    // a listing runs nothing: no verdict, no report
    console.log(pw.status === 0 ? 'listed the checks above; nothing was run' : `listing failed (exit ${pw.status})`);
    process.exit(pw.status === 0 ? 0 : 2);
  }
  const outcome = outcomeOf(pw.status, outDir, { failOnUnchecked: env.NEXUDUS_FAIL_ON_UNCHECKED === '1' });
  const junit = join(outDir, 'junit.xml');
  const verdictsFile = join(outDir, 'verdicts.json');
  if (existsSync(junit) && existsSync(verdictsFile)) writeFileSync(junit, junitWithSkipMessages(readFileSync(junit, 'utf8'), readVerdicts(verdictsFile).verdicts));

  if (args.report && existsSync(join(outDir, 'allure-results'))) {
    const r = buildReport({ outDir, quiet: true });
    console.log(r.ok ? r.message : `warning: ${r.message}`);
  }
  const md = join(outDir, 'conformance-matrix.md');
  if (process.env.GITHUB_STEP_SUMMARY && existsSync(md)) appendFileSync(process.env.GITHUB_STEP_SUMMARY, readFileSync(md, 'utf8') + '\n');
  console.log(`exit ${outcome.code}: ${outcome.reason}`);
  // the run's last line stays the matrix summary `N passed, N failed[, N skipped]` (CI parses it)
  const verdicts = join(outDir, 'verdicts.json');
  if (existsSync(verdicts)) console.log(summaryLine(buildMatrix(readVerdicts(verdicts).verdicts).totals));
  process.exit(outcome.code);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
