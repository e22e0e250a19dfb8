/**
 * A run that leaves contract checks out says so: in the verdict line (never a bare `exit 0: conformant`), in the
 * plan (the dropped contract checks counted by kind, not a truncated pile), in the run summary (the matrix,
 * summary.json) and in JUnit (every skipped check carries its reason), silent-point probes said apart;
 * `--fail-on-unchecked` turns it into exit 4. Hand-written verdicts for the exit codes, then one real run.
 */
import { test, expect } from '@playwright/test';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScript, tmpOut } from './_support.ts';
import { outcomeOf, junitWithSkipMessages } from '../../scripts/conformance.ts';
import type { Verdict } from '../../reporters/verdicts.ts';

const v = (story: string, verdict: Verdict['verdict'], extra: Partial<Verdict> = {}): Verdict => ({
  title: `${story} ${Math.random()}`, feature: 'PUT /api/crm/coworkertasks', story, epic: 'crm', tags: [], file: 'x.spec.ts', verdict,
  status: verdict === 'failed' ? 'failed' : verdict === 'skipped' ? 'skipped' : 'passed', durationMs: 1, ...extra,
});

function outDirWith(verdicts: Verdict[]): string {
  const dir = tmpOut('unchecked');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'verdicts.json'), JSON.stringify({ version: 1, runIds: [], finishedAt: new Date().toISOString(), verdicts }));
  return dir;
}

const budget = 'write budget 60: it needs 1 write, 0 left; raise --budget to run it';

test('the verdict line says on how many contract checks, and why the rest did not run; --fail-on-unchecked exits 4', () => {
  const all = outDirWith([v('authorization', 'passed'), v('silent points', 'recorded')]);
  expect(outcomeOf(0, all)).toEqual({ code: 0, reason: 'conformant on all 1 contract checks' });
  expect(outcomeOf(0, all, { failOnUnchecked: true }).code).toBe(0);

  const dropped = outDirWith([
    ...Array.from({ length: 3 }, () => v('authorization', 'passed')),
    ...Array.from({ length: 2 }, () => v('authorization', 'skipped', { skipReason: budget })),
    v('authentication', 'skipped', { skipReason: budget }),
    v('authentication', 'skipped', { skipReason: 'token lifetime: the tenant\'s tokens live 604799 s (expires_in), longer than the run waits for one to lapse (30 s)' }),
    v('silent points', 'skipped', { skipReason: 'silent-point probe (1 write): cover mode runs these with --silent-points, or when --budget leaves room' }),
  ]);
  const o = outcomeOf(0, dropped);
  expect(o.code).toBe(0);
  expect(o.reason).toBe('partly checked: no finding on 3 of 7 contract checks; 4 not run (2 authorization, 1 authentication: budget; 1 authentication: token lifetime); ' +
    '1 silent-point probe not run (cover mode; they record, they are not contract checks)');
  expect(o.reason).not.toMatch(/conformant/);
  const strict = outcomeOf(0, dropped, { failOnUnchecked: true });
  expect(strict.code).toBe(4);
  expect(strict.reason).toMatch(/^unchecked: partly checked: no finding on 3 of 7 contract checks; 4 not run .*--fail-on-unchecked is set$/);

  // silent-point probes left out are not contract checks: no exit 4 for them
  const probesOnly = outDirWith([v('reads', 'passed'), v('silent points', 'skipped', { skipReason: 'silent-point probe (1 write): cover mode …' })]);
  expect(outcomeOf(0, probesOnly, { failOnUnchecked: true })).toEqual({ code: 0, reason: 'conformant on all 1 contract checks; 1 silent-point probe not run (cover mode; they record, they are not contract checks)' });

  // a finding stays a finding, and says what was left out
  const red = outDirWith([v('round trip', 'failed', { kind: 'contract' }), v('authorization', 'skipped', { skipReason: budget })]);
  const o1 = outcomeOf(1, red, { failOnUnchecked: true });
  expect(o1.code).toBe(1);
  expect(o1.reason).toMatch(/^findings: 1 contract violations?; 1 of 2 contract checks not run \(1 authorization: budget\)$/);
});

