/**
 * The project's own tests: unit tests of schemas, generators and sandbox, and the meta tests that run
 * the conformance suite against sandboxes with planted bugs. `npm run selftest`.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.test.ts',
  outputDir: '../selftest-results',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
});
