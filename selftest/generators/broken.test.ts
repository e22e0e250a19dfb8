// Every broken sample violates exactly the rule it claims, at the claimed fields, and no other
import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import { ENDPOINTS } from '../../api/catalogue/endpoints.ts';
import { brokenBody, anyBroken, rulesFor, explainViolation, RULES, type BrokenCase, type Rule } from '../../generators/index.ts';
import { REFS, WRITE_ENDPOINTS, MARKER, params } from './_support.ts';

const RUNS = 300;
const byId = (id: string) => ENDPOINTS.find((e) => e.id === id)!;

/** The marker survives in at least one marker field, so a wrongly accepted broken body is findable. */
function markerKept(c: BrokenCase): boolean {
  const ep = byId(c.endpoint);
  return ep.entity.markerFields.some((f) => typeof c.body[f] === 'string' && (c.body[f] as string).startsWith(`${MARKER} `));
}

for (const ep of WRITE_ENDPOINTS) {
  const id = ep.op === 'update' ? { id: 4242 } : {};
  for (const rule of rulesFor(ep)) {
    test(`${ep.id} ${rule}: breaks exactly that`, () => {
      fc.assert(
        fc.property(brokenBody(ep, REFS, rule, { ...id, marker: MARKER }), (c) => {
          const v = explainViolation(c, REFS);
          if (!v.ok) throw new Error(`${c.how}\n${v.problems.join('\n')}\nschema: ${v.errors}`);
          if (c.rule !== rule || c.endpoint !== ep.id) throw new Error(`labelled ${c.endpoint} ${c.rule}`);
          if (!markerKept(c)) throw new Error(`marker lost: ${c.how}`);
        }),
        params(RUNS, `${ep.id} ${rule}: breaks exactly that`),
      );
    });
  }
}

test('rules apply only where the catalogue allows them', () => {
  const table = Object.fromEntries(WRITE_ENDPOINTS.map((ep) => [ep.id, rulesFor(ep)]));
  const where = (r: Rule) => Object.keys(table).filter((k) => table[k].includes(r));
  expect(where('id-list-not-list')).toEqual(['POST /api/spaces/coworkers', 'PUT /api/spaces/coworkers', 'POST /api/collaboration/workspaces', 'PUT /api/collaboration/workspaces']);
  expect(where('assigned-to-before-from')).toEqual(['POST /api/spaces/coworkerinventoryassets', 'PUT /api/spaces/coworkerinventoryassets']);
  expect(where('put-unknown-id').every((k) => k.startsWith('PUT '))).toBe(true);
  expect(where('put-unknown-id')).toHaveLength(4);
  expect(where('bad-date')).not.toContain('POST /api/collaboration/workspaces');
  expect(where('required-empty')).not.toContain('POST /api/spaces/coworkerinventoryassets'); // no required text
  expect(where('enum-out-of-range')).toEqual(['POST /api/spaces/coworkers', 'PUT /api/spaces/coworkers']);
  for (const r of RULES) expect(where(r).length, `${r} applies somewhere`).toBeGreaterThan(0);
  expect(rulesFor(ENDPOINTS.find((e) => e.op === 'list')!)).toEqual([]);
});

test('expectations: missing, null, empty and several missing required fields → required; whitespace-only and every other break → undocumented (silent)', () => {
  const cases = WRITE_ENDPOINTS.flatMap((ep) => fc.sample(anyBroken(ep, REFS, { id: 3 }), { seed: 11, numRuns: 60 }));
  for (const c of cases) {
    const kind = ['required-missing', 'required-null', 'required-empty', 'required-several'].includes(c.rule) ? 'required' : 'undocumented';
    expect(c.expect.kind, c.how).toBe(kind);
    if (c.expect.kind === 'required') expect(c.expect.fields).toEqual(c.fields);
  }
  expect(new Set(cases.map((c) => c.rule)).size).toBe(RULES.length);
});

// the checker itself must be able to say no, or the tests above prove nothing
test('explainViolation rejects cases that break more, less or something else', () => {
  const task = byId('POST /api/crm/coworkertasks');
  const missing = fc.sample(brokenBody(task, REFS, 'required-missing', { fields: ['Name'] }), { seed: 1, numRuns: 1 })[0];
  expect(explainViolation(missing, REFS).ok).toBe(true);
  const mislabel = (c: BrokenCase, patch: Partial<BrokenCase>) => explainViolation({ ...c, ...patch, body: { ...c.body, ...(patch.body ?? {}) } }, REFS);
  expect(mislabel(missing, { body: { Surprise: 1 } }).problems.join()).toMatch(/unclaimed error at Surprise/);
  expect(mislabel(missing, { body: { CoworkerId: 2 ** 31 - 5 } }).problems.join()).toMatch(/unknown Id outside the rule|not refs/);
  expect(mislabel(missing, { fields: ['BusinessId'] }).ok).toBe(false);
  expect(mislabel(missing, { rule: 'required-null' }).ok).toBe(false);
  expect(mislabel(missing, { body: { Name: 'back again' } }).problems.join()).toMatch(/not rejected by the schema/);
  const asset = byId('POST /api/spaces/coworkerinventoryassets');
  const extra = fc.sample(brokenBody(asset, REFS, 'extra-field'), { seed: 2, numRuns: 1 })[0];
  expect(mislabel(extra, { body: { AssignedFrom: '2030-01-01T00:00:00Z', AssignedTo: '2029-01-01T00:00:00Z' } }).problems.join()).toMatch(/order breaks a rule not claimed/);
  const probe = fc.sample(brokenBody(asset, REFS, 'fk-unknown'), { seed: 3, numRuns: 1 })[0];
  expect(mislabel(probe, { body: { AssignedFrom: 'nope' } }).problems.join()).toMatch(/schema-valid/);
});
