/**
 * What the generators need to know about an endpoint's body, read from the catalogue (never re-declared):
 * each field's kind, whether the endpoint requires it, whether it is ever sent, and which ref it takes.
 */
import type { TSchema } from '@sinclair/typebox';
import type { Endpoint } from '../api/catalogue/endpoints.ts';
import { slug } from '../api/catalogue/endpoints.ts';
import { ENTITIES, acceptedNames as entityAcceptedNames } from '../api/catalogue/entities.ts';
import { meta, jsonTypes, isDateTime, isIdList, enumValues, type GenKind, type RefName } from '../api/catalogue/fields.ts';

export type FieldKind = 'fk' | 'idList' | 'date' | 'enum' | 'boolean' | 'integer' | 'number' | 'string';

export interface FieldInfo {
  name: string;
  kind: FieldKind;
  /** the endpoint requires it (never true for PUT's Id, which is not a field of the entity) */
  required: boolean;
  /** valid payloads always carry it (required, or `x-send: 'always'`) */
  always: boolean;
  nullable: boolean;
  /** one of the entity's markerFields */
  marker: boolean;
  /** a required, non-date string: "is a required field" for empty or blank text */
  requiredText: boolean;
  ref?: RefName;
  gen?: GenKind;
  enumValues?: number[];
  minimum?: number;
  maximum?: number;
  /** the navigation name a tenant may report instead of the field (nexudus-api.md §6) */
  nav?: string;
  send?: 'always' | 'never';
}

/** Dates that end a period another date starts (`x-after` in the catalogue: AssignedTo after AssignedFrom, nexudus-api.md §2.1). */
export const ORDERED_DATES: readonly { from: string; to: string }[] = ENTITIES.flatMap((e) =>
  Object.entries(e.fields).flatMap(([to, s]) => {
    const from = meta(s)['x-after'];
    return from ? [{ from, to }] : [];
  }),
).filter((p, i, all) => all.findIndex((q) => q.from === p.from && q.to === p.to) === i);

function kindOf(s: TSchema): FieldKind {
  const types = jsonTypes(s);
  if (isIdList(s)) return 'idList';
  if (isDateTime(s)) return 'date';
  if (enumValues(s)) return 'enum';
  if (types.includes('integer') && meta(s)['x-nav']) return 'fk';
  if (types.includes('boolean')) return 'boolean';
  if (types.includes('integer')) return 'integer';
  if (types.includes('number')) return 'number';
  return 'string';
}

const modelCache = new Map<string, FieldInfo[]>();

/** Every field of the endpoint's body except PUT's Id, including `x-send: 'never'` ones (see `sendable`). */
export function fieldsOf(ep: Endpoint): FieldInfo[] {
  assertWrite(ep);
  const hit = modelCache.get(ep.id);
  if (hit) return hit;
  const required = new Set(ep.required.filter((n) => n !== 'Id'));
  const out = Object.entries(ep.entity.fields).map(([name, s]): FieldInfo => {
    const m = meta(s);
    const kind = kindOf(s);
    const req = required.has(name);
    const raw = s as unknown as { minimum?: number; maximum?: number };
    return {
      name, kind, required: req,
      always: req || m['x-send'] === 'always',
      nullable: jsonTypes(s).includes('null'),
      marker: ep.entity.markerFields.includes(name),
      requiredText: req && kind === 'string',
      ref: m['x-ref'], gen: m['x-gen'], enumValues: enumValues(s), minimum: raw.minimum, maximum: raw.maximum, nav: m['x-nav'], send: m['x-send'],
    };
  });
  modelCache.set(ep.id, out);
  return out;
}

/** Fields valid payloads may carry (`x-send: 'never'` excluded). */
export function sendable(ep: Endpoint): FieldInfo[] {
  // x-send 'never' is about side effects; a required field can't be left out of a valid body
  return fieldsOf(ep).filter((f) => f.required || f.send !== 'never');
}

export function field(ep: Endpoint, name: string): FieldInfo {
  const f = fieldsOf(ep).find((x) => x.name === name);
  if (!f) throw new Error(`${ep.id} has no field ${name}`);
  return f;
}

export const isWrite = (ep: Endpoint): boolean => ep.op === 'create' || ep.op === 'update';

export function assertWrite(ep: Endpoint): void {
  if (!isWrite(ep)) throw new Error(`${ep.id} is not a create/update endpoint`);
}

/** `$id` of the strict request schema: the generators' notion of valid (api/json-schemas.ts). */
export function strictSchemaId(ep: Endpoint): string {
  assertWrite(ep);
  return `${slug(ep.entity)}.${ep.op === 'create' ? 'post' : 'put'}.strict.json`;
}

/** Names a tenant may use for the field in `Errors[].PropertyName` (the catalogue decides). */
export function acceptedNames(ep: Endpoint, name: string): string[] {
  return entityAcceptedNames(ep.entity, name);
}
