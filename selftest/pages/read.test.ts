/**
 * The page reader on real captures: the five seed pages, captures from the shared page folder (with
 * their three header lines), flattened and cut copies, and an MDX sample written from the PUT
 * workspaces page. Every expected value below was read off the capture's own text.
 */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { readPage } from '../../api/pages/index.ts';

const SEEDS = fileURLToPath(new URL('../../docs/seeds/', import.meta.url));
const PAGES = '/work/shared/pages';
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

const seed = (name: string) => readPage(readFileSync(join(SEEDS, name), 'utf8'), name);
const page = (name: string) => readPage(readFileSync(join(PAGES, name), 'utf8'), name);

const SEED_FACTS = [
  { file: '000_2ed4540a0047abba.txt', method: 'PUT', path: '/api/spaces/coworkerinventoryassets', entity: 'CoworkerInventoryAsset', role: 'CoworkerInventoryAsset-Edit', roleLine: 26 },
  { file: '001_2a14611d83db6bd2.txt', method: 'POST', path: '/api/spaces/coworkerinventoryassets', entity: 'CoworkerInventoryAsset', role: 'CoworkerInventoryAsset-Create', roleLine: 26 },
  { file: '002_d6c324c34069910d.txt', method: 'PUT', path: '/api/crm/coworkertasks', entity: 'CoworkerTask', role: 'CoworkerTask-Edit', roleLine: 4 },
  { file: '003_d3835e4cc56296c2.txt', method: 'PUT', path: '/api/spaces/coworkers', entity: 'Coworker', role: 'Coworker-Edit', roleLine: 4 },
  { file: '004_21a00fdaf250fd4d.txt', method: 'PUT', path: '/api/collaboration/workspaces', entity: 'Workspace', role: 'Workspace-Edit', roleLine: 39 },
];

for (const s of SEED_FACTS) {
  test(`seed ${s.file} reads as ${s.method} ${s.path} (${s.entity})`, () => {
    const c = seed(s.file);
    expect(c.method?.value).toBe(s.method);
    expect(c.path?.value).toBe(s.path);
    expect(c.module?.value).toBe(s.path.split('/')[2]);
    expect(c.entity?.value).toBe(s.entity);
    expect(c.role?.name).toEqual({ value: s.role, at: { file: s.file, line: s.roleLine } });
    expect(c.role?.sentence.value).toBe(`The authenticated user must be a full unrestricted administrator or have the ${s.role} role.`);
    expect(c.cut, 'a seed is a whole page').toBe(false);
    expect(c.source, 'seeds have no header').toBeUndefined();
  });
}

test('seed 000: Id is a required integer cited where Id is written, and every field is cited', () => {
  const c = seed('000_2ed4540a0047abba.txt');
  expect(c.kind).toBe('rendered');
  const id = c.fields.find((f) => f.name === 'Id')!;
  expect(id.at).toEqual({ file: '000_2ed4540a0047abba.txt', line: 32 });
  expect(id.type).toEqual({ value: 'integer', at: { file: '000_2ed4540a0047abba.txt', line: 33 } });
  expect(id.required).toEqual({ value: true, at: { file: '000_2ed4540a0047abba.txt', line: 34 } });
  expect(id.description?.value).toBe('The Id of the CoworkerInventoryAsset record to update.');
  expect(c.fields.map((f) => [f.name, f.type?.value, f.required.value, f.at.line])).toEqual([
    ['Id', 'integer', true, 32],
    ['CoworkerId', 'integer', true, 36],
    ['BusinessId', 'integer', true, 40],
    ['InventoryAssetId', 'integer', true, 44],
    ['AssignedFrom', 'string', true, 48],
    ['Notes', 'string', false, 55],
    ['AssignedTo', 'string', false, 58],
  ]);
  // "Null if still assigned." is the page saying so; nothing else is called nullable
  expect(c.fields.find((f) => f.name === 'AssignedTo')!.nullable).toEqual({ value: true, at: { file: '000_2ed4540a0047abba.txt', line: 60 } });
  expect(c.fields.filter((f) => f.nullable).map((f) => f.name)).toEqual(['AssignedTo']);
  expect(c.requiredList?.ended).toBe(true);
  expect(c.optionalList?.at.line).toBe(53);
});

