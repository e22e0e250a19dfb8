/**
 * Provenance: every assertion of the suite names a documented source, every statement of the seed pages maps to
 * a clause or a stated reason, every check names the clauses it asserts, and docs/contract.md is the contract
 * exactly as the code asserts it.
 *
 * "No assertion without a clause" is enforced by structure, not by a pattern over the sources: a failure is a
 * finding about the tenant (a contract violation, exit 1) only when its message is headed by the label of an
 * asserted clause, `[<clause id>] <rule>\n  source: …`, which claim() (lib/checks/claim.ts) and the checks built on
 * it (lib/checks/checks.ts) write and reporters/classify.ts reads for the matrix, verdicts.json, the Allure
 * categories, compare and the exit code. Any other failure, however it was raised (a bare, aliased or split
 * `expect`, `test.expect`, `expect.poll`, node:assert, a thrown Error), is an error of the suite: the tenant is not
 * judged. This file checks the mechanism on every clause; selftest/provenance plants each bypass in a spec, runs it
 * through the suite's config and `npm run conformance`, and sees it refused.
 */
import { test, expect } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CLAUSES, CLAUSE_IDS, clauseLabel, type Clause, type ClauseId } from '../../api/contract/clauses.ts';
import { claim } from '../../lib/checks/claim.ts';
import { assertedClauseOf, clauseOfFailure, classifyFailure, stripAnsi, CATEGORY_DESCRIPTION } from '../../reporters/classify.ts';
import { resolve } from '../../api/contract/sources.ts';
import { seedStatements } from '../../api/contract/seed-statements.ts';
import { contractText } from '../../lib/report/contract-build.ts';
import { buildPlan, type Check } from '../../lib/plan/plan.ts';
import { planInputFor } from '../../lib/plan/suite.ts';
import { loadProfile, SANDBOX_PROFILE_PATH } from '../../lib/config/profile.ts';
import { allSchemas, type JsonSchema } from '../../api/json-schemas.ts';
import { ROOT } from '../harness.ts';

test('every clause cites at least one source, and every quote is found in the document it names', () => {
  for (const id of CLAUSE_IDS) {
    const c: Clause = CLAUSES[id];
    expect(c.sources.length, id).toBeGreaterThan(0);
    for (const s of c.sources) expect(() => resolve(s), `${id}: ${s.doc} "${s.quote}"`).not.toThrow();
  }
});

test('an asserted clause cites a seed page or a fact with its source tag; a recorded one cites where the documents say it is open', () => {
  for (const id of CLAUSE_IDS) {
    const c: Clause = CLAUSES[id];
    const resolved = c.sources.map(resolve);
    if (c.kind === 'asserted') {
      expect(resolved.some((r) => r.doc !== 'facts' || (r.tags?.length ?? 0) > 0), `${id}: no seed line and no tagged fact`).toBe(true);
    } else {
      expect(id.startsWith('silent.'), id).toBe(true);
    }
  }
});

const plans = (): Check[][] => {
  const profile = loadProfile(SANDBOX_PROFILE_PATH);
  const input = planInputFor(profile);
  return [buildPlan({ ...input, mode: 'explore' }, 1).checks, buildPlan({ ...input, mode: 'cover' }, 2).checks, buildPlan({ ...input, expiryCheck: false, writesAllowed: false }, 1).checks];
};

test('every check of every plan names the clauses it asserts or records, and every clause is used by a check', () => {
  const used = new Set<string>();
  for (const checks of plans()) {
    for (const ch of checks) {
      expect(ch.clauses.length, ch.title).toBeGreaterThan(0);
      for (const id of ch.clauses) expect(CLAUSE_IDS, `${ch.title}: unknown clause ${id}`).toContain(id);
      // a silent probe only records; a contract check asserts at least one clause
      const kinds = new Set(ch.clauses.map((id) => CLAUSES[id].kind));
      if (ch.kind === 'silent points') expect([...kinds], ch.title).toEqual(['recorded']);
      else expect(kinds.has('asserted'), ch.title).toBe(true);
      ch.clauses.forEach((id) => used.add(id));
    }
  }
  expect(CLAUSE_IDS.filter((id) => !used.has(id)), 'clauses no check asserts or records').toEqual([]);
});

/** Source files of a folder (for the check that nothing cites a file outside the repository). */
function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourceFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []);
}

/** The message of the failure claim() raises (a caught expect does not fail this test). */
function claimed(id: ClauseId, endpoint?: string): string {
  try {
    claim(id, 'what the tenant answered', 'the check says what it saw', endpoint).toBe('what the clause requires');
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`claim(${id}) raised nothing`);
}

