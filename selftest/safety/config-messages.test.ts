/**
 * Messages that name what the user did: a password variable set to the empty string is "set but empty" (not "not
 * set"); malformed profile JSON gives line and column and the offending line (password values masked); a misspelt
 * --fault names the option and the name as typed, while NEXUDUS_SANDBOX_FAULTS keeps its own name.
 */
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonErrorAt } from '../../lib/config/profile.ts';
import { runSuite, ROOT } from '../harness.ts';
import { runScript, tmpOut } from '../reports/_support.ts';

const sandboxProfile = JSON.parse(readFileSync(join(ROOT, 'sandbox', 'profile.json'), 'utf8')) as Record<string, unknown> & { personas: Record<string, Record<string, unknown>> };
const { $schema: _s, ...good } = sandboxProfile;
const one = (out: string) => (out.match(/nexudus-conformance: /g) ?? []).length;

function profileFile(content: string | object): string {
  const p = join(mkdtempSync(join(tmpdir(), 'nxc-profile-')), 'tenant.json');
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return p;
}

const withVar = (persona: string, variable: string) => ({ ...good.personas, [persona]: { ...good.personas[persona], password: `\${${variable}}` } });

test('a password variable set to the empty string → "set but empty", one message, exit 2', async () => {
  const r = await runSuite({ env: { NEXUDUS_PROFILE: profileFile({ ...good, personas: withVar('admin', 'NXC_EMPTY_PASSWORD') }), NXC_EMPTY_PASSWORD: '' } });
  expect(r.code, r.stderr).toBe(2);
  expect(one(r.stderr), r.stderr).toBe(1);
  expect(r.stderr).toMatch(/Persona "admin" takes its password from the environment variable NXC_EMPTY_PASSWORD, which is set but empty\./);
  expect(r.stderr).not.toMatch(/not set/);
  expect(r.stderr).toMatch(/Fix: export NXC_EMPTY_PASSWORD=<the password of admin@sandbox\.nexudus\.test> before running \(in CI: secrets; an empty value is usually a secret that is not defined, or not passed to this job\)/);
});

test('one variable unset and one empty → both in one message, each with its state', async () => {
  const personas = { ...withVar('admin', 'NXC_UNSET_PASSWORD'), reader: { ...good.personas.reader, password: '${NXC_EMPTY_PASSWORD}' } };
  const r = await runSuite({ env: { NEXUDUS_PROFILE: profileFile({ ...good, personas }), NXC_EMPTY_PASSWORD: '' } });
  expect(r.code, r.stderr).toBe(2);
  expect(one(r.stderr), r.stderr).toBe(1);
  expect(r.stderr).toMatch(/environment variables that are not set or set but empty: NXC_UNSET_PASSWORD \(persona "admin", not set\), NXC_EMPTY_PASSWORD \(persona "reader", set but empty\)\./);
});

test('malformed profile JSON → line and column, the offending line with a caret, one message, exit 2; no password shown', async () => {
  const text = JSON.stringify(good, null, 2).replace(/("password": "sbx-editor-[^"]+"),/, '$1');
  const r = await runSuite({ env: { NEXUDUS_PROFILE: profileFile(text) } });
  expect(r.code, r.stderr).toBe(2);
  expect(one(r.stderr), r.stderr).toBe(1);
  const line = text.split('\n').findIndex((l) => l.includes('sbx-editor-')) + 2;
  const pad = ' '.repeat(String(line).length);
  expect(r.stderr).toContain(`is not valid JSON: line ${line}, column 7: Expected ',' or '}' after property value\n  ${line} |       "roles": [\n  ${pad} |       ^\nFix: fix the JSON syntax`);
  expect(r.stderr).not.toMatch(/position \d+/);
  for (const p of Object.values(good.personas)) expect(r.stderr).not.toContain(String(p.password));
});

test('JSON errors at the end, on a password\'s line, after a byte-order mark: line and column, no secret', () => {
  const at = (text: string) => {
    try {
      JSON.parse(text);
    } catch (err) {
      return jsonErrorAt(text, (err as Error).message);
    }
    throw new Error('parsed');
  };
  expect(at('{\n  "baseUrl": "http://x",\n')).toMatch(/^line 3, column 1: .* \(the file ends here\)/);
  const pw = at('{\n  "personas": { "a": { "password": "hunter2" "fullAdmin": true } }\n}');
  expect(pw).toBe(`line 2, column 46: Expected ',' or '}' after property value\n  2 |   "personas": { "a": { "password": "***" "fullAdmin": true } }\n    |                                          ^`);
  expect(at('\uFEFF{}')).toMatch(/^line 1, column 1: a byte-order mark \(BOM\)/);
  expect(at('{"a": tru}')).toMatch(/^line 1, column 10: Unexpected token '}'\n/);
});

test('a misspelt --fault names the option and the name as typed; NEXUDUS_SANDBOX_FAULTS keeps its own name', () => {
  test.setTimeout(120_000);
  const flag = runScript('conformance', ['--fault', 'nope', '--no-report'], { NEXUDUS_OUT: tmpOut('fault-flag') });
  expect(flag.code, flag.out).toBe(2);
  expect(one(flag.out)).toBe(1);
  expect(flag.out).toMatch(/nexudus-conformance: --fault nope: unknown fault "nope"; the list is in sandbox\/README\.md "Faults"/);
  expect(flag.out).not.toMatch(/NEXUDUS_SANDBOX_FAULTS: unknown/);
  // one bad name in a comma list is named alone
  const list = runScript('conformance', ['--fault=put-merges,nope', '--no-report'], { NEXUDUS_OUT: tmpOut('fault-list') });
  expect(list.code, list.out).toBe(2);
  expect(list.out).toMatch(/--fault nope: unknown fault "nope"/);

  const variable = runScript('conformance', ['--no-report'], { NEXUDUS_OUT: tmpOut('fault-env'), NEXUDUS_SANDBOX_FAULTS: 'nope' });
  expect(variable.code, variable.out).toBe(2);
  expect(variable.out).toMatch(/NEXUDUS_SANDBOX_FAULTS: unknown fault "nope"/);
  expect(variable.out).not.toMatch(/--fault nope/);

  // the standalone sandbox says it the same way
  const sandbox = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'sandbox/cli.ts', '--fault', 'date-shift,nope'], { cwd: ROOT, encoding: 'utf8' });
  expect(sandbox.status).toBe(2);
  expect(sandbox.stderr.trim()).toBe('sandbox: --fault nope: unknown fault "nope"; the list is in sandbox/README.md "Faults" (FAULTS in sandbox/faults.ts)');
});