test('seed 000: the code example, the 200 and 400 sections with their rows and example bodies', () => {
  const c = seed('000_2ed4540a0047abba.txt');
  expect(c.requestExample, 'the older page has no request panel').toBeUndefined();
  expect(c.codeExample?.method?.value).toBe('PUT');
  expect(c.codeExample?.body.value).toEqual({ CoworkerId: 0, BusinessId: 0, InventoryAssetId: 0, AssignedFrom: '2025-01-15T10:30:00Z', Id: 87654321 });
  expect(c.codeExample?.body.keys.map((k) => [k.name, k.line])).toEqual([['CoworkerId', 69], ['BusinessId', 70], ['InventoryAssetId', 71], ['AssignedFrom', 72], ['Id', 73]]);
  const [ok, bad] = c.responses;
  expect(ok.status).toBe(200);
  expect(ok.at.line).toBe(78);
  expect(ok.rows.map((r) => [r.field, r.type, r.at.line])).toEqual([['Status', 'integer', 80], ['Message', 'string', 83], ['Value', 'object', 86], ['WasSuccessful', 'boolean', 89], ['Errors', 'array', 92]]);
  expect(ok.rows[1].description).toBe('A human-readable message confirming the update.');
  expect(ok.example?.at.line).toBe(96);
  expect((ok.example?.value as { Message: string }).Message).toBe('CoworkerInventoryAsset was successfully updated.');
  expect(bad.status).toBe(400);
  expect(bad.rows.map((r) => r.field)).toEqual(['Message', 'Value', 'Errors', 'WasSuccessful']);
  expect(bad.example?.at.line).toBe(127);
  expect(bad.example?.value).toMatchObject({ Message: 'AssignedFrom: is a required field', WasSuccessful: false });
  expect(c.open).toEqual([]);
});

test('seed 004: the request panel (--data) and the page title', () => {
  const c = seed('004_21a00fdaf250fd4d.txt');
  expect(c.title).toEqual({ value: 'Update Workspace', at: { file: '004_21a00fdaf250fd4d.txt', line: 9 } });
  expect(c.requestExample?.method?.value).toBe('PUT');
  expect(c.requestExample?.url?.value).toBe('https://spaces.nexudus.com/api/collaboration/workspaces');
  expect(c.requestExample?.body.keys.map((k) => [k.name, k.line])).toEqual([['Id', 16], ['BusinessId', 17], ['AdministratorId', 18], ['Name', 19]]);
  expect(c.requestExample?.body.value).toEqual({ Id: 123, BusinessId: 123, AdministratorId: 123, Name: '<string>' });
  expect(c.fields.find((f) => f.name === 'Members')?.type?.value).toBe('integer[]');
});

test('seed 002 is flattened: descriptions and counts, but no names, types or required flags', () => {
  const c = seed('002_d6c324c34069910d.txt');
  expect(c.kind).toBe('flattened');
  expect(c.fields).toEqual([]);
  expect(c.flatEntries.map((e) => e.name)).toEqual(new Array(9).fill(undefined));
  expect(c.flatEntries.filter((e) => e.listedUnder === 'required').map((e) => [e.description.value, e.description.at.line])).toEqual([
    ['The Id of the CoworkerTask record to update.', 7],
  ]);
  expect(c.flatEntries.filter((e) => e.listedUnder === 'optional')).toHaveLength(8);
  expect(c.flatEntries[1].description.value).toBe('Additional details or instructions for the task.');
  // the code example still names the keys it sends
  expect(c.codeExample?.body.keys.map((k) => k.name)).toEqual(['BusinessId', 'CoworkerId', 'Name', 'ResponsibleId', 'Id']);
  expect(c.open.some((o) => o.startsWith('flattened: field names, types and required flags are unknown'))).toBe(true);
});

test('seed 003 is flattened with some long names kept, and titled and untitled enum tables', () => {
  const c = seed('003_d3835e4cc56296c2.txt');
  expect(c.kind).toBe('flattened');
  const kept = c.flatEntries.filter((e) => e.name).map((e) => [e.name!.value, e.name!.at.line, e.description.at.line]);
  expect(kept[0]).toEqual(['StripeBacsDDPaymentMethodId', 28, 29]);
  expect(kept.map((k) => k[0])).toContain('InvoiceSegregateTimePasses');
  // "Coworker type. See eCoworkerRecordType enum above." keeps no name
  const coworkerType = c.flatEntries.find((e) => e.description.value.startsWith('Coworker type.'))!;
  expect(coworkerType.name).toBeUndefined();
  expect(coworkerType.enumRef?.value).toBe('eCoworkerRecordType');
  const first = c.enums[0];
  expect(first.title?.value).toBe('eCoworkerRecordType');
  expect(first.field?.value).toBe('CoworkerType');
  expect(first.values.map((v) => [v.value, v.name, v.at.line])).toEqual([[1, 'Individual', 7], [2, 'Company', 7]]);
  expect(c.enums[1].title, 'the gender table lost its title in this copy').toBeUndefined();
  expect(c.enums[1].values.map((v) => v.name)).toEqual(['None', 'NotSet', 'Male', 'Female', 'Other', 'RatherNotSay']);
  expect(c.open).toContain('"See eGender enum above" (line 19): the capture\'s 2 enum table(s) lost their titles, so which one it is is unknown');
});

