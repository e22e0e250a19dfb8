/**
 * Playwright's `test` without its browser bookkeeping. @playwright/test runs two auto fixtures around
 * every test, `_setupContextOptions` (browser context options) and `_setupArtifacts` (traces and
 * screenshots of browser contexts), and each pulls in option fixtures; every fixture setup and teardown
 * is a report step with a captured, source-mapped stack. The suite opens no browser, so both are
 * replaced by no-ops: 600 empty tests take 2.3 s instead of 11.3 s on the reference machine
 * (BENCHMARKS.md). The names are Playwright internals of the pinned version; selftest/lib/base-test.test.ts
 * fails if an upgrade renames them (the override would then only cost the speed, not correctness).
 */
import { test as playwrightTest } from '@playwright/test';

type Noop = [(args: object, use: () => Promise<void>) => Promise<void>, { auto: 'all-hooks-included'; box: true }];
const noop: Noop = [async ({}, use) => use(), { auto: 'all-hooks-included', box: true }];

export const BROWSER_FIXTURES = ['_setupContextOptions', '_setupArtifacts'] as const;

export const test = playwrightTest.extend(Object.fromEntries(BROWSER_FIXTURES.map((name) => [name, noop])) as Record<string, never>);
