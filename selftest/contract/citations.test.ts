/**
 * A failure cites the source of its own endpoint, at the line where the quoted words start: a clause stated on every
 * seed page (the role sentence, the success message, the 400 example…) resolves per endpoint to that endpoint's own
 * page; an endpoint without a page cites the nearest documented statement and says so. The expected line numbers
 * below were read off docs/seeds/*.txt by hand, not copied from the resolver's output.
 */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLAUSES, CLAUSE_IDS, clauseLabel, clauseLabelFor, clauseSource, isPerPage, type Clause, type ClauseId } from '../../api/contract/clauses.ts';
import { documents, resolve, SEED_DOCS, SEED_PAGES, pageOf, type SeedDoc } from '../../api/contract/sources.ts';
import { ENDPOINTS, SEED_ENDPOINTS } from '../../api/catalogue/endpoints.ts';
import { claim } from '../../lib/checks/claim.ts';
import { endpointOf, mediaTypeOf } from '../../lib/checks/checks.ts';
import { runSuite, ROOT, type JsonReport, type SuiteRun } from '../harness.ts';

const FILE: Record<SeedDoc, string> = {
  'seed 000': 'docs/seeds/000_2ed4540a0047abba.txt', 'seed 001': 'docs/seeds/001_2a14611d83db6bd2.txt', 'seed 002': 'docs/seeds/002_d6c324c34069910d.txt',
  'seed 003': 'docs/seeds/003_d3835e4cc56296c2.txt', 'seed 004': 'docs/seeds/004_21a00fdaf250fd4d.txt',
};

/** Where each per-page clause's quote starts on each seed page, read off the files. */
const EXPECTED: Record<'authz.denied' | 'success.message' | 'required.message' | 'success.body-status' | 'required.status', Record<SeedDoc, number>> = {
  // "… The authenticated user must be a full unrestricted administrator or have the <Entity>-<Verb> role."
  'authz.denied': { 'seed 000': 26, 'seed 001': 26, 'seed 002': 4, 'seed 003': 4, 'seed 004': 39 },
  // the example answer's "Message": "<Entity> was successfully created./updated."
  'success.message': { 'seed 000': 98, 'seed 001': 93, 'seed 002': 37, 'seed 003': 92, 'seed 004': 121 },
  // the 400 example's Errors item "Message": "is a required field"
  'required.message': { 'seed 000': 133, 'seed 001': 128, 'seed 002': 63, 'seed 003': 118, 'seed 004': 156 },
  // the 200 table's Status row (its name line on full pages, its description on condensed ones)
  'success.body-status': { 'seed 000': 80, 'seed 001': 75, 'seed 002': 31, 'seed 003': 86, 'seed 004': 103 },
  // a required field: "Id integer required …" starts at the field's name line (32), not at "Request Body" (28)
  'required.status': { 'seed 000': 32, 'seed 001': 44, 'seed 002': 6, 'seed 003': 15, 'seed 004': 45 },
};

const sourceLine = (label: string) => /\n {2}source: (\S+) line (\d+): /.exec(label);

test('the seed pages are the five seed endpoints of the catalogue, as docs/seeds/README.md lists them', () => {
  expect(SEED_DOCS.map((d) => SEED_PAGES[d].endpoint).sort()).toEqual(SEED_ENDPOINTS.map((x) => x.id).sort());
  const readme = readFileSync(join(ROOT, 'docs', 'seeds', 'README.md'), 'utf8');
  for (const d of SEED_DOCS) {
    expect(documents().get(d)!.path, d).toBe(FILE[d]);
    expect(readme, d).toContain(`| ${FILE[d].slice('docs/seeds/'.length)} | ${SEED_PAGES[d].endpoint} |`);
    // the page is about its entity: its role sentence names the entity's role
    expect(documents().get(d)!.lines.join('\n'), d).toContain(`have the ${SEED_PAGES[d].entity}-`);
    expect(pageOf(SEED_PAGES[d].endpoint)).toBe(d);
  }
  expect(pageOf('POST /api/crm/coworkertasks')).toBeUndefined();
});