test('the capture header: source URL, capture note and Complete flag, with file line numbers', () => {
  const c = page('PUT_spaces_bookings.a.txt');
  expect(c.source).toEqual({ value: 'https://learn.nexudus.com/rest-api/spaces/put-bookings', at: { file: 'PUT_spaces_bookings.a.txt', line: 1 } });
  expect(c.captureNote?.value).toBe('rendered page with field names/types/required');
  expect(c.completeHeader).toEqual({ value: false, at: { file: 'PUT_spaces_bookings.a.txt', line: 3 } });
  expect(c.method).toEqual({ value: 'PUT', at: { file: 'PUT_spaces_bookings.a.txt', line: 6 } });
  expect(c.path).toEqual({ value: '/api/spaces/bookings', at: { file: 'PUT_spaces_bookings.a.txt', line: 7 } });
  expect(c.fields.find((f) => f.name === 'Repeats')).toMatchObject({ at: { line: 89 }, type: { value: 'integer' }, required: { value: true } });
  expect(c.requestExample?.body.keys.map((k) => k.name)).toEqual(['Id', 'ResourceId', 'FromTime', 'ToTime', 'Repeats', 'WhichBookingsToUpdate']);
  expect(c.enums.map((e) => e.values.length)).toEqual([9, 8]);
  expect(c.enums[1].values[7]).toMatchObject({ value: 8, name: 'RevertAllCharges', at: { line: 67 } });
});

test('cut captures are marked cut: by the header, and by text that ends before the response sections', () => {
  const a = page('PUT_spaces_bookings.a.txt');
  expect(a.cut).toBe(true);
  expect(a.endsBefore).toBe('the Code Examples section');
  expect(a.fields.find((f) => f.name === 'Notes')?.cut, 'its description is cut mid-word').toBe(true);
  expect(a.open).toContain('optional list cut after Notes (line 109): entries after it are unknown');

  // header says "Complete: yes", but the stored excerpt stops after the role sentence
  const short = page('POST_spaces_coworkerinventoryassets.b.txt');
  expect(short.completeHeader?.value).toBe(true);
  expect(short.cut).toBe(true);
  expect(short.endsBefore).toBe('the Request Body section');
  expect(short.method?.value, 'only the Source URL says the method').toBe('POST');
  expect(short.method?.at.line).toBe(1);

  const blog = page('POST_content_blogposts.a.txt');
  expect(blog.optionalList?.cutAt).toEqual({ value: 'PublishDa', at: { file: 'POST_content_blogposts.a.txt', line: 75 } });
  expect(blog.fields.map((f) => f.name)).not.toContain('PublishDa');

  const whole = page('PUT_collaboration_workspaces.a.txt');
  expect(whole.cut).toBe(false);
  expect(whole.endsBefore).toBeUndefined();
});

test('a 400 example that the capture cuts off is kept, marked cut, and unparsed', () => {
  const c = page('POST_billing_resourceproducts.txt');
  const bad = c.responses.find((r) => r.status === 400)!;
  expect(bad.example?.cut).toBe(true);
  expect(bad.example?.value).toBeUndefined();
  expect(bad.example?.text).toContain('"Message": "Name: is a required field"');
  expect(c.endsBefore).toBe('the end of the 400 example');
});

test('a flattened mintlify copy: heading glued to the role sentence, markdown enum tables, no JSON', () => {
  const c = page('PUT_spaces_bookings.c.txt');
  expect(c.kind).toBe('flattened');
  expect(c.role?.name).toEqual({ value: 'Booking-Edit', at: { file: 'PUT_spaces_bookings.c.txt', line: 17 } });
  expect(c.title?.value).toBe('Update Booking');
  expect(c.method?.value).toBe('PUT');
  expect(c.enums.map((e) => [e.title?.value, e.field?.value, e.values.length])).toEqual([
    ['eBookingRepeatCycle', 'Repeats', 9],
    ['eRepeatedBookingUpdateAction', 'WhichBookingsToUpdate', 8],
  ]);
  expect(c.flatEntries.filter((e) => e.listedUnder === 'required').map((e) => e.description.value)).toEqual([
    'The Id of the Booking record to update.',
    'Resource Id.',
    'Booking start time.',
    'Booking end time.',
    'Repeat cycle. Create-only.',
    'Action to apply when updating or deleting bookings in a repeated series. This is the only field that can modify a series after creation.',
  ]);
});

