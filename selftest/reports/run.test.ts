/**
 * One red run through the CI gate (`npm run conformance`, embedded sandbox with the fault
 * `success-message-wording`, a narrow slice), then what it left behind: exit code, Allure results
 * (labels, parameters, links, attachments, environment, no secret), the matrix, the single-file
 * report in a real browser, and `npm run compare` against a clean run of the same slice.
 */
import { test, expect } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { runScript, tmpOut, sandboxSecretSpellings, filesUnder, allureResults, attachmentsOf, label, SLICE, SLICE_BUDGET, type Ran } from './_support.ts';
import type { RunVerdicts } from '../../reporters/verdicts.ts';
import { readEnvironmentProperties } from '../../reporters/environment.ts';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

const red = tmpOut('red');
const clean = tmpOut('clean');
let ran: Ran;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  ran = runScript('conformance', ['--budget', SLICE_BUDGET, '--grep', SLICE, '--workers', '1'], {
    NEXUDUS_OUT: red,
    NEXUDUS_SANDBOX_FAULTS: 'success-message-wording',
  });
});

test('the gate exits 1 on a contract violation and ends with the summary line', () => {
  expect(ran.code, ran.out.slice(-3000)).toBe(1);
  expect(ran.out).toContain('exit 1: findings: 1 contract violation');
  expect(ran.lines.at(-1)).toMatch(/^\d+ passed, \d+ failed(, \d+ skipped)?$/);
  expect(ran.lines.at(-1)).toBe('2 passed, 1 failed, 1 skipped');
  for (const f of ['junit.xml', 'playwright-report/index.html', 'allure-report/index.html', 'conformance-matrix.md', 'conformance-matrix.json', 'verdicts.json']) {
    expect(existsSync(join(red, f)), f).toBe(true);
  }
});

test('the failing check carries request, response and replay command in its Allure result, and no secret', () => {
  const results = allureResults(join(red, 'allure-results'));
  const failed = results.filter((r) => r.status === 'failed');
  expect(failed.map((r) => r.name)).toEqual(['Workspace POST valid payloads (2 generated) → created, read back equal']);
  const r = failed[0]!;
  const att = attachmentsOf(r);
  const read = (name: string) => {
    const a = att.find((x) => x.name === name);
    expect(a, `attachment "${name}" of ${r.name}; has ${att.map((x) => x.name).join(', ')}`).toBeTruthy();
    return readFileSync(join(red, 'allure-results', a!.source), 'utf8');
  };
  const http = read('http exchanges');
  expect(http).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/api\/collaboration\/workspaces/); // the request
  expect(http).toContain('"Name"'); // its body
  expect(http).toContain('→ 200'); // the response status
  expect(http).toContain('Record saved.'); // the fault's wrong Message, in the response body
  expect(http).toMatch(/Authorization: Bearer «redacted»/);
  // the failing exchange first, then how to send it again: the check's command, and curl signing the persona in
  expect(att.map((x) => x.name).filter((n) => n !== 'counterexample').slice(0, 3)).toEqual(['failing exchange', 'replay', 'http exchanges']);
  expect(read('failing exchange')).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/api\/collaboration\/workspaces as admin\nanswer: 200 .*Record saved\./);
  const replay = read('replay');
  expect(replay).toMatch(/NEXUDUS_SANDBOX_FAULTS=success-message-wording .*npx playwright test -g 'Workspace POST valid payloads/);
  expect(replay).toMatch(/curl -sS -i -X POST http:\/\/127\.0\.0\.1:\d+\/api\/collaboration\/workspaces/);
  expect(replay).toContain('-H "Authorization: Bearer $TOKEN_ADMIN"');
  expect(read('counterexample')).toContain('Counterexample');
  // the category sees the assertion first, with its clause, not fast-check's banner, and only once
  expect(r.statusDetails.message).toMatch(/^Error: \[success\.message\] /);
  expect(r.statusDetails.message).toContain('Message must confirm the write with "was successfully created."');
  expect(r.statusDetails.message?.split('[success.message]')).toHaveLength(2);

  // no secret anywhere in what the run wrote for reports
  const files = [...filesUnder(join(red, 'allure-results')), join(red, 'junit.xml'), join(red, 'verdicts.json'), join(red, 'conformance-matrix.md')];
  const leaks: string[] = [];
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const s of sandboxSecretSpellings()) if (text.includes(s.value)) leaks.push(`${f}: ${s.persona}'s password (${s.spelling})`);
  }
  expect(leaks).toEqual([]);
});

