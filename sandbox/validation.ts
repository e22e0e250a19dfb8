/**
 * Request-body validation for POST/PUT, driven by the catalogue's field schemas: required fields
 * ("is a required field", nexudus-api.md §6), JSON types, dates, enum values and FK existence.
 * Returns the normalized values of the fields that were sent; entities.ts stores them.
 */
import type { TSchema } from '@sinclair/typebox';
import { requiredFields, type EntityDecl } from '../api/catalogue/entities.ts';
import { enumValues, isDateTime, jsonTypes, meta } from '../api/catalogue/fields.ts';
import { requiredFault } from './faults.ts';
import type { Tenant } from './http.ts';
import { refTable } from './store.ts';

export type ErrorKind = 'required' | 'type' | 'enum' | 'date' | 'reference';

export interface FieldError {
  kind: ErrorKind;
  AttemptedValue: unknown;
  Message: string;
  PropertyName: string;
}

export interface Checked {
  errors: FieldError[];
  /** normalized values of the fields present in the body (null included) */
  values: Record<string, unknown>;
  /** a required field carried a wrong JSON type (for the wrong-type-500 fault) */
  wrongTypeOnRequired: boolean;
}

const ID_SCHEMA = { type: 'integer' } as unknown as TSchema;

/**
 * ISO-8601 date-time → `YYYY-MM-DDTHH:mm:ss[.fffffff]Z`, or null when unparseable. Offsets are
 * converted to UTC, a missing zone is read as UTC and a bare date as midnight UTC (silent points,
 * README "Choices on silent points").
 */
export function parseDateTime(s: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z|z|[+-]\d{2}:?\d{2})?$/.exec(s.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', sec = '00', frac = '', zone = 'Z'] = m;
  const nums = [y, mo, d, h, mi, sec].map(Number);
  const date = new Date(0);
  date.setUTCFullYear(nums[0], nums[1] - 1, nums[2]);
  date.setUTCHours(nums[3], nums[4], nums[5], 0);
  // reject rolled-over components (2025-02-30, 25:00)
  if (date.getUTCFullYear() !== nums[0] || date.getUTCMonth() !== nums[1] - 1 || date.getUTCDate() !== nums[2] ||
    date.getUTCHours() !== nums[3] || date.getUTCMinutes() !== nums[4] || date.getUTCSeconds() !== nums[5]) return null;
  if (zone.toUpperCase() !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    const offset = (Number(z[2]) * 60 + Number(z[3])) * (z[1] === '+' ? 1 : -1);
    if (Number(z[2]) > 14 || Number(z[3]) > 59) return null;
    date.setTime(date.getTime() - offset * 60_000);
  }
  return formatUtc(date, frac);
}

/** Formats a UTC instant with the given fractional digits (trailing zeros dropped). */
export function formatUtc(date: Date, frac = ''): string | null {
  const y = date.getUTCFullYear();
  if (!Number.isFinite(y) || y < 1 || y > 9999) return null;
  const iso = date.toISOString().replace(/^\+0*/, '');
  const f = frac.replace(/0+$/, '');
  return `${String(y).padStart(4, '0')}${iso.slice(iso.indexOf('-'), 19)}${f ? '.' + f : ''}Z`;
}

/** Shifts a normalized date by whole milliseconds, keeping its fractional digits. */
export function shiftDate(s: string, ms: number): string {
  const m = /^(.{19})(\.\d+)?Z$/.exec(s);
  if (!m) return s;
  return formatUtc(new Date(Date.parse(`${m[1]}Z`) + ms), (m[2] ?? '').slice(1)) ?? s;
}

/**
 * The PropertyName a tenant uses: the navigation name for a FK (live "Booking" for BookingId, §6), or
 * the field itself under the `fk-name-as-field` variation (another conformant answer).
 */
export const propertyName = (field: string, schema: TSchema, fieldName = false): string => (fieldName ? field : meta(schema)['x-nav'] ?? field);

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function typeOk(v: unknown, types: string[]): boolean {
  if (types.includes('array')) return Array.isArray(v) && v.every((x) => Number.isSafeInteger(x));
  if (types.includes('integer')) return Number.isSafeInteger(v);
  if (types.includes('number')) return typeof v === 'number' && Number.isFinite(v);
  if (types.includes('boolean')) return typeof v === 'boolean';
  if (types.includes('string')) return typeof v === 'string';
  return true;
}

