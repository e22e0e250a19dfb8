/**
 * Drift detection that works in CI: a first run against a tenant says, in the terminal, the Markdown matrix and the
 * Allure results, how many silent-point baselines it wrote and where; with --require-baselines a missing baseline
 * ends the run before its first request (a configuration error, exit 2: selftest/safety/gate.test.ts counts the
 * tenant's requests) instead of being written.
 */
import { test, expect } from '@playwright/test';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runScript, tmpOut, filesUnder } from './_support.ts';

const ARGS = ['--grep', 'Workspace (POST|PUT) with an unknown field', '--no-report'];

test('a first run names the baselines it wrote (terminal, matrix, Allure); --require-baselines stops on a missing one', async () => {
  test.setTimeout(180_000);
  const baselines = tmpOut('baselines');
  const out = tmpOut('first');
  const first = runScript('conformance', ARGS, { NEXUDUS_OUT: out, NEXUDUS_BASELINES: baselines });
  expect(first.code, first.out).toBe(0);
  expect(readdirSync(join(baselines, 'sandbox')).sort()).toEqual(['workspace-post-extra-field.json', 'workspace-put-extra-field.json']);
  const notice = /2 silent-point baseline\(s\) written\*\* for tenant sandbox \(first observation\) in `[^`]*sandbox`/;
  expect(first.out).toMatch(notice);
  expect(first.lines[first.lines.length - 1], 'the summary stays the last line').toMatch(/^2 passed, 0 failed/);
  expect(readFileSync(join(out, 'conformance-matrix.md'), 'utf8')).toMatch(notice);
  const allure = filesUnder(join(out, 'allure-results')).filter((f) => f.endsWith('-result.json')).map((f) => readFileSync(f, 'utf8'));
  expect(allure.some((r) => /"name":"notice","value":"first observation on tenant sandbox: baseline written to/.test(r))).toBe(true);

  // a second run finds them: no notice
  const again = runScript('conformance', ARGS, { NEXUDUS_OUT: tmpOut('again'), NEXUDUS_BASELINES: baselines, NEXUDUS_REQUIRE_BASELINES: '1' });
  expect(again.code, again.out).toBe(0);
  expect(again.out).not.toMatch(/baseline\(s\) written/);

  // CI without its baselines: a configuration error before the first request, naming the folder; nothing written
  const empty = tmpOut('empty');
  const strict = runScript('conformance', ['--require-baselines', ...ARGS], { NEXUDUS_OUT: tmpOut('strict'), NEXUDUS_BASELINES: empty });
  expect(strict.code, strict.out).toBe(2);
  expect(strict.out).toMatch(/2 of the 2 silent-point probes this run makes have no baseline for tenant sandbox/);
  expect(strict.out).toContain(join(empty, 'sandbox'));
  expect(strict.out).not.toMatch(/silent-point drift|\d+ passed/);
  expect(existsSync(join(empty, 'sandbox'))).toBe(false);
});
