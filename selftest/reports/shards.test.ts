/**
 * Sharding: the same slice in two shards (`--shard 1/2`, `--shard 2/2`, each with its own NEXUDUS_OUT,
 * sandbox and run id), merged with `npm run report -- --merge`: one Allure results directory, one
 * environment, one verdicts.json and one matrix holding both shards, and one report.
 */
import { test, expect } from '@playwright/test';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runScript, tmpOut, allureResults } from './_support.ts';
import type { RunVerdicts } from '../../reporters/verdicts.ts';
import { readEnvironmentProperties } from '../../reporters/environment.ts';

test.describe.configure({ mode: 'serial', timeout: 150_000 });

// two Workspace checks per shard; the shards must not overlap and must cover the slice
const SLICE = 'Workspace (GET one →|GET list →|GET batch|GET one of a deleted Id)';
const base = tmpOut('shards');
const s1 = join(base, 'shard-1');
const s2 = join(base, 'shard-2');
const merged = join(base, 'merged');

test('two shards run apart and merge into one report and one matrix', () => {
  const r1 = runScript('conformance', ['--no-report', '--grep', SLICE, '--workers', '1', '--shard', '1/2'], { NEXUDUS_OUT: s1 });
  const r2 = runScript('conformance', ['--no-report', '--grep', SLICE, '--workers', '1', '--shard', '2/2'], { NEXUDUS_OUT: s2 });
  expect(r1.code, r1.out.slice(-2000)).toBe(0);
  expect(r2.code, r2.out.slice(-2000)).toBe(0);
  const v1 = JSON.parse(readFileSync(join(s1, 'verdicts.json'), 'utf8')) as RunVerdicts;
  const v2 = JSON.parse(readFileSync(join(s2, 'verdicts.json'), 'utf8')) as RunVerdicts;
  expect(v1.shards).toEqual(['1/2']);
  expect(v2.shards).toEqual(['2/2']);
  expect(v1.verdicts.length).toBeGreaterThan(0);
  expect(v2.verdicts.length).toBeGreaterThan(0);
  const titles1 = v1.verdicts.map((v) => v.title);
  const titles2 = v2.verdicts.map((v) => v.title);
  expect(titles1.filter((t) => titles2.includes(t))).toEqual([]);

  const m = runScript('report', ['--out', merged, '--merge', s1, s2]);
  expect(m.code, m.out).toBe(0);
  expect(m.out).toMatch(/merged 2 shard\(s\) into .*: \d+ passed, 0 failed/);
  // Allure: every result of both shards, one environment naming both runs and both shards
  const results = allureResults(join(merged, 'allure-results'));
  expect(results.map((r) => r.name).sort()).toEqual([...titles1, ...titles2].sort());
  const resultFiles = (d: string) => readdirSync(join(d, 'allure-results')).filter((f) => f !== 'environment.properties');
  expect(resultFiles(merged).length).toBe(resultFiles(s1).length + resultFiles(s2).length);
  const env = readEnvironmentProperties(join(merged, 'allure-results', 'environment.properties'));
  expect(env.shard).toBe('1/2, 2/2');
  expect(env['run id']!.split(', ').sort()).toEqual([...v1.runIds, ...v2.runIds].sort());
  expect(existsSync(join(merged, 'allure-report', 'index.html'))).toBe(true);
  // the matrix: both shards' counts, summed
  const mv = JSON.parse(readFileSync(join(merged, 'verdicts.json'), 'utf8')) as RunVerdicts;
  expect(mv.verdicts.length).toBe(v1.verdicts.length + v2.verdicts.length);
  expect(mv.shards).toEqual(['1/2', '2/2']);
  const md = readFileSync(join(merged, 'conformance-matrix.md'), 'utf8');
  const total = v1.verdicts.length + v2.verdicts.length;
  expect(md.trimEnd().split('\n').at(-1)).toBe(`${total} passed, 0 failed`);
  expect(md).toContain('shards 1/2, 2/2');
  expect(md).toMatch(/\| GET \/api\/collaboration\/workspaces\/\{id\}\s+\|\s+\d+✓/);
});
