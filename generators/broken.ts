/**
 * Broken request bodies: a valid body with exactly one thing wrong, and the expectation the suite
 * asserts for it (nexudus-api.md §6 for the documented rules, §8 #9 for the silent probes). Schemathesis
 * style: a broken case says what it broke (`rule`, `fields`, `how`).
 */
import fc from 'fast-check';
import type { ErrorObject } from 'ajv';
import { ENDPOINTS, type Endpoint } from '../api/catalogue/endpoints.ts';
import type { Refs } from '../api/catalogue/fields.ts';
import { validate, describeErrors } from '../schemas/ajv.ts';
import { sendable, fieldsOf, isWrite, strictSchemaId, ORDERED_DATES, type FieldInfo, type FieldKind } from './model.ts';
import { validBody, idPool, type Body, type BodyOptions } from './valid.ts';
import { isoDateTime, durationSeconds, isoAfter, isoBefore, withOffset, DATE_OFFSETS } from './values.ts';

export type Rule =
  | 'required-missing' | 'required-null' | 'required-empty' | 'required-several' // documented: 400 "is a required field"
  // silent probes: no source says what a tenant answers (nexudus-api.md §6, §8 #9, §10)
  | 'required-blank' | 'wrong-type' | 'bad-date' | 'id-list-not-list'
  | 'optional-wrong-type' | 'enum-out-of-range' | 'fk-unknown' | 'assigned-to-before-from'
  | 'extra-field' | 'put-unknown-id' | 'date-offset';

export type Expectation =
  | { kind: 'required'; fields: string[] } // 400, failure envelope, an Errors item per field (field or its x-nav name) with "is a required field"
  | { kind: 'undocumented'; probe: string }; // recorded and compared with a baseline, never asserted

export interface BrokenCase {
  /** `ep.id`, e.g. `POST /api/crm/coworkertasks` */
  endpoint: string;
  rule: Rule;
  /** the field(s) the rule breaks; the extra property's name for extra-field; `Id` for put-unknown-id */
  fields: string[];
  /** one line saying what was broken, e.g. `Name: "   " (whitespace only)` */
  how: string;
  body: Body;
  expect: Expectation;
}

export interface BrokenOptions extends BodyOptions {
  /** break these fields instead of drawing them (cover mode); must be candidates of the rule */
  fields?: string[];
}

export const RULES: readonly Rule[] = [
  'required-missing', 'required-null', 'required-empty', 'required-blank', 'required-several',
  'wrong-type', 'bad-date', 'id-list-not-list',
  'optional-wrong-type', 'enum-out-of-range', 'fk-unknown', 'assigned-to-before-from',
  'extra-field', 'put-unknown-id', 'date-offset',
];

/** Ids at or above the floor cannot exist on a tenant: 2^31-1 minus less than 1000 (Ids are Int32). */
export const UNKNOWN_ID_MAX = 2 ** 31 - 1;
export const UNKNOWN_ID_SPAN = 1000;
export const UNKNOWN_ID_FLOOR = UNKNOWN_ID_MAX - UNKNOWN_ID_SPAN + 1;

const KIND_OF_RULE: Record<Rule, Expectation['kind']> = {
  'required-missing': 'required', 'required-null': 'required', 'required-empty': 'required', 'required-several': 'required',
  // whitespace-only required text: .NET validators differ (nexudus-api.md §10 "Blank required strings")
  'required-blank': 'undocumented',
  // wrong JSON types and unparseable dates: nexudus-api.md §6 "Wrong JSON types … silent"
  'wrong-type': 'undocumented', 'bad-date': 'undocumented', 'id-list-not-list': 'undocumented',
  'optional-wrong-type': 'undocumented', 'enum-out-of-range': 'undocumented', 'fk-unknown': 'undocumented',
  'assigned-to-before-from': 'undocumented', 'extra-field': 'undocumented', 'put-unknown-id': 'undocumented', 'date-offset': 'undocumented',
};

