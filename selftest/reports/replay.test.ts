/**
 * A red check's replay reproduces it: the command printed with an authorization failure and with a property
 * failure, run as printed (through a shell, from the project folder), meets the same failing answer again, on
 * the same tenant; the curl script of the failing exchange signs its persona in itself and gets the same status.
 */
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSuite, childEnv, errorsOf, ROOT, type JsonReport, type SuiteRun } from '../harness.ts';
import { startSandbox } from '../../sandbox/index.ts';

// eslint-disable-next-line no-control-regex
const plain = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

/** The body of a named attachment of the first failed check of a JSON report. */
function attachment(r: SuiteRun, name: string): string {
  const walk = (s: JsonReport['suites'][number]): string | undefined => {
    for (const sp of s.specs) {
      for (const t of sp.tests) {
        for (const res of t.results as unknown as { status: string; attachments?: { name: string; body?: string }[] }[]) {
          const a = res.status === 'failed' ? res.attachments?.find((x) => x.name === name) : undefined;
          if (a?.body) return Buffer.from(a.body, 'base64').toString('utf8');
        }
      }
    }
    for (const c of s.suites ?? []) {
      const found = walk(c);
      if (found) return found;
    }
    return undefined;
  };
  for (const s of r.results?.suites ?? []) {
    const found = walk(s);
    if (found) return found;
  }
  throw new Error(`no "${name}" attachment on a failed check:\n${r.stdout.slice(-2000)}`);
}

/** Runs a printed command as a user would: a shell in the project folder, outputs to a folder of its own (async: the sandbox lives in this process). */
function runPrinted(command: string, extra: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  const out = mkdtempSync(join(tmpdir(), 'nxc-replayed-'));
  return new Promise((res) => {
    const child = spawn('bash', ['-c', command], { cwd: ROOT, env: childEnv({ NEXUDUS_OUT: out, ...extra }) });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.stderr.on('data', (d) => (text += d));
    child.on('close', (code) => res({ code, out: plain(text) }));
  });
}

test('the replay of a failing authorization check on another tenant sends the same request as the same persona and meets the same answer', async () => {
  test.setTimeout(240_000);
  const sb = await startSandbox({ port: 0, faults: ['edit-role-ignored'], tokenLifetimeSeconds: 600 });
  try {
    const dir = mkdtempSync(join(tmpdir(), 'nxc-replay-'));
    const profile = JSON.parse(readFileSync(join(ROOT, 'sandbox', 'profile.json'), 'utf8')) as { personas: Record<string, { password: string }> };
    // passwords from the environment, as a real tenant's profile has them
    const secrets: Record<string, string> = {};
    for (const [name, p] of Object.entries(profile.personas)) {
      const v = `NXC_REPLAY_${name.toUpperCase()}_PASSWORD`;
      secrets[v] = p.password;
      p.password = `\${${v}}`;
    }
    const file = join(dir, 'other-tenant.json');
    writeFileSync(file, JSON.stringify({ ...profile, name: 'other-tenant', baseUrl: sb.url, tokenLifetimeSeconds: undefined }, null, 2));
    const r = await runSuite({ env: { NEXUDUS_PROFILE: file, ...secrets }, args: ['--workers=1', '-g', 'CoworkerTask PUT as reader'] });
    expect(r.code, r.stdout.slice(-3000)).toBe(1);
    const replay = attachment(r, 'replay');
    const command = replay.split('\n')[1];
    expect(command).toContain(`NEXUDUS_PROFILE=${file}`);
    for (const [, pw] of Object.entries(secrets)) expect(replay, 'no password in the replay').not.toContain(pw);
    const again = await runPrinted(command, secrets);
    expect(again.code, again.out.slice(-3000)).toBe(1);
    expect(again.out).toMatch(/\[authz\.denied\][\s\S]*PUT \/api\/crm\/coworkertasks as reader answered 200/);
    expect(again.out).toMatch(/Expected: 401\s+Received: 200/);

    // the curl script: signs the reader in with its password from the environment, sends the PUT; the run's record is
    // gone after its teardown, so the tenant answers 400 or 404 for its Ids: signed in, never 401
    const curl = replay.slice(replay.indexOf('# the failing exchange with curl'));
    expect(curl).toContain('$NXC_REPLAY_READER_PASSWORD');
    expect(curl).toContain('Authorization: Bearer $TOKEN_READER');
    const sent = await runPrinted(curl, secrets);
    expect(sent.out).toMatch(/^HTTP\/1\.1 (200|400|404) /m);
    expect(sent.out).not.toMatch(/^HTTP\/1\.1 401/m);
  } finally {
    await sb.close();
  }
});

test('the replay of a failing property check reproduces the same counterexample on the same (embedded) tenant', async () => {
  test.setTimeout(240_000);
  const r = await runSuite({ env: { NEXUDUS_SANDBOX_FAULTS: 'put-merges', FC_NUM_RUNS: '4' }, args: ['--workers=1', '-g', 'CoworkerTask PUT valid payloads'] });
  expect(r.code, r.stdout.slice(-3000)).toBe(1);
  const message = plain(errorsOf(r)[0]);
  const printed = /Replay: (.+)/.exec(message)![1];
  expect(printed).toContain('NEXUDUS_SANDBOX_FAULTS=put-merges');
  expect(printed).toContain('FC_NUM_RUNS=4');
  const counterexample = /Counterexample[^\n]*/.exec(message)![0];
  const again = await runPrinted(printed);
  expect(again.code, again.out.slice(-3000)).toBe(1);
  expect(again.out).toContain('[write.full-replace]');
  // the same shrunk case: dates and markers differ per run, the failing fields do not
  const fields = (s: string) => [...s.matchAll(/"(\w+)":/g)].map((m) => m[1]).sort().join(',');
  expect(fields(/Counterexample[^\n]*/.exec(again.out)![0])).toBe(fields(counterexample));
  // and the replay attachment carries the same command
  expect(attachment(r, 'replay').split('\n')[1]).toContain(`FC_SEED=${/FC_SEED=(-?\d+)/.exec(printed)![1]}`);
});
