/**
 * The house rules (.dependency-cruiser.cjs) refuse what they exist to refuse: each planted arrow, in a
 * small tree laid out like the project's, fails with its own rule's name; the same tree without it passes.
 */
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from '../harness.ts';

const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');

/** A tree with one file per room, each importing only what its room may: the rules' green case. */
const CLEAN: Record<string, string> = {
  'api/facts.ts': 'export const FACT = 1;\n',
  'schemas/ajv.ts': "import { FACT } from '../api/facts.ts';\nexport const S = FACT;\n",
  'generators/valid.ts': "import { S } from '../schemas/ajv.ts';\nexport const G = S;\n",
  'sandbox/server.ts': "import { FACT } from '../api/facts.ts';\nexport const T = FACT;\n",
  'cleanroom/server.ts': 'export const C = 1;\n',
  'lib/config/env.ts': "import { FACT } from '../../api/facts.ts';\nexport const E = FACT;\n",
  'lib/client/client.ts': "import { E } from '../config/env.ts';\nexport const K = E;\n",
  'lib/plan/plan.ts': "import { E } from '../config/env.ts';\nexport const P = E;\n",
  'lib/handoff/run-state.ts': "import { P } from '../plan/plan.ts';\nexport const H = P;\n",
  'lib/run/global-setup.ts': "import { H } from '../handoff/run-state.ts';\nimport { T } from '../../sandbox/server.ts';\nexport const R = H + T;\n",
  'lib/checks/fixtures.ts': "import { H } from '../handoff/run-state.ts';\nexport const W = H;\n",
  'tests/reads.spec.ts': "import { W } from '../lib/checks/fixtures.ts';\nexport const X = W;\n",
};

function cruise(extra: Record<string, string>): { status: number | null; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'nxc-house-'));
  for (const [path, text] of Object.entries({ ...CLEAN, ...extra })) {
    mkdirSync(join(dir, dirname(path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { allowImportingTsExtensions: true, module: 'NodeNext', moduleResolution: 'NodeNext' } }));
  const r = spawnSync(DEPCRUISE, ['--config', CONFIG, '--no-progress', 'api', 'lib', 'schemas', 'generators', 'sandbox', 'cleanroom', 'tests'], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, out: (r.stdout + r.stderr).replace(/\x1b\[[0-9;]*m/g, '') };
}

test('the clean small house passes the rules', () => {
  const r = cruise({});
  expect(r.out).toContain('no dependency violations found');
  expect(r.status).toBe(0);
});

const PLANTED: { rule: string; files: Record<string, string> }[] = [
  { rule: 'api-is-the-ground-floor', files: { 'api/facts.ts': "import { E } from '../lib/config/env.ts';\nexport const FACT = 1 + E;\n" } },
  { rule: 'api-knows-no-test-runner', files: { 'api/claim.ts': "import { expect } from '@playwright/test';\nexport const CLAIM = expect;\n" } },
  { rule: 'sandbox-is-a-tenant-not-the-runner', files: { 'sandbox/limits.ts': "import { K } from '../lib/client/client.ts';\nexport const L = K;\n" } },
  { rule: 'cleanroom-is-independent', files: { 'cleanroom/facts.ts': "import { FACT } from '../api/facts.ts';\nexport const F = FACT;\n" } },
  { rule: 'plan-is-pure', files: { 'lib/plan/fit.ts': "import { K } from '../client/client.ts';\nexport const F = K;\n" } },
  { rule: 'runner-process-is-not-a-worker', files: { 'lib/run/teardown.ts': "import { W } from '../checks/fixtures.ts';\nexport const D = W;\n" } },
  { rule: 'worker-is-not-the-runner-process', files: { 'lib/checks/baseline.ts': "import { R } from '../run/global-setup.ts';\nexport const B = R;\n" } },
  { rule: 'no-circular', files: { 'lib/plan/a.ts': "import { B } from './b.ts';\nexport const A = 1;\nexport const AB = B;\n", 'lib/plan/b.ts': "import { A } from './a.ts';\nexport const B = A;\n" } },
];

for (const p of PLANTED) {
  test(`a planted arrow is refused by ${p.rule}, with the reason the boundary exists`, () => {
    const r = cruise(p.files);
    expect(r.status, r.out).not.toBe(0);
    expect(r.out).toContain(`error ${p.rule}:`);
  });
}