/** The ajv keywords a rule's violation may raise; `[]` = the body must be schema-valid (a semantic probe). */
export const RULE_KEYWORDS: Record<Rule, readonly string[]> = {
  'required-missing': ['required'], 'required-null': ['type'], 'required-empty': ['pattern'], 'required-blank': ['pattern'],
  'required-several': ['required'], 'wrong-type': ['type'], 'bad-date': ['format', 'pattern'], 'id-list-not-list': ['type'],
  'optional-wrong-type': ['type'], 'enum-out-of-range': ['enum'], 'extra-field': ['additionalProperties'], 'date-offset': ['pattern'],
  'fk-unknown': [], 'assigned-to-before-from': [], 'put-unknown-id': [],
};

// ------------------------------------------------------------------------------------------ damage

/** Whitespace a .NET `string.IsNullOrWhiteSpace` and the strict schema's `\S` both treat as blank. */
export const BLANKS = [' ', '   ', '\t', '\n', ' \t\r\n ', '\u00a0', '\u3000'] as const;

/**
 * Unparseable in any culture. Left out on purpose: `2025-01-15 10:30` and `31/12/2025` (.NET's culture-aware
 * DateTime.Parse fallback may accept them) and `""` (Json.NET reads it as null for a nullable date).
 */
export const BAD_DATES = ['not-a-date', '2025-13-01T10:00:00Z', '2025-02-30T10:00:00Z', '2025-01-15T25:61:00Z', 'yesterday'] as const;

/**
 * Wrong JSON types a lenient deserializer cannot coerce (Json.NET turns 42 into "42" and "12" into 12, so
 * those would not be "rejected"): objects and arrays for anything, a non-numeric string for numbers.
 */
function assertedWrongValues(kind: FieldKind): unknown[] {
  switch (kind) {
    case 'fk': case 'integer': case 'number': case 'enum': return ['not-a-number', {}, []];
    case 'boolean': return ['maybe', {}, []];
    case 'date': return [20250115, {}, []];
    case 'string': return [{}, [], { text: 'object for a string' }];
    case 'idList': return [{}, 'not-a-list'];
  }
}

/** Wrong types for the silent probe: including the ones a lenient deserializer might coerce. */
function probeWrongValues(f: FieldInfo, refs: Refs): unknown[] {
  switch (f.kind) {
    case 'boolean': return ['true', 'yes', 1];
    case 'fk': return [String(f.ref ? refs[f.ref] : 1), 'abc'];
    case 'integer': return ['12', 'abc'];
    case 'number': return ['12.5', 'abc'];
    case 'string': return [42, true, {}];
    case 'date': return [20250115, true];
    default: return ['wrong'];
  }
}

const OUT_OF_RANGE = [77, -1, 999, 2 ** 31 - 1];

/** Unknown property names; none is a field of any entity (checked at use). */
const EXTRA_NAMES = ['ConformanceProbe', 'TypeName', 'UnknownField', 'XNexudusExtra'];
const EXTRA_VALUES: unknown[] = ['probe', 1, true, null, { nested: 'probe' }];

const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

// ------------------------------------------------------------------------------------------ applicability

const pairOf = (ep: Endpoint) => {
  const names = new Set(sendable(ep).map((f) => f.name));
  return ORDERED_DATES.find((p) => names.has(p.from) && names.has(p.to));
};

/** Field names (or, for extra-field, unknown property names) a rule can break on `ep`. */
export function candidates(ep: Endpoint, rule: Rule): string[] {
  const fs = sendable(ep);
  const names = (p: (f: FieldInfo) => boolean) => fs.filter(p).map((f) => f.name);
  switch (rule) {
    case 'required-missing': case 'required-null': case 'required-several': return names((f) => f.required);
    case 'required-empty': case 'required-blank': return names((f) => f.requiredText);
    case 'wrong-type': return names((f) => f.required && f.kind !== 'enum');
    case 'bad-date': case 'date-offset': return names((f) => f.kind === 'date');
    case 'id-list-not-list': return names((f) => f.kind === 'idList');
    case 'optional-wrong-type': return names((f) => !f.required && !f.marker && f.kind !== 'idList' && f.kind !== 'enum');
    case 'enum-out-of-range': return names((f) => f.kind === 'enum');
    case 'fk-unknown': return names((f) => f.kind === 'fk' && !!f.ref);
    case 'assigned-to-before-from': { const p = pairOf(ep); return p ? [p.to] : []; }
    case 'extra-field': { const known = new Set(fieldsOf(ep).map((f) => f.name).concat('Id')); return EXTRA_NAMES.filter((n) => !known.has(n)); }
    case 'put-unknown-id': return ep.op === 'update' ? ['Id'] : [];
  }
}

