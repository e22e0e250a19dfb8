/**
 * Bad input gets a clear answer: a broken profile, a missing environment variable, an
 * unreachable tenant or wrong credentials end in one plain message naming the cause and the fix, and
 * exit code 2, with no test run.
 */
import { test, expect } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { runSuite, ROOT } from '../harness.ts';

const sandboxProfile = JSON.parse(readFileSync(join(ROOT, 'sandbox', 'profile.json'), 'utf8')) as Record<string, unknown> & { personas: Record<string, Record<string, unknown>> };

function profileFile(content: string | object): string {
  const p = join(mkdtempSync(join(tmpdir(), 'nxc-profile-')), 'tenant.json');
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return p;
}

function expectOneMessage(r: Awaited<ReturnType<typeof runSuite>>, cause: RegExp, fix: RegExp): void {
  expect(r.code, `exit code; stderr:\n${r.stderr}`).toBe(2);
  // nothing was created: no teardown line before the message
  expect(r.stdout).not.toMatch(/teardown: 0 record/);
  const msgs = r.stderr.match(/nexudus-conformance: /g) ?? [];
  expect(msgs.length, `one message, got:\n${r.stderr}`).toBe(1);
  expect(r.stderr).toMatch(cause);
  expect(r.stderr).toMatch(/Fix: /);
  expect(r.stderr).toMatch(fix);
  expect(r.stdout, 'no test ran').not.toMatch(/\d+ (passed|failed)/);
  for (const p of Object.values(sandboxProfile.personas)) expect(r.stderr + r.stdout).not.toContain(String(p.password));
}

const { $schema: _s, ...good } = sandboxProfile;

const CASES: { name: string; profile: () => string | object; env?: Record<string, string>; cause: RegExp; fix: RegExp }[] = [
  { name: 'a profile file that does not exist', profile: () => '', cause: /Tenant profile not found/, fix: /NEXUDUS_PROFILE/ },
  { name: 'a profile that is not JSON', profile: () => '{ "baseUrl": "http://x", }', cause: /not valid JSON/, fix: /JSON syntax/ },
  { name: 'a profile without personas', profile: () => ({ baseUrl: 'http://127.0.0.1:9' }), cause: /does not match the profile format[\s\S]*personas/, fix: /README/ },
  { name: 'a profile with an unknown key', profile: () => ({ ...good, baseURL: 'http://x' }), cause: /baseURL/, fix: /README/ },
  { name: 'a profile without a full administrator', profile: () => ({ ...good, personas: { reader: good.personas.reader } }), cause: /no persona with "fullAdmin": true/, fix: /fullAdmin/ },
  {
    name: 'a password from an unset environment variable',
    profile: () => ({ ...good, personas: { ...good.personas, admin: { ...good.personas.admin, password: '${NXC_ADMIN_PASSWORD}' } } }),
    cause: /NXC_ADMIN_PASSWORD, which is not set/, fix: /export NXC_ADMIN_PASSWORD=/,
  },
  {
    name: 'passwords from two unset environment variables (both named in the one message)',
    profile: () => ({ ...good, personas: { ...good.personas, admin: { ...good.personas.admin, password: '${NXC_ADMIN_PASSWORD}' }, reader: { ...good.personas.reader, password: '${NXC_READER_PASSWORD}' } } }),
    cause: /environment variables that are not set: NXC_ADMIN_PASSWORD \(persona "admin"\), NXC_READER_PASSWORD \(persona "reader"\)/,
    fix: /export NXC_ADMIN_PASSWORD=.*; export NXC_READER_PASSWORD=/,
  },
  {
    name: 'misspelt role names',
    profile: () => ({ ...good, personas: { ...good.personas, reader: { ...good.personas.reader, roles: ['Coworkr-Read', 'Workspace-Lst', 'CoworkerTask-List'] } } }),
    cause: /unknown entity or action:\n  "Coworkr-Read": did you mean "Coworker-Read"\?\n  "Workspace-Lst": did you mean "Workspace-List"\?/, fix: /<Entity>-<List\|Read\|Create\|Edit\|Delete>/,
  },
  { name: 'an unreachable tenant', profile: () => ({ ...good, baseUrl: 'http://127.0.0.1:9' }), cause: /unreachable/, fix: /baseUrl/ },
];

