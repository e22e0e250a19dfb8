/**
 * The tenant's starting data: the personas of sandbox/profile.json as users, two businesses, two
 * inventory assets, the countries / time zones the businesses use, and one pre-existing Coworker,
 * CoworkerTask and Workspace ("a real customer" the suite must never touch).
 */
import { readFileSync } from 'node:fs';
import { validate, describeErrors } from '../schemas/ajv.ts';
import type { ProfileFile } from '../api/json-schemas.ts';
import { Store, refTable, type Row } from './store.ts';
import { ENTITIES, isOptional } from '../api/catalogue/entities.ts';
import { meta, jsonTypes, enumValues, REF_NAMES } from '../api/catalogue/fields.ts';

export interface Persona {
  name: string;
  username: string;
  password: string;
  fullAdmin: boolean;
  roles: ReadonlySet<string>;
  userId: number;
}

export const PROFILE_PATH = new URL('./profile.json', import.meta.url);

/** Loads the profile the suite also reads, so users and personas can never drift apart. */
export function loadProfile(): ProfileFile {
  const data = JSON.parse(readFileSync(PROFILE_PATH, 'utf8')) as unknown;
  const r = validate('profile.json', data);
  if (!r.valid) throw new Error(`sandbox/profile.json does not match profile.json:\n${describeErrors(r.errors)}`);
  return data as ProfileFile;
}

export interface Seeded {
  personas: Persona[];
  businessIds: number[];
  inventoryAssetIds: number[];
  countryIds: number[];
  timeZoneIds: number[];
  coworkerId: number;
  coworkerTaskId: number;
  workspaceId: number;
  coworkerInventoryAssetId: number;
}

