/**
 * Provenance by structure: a failure is a finding about the tenant only when claim() raised it under an asserted
 * clause (its label `[<clause id>] <rule>\n  source: …` heads the message; reporters/classify.ts reads it). This
 * plants every known way around claim() in a spec of its own: the suite's fixtures (lib/checks/fixtures.ts `test`),
 * the embedded sandbox, the suite's own Playwright config (a copy whose testDir is a temp folder, so nothing is
 * written into tests/ and parallel self-tests cannot see it), run through the CI gate `npm run conformance`. Each
 * planted failure must come out as an error of the suite in verdicts.json and in the Allure categories, and the run
 * must not exit 1 "findings"; a real claim() failure (a sandbox fault) must still be a contract violation naming
 * its clause.
 */
import { test, expect } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../harness.ts';
import { runScript, tmpOut, allureResults, type Ran } from '../reports/_support.ts';
import { allureCategoryRules, assertedClauseOf, classifyFailure, errorText } from '../../reporters/classify.ts';
import type { RunVerdicts } from '../../reporters/verdicts.ts';

test.describe.configure({ timeout: 180_000 });

interface Bypass {
  name: string;
  /** the statements after `const ex = await admin.list(Coworker, …)` (ex.status is 200) */
  body: string;
  /** one of the bypasses the old line pattern of selftest/contract missed */
  listed: boolean;
}

const BYPASSES: Bypass[] = [
  { name: 'test.expect', listed: true, body: "test.expect(ex.status, 'a list is answered 999').toBe(999);" },
  { name: 'an alias of expect', listed: true, body: 'const e = expect;\n  e(ex.status).toBe(999);' },
  { name: 'expect.poll', listed: true, body: 'await expect.poll(async () => (await admin.list(Coworker, { page: 1, size: 1 })).status, { timeout: 500, intervals: [100] }).toBe(999);' },
  { name: 'assert.equal from node:assert', listed: true, body: 'assert.equal(ex.status, 999);' },
  { name: 'a bare throw new Error', listed: true, body: 'if (ex.status !== 999) throw new Error(`Expected: 999\\nReceived: ${ex.status}`);' },
  { name: 'expect split over two lines', listed: true, body: 'expect\n    (ex.status).toBe(999);' },
  // beyond the list: forms the old pattern did see, and labels that are not an asserted clause's
  { name: 'assert.strictEqual from node:assert', listed: false, body: 'assert.strictEqual(ex.status, 999);' },
  { name: 'expect.soft', listed: false, body: 'expect.soft(ex.status).toBe(999);' },
  { name: 'a bare expect under a recorded clause\'s label', listed: false, body: "expect(ex.status, clauseLabel('silent.record-fields')).toBe(999);" },
  { name: 'a bare expect under a clause the table does not have', listed: false, body: "expect(ex.status, '[made.up] A rule nobody wrote.\\n  source: docs/seeds/000 line 1: \"x\"').toBe(999);" },
];

