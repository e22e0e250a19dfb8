/** The example GitHub Actions workflow: valid YAML, the shape docs/reports.md describes, and only npm scripts that exist. */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './_support.ts';

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }
interface Job { needs?: string | string[]; strategy?: { matrix?: { shard?: number[] } }; steps: Step[]; env?: Record<string, string> }

const text = readFileSync(join(ROOT, '.github', 'workflows', 'conformance.yml'), 'utf8');

test('the workflow is valid YAML with a 2-shard matrix job and a merge job', () => {
  const wf = parse(text, { prettyErrors: true }) as { on: unknown; jobs: Record<string, Job> };
  expect(wf.on).toBeTruthy();
  const jobs = Object.values(wf.jobs);
  const sharded = jobs.find((j) => j.strategy?.matrix?.shard);
  expect(sharded?.strategy?.matrix?.shard).toEqual([1, 2]);
  const uses = (j: Job) => j.steps.map((s) => s.uses ?? '').filter(Boolean);
  expect(uses(sharded!)).toEqual(expect.arrayContaining(['actions/checkout@v4', 'actions/setup-node@v4', 'actions/upload-artifact@v4']));
  expect(sharded!.steps.find((s) => s.uses === 'actions/setup-node@v4')?.with?.['node-version']).toBe(20);
  expect(sharded!.steps.some((s) => s.run?.trim() === 'npm ci')).toBe(true);
  expect(sharded!.steps.some((s) => /--shard \$\{\{ matrix\.shard \}\}\/2/.test(s.run ?? ''))).toBe(true);
  expect(sharded!.env?.NEXUDUS_OUT).toContain('${{ matrix.shard }}');
  expect(text).toContain('secrets.NEXUDUS_PROFILE_JSON');
  const merge = Object.entries(wf.jobs).find(([, j]) => j.needs);
  expect(merge, 'a job that needs the shards').toBeTruthy();
  expect(uses(merge![1])).toContain('actions/download-artifact@v4');
  expect(merge![1].steps.some((s) => /npm run report -- .*--merge/.test(s.run ?? ''))).toBe(true);
  expect(merge![1].steps.some((s) => /GITHUB_STEP_SUMMARY/.test(s.run ?? ''))).toBe(true);
});

test('one run per tenant at a time: the concurrency group names the tenant, not the branch, and never cancels a run', () => {
  const wf = parse(text) as { concurrency?: { group?: string; 'cancel-in-progress'?: boolean } };
  expect(wf.concurrency?.group).toMatch(/vars\.NEXUDUS_TENANT/);
  expect(wf.concurrency?.group).not.toMatch(/github\.(ref|sha|run_id)/);
  // a cancelled run would leave its records for the next run's sweep
  expect(wf.concurrency?.['cancel-in-progress']).toBe(false);
});

test('every `npm run X` in the workflow exists in package.json', () => {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const used = [...text.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!);
  expect(used.length).toBeGreaterThanOrEqual(2);
  expect(used.filter((s) => !(s in scripts))).toEqual([]);
});