test('JUnit: a skipped check\'s <skipped> carries its reason', () => {
  const xml = '<testcase name="A &amp; B → denied" classname="x.spec.ts">\n<properties>\n<property name="skip" value="r">\n</property>\n</properties>\n<skipped>\n</skipped>\n</testcase>\n' +
    '<testcase name="C" classname="x.spec.ts">\n</testcase>';
  const out = junitWithSkipMessages(xml, [v('reads', 'skipped', { title: 'A & B → denied', skipReason: 'write budget 5: it needs "2" writes' })]);
  expect(out).toContain('<skipped message="write budget 5: it needs &quot;2&quot; writes">');
  expect(out).toContain('<testcase name="C" classname="x.spec.ts">\n</testcase>');
});

test('a budget run against the sandbox: plan, verdict line, matrix, summary and JUnit count what was left out by kind', () => {
  test.setTimeout(300_000);
  const out = tmpOut('budget');
  const args = ['--mode', 'cover', '--budget', '20', '--grep', 'Workspace', '--no-report'];
  const r = runScript('conformance', args, { NEXUDUS_OUT: out, NEXUDUS_BASELINES: tmpOut('baselines') });
  expect(r.code, r.out.slice(-3000)).toBe(0);
  // the plan: dropped contract checks by kind with counts, the probes apart, no pile
  const m = /not run: (\d+) of (\d+) contract checks/.exec(r.out);
  expect(m, r.out.slice(0, 3000)).toBeTruthy();
  const [dropped, total] = [Number(m![1]), Number(m![2])];
  expect(dropped).toBeGreaterThan(0);
  expect(r.out).toMatch(/ {4}- \d+ [a-z ]+(, \d+ [a-z ]+)*: write budget 20 \(/);
  expect(r.out).toMatch(/not run: \d+ silent-point probes, which record and are not contract checks/);
  expect(r.out).not.toMatch(/… and \d+ more/);
  // the verdict line
  expect(r.out).toContain(`exit 0: partly checked: no finding on ${total - dropped} of ${total} contract checks; ${dropped} not run (`);
  expect(r.out).not.toMatch(/^exit 0: conformant/m);
  // the run summary: the matrix and summary.json
  const md = readFileSync(join(out, 'conformance-matrix.md'), 'utf8');
  expect(md).toContain(`Not run: ${dropped} of ${total} contract checks (`);
  expect(md).toMatch(/Not run: \d+ silent-point probes \(budget\), which record and are not contract checks\./);
  const runId = readdirSync(join(out, 'run')).find((d) => d !== 'latest.json')!;
  const summary = JSON.parse(readFileSync(join(out, 'run', runId, 'summary.json'), 'utf8')) as { notRun: { contract: { notRun: number; total: number } } };
  expect(summary.notRun.contract).toMatchObject({ notRun: dropped, total });
  expect(r.out).toMatch(new RegExp(`  not run: ${dropped} of ${total} contract checks \\(\\d+ [a-z]`));
  // JUnit: every skipped check carries its reason, as Playwright's skip property and as the <skipped> message
  const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
  const cases = junit.split('<testcase ').slice(1);
  const skipped = cases.filter((c) => c.includes('<skipped'));
  expect(skipped.length).toBeGreaterThanOrEqual(dropped);
  for (const c of skipped) {
    expect(c).toMatch(/<property name="skip" value="write budget 20: [^"]+">/);
    expect(c).toMatch(/<skipped message="write budget 20: [^"]+">/);
  }

  const strict = runScript('conformance', [...args, '--fail-on-unchecked'], { NEXUDUS_OUT: tmpOut('budget-strict'), NEXUDUS_BASELINES: tmpOut('baselines') });
  expect(strict.code, strict.out.slice(-3000)).toBe(4);
  expect(strict.out).toMatch(/^exit 4: unchecked: partly checked: no finding on \d+ of \d+ contract checks; \d+ not run \(.*--fail-on-unchecked is set$/m);
});