test('a citation names the line where its quoted words start (a quote spanning a field\'s lines is cited at its first line)', () => {
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
  const startsOn = (line: string, quote: string) => {
    const l = squash(line);
    const q = squash(quote);
    if (l.includes(q)) return true;
    for (let k = 0; k < l.length; k++) if (q.startsWith(l.slice(k))) return true;
    return false;
  };
  for (const id of CLAUSE_IDS) {
    for (const s of (CLAUSES[id] as Clause).sources) {
      const r = resolve(s);
      const line = documents().get(s.doc)!.lines[r.line - 1];
      expect(startsOn(line, s.quote), `${id}: ${s.doc} line ${r.line} ("${line.trim()}") is not where "${s.quote}" starts`).toBe(true);
    }
  }
  // the examples of the bug: these quotes used to be cited up to 7 lines early (the first line of an 8-line window)
  expect(resolve({ doc: 'seed 000', quote: 'Id integer required The Id of the CoworkerInventoryAsset record to update.' }).line).toBe(32);
  expect(resolve({ doc: 'seed 000', quote: 'Status integer HTTP status code. 200 on success.' }).line).toBe(80);
  expect(resolve({ doc: 'seed 000', quote: 'Errors array null on success.' }).line).toBe(92);
  expect(resolve({ doc: 'seed 001', quote: 'AssignedFrom string required' }).line).toBe(44);
  expect(resolve({ doc: 'seed 004', quote: 'Response 200' }).line).toBe(99);
  // a quote inside one line stays on that line
  expect(resolve({ doc: 'seed 002', quote: 'must be a full unrestricted administrator or have the CoworkerTask-Edit role' }).line).toBe(4);
});

test('a clause stated on several seed pages is stated on all five, so every seed endpoint can cite its own page', () => {
  const perPage = CLAUSE_IDS.filter((id) => isPerPage(CLAUSES[id]));
  expect(perPage).toEqual(expect.arrayContaining(Object.keys(EXPECTED)));
  for (const id of perPage) {
    const pages = new Set((CLAUSES[id] as Clause).sources.map((s) => s.doc));
    for (const d of SEED_DOCS) expect(pages.has(d), `${id} has no statement on ${d}`).toBe(true);
  }
});

test('for each seed endpoint, a per-page clause cites its own seed file at the line where the quote starts', () => {
  for (const [id, lines] of Object.entries(EXPECTED) as [ClauseId, Record<SeedDoc, number>][]) {
    for (const d of SEED_DOCS) {
      const endpoint = SEED_PAGES[d].endpoint;
      const label = clauseLabelFor(id, endpoint);
      expect(label.startsWith(`[${id}] `), label).toBe(true);
      const m = sourceLine(label);
      expect([m?.[1], Number(m?.[2])], `${id} on ${endpoint}: ${label}`).toEqual([FILE[d], lines[d]]);
      expect(label, `${endpoint} has a page of its own`).not.toContain('has no seed page');
      // claim() heads its failure with the same label
      let message = '';
      try {
        claim(id, 'what the tenant answered', 'what the check saw', endpoint).toBe('what the clause requires');
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message.startsWith(label), `claim(${id}, …, ${endpoint})`).toBe(true);
    }
  }
});

test('without an endpoint, or for a clause stated once, the label keeps the clause\'s first source', () => {
  const wrong: string[] = [];
  for (const id of CLAUSE_IDS) {
    if (clauseLabelFor(id) !== clauseLabel(id)) wrong.push(`${id}: label without an endpoint`);
    if (clauseSource(id).citation !== (CLAUSES[id] as Clause).sources[0]) wrong.push(`${id}: source without an endpoint`);
    if (!isPerPage(CLAUSES[id])) for (const x of ENDPOINTS) if (clauseLabelFor(id, x.id) !== clauseLabel(id)) wrong.push(`${id} ${x.id}`);
  }
  expect(wrong).toEqual([]);
});

test('an endpoint without a seed page cites the nearest documented statement and says so', () => {
  // a POST of an entity whose PUT is a seed page: that page (its role sentence, its example answer)
  const post = clauseLabelFor('authz.denied', 'POST /api/crm/coworkertasks');
  expect(sourceLine(post)?.slice(1, 3)).toEqual([FILE['seed 002'], '4']);
  expect(post).toContain('(POST /api/crm/coworkertasks has no seed page: nearest documented statement, on the page of PUT /api/crm/coworkertasks)');
  expect(sourceLine(clauseLabelFor('success.message', 'POST /api/collaboration/workspaces'))?.slice(1, 3)).toEqual([FILE['seed 004'], '121']);
  expect(sourceLine(clauseLabelFor('required.message', 'POST /api/spaces/coworkers'))?.slice(1, 3)).toEqual([FILE['seed 003'], '118']);
  // reads, deletes, runcommand: the facts file
  for (const endpoint of ['GET /api/crm/coworkertasks/{id}', 'DELETE /api/collaboration/workspaces/{id}', 'POST /api/spaces/coworkers/runcommand']) {
    const l = clauseLabelFor('authz.denied', endpoint);
    expect(l, endpoint).toMatch(/\n {2}source: nexudus-api\.md §4 line \d+ [^\n]*"the account does not have permission for the requested resource"/);
    expect(l, endpoint).toContain(`(${endpoint} has no seed page: nearest documented statement)`);
  }
  // every per-page clause, every endpoint without a page: a note, and a source that resolves
  const unsaid: string[] = [];
  for (const id of CLAUSE_IDS.filter((x) => isPerPage(CLAUSES[x]))) {
    for (const x of ENDPOINTS.filter((e) => !e.seed)) {
      const s = clauseSource(id, x.id);
      if (!/has no seed page: nearest documented statement/.test(s.nearest ?? '')) unsaid.push(`${id} ${x.id}`);
      resolve(s.citation);
    }
  }
  expect(unsaid).toEqual([]);
});