test('a page that says "See eX enum above" and shows no enum leaves it open', () => {
  const c = page('POST_billing_tariffextraservices.txt');
  expect(c.hasEnumSection).toBe(false);
  expect(c.fields.find((f) => f.name === 'ServiceRenewalTime')?.enumRef).toEqual({ value: 'eTimeSpanWeekMonth', at: { file: 'POST_billing_tariffextraservices.txt', line: 52 } });
  expect(c.open).toContain('"See eTimeSpanWeekMonth enum above" (line 52), but the capture shows no enum');
});

test('an enum reference written eX? states that the field is nullable', () => {
  const c = page('PUT_crm_crmopportunities.a.txt');
  const lead = c.fields.find((f) => f.name === 'LeadSource')!;
  expect(lead.enumRef?.value).toBe('eCrmOpportunitySource');
  expect(lead.nullable).toEqual({ value: true, at: { file: 'PUT_crm_crmopportunities.a.txt', line: 90 } });
  expect(c.fields.find((f) => f.name === 'Status')!.nullable).toBeUndefined();
});

test('MDX captures: ParamField tags, a tag cut before its end, accordion enum titles', () => {
  const c = page('PUT_content_calendarevents.b.txt');
  expect(c.kind).toBe('mdx');
  expect(c.title?.value).toBe('Update CalendarEvent');
  expect(c.path?.value, 'from the Source URL (…/put-calendarevents.md)').toBe('/api/content/calendarevents');
  expect(c.role?.name.value).toBe('CalendarEvent-Edit');
  expect(c.fields.map((f) => f.name)).toEqual(['Id', 'BusinessId', 'Name', 'StartDate', 'EndDate', 'Repeats']);
  const repeats = c.fields[5];
  // `<ParamField body="Repeats" type="integer" requ` — under Required Fields, cut inside the tag
  expect(repeats).toMatchObject({ at: { line: 73 }, type: { value: 'integer' }, required: { value: true, at: { line: 51 } }, cut: true });
  expect(c.requiredList?.ended).toBe(false);
  // the accordion "eCalendarEventRepeatCycle — Repeats values" gives the field its values
  expect(repeats.enumValues?.map((v) => [v.value, v.name])).toEqual([
    [1, 'Daily'], [2, 'Weekly'], [3, 'Monthly'], [4, 'Yearly'], [5, 'FirstOfMonth'], [6, 'SecondOfMonth'], [7, 'ThirdOfMonth'], [8, 'LastOfMonth'], [9, 'FourthOfMonth'],
  ]);
  expect(repeats.enumValues?.[0].at.line).toBe(27);
  expect(c.enums[1].title?.value).toBe('eRepeatedCalendarEventUpdateAction');
  expect(c.enums[1].field?.value).toBe('WhichEventsToUpdate');
});

test('an MDX sample of the PUT workspaces page parses like the rendered page', () => {
  const file = 'put-workspaces.mdx';
  const c = readPage(readFileSync(join(FIXTURES, file), 'utf8'), file);
  expect(c.kind).toBe('mdx');
  expect(c.method).toEqual({ value: 'PUT', at: { file, line: 55 } });
  expect(c.path).toEqual({ value: '/api/collaboration/workspaces', at: { file, line: 56 } });
  expect(c.entity?.value).toBe('Workspace');
  expect(c.role?.name.value).toBe('Workspace-Edit');
  expect(c.fields.map((f) => [f.name, f.type?.value, f.required.value, f.at.line])).toEqual([
    ['Id', 'integer', true, 22],
    ['BusinessId', 'integer', true, 26],
    ['AdministratorId', 'integer', true, 30],
    ['Name', 'string', true, 34],
    ['VisibleInMySpaces', 'boolean', false, 40],
    ['Description', 'string', false, 44],
    ['Members', 'integer[]', false, 48],
  ]);
  expect(c.fields[0].description).toEqual({ value: 'The Id of the Workspace record to update.', at: { file, line: 23 } });
  expect(c.codeExample?.body.value).toEqual({ BusinessId: 0, AdministratorId: 0, Name: '', Id: 87654321 });
  expect(c.responses.map((r) => [r.status, r.rows.map((x) => x.field)])).toEqual([[200, ['Status', 'WasSuccessful']], [400, ['Message']]]);
  expect(c.responses[0].rows[0].description).toBe('HTTP status code. 200 on success.');
  expect(c.responses[1].example?.value).toMatchObject({ Errors: [{ PropertyName: 'Name' }] });
  expect(c.cut).toBe(false);
  expect(c.open).toEqual([]);
});

test('the reader is pure: the same text and file give the same capture', () => {
  const text = readFileSync(join(PAGES, 'PUT_sys_users.a.txt'), 'utf8');
  expect(readPage(text, 'x.txt')).toEqual(readPage(text, 'x.txt'));
  expect(readPage(text, 'y.txt').fields[0].at.file).toBe('y.txt');
});
