/**
 * The request-path benchmark (bench/request-path.bench.ts) runs inside the suite's own harness: the
 * same global setup, fixtures and client as the conformance checks, one worker, against the embedded
 * sandbox. Started by `npm run bench`; figures go to $BENCH_RESULT, nothing is asserted.
 */
import { defineConfig } from '@playwright/test';
import { env } from '../lib/config/env.ts';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.bench.ts',
  globalSetup: '../lib/run/global-setup.ts',
  outputDir: `${env.outDir}/bench-results`,
  workers: 1,
  retries: 0,
  timeout: 300_000,
  reporter: [['dot']],
  use: { trace: 'off', screenshot: 'off', video: 'off' },
});