/** The rules that apply to `ep` (only create/update endpoints have any). */
export function rulesFor(ep: Endpoint): Rule[] {
  if (!isWrite(ep)) return [];
  return RULES.filter((r) => candidates(ep, r).length >= (r === 'required-several' ? 2 : 1));
}

export function expectationFor(rule: Rule, fields: string[]): Expectation {
  const kind = KIND_OF_RULE[rule];
  if (kind === 'required') return { kind, fields };
  return { kind, probe: rule };
}

// ------------------------------------------------------------------------------------------ generation

interface Damage {
  /** selects among a rule's fixed bad values (shrinks to the first) */
  k: number;
  /** distance below UNKNOWN_ID_MAX */
  n: number;
  secs: number;
  offset: string;
  fallback: string;
}

const damage: fc.Arbitrary<Damage> = fc.record(
  { k: fc.nat(999), n: fc.nat(UNKNOWN_ID_SPAN - 1), secs: durationSeconds(), offset: fc.constantFrom(...DATE_OFFSETS), fallback: isoDateTime() },
  { noNullPrototype: true },
);

const at = <T>(xs: readonly T[], k: number): T => xs[k % xs.length];
const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v));

function breakBody(ep: Endpoint, refs: Refs, rule: Rule, base: Body, fields: string[], d: Damage): BrokenCase {
  const body: Body = { ...base };
  const [f] = fields;
  const info = fieldsOf(ep).find((x) => x.name === f);
  let how: string;
  switch (rule) {
    case 'required-missing': delete body[f]; how = `${f} omitted`; break;
    case 'required-null': body[f] = null; how = `${f}: null`; break;
    case 'required-empty': body[f] = ''; how = `${f}: ""`; break;
    case 'required-blank': body[f] = at(BLANKS, d.k); how = `${f}: ${show(body[f])} (whitespace only)`; break;
    case 'required-several': for (const x of fields) delete body[x]; how = `${fields.join(', ')} omitted together`; break;
    case 'wrong-type': body[f] = at(assertedWrongValues(info!.kind), d.k); how = `${f}: ${show(body[f])} (${typeName(body[f])} for ${info!.kind})`; break;
    case 'optional-wrong-type': body[f] = at(probeWrongValues(info!, refs), d.k); how = `${f}: ${show(body[f])} (${typeName(body[f])} for optional ${info!.kind})`; break;
    case 'bad-date': body[f] = at(BAD_DATES, d.k); how = `${f}: ${show(body[f])} (unparseable date)`; break;
    case 'id-list-not-list': {
      const pool = idPool(info!.ref, refs);
      body[f] = at<unknown>([pool[0] ?? 1, pool.join(',') || '1'], d.k);
      how = `${f}: ${show(body[f])} (${typeName(body[f])} instead of an Id list)`;
      break;
    }
    case 'enum-out-of-range': {
      const outside = OUT_OF_RANGE.filter((v) => !(info!.enumValues ?? []).includes(v));
      body[f] = at(outside, d.k);
      how = `${f}: ${show(body[f])} (documented: ${(info!.enumValues ?? []).join(', ')})`;
      break;
    }
    case 'fk-unknown': body[f] = UNKNOWN_ID_MAX - d.n; how = `${f}: ${body[f]} (an Id that cannot exist)`; break;
    case 'put-unknown-id': body.Id = UNKNOWN_ID_MAX - d.n; how = `Id: ${body.Id} (no such record)`; break;
    case 'assigned-to-before-from': {
      const p = pairOf(ep)!;
      if (typeof body[p.from] !== 'string') body[p.from] = d.fallback;
      body[p.to] = isoBefore(body[p.from] as string, d.secs);
      how = `${p.to}: ${body[p.to]} before ${p.from}: ${body[p.from]}`;
      break;
    }
    case 'extra-field': body[f] = at(EXTRA_VALUES, d.k); how = `unknown property ${f}: ${show(body[f])}`; break;
    case 'date-offset': {
      const p = ORDERED_DATES.find((x) => x.to === f);
      const current = body[f];
      const utc = typeof current === 'string' ? current
        : p && typeof body[p.from] === 'string' ? isoAfter(body[p.from] as string, d.secs) : d.fallback;
      body[f] = withOffset(utc, d.offset);
      how = `${f}: ${body[f]} (offset instead of Z; same instant as ${utc})`;
      break;
    }
  }
  return { endpoint: ep.id, rule, fields, how, body, expect: expectationFor(rule, fields) };
}