test('a request names its catalogue endpoint (the one a failure about its answer cites)', () => {
  const of = (method: string, path: string) => endpointOf({ method, path });
  expect(of('PUT', '/api/crm/coworkertasks')).toBe('PUT /api/crm/coworkertasks');
  expect(of('POST', '/api/spaces/coworkerinventoryassets')).toBe('POST /api/spaces/coworkerinventoryassets');
  expect(of('GET', '/api/spaces/coworkers/1400287242')).toBe('GET /api/spaces/coworkers/{id}');
  expect(of('GET', '/api/spaces/coworkers?page=1&size=5')).toBe('GET /api/spaces/coworkers');
  expect(of('GET', '/api/spaces/coworkers?id=[1,2]')).toBe('GET /api/spaces/coworkers?id=[…]');
  expect(of('DELETE', '/api/collaboration/workspaces/12')).toBe('DELETE /api/collaboration/workspaces/{id}');
  expect(of('POST', '/api/spaces/coworkers/runcommand')).toBe('POST /api/spaces/coworkers/runcommand');
  expect(of('POST', '/api/token')).toBeUndefined();
  expect(of('GET', '/api/sys/businesses')).toBeUndefined();
  expect(mediaTypeOf({ responseHeaders: { 'content-type': 'Application/JSON; charset=utf-8' } })).toBe('application/json');
  expect(mediaTypeOf({ responseHeaders: {} })).toBe('');
});

/** Every failed check of a run with its error text. */
function failedChecks(r: SuiteRun): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (s: JsonReport['suites'][number]) => {
    for (const sp of s.specs) {
      const res = sp.tests[0]?.results.at(-1);
      // eslint-disable-next-line no-control-regex
      if (res && res.status !== 'passed' && res.status !== 'skipped') out.set(sp.title, (res.error?.message ?? '').replace(/\u001b\[[0-9;]*m/g, ''));
    }
    s.suites?.forEach(walk);
  };
  r.results?.suites.forEach(walk);
  return out;
}

test('real failures against a faulty sandbox cite their own seed page, at the line where the quote starts', async () => {
  test.setTimeout(240_000);
  const r = await runSuite({
    env: { NEXUDUS_SANDBOX_FAULTS: 'edit-role-ignored,create-role-ignored,success-message-wording,required-message-wording' },
    // the five seed endpoints' denied, round-trip and single-field required checks, and one POST without a page
    args: ['--workers=4', '--grep', '(CoworkerInventoryAsset (POST|PUT)|CoworkerTask PUT|Coworker PUT|Workspace PUT) (as reader \\(lacks [A-Za-z]+-(Create|Edit)\\) → denied|valid payloads|without required [A-Za-z]+ →)|CoworkerTask POST as reader'],
  });
  const failed = failedChecks(r);
  expect(failed.size, r.stderr.slice(-2000) + r.stdout.slice(-2000)).toBe(16);
  const entityOf: Record<SeedDoc, string> = { 'seed 000': 'CoworkerInventoryAsset', 'seed 001': 'CoworkerInventoryAsset', 'seed 002': 'CoworkerTask', 'seed 003': 'Coworker', 'seed 004': 'Workspace' };
  for (const d of SEED_DOCS) {
    const verb = SEED_PAGES[d].endpoint.split(' ')[0];
    const head = `${entityOf[d]} ${verb} `;
    const cases: [string, ClauseId][] = [
      [[...failed.keys()].find((t) => t.startsWith(`${head}as reader`))!, 'authz.denied'],
      [[...failed.keys()].find((t) => t.startsWith(`${head}valid payloads`))!, 'success.message'],
      [[...failed.keys()].find((t) => t.startsWith(`${head}without required`))!, 'required.message'],
    ];
    for (const [title, id] of cases) {
      expect(title, `a failed ${id} check of ${SEED_PAGES[d].endpoint}`).toBeDefined();
      const message = failed.get(title)!.replace(/^Error: /, '');
      expect(message.startsWith(`[${id}] `), `${title}: ${message.slice(0, 300)}`).toBe(true);
      const m = sourceLine(message);
      expect([m?.[1], Number(m?.[2])], `${title}: ${message.slice(0, 300)}`).toEqual([FILE[d], EXPECTED[id as keyof typeof EXPECTED][d]]);
    }
  }
  // an endpoint without a page says which page stands in for it
  const post = failed.get([...failed.keys()].find((t) => t.startsWith('CoworkerTask POST as reader'))!)!;
  expect(post).toContain(`source: ${FILE['seed 002']} line 4: `);
  expect(post).toContain('(POST /api/crm/coworkertasks has no seed page: nearest documented statement, on the page of PUT /api/crm/coworkertasks)');
});
