/**
 * The project's own tests: unit tests of schemas, generators and sandbox, the safety and report tests,
 * and the mutation runs (selftest/mutation: the conformance suite against the clean sandbox, each
 * conformant variation and each fault). `npm run selftest`; the mutation score is printed at the end.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.test.ts',
  outputDir: '../selftest-results',
  fullyParallel: true,
  // 4 on 2 cores: most self-tests wait on a child suite run or a sandbox, not on the CPU
  workers: 4,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  reporter: [['list'], ['./mutation/score-reporter.ts', { outputDir: 'selftest-results' }]],
});