/**
 * A body breaking `rule` on `ep`, and only that rule. Apart from the broken part it is a valid body with
 * the same marker treatment, so a tenant that wrongly accepts it creates a findable record.
 */
export function brokenBody(ep: Endpoint, refs: Refs, rule: Rule, opts: BrokenOptions = {}): fc.Arbitrary<BrokenCase> {
  const cands = candidates(ep, rule);
  const min = rule === 'required-several' ? 2 : 1;
  if (cands.length < min) throw new Error(`${ep.id}: rule ${rule} does not apply (see rulesFor)`);
  let pick: fc.Arbitrary<string[]>;
  if (opts.fields) {
    const bad = opts.fields.filter((x) => !cands.includes(x));
    if (bad.length || opts.fields.length < min || (min === 1 && opts.fields.length !== 1))
      throw new Error(`${ep.id}: ${rule} cannot break [${opts.fields.join(', ')}]; candidates: ${cands.join(', ')}`);
    pick = fc.constant([...opts.fields]);
  } else {
    pick = rule === 'required-several' ? fc.subarray(cands, { minLength: 2 }) : fc.constantFrom(...cands).map((x) => [x]);
  }
  // the unknown-Id probe replaces Id anyway, so it needs no real record
  const id = ep.op === 'update' && rule === 'put-unknown-id' && opts.id === undefined ? 1 : opts.id;
  const base = validBody(ep, refs, { id, marker: opts.marker });
  return fc
    .record({ base, fields: pick, d: damage }, { noNullPrototype: true })
    .map(({ base: b, fields, d }) => breakBody(ep, refs, rule, b, fields, d));
}

/** Any broken case for `ep`, over every rule that applies. */
export function anyBroken(ep: Endpoint, refs: Refs, opts: BodyOptions = {}): fc.Arbitrary<BrokenCase> {
  const rules = rulesFor(ep);
  if (!rules.length) throw new Error(`${ep.id} has no broken-payload rules`);
  return fc.oneof(...rules.map((r) => brokenBody(ep, refs, r, opts)));
}

// ------------------------------------------------------------------------------------------ self-check

export interface Violation {
  /** the case breaks exactly its rule, at exactly its fields */
  ok: boolean;
  /** why not, one line each */
  problems: string[];
  /** the strict schema's own errors, readable */
  errors: string;
}

function errorField(e: ErrorObject): string {
  const p = e.params as { missingProperty?: string; additionalProperty?: string };
  if (e.keyword === 'required' && p.missingProperty) return p.missingProperty;
  if (e.keyword === 'additionalProperties' && p.additionalProperty) return p.additionalProperty;
  return e.instancePath.split('/')[1] ?? '(root)';
}

function endpointById(id: string): Endpoint {
  const ep = ENDPOINTS.find((x) => x.id === id);
  if (!ep) throw new Error(`unknown endpoint ${id}`);
  return ep;
}

/**
 * Checks a broken case against the strict request schema: every ajv error sits at a claimed field and is
 * of the rule's kind, every claimed field has one, and the properties the schema cannot see hold (unknown
 * Ids, date order). With `refs`, every untouched foreign key and Id list must still come from them.
 */
