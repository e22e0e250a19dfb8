/**
 * The command line without traps: `npm run conformance -- --help` documents the wrapper's own options; --fault and
 * --vary reach the embedded sandbox; --reporter=dot and --list end with the right word, not "no verdicts"; a bad
 * NEXUDUS_MODE, a misspelt fault name and a port fetch refuses each end in one message and exit 2.
 */
import { test, expect } from '@playwright/test';
import { runScript, tmpOut } from '../reports/_support.ts';

const one = (out: string) => (out.match(/nexudus-conformance: /g) ?? []).length;

test('--help shows the wrapper\'s options before Playwright\'s', () => {
  const r = runScript('conformance', ['--help']);
  expect(r.code, r.out).toBe(0);
  for (const flag of ['--profile', '--mode', '--budget', '--dry-run', '--silent-points', '--require-baselines', '--fault', '--vary', '--no-report']) expect(r.out).toContain(flag);
  expect(r.out.indexOf('--require-baselines')).toBeLessThan(r.out.indexOf('--grep'));
});

test('--fault reaches the embedded sandbox: the run goes red on it', () => {
  test.setTimeout(120_000);
  const r = runScript('conformance', ['--fault', 'success-message-wording', '--no-report', '-g', 'Workspace PUT as admin'], { NEXUDUS_OUT: tmpOut('fault') });
  expect(r.code, r.out).toBe(1);
  expect(r.out).toMatch(/\[success\.message\]/);
});

test('--reporter=dot still gives verdicts and the exit code; --list lists and says nothing ran', () => {
  test.setTimeout(120_000);
  const dot = runScript('conformance', ['--reporter=dot', '--no-report', '-g', 'POST /api/token password grant'], { NEXUDUS_OUT: tmpOut('dot') });
  expect(dot.code, dot.out).toBe(0);
  expect(dot.out).not.toMatch(/no verdicts/);
  expect(dot.lines[dot.lines.length - 1]).toMatch(/^1 passed, 0 failed/);
  const list = runScript('conformance', ['--list', '-g', '@smoke'], { NEXUDUS_OUT: tmpOut('list') });
  expect(list.code, list.out).toBe(0);
  expect(list.out).toMatch(/listed the checks above; nothing was run/);
  expect(list.out).not.toMatch(/no verdicts/);
});

test('NEXUDUS_MODE=fast, a misspelt sandbox fault, a port fetch refuses: one message each, exit 2', () => {
  test.setTimeout(120_000);
  const mode = runScript('conformance', ['--no-report'], { NEXUDUS_OUT: tmpOut('mode'), NEXUDUS_MODE: 'fast' });
  expect(mode.code, mode.out).toBe(2);
  expect(one(mode.out)).toBe(1);
  expect(mode.out).toMatch(/NEXUDUS_MODE=fast is not a mode[\s\S]*Fix: set NEXUDUS_MODE \(or --mode\) to explore or cover/);

  const fault = runScript('conformance', ['--no-report'], { NEXUDUS_OUT: tmpOut('fault-name'), NEXUDUS_SANDBOX_FAULTS: 'put-merge' });
  expect(fault.code, fault.out).toBe(2);
  expect(one(fault.out)).toBe(1);
  expect(fault.out).toMatch(/NEXUDUS_SANDBOX_FAULTS: unknown fault "put-merge"/);
  expect(fault.out).not.toMatch(/\n\s+at |no check was selected/);

  const port = runScript('conformance', ['--no-report'], { NEXUDUS_OUT: tmpOut('port'), NEXUDUS_PROFILE: 'profiles/example.json', NEXUDUS_BASE_URL: 'http://127.0.0.1:9', NEXUDUS_ADMIN_PASSWORD: 'x', NEXUDUS_FRONTDESK_PASSWORD: 'x', NEXUDUS_AUDITOR_PASSWORD: 'x' });
  expect(port.code, port.out).toBe(2);
  expect(port.out).toMatch(/is unreachable: its port is one that fetch refuses to call/);
  expect(port.out).not.toMatch(/teardown: /);
});
