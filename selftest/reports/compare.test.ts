/** `npm run compare` on two hand-written runs: verdict changes, observation changes, exit codes. */
import { test, expect } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScript, tmpOut } from './_support.ts';
import type { RunVerdicts, Verdict } from '../../reporters/verdicts.ts';

const dir = tmpOut('compare');
const v = (title: string, verdict: Verdict['verdict'], extra: Partial<Verdict> = {}): Verdict =>
  ({ title, feature: 'PUT /api/crm/coworkertasks', story: 'round trip', epic: 'crm', tags: [], file: 'x.spec.ts', verdict, status: verdict, durationMs: 1, ...extra });
const write = (name: string, verdicts: Verdict[]) => {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  const run: RunVerdicts = { version: 1, runIds: [name], tenant: name, finishedAt: '2026-01-01T00:00:00Z', verdicts };
  writeFileSync(join(d, 'verdicts.json'), JSON.stringify(run));
  return d;
};

const staging = write('staging', [
  v('CoworkerTask PUT valid → updated', 'passed'),
  v('CoworkerTask POST valid → created', 'failed', { kind: 'contract', message: 'Error: Message must read "CoworkerTask was successfully created."' }),
  v('CoworkerTask PUT unknown Id → recorded', 'recorded', { story: 'silent points', observed: ['coworkertask-put-put-unknown-id: 404 not found envelope'] }),
  v('CoworkerTask PUT as reader → denied', 'passed'),
]);
const production = write('production', [
  v('CoworkerTask PUT valid → updated', 'failed', { kind: 'contract', message: 'Error: omitted fields must be cleared\nexpect(received).toBe(expected)' }),
  v('CoworkerTask POST valid → created', 'passed'),
  v('CoworkerTask PUT unknown Id → recorded', 'recorded', { story: 'silent points', observed: ['coworkertask-put-put-unknown-id: 400 validation envelope'] }),
  v('CoworkerTask PUT as reader → denied', 'skipped', { skipReason: 'read-only target: production' }),
]);

test('a worsened verdict exits 1 and is listed with its reason; observations that changed are listed', () => {
  const r = runScript('compare', [staging, production]);
  expect(r.code, r.out).toBe(1);
  expect(r.out).toContain('| worsened | PUT /api/crm/coworkertasks | CoworkerTask PUT valid → updated | ✓ passed | ✗ failed |');
  expect(r.out).toContain('| improved | PUT /api/crm/coworkertasks | CoworkerTask POST valid → created | ✗ failed | ✓ passed |');
  expect(r.out).toContain('| changed | PUT /api/crm/coworkertasks | CoworkerTask PUT as reader → denied | ✓ passed | ⊘ skipped |');
  expect(r.out).toContain('- CoworkerTask PUT valid → updated: Error: omitted fields must be cleared');
  expect(r.out).toContain('### Silent points answered differently');
  expect(r.out).toContain('| coworkertask-put-put-unknown-id: 404 not found envelope | coworkertask-put-put-unknown-id: 400 validation envelope |');
  expect(r.out.trimEnd().split('\n').at(-1)).toBe('1 worsened, 1 improved, 1 otherwise changed, 1 observation(s) changed, 1 unchanged');
});

test('nothing worsened exits 0; a run compared with itself shows no change', () => {
  const same = runScript('compare', [staging, staging]);
  expect(same.code, same.out).toBe(0);
  expect(same.out).toContain('No verdict changed.');
  expect(same.out).toContain('0 worsened, 0 improved, 0 otherwise changed, 0 observation(s) changed, 4 unchanged');
});

test('bad arguments exit 2', () => {
  expect(runScript('compare', [staging]).code).toBe(2);
  expect(runScript('compare', [staging, join(dir, 'nope')]).code).toBe(2);
});