test('Allure labels, parameters, links and environment come from the checks and the run state', () => {
  const results = allureResults(join(red, 'allure-results'));
  const post = results.find((r) => r.name.startsWith('Workspace POST valid'))!;
  expect(label(post, 'epic')).toBe('collaboration');
  expect(label(post, 'feature')).toBe('POST /api/collaboration/workspaces');
  expect(label(post, 'story')).toBe('round trip');
  expect(label(post, 'severity')).toBe('critical');
  expect(post.parameters.find((p) => p.name === 'seed')?.value).toMatch(/^-?\d+$/);
  expect(post.links.map((l) => l.url)).toContain('https://developers.nexudus.com/rest-api/collaboration/post-workspaces');
  // the annotations became labels, not fake steps
  expect(JSON.stringify(post.steps)).not.toContain('"feature: ');
  const silent = results.find((r) => r.name.startsWith('Coworker GET one of a coworker deleted'))!;
  expect(label(silent, 'story')).toBe('silent points');
  expect(silent.parameters.find((p) => p.name === 'observed')?.value).toMatch(/^\d{3} /);

  const env = readEnvironmentProperties(join(red, 'allure-results', 'environment.properties'));
  const state = JSON.parse(readFileSync(join(red, 'run', 'latest.json'), 'utf8')) as { runId: string; baseUrl: string; tenant: string; mode: string; suiteVersion: string };
  expect(env).toMatchObject({ tenant: state.tenant, 'base URL': state.baseUrl, mode: state.mode, 'suite version': state.suiteVersion, 'run id': state.runId, 'sandbox faults': 'success-message-wording' });
  expect(env.commit).toBeTruthy();
});

test('the matrix counts match the Allure results, cell by cell', () => {
  const results = allureResults(join(red, 'allure-results'));
  const expected = new Map<string, { passed: number; failed: number; skipped: number; recorded: number }>();
  for (const r of results) {
    const key = `${label(r, 'feature')} | ${label(r, 'story')}`;
    const c = expected.get(key) ?? { passed: 0, failed: 0, skipped: 0, recorded: 0 };
    const v = r.status === 'failed' || r.status === 'broken' ? 'failed' : r.status === 'skipped' ? 'skipped' : label(r, 'story') === 'silent points' ? 'recorded' : 'passed';
    c[v]++;
    expected.set(key, c);
  }
  const m = JSON.parse(readFileSync(join(red, 'conformance-matrix.json'), 'utf8')) as { rows: { feature: string; cells: Record<string, { passed: number; failed: number; skipped: number; recorded: number }> }[] };
  const actual = new Map<string, unknown>();
  for (const row of m.rows) for (const [story, c] of Object.entries(row.cells)) actual.set(`${row.feature} | ${story}`, c);
  expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
  expect(actual.size).toBe(4);

  const md = readFileSync(join(red, 'conformance-matrix.md'), 'utf8');
  expect(md).toMatch(/\| POST \/api\/collaboration\/workspaces\s+\|[^\n]*1✗[^\n]*1⊘/);
  expect(md).toMatch(/\| GET \/api\/collaboration\/workspaces\/\{id\}\s+\|\s+1✓/);
  expect(md).toMatch(/\| GET \/api\/spaces\/coworkers\/\{id\}\s+\|[^\n]*1◉/);
  expect(md).toContain('1 check skipped:\n- 1 × write budget 10: it needs 1 write, 0 left; raise --budget to run it');
  expect(md.trimEnd().split('\n').at(-1)).toBe('2 passed, 1 failed, 1 skipped');
  // printed too, before the gate's own lines
  expect(ran.out).toContain('1 check skipped:');

  const v = JSON.parse(readFileSync(join(red, 'verdicts.json'), 'utf8')) as RunVerdicts;
  const failed = v.verdicts.find((x) => x.verdict === 'failed')!;
  expect(failed).toMatchObject({ feature: 'POST /api/collaboration/workspaces', story: 'round trip', kind: 'contract' });
  expect(v.verdicts.find((x) => x.verdict === 'recorded')?.observed?.[0]).toMatch(/^coworker-get-deleted: \d{3} /);
});