/** What the `wrong-type-accepted` fault does: coerce anything into the field's type. */
function coerce(v: unknown, schema: TSchema): unknown {
  const types = jsonTypes(schema);
  if (types.includes('array')) return Array.isArray(v) ? v.map(Number).filter(Number.isSafeInteger) : [];
  if (types.includes('integer')) return Number.isSafeInteger(Math.trunc(Number(v))) ? Math.trunc(Number(v)) : 0;
  if (types.includes('number')) return Number.isFinite(Number(v)) ? Number(v) : 0;
  if (types.includes('boolean')) return Boolean(v);
  if (isDateTime(schema)) return typeof v === 'string' ? parseDateTime(v) : null;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

type Checking = Pick<Tenant, 'store' | 'faults' | 'variations'>;

export function checkWrite(e: EntityDecl, body: Record<string, unknown>, verb: 'create' | 'update', { store, faults, variations }: Checking): Checked {
  const method = verb === 'create' ? 'POST' : 'PUT';
  const navName = (name: string, schema: TSchema) => propertyName(name, schema, variations.on('fk-name-as-field'));
  const required = new Set(verb === 'create' ? requiredFields(e) : ['Id', ...requiredFields(e), ...(e.putRequiredExtra ?? [])]);
  const fields: [string, TSchema][] = [...(verb === 'update' ? [['Id', ID_SCHEMA] as [string, TSchema]] : []), ...Object.entries(e.fields)];
  const out: Checked = { errors: [], values: {}, wrongTypeOnRequired: false };
  const err = (kind: ErrorKind, PropertyName: string, AttemptedValue: unknown, Message: string) =>
    out.errors.push({ kind, AttemptedValue: AttemptedValue === undefined ? null : AttemptedValue, Message, PropertyName });

  for (const [name, schema] of fields) {
    const v = body[name];
    const types = jsonTypes(schema);
    const isFk = !!meta(schema)['x-nav'] && types.includes('integer');
    // A required FK of 0 is .NET's "no reference": the tenant reports it as missing (silent point, README).
    if (required.has(name) && (blank(v) || (isFk && v === 0))) {
      const enforced = !faults.on('accept-missing-required') && !faults.on(requiredFault(e.name, method, name));
      if (enforced) err('required', navName(name, schema), v, 'is a required field');
      continue;
    }
    if (v === undefined) continue;
    if (v === null) {
      // null on a non-nullable optional field reads as "not sent" (silent point, README)
      if (types.includes('null')) out.values[name] = null;
      continue;
    }
    let value: unknown = v;
    if (!typeOk(v, types)) {
      if (faults.on('wrong-type-accepted')) {
        out.values[name] = coerce(v, schema);
        continue;
      }
      if (required.has(name)) out.wrongTypeOnRequired = true;
      err('type', name, v, 'is not valid');
      continue;
    }
    if (isDateTime(schema)) {
      const d = parseDateTime(v as string);
      if (d === null) {
        if (faults.on('wrong-type-accepted') || faults.on('bad-date-accepted')) { out.values[name] = null; continue; }
        if (required.has(name)) out.wrongTypeOnRequired = true;
        err('date', name, v, 'is not a valid date');
        continue;
      }
      value = d;
    }
    const allowedValues = enumValues(schema);
    if (allowedValues && !allowedValues.includes(v as number)) {
      err('enum', name, v, 'is not a valid value');
      continue;
    }
    const ref = meta(schema)['x-ref'];
    if (ref && name !== 'Id') {
      const table = refTable(ref);
      const ids = Array.isArray(v) ? (v as number[]) : [v as number];
      if (ids.some((id) => !store.get(table, id))) {
        err('reference', navName(name, schema), v, 'does not exist');
        continue;
      }
    }
    if (name === 'Id' && (v as number) <= 0) {
      err('required', 'Id', v, 'is a required field');
      continue;
    }
    out.values[name] = value;
  }
  return out;
}
