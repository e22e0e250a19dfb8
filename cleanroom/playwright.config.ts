import { defineConfig } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.test\.ts$/,
  workers: 2,
  reporter: 'list',
  timeout: 60_000,
  fullyParallel: true,
  // keep artefacts out of the checkout
  outputDir: join(tmpdir(), 'cleanroom-test-results'),
});