test('the single-file report shows endpoints, the failing check with its attachments, and the environment (real browser)', async ({}, testInfo) => {
  test.setTimeout(240_000);
  expect(existsSync('/usr/bin/chromium'), 'Debian chromium is needed: apt-get install -y chromium').toBe(true);
  const state = JSON.parse(readFileSync(join(red, 'run', 'latest.json'), 'utf8')) as { baseUrl: string };
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(pathToFileURL(join(red, 'allure-report', 'index.html')).href);
    // overview: the environment and the tree module → endpoint → kind of check
    // a 6 MB page: parsing its data took 14 s beside the mutation runs once and over 60 s another time (2 cores)
    await expect(page.getByText('base URL', { exact: true })).toBeVisible({ timeout: 180_000 });
    await expect(page.getByText(state.baseUrl, { exact: true })).toBeVisible();
    await expect(page.getByText('tenant', { exact: true })).toBeVisible();
    await expect(page.getByText('sandbox', { exact: true }).first()).toBeVisible();
    // groups without a failure start collapsed: open the module
    await page.getByText('spaces', { exact: true }).first().click();
    for (const ep of ['POST /api/collaboration/workspaces', 'GET /api/collaboration/workspaces/{id}', 'GET /api/spaces/coworkers/{id}']) {
      await expect(page.getByText(ep, { exact: true }).first()).toBeVisible();
    }
    await page.screenshot({ path: testInfo.outputPath('overview.png'), fullPage: true });
    // the failing check: its category and its attachments
    await page.getByText('Workspace POST valid payloads (2 generated) → created, read back equal').first().click();
    await expect(page.getByText('Category: Contract violations')).toBeVisible();
    await page.getByText('Attachments', { exact: false }).first().click();
    await expect(page.getByText('http exchanges').first()).toBeVisible();
    await expect(page.getByText('replay', { exact: true }).first()).toBeVisible();
    await page.getByText('http exchanges').first().click();
    await expect(page.getByText(/POST http:\/\/127\.0\.0\.1:\d+\/api\/collaboration\/workspaces/).first()).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('failing-check.png'), fullPage: true });
  } finally {
    await browser.close();
  }
});

test('compare: the faulty run against a clean run of the same slice', () => {
  test.setTimeout(90_000);
  const c = runScript('conformance', ['--no-report', '--budget', SLICE_BUDGET, '--grep', SLICE, '--workers', '1'], { NEXUDUS_OUT: clean });
  expect(c.code, c.out.slice(-2000)).toBe(0);
  const worse = runScript('compare', [clean, red]);
  expect(worse.code, worse.out).toBe(1);
  expect(worse.out).toMatch(/\| worsened \| POST \/api\/collaboration\/workspaces \| Workspace POST valid payloads \(2 generated\) → created, read back equal \| ✓ passed \| ✗ failed \|/);
  expect(worse.out).toContain('Workspace POST valid payloads (2 generated) → created, read back equal: Error: [success.message] The success Message confirms');
  expect(worse.out).toContain('1 worsened, 0 improved');
  const better = runScript('compare', [red, join(clean, 'allure-results')]);
  expect(better.code, better.out).toBe(0);
  expect(better.out).toContain('0 worsened, 1 improved');
});
