/**
 * In-memory tenant state. Entity records are stored as written (base fields + writable fields);
 * denormalized read-only fields are computed at read time (entities.ts) so they follow the linked
 * records. Fixture tables (businesses, users…) are plain rows.
 */
import { randomUUID } from 'node:crypto';
import type { EntityName } from '../api/catalogue/entities.ts';
import type { RefName } from '../api/catalogue/fields.ts';

export type Row = Record<string, unknown> & { Id: number };

export type FixtureTable = 'businesses' | 'inventoryAssets' | 'users' | 'countries' | 'timeZones';
export type TableName = EntityName | FixtureTable;

/** Which table an `x-ref` points at (FK existence checks and denormalized names); see refTable() for the rest. */
export const REF_TABLE: Record<string, TableName> = {
  businessId: 'businesses',
  inventoryAssetId: 'inventoryAssets',
  responsibleId: 'users',
  countryId: 'countries',
  simpleTimeZoneId: 'timeZones',
  coworkerId: 'Coworker',
  administratorId: 'Coworker',
};

/** The table of a ref: a known one, or the records the profile names for it (`fixtures.<ref>`, seeded as they are). */
export const refTable = (ref: RefName): TableName => REF_TABLE[ref] ?? `fixture:${ref}`;

/** mulberry32: a tiny seeded PRNG, so seeded Ids are the same on every start (README lists them). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let subMs = 0;
/** UTC now with 7 fractional digits and Z, as live records show (nexudus-api.md §2.4: 2026-08-27T08:29:18.7760862Z). */
export function nowIso(): string {
  const iso = new Date().toISOString(); // …T08:29:18.776Z
  subMs = (subMs + 1 + Math.floor(Math.random() * 97)) % 10000;
  return `${iso.slice(0, 23)}${String(subMs).padStart(4, '0')}Z`;
}

export class Store {
  readonly tables = new Map<TableName, Map<number, Row>>();
  private readonly rand = mulberry32(0x5eed);
  private last = 1_400_000_000 + 13_577;

  constructor() {
    for (const t of ['CoworkerInventoryAsset', 'CoworkerTask', 'Coworker', 'Workspace', 'businesses', 'inventoryAssets', 'users',
      'countries', 'timeZones'] as TableName[]) this.tables.set(t, new Map());
  }

  /** Large, irregular Ids so nobody hard-codes them (live Ids are ~1.42e9, nexudus-api.md §1). */
  nextId(): number {
    this.last += 1 + Math.floor(this.rand() * 48_611);
    return this.last;
  }

  /** A table; one not seen before (an entity read from a page, a profile's fixture) starts empty. */
  table(t: TableName): Map<number, Row> {
    let m = this.tables.get(t);
    if (!m) this.tables.set(t, (m = new Map()));
    return m;
  }

  get(t: TableName, id: number): Row | undefined {
    return this.table(t).get(id);
  }

  put(t: TableName, row: Row): Row {
    this.table(t).set(row.Id, row);
    return row;
  }

  delete(t: TableName, id: number): boolean {
    return this.table(t).delete(id);
  }

  /** Base fields every record carries (nexudus-api.md §1). */
  newBase(updatedBy: string | null): Row {
    const now = nowIso();
    return { Id: this.nextId(), UniqueId: randomUUID(), CreatedOn: now, UpdatedOn: now, UpdatedBy: updatedBy, IsNew: false, SystemId: null };
  }
}
