/**
 * Conformance matrix reporter (Playwright custom reporter, listed last in playwright.config.ts).
 * At the end of every run it prints the matrix (endpoint × kind of check), the skip reasons grouped,
 * and as its very last line `N passed, N failed[, N skipped]` (CI parses it). It writes:
 *   <out>/conformance-matrix.md   the same, as Markdown (for $GITHUB_STEP_SUMMARY)
 *   <out>/conformance-matrix.json the matrix as data
 *   <out>/verdicts.json           one verdict per check (title, endpoint, kind, status, failure kind,
 *                                 silent-point observations): what `npm run compare` and the exit
 *                                 code of `npm run conformance` read.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { classifyFailure, errorText, stripAnsi } from './classify.ts';
import { buildMatrix, matrixMarkdown, type RunVerdicts, type Verdict } from './verdicts.ts';
import { readRunStateOf } from './environment.ts';
import { redact } from '../lib/config/redact.ts';

export interface MatrixOptions {
  /** where the files go (NEXUDUS_OUT); default `out` */
  outDir?: string;
}

export default class MatrixReporter implements Reporter {
  private readonly outDir: string;
  private config!: FullConfig;
  private readonly byTest = new Map<string, Verdict>();

  constructor(options: MatrixOptions = {}) {
    // from the command line (`--reporter=dot,./reporters/matrix.ts`) it gets no options: NEXUDUS_OUT as the config has it
    this.outDir = resolve(options.outDir ?? process.env.NEXUDUS_OUT ?? 'out');
  }

  printsToStdio(): boolean {
    return true;
  }

  onBegin(config: FullConfig, _suite: Suite): void {
    this.config = config;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    // the last attempt counts (the suite runs without retries)
    this.byTest.set(test.id, verdictOf(test, result, this.config));
  }

  async onEnd(result: FullResult): Promise<void> {
    // `playwright test --list` runs nothing: keep the last run's matrix and verdicts
    if (process.argv.includes('--list')) return;
    const verdicts = [...this.byTest.values()];
    const state = readRunStateOf(this.outDir);
    const shard = this.config?.shard ? `${this.config.shard.current}/${this.config.shard.total}` : undefined;
    const run: RunVerdicts = {
      version: 1,
      runIds: state ? [state.runId] : [],
      tenant: state?.tenant,
      baseUrl: state?.baseUrl,
      mode: state?.mode,
      shards: shard ? [shard] : [],
      finishedAt: new Date().toISOString(),
      verdicts,
    };
    const m = buildMatrix(verdicts);
    const written = verdicts.flatMap((v) => v.notices ?? []).filter((n) => /baseline written to/.test(n));
    const md = matrixMarkdown(m, { tenant: run.tenant, baseUrl: run.baseUrl, mode: run.mode, shards: run.shards, notice: baselinesNotice(written, run.tenant) });
    mkdirSync(this.outDir, { recursive: true });
    writeFileSync(join(this.outDir, 'verdicts.json'), JSON.stringify(run, null, 2) + '\n');
    writeFileSync(join(this.outDir, 'conformance-matrix.json'), JSON.stringify({ ...m, tenant: run.tenant, baseUrl: run.baseUrl, mode: run.mode, shards: run.shards, runStatus: result.status }, null, 2) + '\n');
    writeFileSync(join(this.outDir, 'conformance-matrix.md'), md);
    // printed last of all reporters: the final line of the run is the summary line
    process.stdout.write(`\n${md.replace(/^## /, '')}`);
  }
}

export function verdictOf(test: TestCase, result: TestResult, config?: FullConfig): Verdict {
  const ann = (type: string) => test.annotations.find((a) => a.type === type)?.description;
  const runtime = [...(result.annotations ?? []), ...test.annotations];
  const story = ann('story') ?? 'unlabelled';
  const failed = result.status === 'failed' || result.status === 'timedOut';
  const skipped = result.status === 'skipped' || result.status === 'interrupted';
  const v: Verdict = {
    title: test.title,
    feature: ann('feature') ?? '(no endpoint)',
    story,
    epic: ann('epic') ?? '',
    severity: ann('severity'),
    tags: test.tags.map((t) => t.replace(/^@/, '')),
    file: config ? relative(config.rootDir, test.location.file) : test.location.file,
    verdict: failed ? 'failed' : skipped ? 'skipped' : story === 'silent points' ? 'recorded' : 'passed',
    status: result.status,
    durationMs: result.duration,
  };
  if (failed) {
    const message = result.status === 'timedOut' && !result.error ? `Test timeout of ${test.timeout}ms exceeded.` : errorText(result.error);
    v.kind = classifyFailure({ message, trace: result.error?.stack, story });
    v.message = redact(shortMessage(result.error, message)).slice(0, 2000);
  }
  if (skipped) v.skipReason = runtime.find((a) => a.type === 'skip' || a.type === 'fixme')?.description ?? (result.status === 'interrupted' ? 'interrupted (the run stopped before this check finished)' : undefined);
  const observed = [...new Set(runtime.filter((a) => a.type === 'observed').map((a) => a.description ?? ''))];
  if (observed.length) v.observed = observed;
  const notices = [...new Set(runtime.filter((a) => a.type === 'notice').map((a) => a.description ?? ''))];
  if (notices.length) v.notices = notices;
  const seed = runtime.find((a) => a.type === 'fc-seed')?.description;
  if (seed) v.seed = seed;
  if (config?.shard) v.shard = `${config.shard.current}/${config.shard.total}`;
  return v;
}

/** The first lines of the error: a property failure already leads with the failed assertion (generators/params.ts). */
function shortMessage(error: TestResult['error'], full: string): string {
  return stripAnsi(error?.message ?? full).split('\n').filter((l) => l.trim()).slice(0, 12).join('\n');
}

/**
 * A first run against a tenant records its silent points: said above the summary line (terminal, the Markdown
 * matrix, the GitHub step summary), with where the files went, so CI can keep them.
 */
export function baselinesNotice(written: string[], tenant: string | undefined): string {
  if (!written.length) return '';
  const dir = written[0].replace(/^.*baseline written to /, '').replace(/\/[^/]+$/, '');
  return `> **${written.length} silent-point baseline(s) written** for tenant ${tenant ?? '?'} (first observation) in \`${dir}\`. ` +
    'Keep them (commit the folder, or restore it as a CI artifact) so later runs compare; with `--require-baselines` a missing baseline fails instead.';
}
