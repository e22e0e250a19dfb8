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

test('the workflow runs as shipped: push, pull request, schedule and by hand, with the password variables of the example profile', () => {
  const wf = parse(text) as { on: Record<string, unknown>; jobs: Record<string, Job> };
  expect(Object.keys(wf.on).sort()).toEqual(['pull_request', 'push', 'schedule', 'workflow_dispatch']);
  const sharded = Object.values(wf.jobs).find((j) => j.strategy?.matrix?.shard)!;
  // the profile it uses by default, and every ${VAR} that profile names set from a secret of the same name
  expect(sharded.env?.NEXUDUS_PROFILE).toContain("'profiles/example.json'");
  const profile = JSON.parse(readFileSync(join(ROOT, 'profiles', 'example.json'), 'utf8')) as { personas: Record<string, { password: string }> };
  const named = Object.values(profile.personas).map((p) => /^\$\{(\w+)\}$/.exec(p.password)?.[1]).filter((v): v is string => !!v).sort();
  expect(named.length).toBe(Object.keys(profile.personas).length);
  const set = Object.keys(sharded.env ?? {}).filter((k) => /PASSWORD/.test(k)).sort();
  expect(set).toEqual(named);
  for (const v of named) expect(sharded.env?.[v]).toBe(`\${{ secrets.${v} }}`);
  expect(sharded.steps.some((s) => /--profile "\$NEXUDUS_PROFILE"/.test(s.run ?? ''))).toBe(true);
});

test('the baselines every shard recorded are merged into one artifact', () => {
  const wf = parse(text) as { jobs: Record<string, Job> };
  const merge = Object.values(wf.jobs).find((j) => j.needs)!;
  const download = merge.steps.find((s) => s.uses === 'actions/download-artifact@v4' && String(s.with?.pattern).startsWith('conformance-baselines-shard-'));
  expect(download?.with?.['merge-multiple']).toBe(true);
  const upload = merge.steps.find((s) => s.uses === 'actions/upload-artifact@v4' && s.with?.name === 'conformance-baselines');
  expect(upload?.with?.path).toBe(`${download!.with!.path}/`);
});
