/**
 * Valid request bodies for every create/update endpoint, derived from the catalogue. "Valid" means the
 * strict request schema (`<slug>.post|put.strict.json`) accepts it and it only references Ids from `refs`.
 */
import fc from 'fast-check';
import type { Endpoint } from '../api/catalogue/endpoints.ts';
import type { Refs, RefName } from '../api/catalogue/fields.ts';
import { sendable, assertWrite, ORDERED_DATES, type FieldInfo } from './model.ts';
import { realisticString, isoDateTime, birthDate, durationSeconds, isoAfter, decimal } from './values.ts';

export type Body = Record<string, unknown>;

export interface BodyOptions {
  /** PUT: the Id of the record to update (required for update endpoints) */
  id?: number;
  /** written into the entity's markerFields so every created record can be found again */
  marker?: string;
}

const ABSENT: unique symbol = Symbol('absent');

/** An end date that is resolved against its start date once the whole body is drawn. */
class After {
  constructor(readonly anchor: string, readonly seconds: number, readonly fallback: string) {}
}

/**
 * Ids an Id list may hold. Workspace members and the like are coworkers; the run's administrator is a
 * coworker too (nexudus-api.md §2.3), so both are eligible.
 */
export function idPool(ref: RefName | undefined, refs: Refs): number[] {
  if (!ref) return [];
  const ids = ref === 'coworkerId' ? [refs.coworkerId, refs.administratorId] : [refs[ref]];
  return [...new Set(ids.filter((x) => Number.isInteger(x) && x > 0))];
}

function refValue(f: FieldInfo, refs: Refs): number {
  if (!f.ref) throw new Error(`field ${f.name} is a foreign key without x-ref: the catalogue must say which Id it takes`);
  const v = refs[f.ref];
  if (!Number.isInteger(v) || v < 1) throw new Error(`refs.${f.ref} must be a positive integer for ${f.name}; got ${String(v)}`);
  return v;
}

/** A valid, non-null value for one field. */
export function fieldValue(ep: Endpoint, f: FieldInfo, refs: Refs): fc.Arbitrary<unknown> {
  switch (f.kind) {
    case 'fk':
      return fc.constant(refValue(f, refs));
    case 'idList': {
      const pool = idPool(f.ref, refs);
      return pool.length ? fc.uniqueArray(fc.constantFrom(...pool), { maxLength: pool.length }) : fc.constant([]);
    }
    case 'date': {
      const pair = ORDERED_DATES.find((p) => p.to === f.name && p.from in ep.entity.fields);
      if (pair) return fc.tuple(durationSeconds(), isoDateTime()).map(([s, fallback]) => new After(pair.from, s, fallback));
      return f.gen === 'birthDate' ? birthDate() : isoDateTime();
    }
    case 'enum':
      return fc.constantFrom(...(f.enumValues ?? []));
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: f.minimum ?? 0, max: f.maximum ?? 10_000 });
    case 'number': {
      const coord = f.maximum !== undefined && f.maximum <= 180 && (f.minimum ?? 0) < 0;
      return decimal(f.minimum ?? 0, f.maximum ?? 10_000, coord ? 6 : 2);
    }
    case 'string':
      return realisticString(f.gen);
  }
}

function fieldArb(ep: Endpoint, f: FieldInfo, refs: Refs, marker: string | undefined): fc.Arbitrary<unknown> {
  const marked = !!marker && f.marker;
  let a = fieldValue(ep, f, refs);
  if (marked) return a.map((s) => `${marker} ${String(s)}`);
  if (f.nullable && !f.required) a = fc.oneof({ arbitrary: a, weight: 9 }, { arbitrary: fc.constant(null), weight: 1 });
  // present or absent independently, half the time each; shrinking drops optional fields first
  return f.always ? a : fc.option(a, { nil: ABSENT, freq: 2 });
}

function finalize(raw: Record<string, unknown>): Body {
  const out: Body = {};
  for (const [k, v] of Object.entries(raw)) if (v !== ABSENT) out[k] = v;
  for (const [k, v] of Object.entries(out)) {
    if (v instanceof After) {
      const from = out[v.anchor];
      out[k] = typeof from === 'string' ? isoAfter(from, v.seconds) : v.fallback;
    }
  }
  return out;
}

/**
 * Any valid body for `ep` (POST or PUT). Optional fields are present or absent independently,
 * `x-send: 'never'` fields never appear, `x-send: 'always'` ones always do; FKs and Id lists come from
 * `refs`; PUT carries `Id = opts.id`; with `opts.marker` every marker field is present and starts with it.
 */
export function validBody(ep: Endpoint, refs: Refs, opts: BodyOptions = {}): fc.Arbitrary<Body> {
  assertWrite(ep);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  if (ep.op === 'update') {
    if (!Number.isInteger(opts.id) || (opts.id as number) < 1) throw new Error(`${ep.id}: validBody needs opts.id (the record to update)`);
    model.Id = fc.constant(opts.id);
  }
  for (const f of sendable(ep)) model[f.name] = fieldArb(ep, f, refs, opts.marker);
  return fc.record(model, { noNullPrototype: true }).map(finalize);
}
