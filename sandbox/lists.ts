/**
 * GET list semantics (nexudus-api.md §1.2, §3.2): `page` (default 1), `size` (default 25, max 1000),
 * `orderBy`, `dir`, exact filters `<Prefix>_<Prop>` (FKs by navigation name, denormalized fields as
 * `<Nav>_<Prop>`), range filters `from_<Prefix>_<Prop>` / `to_<Prefix>_<Prop>` (inclusive; dates as
 * `YYYY-MM-DDTHH:mm`). Works on rendered rows, so fixture lists share it.
 */
import type { Faults } from './faults.ts';
import type { Row } from './store.ts';
import { parseDateTime } from './validation.ts';

export interface ListSpec {
  /** filter prefix, e.g. `CoworkerTask` or `User` */
  prefix: string;
  /** lower-cased navigation name → FK field (CoworkerTask_Coworker → CoworkerId) */
  navs: Record<string, string>;
}

const DEFAULT_SIZE = 25;
const MAX_SIZE = 1000;

function intParam(q: URLSearchParams, name: string, fallback: number): number {
  const raw = q.get(name);
  if (raw === null || !/^\s*[+-]?\d+\s*$/.test(raw)) return fallback;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : fallback;
}

/** `dir`: 1 ascending, -1 descending (S1 developers pages); 0 and asc/desc names also read (nexudus-api.md §8 #3). */
function direction(raw: string | null): 1 | -1 {
  const d = (raw ?? '').trim().toLowerCase();
  return d === '-1' || d === 'desc' || d === 'descending' ? -1 : 1;
}

/** Case-insensitive property lookup on a row. */
function keyOf(row: Row, name: string): string | undefined {
  const n = name.toLowerCase();
  return Object.keys(row).find((k) => k.toLowerCase() === n);
}

function resolve(spec: ListSpec, sample: Row, rest: string): string | undefined {
  const nav = spec.navs[rest.toLowerCase()];
  if (nav) return nav;
  return keyOf(sample, rest.replace(/_/g, ''));
}

function matches(v: unknown, q: string): boolean {
  if (Array.isArray(v)) return v.includes(Number(q));
  if (typeof v === 'number') return q.trim() !== '' && Number(q) === v;
  if (typeof v === 'boolean') return q.trim().toLowerCase() === String(v);
  if (typeof v === 'string') {
    if (v.toLowerCase() === q.toLowerCase()) return true;
    const a = parseDateTime(v);
    return a !== null && a === parseDateTime(q);
  }
  return false;
}

/** Comparable form for range filters and sorting: numbers stay, dates become epoch ms. */
function scalar(v: unknown): number | string | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const d = /^\d{4}-\d{2}-\d{2}T/.test(v) ? parseDateTime(v) : null;
    return d ? Date.parse(d) : v.toLowerCase();
  }
  if (Array.isArray(v)) return v.length;
  return null;
}

function rangeBound(q: string, sampleValue: unknown): number | null {
  if (typeof sampleValue === 'string') {
    const d = parseDateTime(q);
    return d ? Date.parse(d) : null;
  }
  const n = Number(q);
  return q.trim() !== '' && Number.isFinite(n) ? n : null;
}

export function listEnvelope(rows: Row[], q: URLSearchParams, spec: ListSpec, faults: Faults): Record<string, unknown> {
  const prefix = spec.prefix.toLowerCase() + '_';
  let out = rows;
  const sample: Row = rows[0] ?? { Id: 0 };
  for (const [key, value] of q) {
    const k = key.toLowerCase();
    if (value === '') continue; // an empty filter is no filter
    let kind: 'eq' | 'from' | 'to';
    let rest: string;
    if (k.startsWith(prefix)) { kind = 'eq'; rest = key.slice(prefix.length); }
    else if (k.startsWith('from_' + prefix)) { kind = 'from'; rest = key.slice(5 + prefix.length); }
    else if (k.startsWith('to_' + prefix)) { kind = 'to'; rest = key.slice(3 + prefix.length); }
    else continue; // unknown parameters are ignored, as live ignores PageNumber/PageSize (§3.2)
    const field = resolve(spec, sample, rest);
    if (!field) continue; // unknown property: ignored (silent)
    if (kind === 'eq') {
      if (!faults.on('list-filter-ignored')) out = out.filter((r) => matches(r[field], value));
      continue;
    }
    const bound = rangeBound(value, out.find((r) => r[field] !== null && r[field] !== undefined)?.[field] ?? sample[field]);
    if (bound === null) continue; // unparseable bound: ignored (silent)
    out = out.filter((r) => {
      const s = scalar(r[field]);
      return typeof s === 'number' && (kind === 'from' ? s >= bound : s <= bound);
    });
  }

  const orderField = (q.get('orderBy') ?? q.get('orderby')) ? keyOf(sample, (q.get('orderBy') ?? q.get('orderby'))!) ?? 'Id' : 'Id';
  const dir = direction(q.get('dir'));
  out = [...out].sort((a, b) => {
    const x = scalar(a[orderField]);
    const y = scalar(b[orderField]);
    let c = x === y ? 0 : x === null ? -1 : y === null ? 1 : typeof x === typeof y ? (x < y ? -1 : 1) : typeof x === 'number' ? -1 : 1;
    if (c === 0) c = a.Id - b.Id;
    return c * dir;
  });

  const size = Math.min(MAX_SIZE, Math.max(1, intParam(q, 'size', DEFAULT_SIZE)));
  const page = Math.max(1, intParam(q, 'page', 1));
  const total = out.length;
  const totalPages = Math.ceil(total / size);
  const records = out.slice((page - 1) * size, page * size);
  const first = records.length ? (page - 1) * size + 1 : 0;
  const env: Record<string, unknown> = {
    Records: records,
    CurrentPage: page,
    CurrentPageSize: size,
    CurrentOrderField: orderField,
    CurrentSortDirection: dir,
    FirstItem: first,
    LastItem: records.length ? first + records.length - 1 : 0,
    TotalItems: total,
    TotalPages: totalPages,
    HasNextPage: page < totalPages,
    HasPreviousPage: page > 1,
  };
  if (faults.on('list-envelope-no-totals')) delete env.TotalItems;
  return env;
}