test('no assertion without a clause: claim() heads every failure with an asserted clause, the only label the classifier takes for a finding', () => {
  const asserted = CLAUSE_IDS.filter((id) => CLAUSES[id].kind === 'asserted');
  const recorded = CLAUSE_IDS.filter((id) => CLAUSES[id].kind === 'recorded');
  expect(asserted.length).toBeGreaterThan(10);
  expect(recorded.length).toBeGreaterThan(5);
  // every asserted clause, on its own and about an endpoint: the failure names it, and it is a contract violation
  for (const id of asserted) {
    for (const endpoint of [undefined, 'PUT /api/crm/coworkertasks', 'GET /api/spaces/coworkers']) {
      const message = claimed(id, endpoint);
      expect(assertedClauseOf(message), `${id} ${endpoint ?? ''}: ${message.slice(0, 200)}`).toBe(id);
      expect(classifyFailure({ message }), id).toBe('contract');
    }
  }
  // a recorded clause never fails a check: claim() refuses it, and its label raised any other way is no finding
  for (const id of recorded) {
    expect(() => claim(id, 1, 'a recorded clause'), id).toThrow(/recorded, not asserted/);
    const forged = `Error: ${clauseLabel(id)}\nExpected: 1\nReceived: 2`;
    expect(clauseOfFailure(forged), id).toEqual({ id, kind: 'recorded' });
    expect(classifyFailure({ message: forged }), id).toBe('suite');
  }
  // the same assertion without a clause: it reads like one, and it is an error of the suite
  const full = stripAnsi(claimed(asserted[0]!));
  const bare = full.slice(full.indexOf('expect(received)'));
  expect(bare).toMatch(/^expect\(received\)\.toBe\(expected\)[\s\S]*Expected[\s\S]*Received/);
  expect(classifyFailure({ message: `Error: the check says what it saw\n\n${bare}` })).toBe('suite');
  expect(CATEGORY_DESCRIPTION.suite).toContain('a failure raised without a clause: the suite is broken, the tenant is not judged');
});

test('every asserted schema constraint names its source (x-source on the schema and on each constrained top-level property)', () => {
  const guarantee = allSchemas().filter((s) => !/\.(post|put)(\.strict)?\.json$|^profile\.json$|^runcommand\.request\.json$/.test(String(s.$id)));
  expect(guarantee.length).toBeGreaterThan(20);
  const missing: string[] = [];
  const constrained = (p: JsonSchema) => ['type', 'format', 'enum', 'pattern', 'minimum', 'const', 'minItems', 'anyOf', '$ref', 'items'].some((k) => k in p);
  for (const s of guarantee) {
    if (!s['x-source']) missing.push(`${s.$id}: the schema itself`);
    const props = (s.properties ?? {}) as Record<string, JsonSchema>;
    for (const [name, p] of Object.entries(props)) if (constrained(p) && !p['x-source']) missing.push(`${s.$id}: ${name}`);
    for (const name of (s.required ?? []) as string[]) if (!props[name]?.['x-source']) missing.push(`${s.$id}: required ${name}`);
  }
  expect(missing).toEqual([]);
});

test('every statement of the five seed pages maps to a clause or to a stated reason it is not checked', () => {
  const statements = seedStatements();
  expect(new Set(statements.map((s) => s.doc)).size).toBe(5);
  const unmapped = statements.filter((s) => !s.structure && !s.clause && !s.notChecked);
  expect(unmapped.map((s) => `${s.doc}:${s.line} ${s.text}`)).toEqual([]);
  for (const s of statements) if (s.clause) expect(CLAUSE_IDS, `${s.doc}:${s.line}`).toContain(s.clause);
  // every non-blank line of every page is classified
  const lines = readdirSync(join(ROOT, 'docs', 'seeds')).filter((f) => f.endsWith('.txt'))
    .reduce((n, f) => n + readFileSync(join(ROOT, 'docs', 'seeds', f), 'utf8').split('\n').filter((l) => l.trim()).length, 0);
  expect(statements.length).toBe(lines);
  // the pages' required fields, role sentences, status codes and 400 messages are covered by asserted clauses
  const covered = (re: RegExp) => statements.filter((s) => re.test(s.text)).every((s) => s.clause && CLAUSES[s.clause].kind === 'asserted');
  expect(covered(/full unrestricted administrator/)).toBe(true);
  expect(covered(/^(200|400)$/)).toBe(true);
  expect(covered(/"Message" ?: ?"is a required field"/)).toBe(true);
  expect(covered(/^required$/)).toBe(true);
});

test('docs/contract.md is the contract as the code asserts it (npm run contract rewrites it)', () => {
  expect(readFileSync(join(ROOT, 'docs', 'contract.md'), 'utf8')).toBe(contractText());
});

test('the product ships every source it cites: no reference to a file outside the repository', () => {
  const files = ['README.md', 'sandbox/README.md', 'docs/reports.md', 'docs/openapi.md', 'BENCHMARKS.md', ...sourceFiles('lib'), ...sourceFiles('tests'), ...sourceFiles('schemas'), ...sourceFiles('sandbox')];
  const outside = /\/work\/shared|shared\/nexudus-api|PROBES\.md|STYLE\.md|ANCHORS\.md|\(issue \d+|issue \d+ §/;
  const hits = files.flatMap((f) => readFileSync(join(ROOT, f), 'utf8').split('\n').flatMap((l, i) => (outside.test(l) ? [`${f}:${i + 1}: ${l.trim().slice(0, 120)}`] : [])));
  expect(hits).toEqual([]);
});