export function explainViolation(c: BrokenCase, refs?: Refs): Violation {
  const ep = endpointById(c.endpoint);
  const { errors } = validate(strictSchemaId(ep), c.body);
  const problems: string[] = [];
  const claimed = new Set(c.fields);
  const allowed = RULE_KEYWORDS[c.rule];
  const b = c.body;

  if (!rulesFor(ep).includes(c.rule)) problems.push(`rule ${c.rule} does not apply to ${ep.id}`);
  const exp = expectationFor(c.rule, c.fields);
  if (JSON.stringify(exp) !== JSON.stringify(c.expect)) problems.push(`expectation ${JSON.stringify(c.expect)} should be ${JSON.stringify(exp)}`);

  // schema side: the rule's kind, at the claimed fields, at all of them
  if (allowed.length === 0 && errors.length) problems.push(`a ${c.rule} probe must be schema-valid`);
  for (const e of errors) {
    const at = errorField(e);
    if (!claimed.has(at)) problems.push(`unclaimed error at ${at}: ${e.keyword} ${e.message}`);
    else if (!allowed.includes(e.keyword)) problems.push(`error of another kind at ${at}: ${e.keyword} (rule ${c.rule} allows ${allowed.join('/')})`);
  }
  if (allowed.length) for (const f of claimed) if (!errors.some((e) => errorField(e) === f)) problems.push(`claimed field ${f} is not rejected by the schema`);

  // the rule's own property
  const f = c.fields[0];
  switch (c.rule) {
    case 'required-missing': if (f in b) problems.push(`${f} should be absent`); break;
    case 'required-null': if (b[f] !== null) problems.push(`${f} should be null`); break;
    case 'required-empty': if (b[f] !== '') problems.push(`${f} should be ""`); break;
    case 'required-blank': if (typeof b[f] !== 'string' || b[f] === '' || (b[f] as string).trim() !== '') problems.push(`${f} should be whitespace only`); break;
    case 'required-several':
      if (c.fields.length < 2) problems.push('required-several needs 2+ fields');
      for (const x of c.fields) if (x in b) problems.push(`${x} should be absent`);
      break;
    case 'fk-unknown': if (typeof b[f] !== 'number' || (b[f] as number) < UNKNOWN_ID_FLOOR) problems.push(`${f} should be an Id ≥ ${UNKNOWN_ID_FLOOR}`); break;
    case 'put-unknown-id': if (typeof b.Id !== 'number' || b.Id < UNKNOWN_ID_FLOOR) problems.push(`Id should be ≥ ${UNKNOWN_ID_FLOOR}`); break;
    case 'date-offset': if (typeof b[f] !== 'string' || !/[+-]\d\d:\d\d$/.test(b[f] as string)) problems.push(`${f} should end in an offset`); break;
    // an offset date only fails the Z pattern: a bad date must fail the date-time format itself
    case 'bad-date': if (!errors.some((e) => e.keyword === 'format' && errorField(e) === f)) problems.push(`${f}: ${show(b[f])} is a well-formed date-time`); break;
    case 'extra-field': if (f in ep.entity.fields || f === 'Id') problems.push(`${f} is a known field`); break;
    default: break;
  }

  // no other rule: Ids that cannot exist, date order, the PUT Id
  const errored = new Set(errors.map(errorField));
  if (ep.op === 'update' && !Number.isInteger(b.Id)) problems.push('PUT body without an integer Id');
  if (ep.op === 'update' && c.rule !== 'put-unknown-id' && (b.Id as number) >= UNKNOWN_ID_FLOOR) problems.push('Id is in the unknown-Id range');
  for (const x of fieldsOf(ep)) {
    if (!(x.name in b) || claimed.has(x.name)) continue;
    const v = b[x.name];
    if (x.kind === 'fk' && typeof v === 'number') {
      if (v >= UNKNOWN_ID_FLOOR) problems.push(`${x.name} holds an unknown Id outside the rule`);
      if (refs && x.ref && v !== refs[x.ref]) problems.push(`${x.name}: ${v} is not refs.${x.ref}`);
    }
    if (x.kind === 'idList' && Array.isArray(v) && refs) {
      const pool = idPool(x.ref, refs);
      if (v.some((i) => !pool.includes(i as number))) problems.push(`${x.name} holds Ids outside refs`);
    }
  }
  for (const p of ORDERED_DATES) {
    const from = b[p.from], to = b[p.to];
    if (typeof from !== 'string' || typeof to !== 'string' || errored.has(p.from) || errored.has(p.to)) continue;
    const before = Date.parse(to) <= Date.parse(from);
    if (c.rule === 'assigned-to-before-from' ? !before : before) problems.push(`${p.to} ${to} vs ${p.from} ${from}: order breaks ${c.rule === 'assigned-to-before-from' ? 'the claim' : 'a rule not claimed'}`);
  }
  return { ok: problems.length === 0, problems, errors: describeErrors(errors) };
}
