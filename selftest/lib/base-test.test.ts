/**
 * lib/checks/base-test.ts replaces two Playwright-internal auto fixtures by no-ops (the suite opens no browser).
 * If a Playwright upgrade renames them the override silently stops saving time: this test says so.
 */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { BROWSER_FIXTURES } from '../../lib/checks/base-test.ts';

test('the browser fixtures lib/checks/base-test.ts replaces exist, as auto fixtures, in the installed Playwright', () => {
  const pkg = createRequire(import.meta.url).resolve('playwright/package.json');
  const source = readFileSync(join(dirname(pkg), 'lib', 'index.js'), 'utf8');
  for (const name of BROWSER_FIXTURES) {
    const at = source.indexOf(`${name}: [`);
    expect(at, `${name} is not a fixture of this Playwright: update lib/checks/base-test.ts`).toBeGreaterThan(-1);
    expect(source.slice(at, source.indexOf('\n  _', at + 1)), `${name} is no longer an auto fixture`).toMatch(/auto: "all-hooks-included"/);
  }
});
