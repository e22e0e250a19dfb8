/**
 * The conformance suite. `npm run conformance` (scripts/conformance.ts) runs it and builds the reports;
 * `npx playwright test` works too. Target: NEXUDUS_PROFILE (a tenant profile), else the embedded
 * sandbox, started by global setup. Traces stay off: they would record credentials.
 */
import { readFileSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { env } from './lib/config/env.ts';
import { isLiveTarget } from './lib/config/profile.ts';

const live = (() => {
  if (env.assumeLive) return true;
  if (!env.profilePath) return false;
  if (env.baseUrl) return isLiveTarget(env.baseUrl);
  try {
    const raw = JSON.parse(readFileSync(env.profilePath, 'utf8')) as { baseUrl?: string };
    return isLiveTarget(raw.baseUrl ?? '');
  } catch {
    return true;
  }
})();

const out = env.outDir;

export default defineConfig({
  testDir: 'tests',
  testMatch: '**/*.spec.ts',
  globalSetup: './lib/run/global-setup.ts',
  outputDir: `${out}/test-results`,
  snapshotPathTemplate: `${env.baselinesDir}/{arg}{ext}`,
  fullyParallel: true,
  // a live tenant gets one request at a time (pacing, and the limiter lives in one process)
  workers: live ? 1 : 2,
  // throttling is handled in the client; a retry would hide non-conformance
  retries: 0,
  forbidOnly: env.ci,
  timeout: live ? 600_000 : 120_000,
  reporter: [
    ['list'],
    ['html', { outputFolder: `${out}/playwright-report`, open: 'never' }],
    ['junit', { outputFile: `${out}/junit.xml` }],
    // allure-playwright + labels from the checks' annotations + environment.properties (reporters/allure.ts)
    ['./reporters/allure.ts', { resultsDir: `${out}/allure-results`, detail: false, outDir: out }],
    // last: its final line is `N passed, N failed[, N skipped]` (reporters/matrix.ts)
    ['./reporters/matrix.ts', { outDir: out }],
  ],
  use: { trace: 'off', screenshot: 'off', video: 'off' },
  // generated CommonJS that needs no transpiling: hashing and re-reading its 1 MB for the transform
  // cache tripled what loading it costs each worker (schemas/ajv.ts)
  build: { external: ['**/schemas/validators.cjs'] },
});
