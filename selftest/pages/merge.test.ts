/**
 * Merging captures of one page, on the shared page folder: disagreements between generations become
 * `required: 'either'` with both readings cited, pages contradicting themselves are reported, and
 * `completeEnough` says which field lists can be trusted to write a record. Expected values come
 * from reading the captures, not from the merger's output.
 */
import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { completeEnough, mergeCaptures, readPage, readPagesDir, readRoles, rolesOf, type EndpointDeclaration } from '../../api/pages/index.ts';

const PAGES = '/work/shared/pages';
const SEEDS = fileURLToPath(new URL('../../docs/seeds/', import.meta.url));

let all: EndpointDeclaration[] | undefined;
const decls = (): EndpointDeclaration[] => (all ??= readPagesDir(PAGES));
const decl = (method: string, path: string): EndpointDeclaration => {
  const d = decls().find((x) => x.method === method && x.path === path);
  if (!d) throw new Error(`no declaration for ${method} ${path}`);
  return d;
};
const field = (d: EndpointDeclaration, name: string) => {
  const f = d.fields.find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name} in ${d.method} ${d.path}`);
  return f;
};
const lines = (cites: { file: string; line: number }[]) => cites.map((c) => `${c.file}:${c.line}`).sort();

test('all 53 endpoints of the shared folder group by method and path, as the file names say', () => {
  const files = readdirSync(PAGES).filter((f) => /^(PUT|POST)_/.test(f));
  expect(files).toHaveLength(98);
  const expected = new Map<string, string[]>();
  for (const f of files) {
    const [method, module, entities] = f.replace(/(\.[a-z])?\.txt$/, '').split('_');
    const key = `${method} /api/${module}/${entities}`;
    expected.set(key, [...(expected.get(key) ?? []), f].sort());
  }
  expect(expected.size).toBe(53);
  const got = new Map(decls().map((d) => [`${d.method} ${d.path}`, [...d.files].sort()]));
  expect(got).toEqual(expected);
  expect(decls().filter((d) => d.method === 'POST')).toHaveLength(17);
  expect(decls().filter((d) => d.method === 'PUT')).toHaveLength(36);
});

test('declarations come sorted by path, then method', () => {
  const keys = decls().map((d) => `${d.path} ${d.method}`);
  expect(keys).toEqual([...keys].sort((a, b) => a.localeCompare(b)));
  expect(keys[0]).toBe('/api/billing/coworkercontracts PUT');
  const inventory = keys.filter((k) => k.startsWith('/api/spaces/coworkerinventoryassets '));
  expect(inventory).toEqual(['/api/spaces/coworkerinventoryassets POST', '/api/spaces/coworkerinventoryassets PUT']);
});

test('the seed folder reads into its five endpoints, with entity and role', () => {
  const seeds = readPagesDir(SEEDS);
  expect(seeds.map((d) => [d.method, d.path, d.entity, d.role?.name])).toEqual([
    ['PUT', '/api/collaboration/workspaces', 'Workspace', 'Workspace-Edit'],
    ['PUT', '/api/crm/coworkertasks', 'CoworkerTask', 'CoworkerTask-Edit'],
    ['POST', '/api/spaces/coworkerinventoryassets', 'CoworkerInventoryAsset', 'CoworkerInventoryAsset-Create'],
    ['PUT', '/api/spaces/coworkerinventoryassets', 'CoworkerInventoryAsset', 'CoworkerInventoryAsset-Edit'],
    ['PUT', '/api/spaces/coworkers', 'Coworker', 'Coworker-Edit'],
  ]);
});

test('PUT bookings: Repeats and WhichBookingsToUpdate are required in one generation and optional in the other', () => {
  const d = decl('PUT', '/api/spaces/bookings');
  const repeats = field(d, 'Repeats');
  expect(repeats.required).toBe('either');
  expect(repeats.type).toBe('integer');
  expect(repeats.enumValues?.map((v) => v.name)).toEqual(['Daily', 'Weekly', 'Monthly', 'Yearly', 'FirstOfMonth', 'SecondOfMonth', 'ThirdOfMonth', 'LastOfMonth', 'FourthOfMonth']);
  const dis = d.disagreements.find((x) => x.field === 'Repeats' && x.aspect === 'required')!;
  const byValue = Object.fromEntries(dis.readings.map((r) => [r.value, lines(r.at)]));
  // the rendered copy lists it under Required Fields and sends it in its request panel; the mintlify copy lists
  // "Repeat cycle. Create-only." under Required Fields; the older flattened copy lists the same words under Optional Fields
  expect(byValue['required']).toEqual(['PUT_spaces_bookings.a.txt:24', 'PUT_spaces_bookings.a.txt:89', 'PUT_spaces_bookings.c.txt:49']);
  expect(byValue['not required']).toEqual(['PUT_spaces_bookings.b.txt:24']);
  expect(field(d, 'WhichBookingsToUpdate').required).toBe('either');
  expect(field(d, 'ResourceId').required).toBe(true);
});

test('POST visitors: VisitorSource and HostApprovalStatus are either; the older flattened copy sends ExpectedArrival as null', () => {
  const d = decl('POST', '/api/spaces/visitors');
  const source = field(d, 'VisitorSource');
  expect(source.required).toBe('either');
  expect(source.type).toBe('integer');
  const dis = d.disagreements.find((x) => x.field === 'VisitorSource')!;
  const byValue = Object.fromEntries(dis.readings.map((r) => [r.value, lines(r.at)]));
  expect(byValue['required']).toEqual(['POST_spaces_visitors.c.txt:23', 'POST_spaces_visitors.c.txt:76']);
  expect(byValue['not required']).toEqual(['POST_spaces_visitors.a.txt:70', 'POST_spaces_visitors.b.txt:17']);
  expect(field(d, 'HostApprovalStatus').required).toBe('either');
  expect(field(d, 'ExpectedArrival').required).toBe(true);
  expect(d.contradictions).toContainEqual(expect.objectContaining({ kind: 'required-sent-null', field: 'ExpectedArrival', at: [{ file: 'POST_spaces_visitors.b.txt', line: 35 }] }));
  expect(completeEnough(d)).toEqual({ ok: true });
});

test('a fact stated by one capture and not contradicted holds, with every citation', () => {
  const d = decl('PUT', '/api/collaboration/workspaces');
  const name = field(d, 'Name');
  expect(name.required).toBe(true);
  expect(name.type).toBe('string');
  expect(lines(name.at)).toEqual(expect.arrayContaining([
    'PUT_collaboration_workspaces.a.txt:62',
    'PUT_collaboration_workspaces.a.txt:24',
    'PUT_collaboration_workspaces.c.txt:48',
    // the flattened copy's "The name value for this workspace." under Required Fields
    'PUT_collaboration_workspaces.b.txt:20',
  ]));
  expect(d.disagreements).toEqual([]);
  expect(d.cut, 'two of the three captures are whole').toBe(false);
  expect(completeEnough(d)).toEqual({ ok: true });
});

test('the page contradicting itself: CoworkerId required yet sent as null (CrmOpportunity)', () => {
  for (const [method, file, line] of [['POST', 'POST_crm_crmopportunities.txt', 122], ['PUT', 'PUT_crm_crmopportunities.a.txt', 127]] as const) {
    const d = decl(method, '/api/crm/crmopportunities');
    expect(field(d, 'CoworkerId').required).toBe(true);
    expect(d.contradictions).toContainEqual(expect.objectContaining({ kind: 'required-sent-null', field: 'CoworkerId', at: [{ file, line }] }));
  }
});

test('a code example that leaves out or nulls a required field is reported (seed 000, edited)', () => {
  const file = '000_2ed4540a0047abba.txt';
  const text = readFileSync(join(SEEDS, file), 'utf8');
  expect(mergeCaptures([readPage(text, file)]).contradictions).toEqual([]);
  const edited = text.replace('    "AssignedFrom": "2025-01-15T10:30:00Z",\n', '').replace('"CoworkerId": 0,', '"CoworkerId": null,');
  expect(edited).not.toBe(text);
  const found = mergeCaptures([readPage(edited, file)]).contradictions.map((c) => [c.kind, c.field, lines(c.at)]);
  expect(found).toEqual([
    ['required-sent-null', 'CoworkerId', [`${file}:69`]],
    ['required-omitted-from-example', 'AssignedFrom', [`${file}:48`, `${file}:68`]],
  ]);
});

test('counters listed as required are reported', () => {
  const blog = decl('PUT', '/api/content/blogposts');
  expect(blog.contradictions).toContainEqual(expect.objectContaining({ kind: 'counter-required', field: 'CommentsCount', at: [{ file: 'PUT_content_blogposts.txt', line: 48 }] }));
  const passes = decl('PUT', '/api/billing/coworkertimepasses');
  expect(passes.contradictions).toContainEqual(expect.objectContaining({ kind: 'counter-required', field: 'CreateMultiple', at: [{ file: 'PUT_billing_coworkertimepasses.a.txt', line: 66 }] }));
  expect(decl('PUT', '/api/spaces/bookings').contradictions.filter((c) => c.kind === 'counter-required')).toEqual([]);
});

test('a 400 example naming a field the page does not have is reported; one naming a real field is not', () => {
  const d = decl('POST', '/api/billing/resourceproducts');
  expect(d.fields.map((f) => f.name)).not.toContain('Name');
  expect(d.contradictions).toContainEqual(expect.objectContaining({ kind: 'example-400-names-unknown-field', field: 'Name', at: [{ file: 'POST_billing_resourceproducts.txt', line: 121 }] }));
  const inventory = decl('PUT', '/api/spaces/coworkerinventoryassets');
  expect(inventory.contradictions).toEqual([]);
});

test('"See eX enum above" with no enum on any capture is a contradiction; untitled tables leave it open instead', () => {
  const sections = decl('PUT', '/api/content/coursesections');
  expect(sections.contradictions).toContainEqual(expect.objectContaining({
    kind: 'enum-not-shown',
    field: 'UnlockType',
    at: [{ file: 'PUT_content_coursesections.a.txt', line: 67 }, { file: 'PUT_content_coursesections.b.txt', line: 19 }],
  }));
  const messages = decl('POST', '/api/support/helpdeskmessages');
  // the newer copy shows two enum tables without titles: the reference cannot be tied, but is not contradicted
  expect(messages.contradictions.filter((c) => c.kind === 'enum-not-shown')).toEqual([]);
  expect(messages.open.some((o) => o.startsWith('Priority: "See eHelpDeskMessagePriority enum above"'))).toBe(true);
});

test('untitled enum tables join a titled one with the same values; fields get those values', () => {
  const d = decl('PUT', '/api/spaces/resources');
  const type = d.enums.find((e) => e.title === 'eResourceType')!;
  expect(type.field).toBe('SystemResourceType');
  expect(lines(type.at)).toEqual(['PUT_spaces_resources.a.txt:34', 'PUT_spaces_resources.b.txt:25', 'PUT_spaces_resources.c.txt:11']);
  expect(field(d, 'SystemResourceType').enumValues?.find((v) => v.value === 12)?.name).toBe('PhoneBooth');
  expect(field(d, 'SystemResourceType').required).toBe('either');
});

test('two cut copies of one description tie when one is the start of the other (POST products SystemProductType)', () => {
  const d = decl('POST', '/api/billing/products');
  // rendered: "Category of the product: DayPass, CreditBundle, Stationery, Booking" (optional, cut);
  // mintlify: "Category of the product: DayPass, CreditBundle, Stationery, B" (under Required Fields, cut)
  const f = field(d, 'SystemProductType');
  expect(f.required).toBe('either');
  expect(lines(f.readings.filter((r) => r.via === 'flattened-description').map((r) => r.at))).toEqual(['POST_billing_products.c.txt:44']);
  expect(f.enumValues?.map((v) => v.value)).toEqual([0, 1, 2, 3, 4, 5, 99]);
  // "ID of the business linked to this record." is worded unlike "Business Id.": it stays unidentified
  expect(d.unidentified.map((u) => [u.description, u.listedUnder])).toEqual([['ID of the business linked to this record.', 'required']]);
});

test('flattened captures leave names open: nothing is guessed from their descriptions', () => {
  const d = decl('PUT', '/api/crm/crmopportunityhistories');
  expect(d.files).toEqual(['PUT_crm_crmopportunityhistories.txt']);
  expect(d.fields).toEqual([]);
  expect(d.unidentified.map((u) => [u.listedUnder, u.at.line])).toEqual([
    ['required', 19], ['required', 20], ['optional', 22], ['optional', 23], ['optional', 24], ['optional', 25], ['optional', 26],
  ]);
  expect(completeEnough(d)).toEqual({ ok: false, why: 'no capture shows the whole required list with names' });
  expect(d.open).toContain('required fields: no capture shows the whole required list with names');
});

test('a complete older list against a cut newer one: the cut list is not covered, so the record is not writable', () => {
  const d = decl('PUT', '/api/content/calendarevents');
  expect(field(d, 'Repeats').required).toBe('either');
  const dis = d.disagreements.find((x) => x.field === 'Repeats')!;
  expect(dis.readings.map((r) => [r.value, r.via])).toEqual([['required', ['field-list']], ['not required', ['required-list-omits']]]);
  const verdict = completeEnough(d);
  expect(verdict.ok).toBe(false);
  expect(verdict.why).toContain("PUT_content_calendarevents.b.txt's required list is cut (line 51) and names Repeats");
});

test('completeEnough needs a type for every field that may be required', () => {
  const coworkers = decl('POST', '/api/spaces/coworkers');
  // the newer request panel requires TaxRateType; the older field list is cut before it
  expect(field(coworkers, 'TaxRateType').required).toBe('either');
  expect(field(coworkers, 'TaxRateType').type).toBeUndefined();
  expect(field(coworkers, 'CoworkerType').type).toBe('integer');
  const verdict = completeEnough(coworkers);
  expect(verdict.ok).toBe(false);
  expect(verdict.why).toContain('TaxRateType');
  expect(verdict.why).not.toContain('CoworkerType,');
});

test('a flattened copy listing a required field no complete list has makes the lists incomplete', () => {
  const d = decl('PUT', '/api/sys/businesses');
  // the newer flattened copy lists "The visited help items value for this business." between Id and Name under Required Fields
  expect(completeEnough(d)).toEqual({ ok: false, why: 'PUT_sys_businesses.b.txt lists a required field at line 61 that is none of the known required fields' });
  expect(field(d, 'DefaultLanguage').required).toBe('either');
  expect(field(d, 'DefaultLanguage').enumValues?.map((v) => v.name)).toEqual(['EnglishUK', 'EnglishUS', 'Spanish']);
});

test('completeEnough accepts 44 of the 53 endpoints, and says why for the others', () => {
  const rejected = decls().filter((d) => !completeEnough(d).ok).map((d) => `${d.method} ${d.path}`);
  expect(rejected).toEqual([
    'PUT /api/billing/tariffs',
    'PUT /api/content/calendareventcategories',
    'PUT /api/content/calendarevents',
    'PUT /api/crm/crmopportunities',
    'PUT /api/crm/crmopportunityhistories',
    'POST /api/spaces/coworkers',
    'PUT /api/spaces/coworkers',
    'PUT /api/spaces/resources',
    'PUT /api/sys/businesses',
  ]);
  for (const d of decls()) {
    const v = completeEnough(d);
    if (!v.ok) expect(v.why, `${d.method} ${d.path}`).toBeTruthy();
  }
});

test('merging one capture gives that capture\'s facts; merging is order-independent in its verdicts', () => {
  const text = readFileSync(join(PAGES, 'PUT_spaces_teams.a.txt'), 'utf8');
  const one = mergeCaptures([readPage(text, 'PUT_spaces_teams.a.txt')]);
  expect(one.fields.filter((f) => f.required === true).map((f) => f.name)).toEqual(['Id', 'BusinessId', 'Name']);
  const caps = ['PUT_spaces_bookings.a.txt', 'PUT_spaces_bookings.b.txt', 'PUT_spaces_bookings.c.txt'].map((f) => readPage(readFileSync(join(PAGES, f), 'utf8'), f));
  const forward = mergeCaptures(caps);
  const backward = mergeCaptures([...caps].reverse());
  const summary = (d: EndpointDeclaration) => d.fields.map((f) => `${f.name}:${String(f.required)}:${f.type}`).sort();
  expect(summary(backward)).toEqual(summary(forward));
  expect(completeEnough(backward)).toEqual(completeEnough(forward));
});

test('the roles overview: five suffixes, the Booking example, and the roles endpoint', () => {
  const file = 'DOC_roles-and-access.txt';
  const r = readRoles(readFileSync(join(PAGES, file), 'utf8'), file);
  expect(r.suffixes.map((s) => [s.suffix, s.grants, s.at.line])).toEqual([
    ['List', 'Search and list records', 34],
    ['Read', 'Retrieve a single record by ID', 35],
    ['Edit', 'Update existing records', 36],
    ['Create', 'Create new records', 37],
    ['Delete', 'Delete records', 38],
  ]);
  expect(r.example).toEqual({ entity: 'Booking', roles: rolesOf('Booking'), at: { file, line: 39 } });
  expect(r.listEndpoint).toEqual({ method: 'GET', path: '/api/security/roles', at: { file, line: 40 } });
  expect(r.cut).toBe(true);
  // every endpoint's role is its entity's Edit (PUT) or Create (POST) role
  for (const d of decls()) expect(d.role?.name, `${d.method} ${d.path}`).toBe(`${d.entity}-${d.method === 'PUT' ? 'Edit' : 'Create'}`);
});
