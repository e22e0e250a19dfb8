/**
 * Field builders for the endpoint catalogue.
 *
 * Every field is a TypeBox schema, built by ./typebox-lite.ts (so TypeScript types come from
 * the same object that ajv compiles and the OpenAPI document prints) carrying `x-` keywords that
 * tell the generators, the sandbox and the suite what the field means:
 *   x-nav        navigation name a tenant may use as PropertyName for a foreign key (nexudus-api.md §6)
 *   x-ref        which fixture / prerequisite Id a foreign key or Id list takes (see RefName)
 *   x-gen        what kind of realistic value to generate for a string
 *   x-enum-names the documented names of an enum's values
 *   x-evidence   'inferred' when the JSON spelling was not seen in any source (nexudus-api.md §2.4)
 *   x-send       'always': valid payloads always carry it; 'never': generators leave it out (side effects)
 *   x-note       a disagreement between sources, written beside the schema (nexudus-api.md §8)
 *   x-modifies   a write-only list that edits another field (AddedMembers → Members)
 *   x-after      a date that ends a period another date field starts (AssignedTo → AssignedFrom)
 *   x-server-default  written empty (null, []), the tenant may fill it in (a documented default)
 */
import type { TSchema, TString, TInteger, TBoolean, TNumber, TArray, TUnsafe } from '@sinclair/typebox';
import { Type, OptionalKind } from './typebox-lite.ts';

/** Ids the generators take from the run's fixtures or prerequisite records. */
export type KnownRef =
  | 'businessId'
  | 'inventoryAssetId'
  | 'responsibleId'
  | 'countryId'
  | 'simpleTimeZoneId'
  | 'coworkerId'
  | 'administratorId';

/** A known ref, or `<camelEntity>Id` for a foreign key to another record the profile names (fixtures). */
export type RefName = KnownRef | (string & {});

export const REF_NAMES: readonly KnownRef[] = [
  'businessId', 'inventoryAssetId', 'responsibleId', 'countryId', 'simpleTimeZoneId', 'coworkerId', 'administratorId',
];

/** Kinds of realistic string values (generators/values.ts maps each to a faker call). */
export type GenKind =
  | 'personName' | 'companyName' | 'email' | 'phone' | 'address' | 'postcode' | 'city' | 'state'
  | 'word' | 'title' | 'text' | 'url' | 'handle' | 'guid' | 'code' | 'salutation' | 'tags'
  /** a date in the past, of a grown-up */
  | 'birthDate'
  /** a text field its name says holds a date or time (no page states a format): an ISO-8601 UTC instant */
  | 'dateText';

export interface FieldMeta {
  'x-nav'?: string;
  'x-ref'?: RefName;
  'x-gen'?: GenKind;
  'x-enum-names'?: Record<string, string>;
  'x-evidence'?: 'inferred';
  'x-send'?: 'always' | 'never';
  'x-note'?: string;
  'x-local-time'?: boolean;
  /** this write-only list edits another field (AddedMembers edits Members): their interplay is silent */
  'x-modifies'?: string;
  /** this date ends a period that the named date starts (AssignedTo after AssignedFrom) */
  'x-after'?: string;
  /** written empty (null, []), the tenant may fill it in: a documented default, not a lost write */
  'x-server-default'?: boolean;
}

type Opts = FieldMeta & { description?: string };

/** A required or optional foreign key (an integer Id). */
export const fk = (nav: string, ref: RefName | undefined, description: string, o: Opts = {}): TInteger =>
  Type.Integer({ description, 'x-nav': nav, ...(ref ? { 'x-ref': ref } : {}), ...o });

/** A nullable foreign key, for optional references. */
export const nfk = (nav: string, ref: RefName | undefined, description: string, o: Opts = {}): TUnsafe<number | null> =>
  Type.Unsafe<number | null>({ type: ['integer', 'null'], description, 'x-nav': nav, ...(ref ? { 'x-ref': ref } : {}), ...o });

export const str = (gen: GenKind, description: string, o: Opts = {}): TString =>
  Type.String({ description, 'x-gen': gen, ...o });

export const nstr = (gen: GenKind, description: string, o: Opts = {}): TUnsafe<string | null> =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], description, 'x-gen': gen, ...o });

/** UTC date-time; requests carry a `Z` suffix (nexudus-api.md §6). */
export const dt = (description: string, o: Opts = {}): TString =>
  Type.String({ format: 'date-time', description, ...o });

export const ndt = (description: string, o: Opts = {}): TUnsafe<string | null> =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], format: 'date-time', description, ...o });

export const bool = (description: string, o: Opts = {}): TBoolean => Type.Boolean({ description, ...o });

export const int = (description: string, o: Opts & { minimum?: number; maximum?: number } = {}): TInteger =>
  Type.Integer({ description, ...o });

export const num = (description: string, o: Opts & { minimum?: number; maximum?: number } = {}): TNumber =>
  Type.Number({ description, ...o });

/** An integer enum with its documented names. */
export const enm = (names: Record<number, string>, description: string, o: Opts = {}): TInteger =>
  Type.Integer({ enum: Object.keys(names).map(Number), description, 'x-enum-names': names, ...o });

/** A nullable integer enum (the docs write `eRegularPaymentProvider?`). */
export const nenm = (names: Record<number, string>, description: string, o: Opts = {}): TUnsafe<number | null> =>
  Type.Unsafe<number | null>({ type: ['integer', 'null'], enum: [...Object.keys(names).map(Number), null], description, 'x-enum-names': names, ...o });

/** A list of Ids (`int[]`). */
export const idList = (ref: RefName | undefined, description: string, o: Opts = {}): TArray<TInteger> =>
  Type.Array(Type.Integer(), { description, ...(ref ? { 'x-ref': ref } : {}), ...o });

export const opt = Type.Optional;

/** Whether a field is optional in its declaration (TypeBox's Optional mark). */
export function isOptional(s: TSchema): boolean {
  return (s as unknown as Record<symbol, unknown>)[OptionalKind] === 'Optional';
}

/** Reads a field's x- metadata (TypeBox keeps unknown options on the schema object). */
export function meta(schema: TSchema): FieldMeta & { description?: string } {
  return schema as unknown as FieldMeta & { description?: string };
}

/** The JSON types a field accepts, from its schema. */
export function jsonTypes(schema: TSchema): string[] {
  const t = (schema as { type?: string | string[] }).type;
  return Array.isArray(t) ? t : t ? [t] : [];
}

export function isDateTime(schema: TSchema): boolean {
  return (schema as { format?: string }).format === 'date-time';
}

export function isIdList(schema: TSchema): boolean {
  return jsonTypes(schema).includes('array');
}

export function enumValues(schema: TSchema): number[] | undefined {
  const e = (schema as { enum?: (number | null)[] }).enum;
  return e?.filter((v): v is number => v !== null);
}

/** The Ids a run works with: fixtures discovered on the tenant plus prerequisite records it created. */
export type Refs = Record<RefName, number>;