for (const c of CASES) {
  test(`${c.name} → one message and exit 2`, async () => {
    const content = c.profile();
    const path = content === '' ? join(tmpdir(), 'nxc-no-such-profile.json') : profileFile(content);
    const r = await runSuite({ env: { NEXUDUS_PROFILE: path, ...c.env } });
    expectOneMessage(r, c.cause, c.fix);
  });
}

test.describe('against a running sandbox', () => {
  let sb: Sandbox;
  test.beforeAll(async () => (sb = await startSandbox({ port: 0 })));
  test.afterAll(async () => sb?.close());

  test('credentials that do not work → one message naming the persona, exit 2', async () => {
    const bad = { ...good, baseUrl: sb.url, personas: { ...good.personas, editor: { ...good.personas.editor, password: 'not-the-password' } } };
    const r = await runSuite({ env: { NEXUDUS_PROFILE: profileFile(bad) } });
    expectOneMessage(r, /credentials of persona "editor"/, /correct the username\/password of "editor"/);
  });

  test('role names in the lower-case spelling of the 2020 docs run, and decide the outcome like the current spelling', async () => {
    test.setTimeout(120_000);
    const lower = (roles: unknown) => (roles as string[]).map((r) => r.toLowerCase());
    const personas = Object.fromEntries(Object.entries(good.personas).map(([k, p]) => [k, p.roles ? { ...p, roles: lower(p.roles) } : p]));
    const r = await runSuite({ env: { NEXUDUS_PROFILE: profileFile({ ...good, baseUrl: sb.url, personas }) }, args: ['--grep', 'Workspace (PUT|GET list) as (editor|reader|creator)'] });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/\b6 passed/);
  });

  test('a create answered 201 during setup is the tenant\'s contract violation: exit 1 naming the clause, not a profile error', async () => {
    const r = await runSuite({ env: { NEXUDUS_SANDBOX_FAULTS: 'create-status-201' } });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/contract violation during setup/);
    expect(r.stderr).toMatch(/\[success\.status\] A valid POST or PUT is answered HTTP 200\.\n  source: docs\/seeds\/\d{3}_\w+\.txt line \d+/);
    expect(r.stderr).not.toMatch(/check the fixtures|Fix: /);
    expect(r.stdout, 'no test ran').not.toMatch(/\d+ (passed|failed)/);
  });

  test('a valid create answered 500 during setup is a finding about the tenant: exit 1 naming the clause, not a profile error', async () => {
    const r = await runSuite({ env: { NEXUDUS_SANDBOX_FAULTS: 'create-500' } });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/contract violation during setup/);
    expect(r.stderr).toMatch(/\[success\.status\] A valid POST or PUT is answered HTTP 200\./);
    expect(r.stderr).toMatch(/answered 500: \{"Message":"An error has occurred\."\}/);
    expect(r.stderr).not.toMatch(/check the fixtures|Fix: /);
  });

  test('a password written in the file: a warning on a live target, none on a local one', async () => {
    test.setTimeout(120_000);
    const file = profileFile({ ...good, name: 'plain-passwords', baseUrl: sb.url });
    const args = ['--grep', 'POST /api/token password grant'];
    const live = await runSuite({ env: { NEXUDUS_PROFILE: file, NEXUDUS_ASSUME_LIVE: '1' }, args });
    expect(live.code, live.stderr).toBe(0);
    expect(live.stdout + live.stderr).toMatch(/warning: profile plain-passwords writes the password of admin, creator, editor, reader, taskOwner, nobody in the file/);
    const local = await runSuite({ env: { NEXUDUS_PROFILE: file }, args });
    expect(local.code, local.stderr).toBe(0);
    expect(local.stdout + local.stderr).not.toMatch(/warning: profile/);
  });

  test('a password taken from the environment works', async () => {
    test.setTimeout(120_000);
    const withEnv = { ...good, baseUrl: sb.url, personas: { ...good.personas, admin: { ...good.personas.admin, password: '${NXC_ADMIN_PASSWORD}' } } };
    const r = await runSuite({ env: { NEXUDUS_PROFILE: profileFile(withEnv), NXC_ADMIN_PASSWORD: String(good.personas.admin.password) }, args: ['--grep', 'POST /api/token password grant'] });
    expect(r.code, r.stderr).toBe(0);
  });
});