const TITLE = (b: Bypass) => `planted: ${b.name}`;
/** an assertion's failure, by its words */
const LOOKS_LIKE_ASSERTION = /expect\(|\bExpected\b|\bReceived\b|AssertionError/;
/** what reporters/classify.ts called a contract finding before, clause or not (the first checks aside) */
const OLD_CONTRACT = /expect\(|\bExpected\b|\bReceived\b|answers that match no documented envelope/;
/** the line pattern selftest/contract used to look for clause-less assertions with */
const OLD_LINE_PATTERN = /(^|[^.\w])expect(\.soft)?\(/;

const abs = (p: string) => JSON.stringify(join(ROOT, p));

function plantedSpec(): string {
  return [
    "import assert from 'node:assert';",
    "import { expect } from '@playwright/test';",
    `import { test } from ${abs('lib/checks/fixtures.ts')};`,
    `import { entityByName } from ${abs('api/catalogue/entities.ts')};`,
    `import { clauseLabel } from ${abs('api/contract/clauses.ts')};`,
    '',
    "const Coworker = entityByName('Coworker');",
    '',
    ...BYPASSES.map((b) => `test(${JSON.stringify(TITLE(b))}, async ({ admin }) => {\n  const ex = await admin.list(Coworker, { page: 1, size: 1 });\n  ${b.body}\n});\n`),
  ].join('\n');
}

/** The suite's playwright.config.ts, unchanged but for testDir and the paths it gives relative to the repository. */
function plantedConfig(testDir: string): string {
  return `import { join } from 'node:path';
import base from ${abs('playwright.config.ts')};

const abs = (p: string): string => (p.startsWith('./') ? join(${JSON.stringify(ROOT)}, p) : p);

export default {
  ...base,
  testDir: ${JSON.stringify(testDir)},
  globalSetup: abs(String(base.globalSetup)),
  reporter: (base.reporter as [string, object?][]).map(([name, options]) => [abs(name), options]),
};
`;
}

/** A folder outside the repository with the planted spec, the config, and what ESM resolution needs to load them. */
function plant(): { dir: string; config: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'nxc-planted-spec-'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'planted.spec.ts'), plantedSpec());
  const config = join(dir, 'playwright.config.ts');
  writeFileSync(config, plantedConfig(dir));
  return {
    dir,
    config,
    remove: () => {
      unlinkSync(join(dir, 'node_modules'));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The Allure category each failed result of a run falls in, by name: the categories allurerc.ts configures. */
function allureCategories(outDir: string): Map<string, string[]> {
  const rules = allureCategoryRules();
  const out = new Map<string, string[]>();
  for (const r of allureResults(join(outDir, 'allure-results')).filter((x) => x.status === 'failed' || x.status === 'broken')) {
    out.set(r.name, rules.filter((rule) => rule.matchers({ status: r.status, labels: r.labels, message: r.statusDetails.message })).map((rule) => rule.id));
  }
  return out;
}

const verdictsOf = (outDir: string) => (JSON.parse(readFileSync(join(outDir, 'verdicts.json'), 'utf8')) as RunVerdicts).verdicts;

test('the line pattern the old self-test used sees none of the listed bypasses (why the guard is structural)', () => {
  for (const b of BYPASSES.filter((x) => x.listed)) {
    expect(b.body.split('\n').filter((l) => OLD_LINE_PATTERN.test(l)), b.name).toEqual([]);
  }
});

test('each bypass of claim() planted in a spec fails as an error of the suite, never a contract violation; the gate does not exit 1', async ({}, testInfo) => {
  const planted = plant();
  const out = tmpOut('planted');
  let ran: Ran;
  try {
    ran = runScript('conformance', ['--no-report', '--config', planted.config], { NEXUDUS_OUT: out });
  } finally {
    planted.remove();
  }
  const verdicts = verdictsOf(out);
  await testInfo.attach('planted verdicts', {
    body: verdicts.map((v) => `${v.title}: ${v.verdict} ${v.kind ?? ''} (the old classifier: ${OLD_CONTRACT.test(v.message ?? '') ? 'contract' : 'suite'})\n    ${(v.message ?? '').split('\n')[0]}`).join('\n'),
    contentType: 'text/plain',
  });
  expect(verdicts.map((v) => v.title).sort(), ran.out.slice(-3000)).toEqual(BYPASSES.map(TITLE).sort());
  const categories = allureCategories(out);
  for (const b of BYPASSES) {
    const v = verdicts.find((x) => x.title === TITLE(b))!;
    expect(v.verdict, `${b.name}: the planted failure must fail`).toBe('failed');
    // it reads like an assertion (before, that made it a contract finding) ...
    expect(v.message, b.name).toMatch(LOOKS_LIKE_ASSERTION);
    // ... but names no asserted clause: the suite is broken, the tenant is not judged
    expect(assertedClauseOf(v.message), b.name).toBeUndefined();
    expect(v.kind, `${b.name}: ${v.message}`).toBe('suite');
    expect(categories.get(TITLE(b)), `${b.name}: the Allure category`).toEqual(['nexudus-suite']);
  }
  // the gate: no finding, so not exit 1; these failures give no verdict (3)
  expect(ran.code, ran.out.slice(-3000)).toBe(3);
  expect(ran.out).toContain(`exit 3: no verdict: ${BYPASSES.length} errors in the suite`);
  expect(ran.out).not.toMatch(/exit 1: findings|contract violations/);
});

test('a real claim() failure (the sandbox answers a denied read 403) is still a contract violation naming its clause; the gate exits 1', () => {
  const out = tmpOut('claimed');
  const ran = runScript('conformance', ['--no-report', '--fault', 'denied-403', '--grep', 'CoworkerTask GET one as creator \\(lacks CoworkerTask-Read\\) → denied'], { NEXUDUS_OUT: out });
  expect(ran.code, ran.out.slice(-3000)).toBe(1);
  expect(ran.out).toContain('exit 1: findings: 1 contract violations');
  const [v, ...rest] = verdictsOf(out);
  expect(rest).toEqual([]);
  expect(v!.title).toBe('CoworkerTask GET one as creator (lacks CoworkerTask-Read) → denied');
  expect(v!.kind).toBe('contract');
  expect(assertedClauseOf(v!.message)).toBe('authz.denied');
  expect(v!.message).toMatch(/^(Error: )?\[authz\.denied\] [^\n]+\n {2}source: \S[^\n]* line \d+/);
  expect(v!.message).toContain('answered 403');
  expect([...allureCategories(out).values()]).toEqual([['nexudus-contract']]);
  // the Allure result's message, classified as npm run compare does, agrees
  const [r] = allureResults(join(out, 'allure-results')).filter((x) => x.status === 'failed');
  expect(classifyFailure({ message: errorText({ message: r!.statusDetails.message }), story: 'authorization' })).toBe('contract');
});