const title = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function seed(store: Store, profile: ProfileFile): Seeded {
  const adminName = Object.entries(profile.personas).find(([, p]) => p.fullAdmin)?.[1].username ?? null;
  const base = () => store.newBase(adminName);

  const personas: Persona[] = Object.entries(profile.personas).map(([name, p]) => {
    const row = store.put('users', {
      ...base(), FullName: `Sandbox ${title(name)}`, Email: p.username, IsAdmin: !!p.fullAdmin, Active: true, APIAccess: true,
    });
    row.ToStringText = `${row.FullName} - ${row.Email}`;
    return { name, username: p.username, password: p.password, fullAdmin: !!p.fullAdmin, roles: new Set((p.roles ?? []).map((r) => r.toLowerCase())), userId: row.Id };
  });

  // Countries / time zones: just the Ids the businesses reference (live values from nexudus-api.md §2.4).
  const countries = [1220, 1083].map((Id) => store.put('countries', { Id, Name: Id === 1220 ? 'United Kingdom' : 'Spain' }));
  const zones = [2023, 2041].map((Id) => store.put('timeZones', { Id, Name: Id === 2023 ? 'GMT Standard Time' : 'Romance Standard Time' }));

  const businesses = [
    { Name: 'Sandbox Coworking London', i: 0 },
    { Name: 'Sandbox Coworking Madrid', i: 1 },
  ].map(({ Name, i }) => {
    const r = store.put('businesses', {
      ...base(), Name, CountryId: countries[i].Id, SimpleTimeZoneId: zones[i].Id, Active: true, WebAddress: `sandbox-${i + 1}`,
    });
    r.ToStringText = Name;
    return r;
  });

  const assets = [
    { Name: 'Ergonomic chair', Sku: 'CHR-0042', Value: 350 },
    { Name: '27-inch monitor', Sku: 'MON-0007', Value: 0 },
  ].map((a, i) => {
    const r = store.put('inventoryAssets', { ...base(), ...a, BusinessId: businesses[i].Id, AssignToType: 1 });
    r.ToStringText = a.Name;
    return r;
  });

  const responsible = personas.find((p) => p.fullAdmin) ?? personas[0];
  const coworker: Row = store.put('Coworker', {
    ...base(),
    FullName: 'Rosa Realcustomer', Email: 'rosa.realcustomer@example.org', CountryId: countries[0].Id, SimpleTimeZoneId: zones[0].Id,
    CoworkerType: 1, Gender: 3, TaxRateType: 1, Businesses: [businesses[0].Id], InvoicingBusinessId: businesses[0].Id,
    CompanyName: 'Real Customer Ltd', BillingName: 'Rosa Realcustomer', Active: true, Notes: 'A real customer: never touch.',
    MondayAttendance: 1, TuesdayAttendance: 1, WednesdayAttendance: 2, ThursdayAttendance: 1, FridayAttendance: 2,
    SaturdayAttendance: 4, SundayAttendance: 4,
  });
  const task: Row = store.put('CoworkerTask', {
    ...base(),
    BusinessId: businesses[0].Id, CoworkerId: coworker.Id, Name: 'Call about renewal', ResponsibleId: responsible.userId,
    Notes: 'Pre-existing task.', DueDate: '2026-04-28T00:00:00Z', NotifyByEmail: false,
  });
  const workspace: Row = store.put('Workspace', {
    ...base(),
    BusinessId: businesses[0].Id, AdministratorId: coworker.Id, Name: 'Founders corner', Description: 'Pre-existing workspace.',
    Members: [coworker.Id], VisibleInMySpaces: true,
  });

  const assignment: Row = store.put('CoworkerInventoryAsset', {
    ...base(),
    CoworkerId: coworker.Id, BusinessId: businesses[0].Id, InventoryAssetId: assets[0].Id, AssignedFrom: '2026-02-17T00:00:00Z',
    Notes: 'Pre-existing assignment.',
  });

  // the records the profile names for the foreign keys of entities read from pages (resourceId, tariffId…): one
  // record each, with the Id the profile gives, so a payload that refers to it is valid
  const known: ReadonlySet<string> = new Set(REF_NAMES);
  for (const [ref, id] of Object.entries(profile.fixtures ?? {})) {
    if (known.has(ref) || typeof id !== 'number') continue;
    const name = ref.replace(/Id$/, '').replace(/^./, (c) => c.toUpperCase());
    store.put(refTable(ref), { ...base(), Id: id, Name: `Sandbox ${name}`, ToStringText: `Sandbox ${name}`, BusinessId: businesses[0].Id });
  }

  // one pre-existing record of every entity read from a page ("a real customer's", never to be touched), so reads
  // have a record before the run makes its own; seeded last, so the Ids above stay the ones README lists
  const refIds: Record<string, number | undefined> = {
    ...(profile.fixtures ?? {}), businessId: businesses[0].Id, inventoryAssetId: assets[0].Id, responsibleId: responsible.userId,
    countryId: countries[0].Id, simpleTimeZoneId: zones[0].Id, coworkerId: coworker.Id, administratorId: coworker.Id,
  };
  for (const e of ENTITIES.filter((x) => x.pages)) {
    const row: Row = { ...base() };
    for (const [name, schema] of Object.entries(e.fields)) {
      if (isOptional(schema)) continue;
      const m = meta(schema);
      const types = jsonTypes(schema);
      const values = enumValues(schema);
      if (m['x-ref']) row[name] = refIds[m['x-ref']] ?? null;
      else if (values?.length) row[name] = values[0];
      else if (types.includes('integer') || types.includes('number')) row[name] = 1;
      else if (types.includes('boolean')) row[name] = false;
      else if (types.includes('array')) row[name] = [];
      else row[name] = m['x-gen'] === 'dateText' ? '2026-01-05T09:00:00Z' : m['x-gen'] === 'email' ? 'pre-existing@example.org' : `Pre-existing ${e.name} ${name}`;
    }
    store.put(e.name, row);
  }

  return {
    personas,
    businessIds: businesses.map((b) => b.Id),
    inventoryAssetIds: assets.map((a) => a.Id),
    countryIds: countries.map((c) => c.Id),
    timeZoneIds: zones.map((z) => z.Id),
    coworkerId: coworker.Id,
    coworkerTaskId: task.Id,
    workspaceId: workspace.Id,
    coworkerInventoryAssetId: assignment.Id,
  };
}
