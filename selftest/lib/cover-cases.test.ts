/**
 * The runner hands the cover cases it drew to its workers through the environment (lib/payloads/cover.ts): they
 * arrive unchanged, a direct child takes them, and any other process draws its own.
 */
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { coverCases, type CoverCase } from '../../lib/payloads/cover.ts';
import { WRITE_ENDPOINTS } from '../generators/_support.ts';

const ROOT = new URL('../../', import.meta.url).href;

/** What `coverCases` answers in a child of this process started with `handed` as NEXUDUS_COVER_CASES. */
function inChild(handed: string): CoverCase[] {
  const script = join(mkdtempSync(join(tmpdir(), 'nxc-cover-')), 'child.ts');
  writeFileSync(script, [
    `import { coverCases } from '${ROOT}lib/payloads/cover.ts';`,
    `import { ENDPOINTS } from '${ROOT}api/catalogue/endpoints.ts';`,
    `console.log(JSON.stringify(coverCases(ENDPOINTS.filter((e) => (e.op === 'create' || e.op === 'update') && !e.entity.pages))));`,
  ].join('\n'));
  const r = spawnSync(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, NEXUDUS_COVER_CASES: handed }, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as CoverCase[];
}

test('cover cases reach the workers unchanged; only a direct child takes them', () => {
  const drawn = coverCases(WRITE_ENDPOINTS);
  expect(drawn.length).toBeGreaterThan(50);
  const handed = JSON.parse(process.env.NEXUDUS_COVER_CASES!) as { pid: number; key: string; cases: CoverCase[] };
  expect(handed.pid).toBe(process.pid);
  // what a worker parses is what was drawn: no field lost or changed on the way
  expect(isDeepStrictEqual(handed.cases, drawn)).toBe(true);

  const marked = [{ ...drawn[0], title: 'handed by the parent' }];
  expect(inChild(JSON.stringify({ ...handed, cases: marked }))).toEqual(marked);
  // not from its parent (or for other endpoints): the child draws the same cases itself
  expect(inChild(JSON.stringify({ ...handed, pid: process.pid + 1, cases: marked }))).toEqual(drawn);
  expect(inChild(JSON.stringify({ ...handed, key: 'other endpoints', cases: marked }))).toEqual(drawn);
});
