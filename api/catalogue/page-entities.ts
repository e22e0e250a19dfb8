/**
 * Entities read from their documentation pages (docs/pages/, plus the seed pages): every page whose field
 * lists are complete enough to write a valid record becomes an entity declaration, with its POST and PUT
 * required sets, types, enums and role as the page states them. What a page leaves open stays open: a field
 * whose required flag captures disagree on is never asserted as required and always sent (both readings
 * pass); a field of no stated type is never sent. What no page says comes from ./overrides.ts.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TSchema } from '@sinclair/typebox';
import { Type } from './typebox-lite.ts';
import { readPage, mergeCaptures, completeEnough, groupCaptures, type EndpointDeclaration, type DeclaredField, type PageCapture } from '../pages/index.ts';
import { fk, nfk, str, nstr, bool, int, num, enm, nenm, idList, opt, isOptional, type GenKind } from './fields.ts';
import { NOT_READ, OVERRIDES, refOf } from './overrides.ts';
import type { EntityDecl, PageReading } from './decl.ts';


/** The shipped pages; NEXUDUS_PAGES_DIR points the catalogue at another folder of pages (a user's own selection). */
export const SHIPPED_PAGES_DIR = fileURLToPath(new URL('../../docs/pages/', import.meta.url));
export const PAGES_DIR = process.env.NEXUDUS_PAGES_DIR || SHIPPED_PAGES_DIR;
const SEEDS_DIR = fileURLToPath(new URL('../../docs/seeds/', import.meta.url));

/** Every capture of the shipped folders, cited by its path in the repository. */
export function shippedCaptures(pagesDir = PAGES_DIR): PageCapture[] {
  const read = (dir: string, prefix: string) => (existsSync(dir) ? readdirSync(dir) : [])
    .filter((n) => /\.(txt|md|mdx)$/i.test(n) && !/^README\.md$/i.test(n) && !n.startsWith('DOC_'))
    .sort()
    .map((n) => readPage(readFileSync(join(dir, n), 'utf8'), `${prefix}${n}`));
  return [...read(SEEDS_DIR, 'docs/seeds/'), ...read(pagesDir, pagesDir === SHIPPED_PAGES_DIR ? 'docs/pages/' : `${pagesDir.replace(/\/?$/, '/')}`)];
}

/** The shipped pages, one declaration per method and path. */
export function shippedDeclarations(pagesDir = PAGES_DIR): EndpointDeclaration[] {
  return groupCaptures(shippedCaptures(pagesDir)).map(mergeCaptures).filter((d) => d.method && d.path && d.entity);
}

/** A string field's realistic kind, from its name: how to generate it, never a format the contract asserts. */
function genKindOf(name: string): GenKind {
  if (/Email/.test(name)) return 'email';
  if (/(Url|Website)$/.test(name)) return 'url';
  if (/Phone/.test(name)) return 'phone';
  if (/(Date|Time|On|From|To|Arrival|Departure)(Local)?$/.test(name)) return 'dateText';
  if (/^(FullName|BillingName)$/.test(name)) return 'personName';
  if (/(Name|Title|Subject)$/.test(name)) return 'title';
  if (/(Notes|Description|Message|Text|Summary|Content|Body|Location)$/.test(name)) return 'text';
  if (/(Code|Reference|Number|Sku|Guid)$/.test(name)) return 'code';
  return 'word';
}

const MARKER_PREFERENCE = ['Notes', 'Description', 'Name', 'Title', 'Subject', 'Message', 'MessageText', 'FullName', 'Location', 'Reference', 'Code'];

/** The schema of one field as its page types it; undefined when no page states a type (never sent). */
function fieldSchema(entity: string, f: DeclaredField, required: boolean): TSchema | undefined {
  const o = OVERRIDES[entity]?.[f.name];
  const description = f.description ?? f.name;
  const extra = { 'x-source': f.at.map((c) => `${c.file} line ${c.line}`).join('; '), ...(o?.never ? { 'x-send': 'never' as const } : {}) };
  const either = f.required === 'either' ? { 'x-send': 'always' as const, 'x-note': `captures disagree on whether ${f.name} is required: both readings pass (docs/contract.md)` } : {};
  const values = f.enumValues?.length ? Object.fromEntries(f.enumValues.map((v) => [v.value, v.name])) : undefined;
  switch (f.type) {
    case 'integer': {
      if (values) return required ? enm(values, description, { ...extra, ...either }) : nenm(values, description, { ...extra, ...either });
      if (f.enumRef) return Type.Unsafe<number | null>({ type: required ? 'integer' : ['integer', 'null'], description, ...extra, ...either, ...(required ? {} : { 'x-send': 'never' }) });
      if (/.Id$/.test(f.name)) {
        const target = o?.target ?? f.name.slice(0, -2);
        const ref = refOf(target);
        return required ? fk(target, ref, description, { ...extra, ...either }) : nfk(target, ref, description, { ...extra, 'x-send': 'never', ...either });
      }
      return required ? int(description, { ...extra, ...either }) : Type.Unsafe<number | null>({ type: ['integer', 'null'], description, ...extra, ...either });
    }
    case 'number':
      return required ? num(description, { ...extra, ...either }) : Type.Unsafe<number | null>({ type: ['number', 'null'], description, ...extra, ...either });
    case 'boolean':
      return bool(description, { ...extra, ...either });
    case 'string':
      return required ? str(genKindOf(f.name), description, { ...extra, ...either }) : nstr(genKindOf(f.name), description, { ...extra, ...either });
    case 'integer[]':
      // lists of Ids of records the run does not make: documented, typed, never sent
      return idList(undefined, description, { ...extra, 'x-send': 'never' });
    default:
      return undefined;
  }
}

const isRequired = (f: DeclaredField | undefined) => f?.required === true;

/** The deployment module and collection of a path `/api/<module>/<collection>`. */
function pathParts(path: string): { module: string; collection: string } | undefined {
  const m = /^\/api\/([a-z]+)\/([a-z]+)$/.exec(path);
  return m ? { module: m[1], collection: m[2] } : undefined;
}

export interface LeftOut {
  id: string;
  files: string[];
  why: string;
}

/** Entities read from the pages; `declared` are the entities the catalogue declares itself (their pages are compared, not read). */
export function pageEntities(declared: ReadonlySet<string>, pagesDir = PAGES_DIR): { entities: EntityDecl[]; leftOut: LeftOut[]; declarations: EndpointDeclaration[] } {
  const declarations = shippedDeclarations(pagesDir);
  const leftOut: LeftOut[] = [];
  const byEntity = new Map<string, EndpointDeclaration[]>();
  for (const d of declarations) {
    const id = `${d.method} ${d.path}`;
    if (declared.has(d.entity!)) continue;
    if (NOT_READ[d.entity!]) { leftOut.push({ id, files: d.files, why: NOT_READ[d.entity!] }); continue; }
    const parts = pathParts(d.path!);
    if (d.method !== 'POST' && d.method !== 'PUT') { leftOut.push({ id, files: d.files, why: `a ${d.method} page: only POST and PUT pages declare a record` }); continue; }
    if (!parts) { leftOut.push({ id, files: d.files, why: `the path ${d.path} is not /api/<module>/<collection>` }); continue; }
    const ok = completeEnough(d);
    if (!ok.ok) { leftOut.push({ id, files: d.files, why: ok.why ?? 'the field lists are not complete enough to write a valid record' }); continue; }
    byEntity.set(d.entity!, [...(byEntity.get(d.entity!) ?? []), d]);
  }
  const entities: EntityDecl[] = [];
  for (const [name, ds] of byEntity) {
    const post = ds.find((d) => d.method === 'POST');
    const put = ds.find((d) => d.method === 'PUT');
    const { module, collection } = pathParts((post ?? put)!.path!)!;
    const names = [...new Set(ds.flatMap((d) => d.fields.map((f) => f.name)))].filter((n) => n !== 'Id');
    const fields: Record<string, TSchema> = {};
    const untyped: string[] = [];
    for (const n of names) {
      const fp = post?.fields.find((f) => f.name === n);
      const fu = put?.fields.find((f) => f.name === n);
      const f = fp?.type ? fp : fu?.type ? fu : (fp ?? fu)!;
      // the schema's own required mark follows POST's page when there is one, else PUT's
      const req = post ? isRequired(fp) : isRequired(fu);
      const either = post ? fp?.required === 'either' : fu?.required === 'either';
      const s = fieldSchema(name, either ? { ...f, required: 'either' } : f, req);
      if (!s) { untyped.push(n); continue; }
      fields[n] = req ? s : opt(s);
    }
    // the marker goes into free-text fields: an optional one first (a broken body that blanks every required text still
    // carries it), then the required ones the preference names
    const strings = Object.keys(fields).filter((n) => ['text', 'title', 'word', 'personName'].includes((fields[n] as { 'x-gen'?: string })['x-gen'] ?? ''));
    const ranked = [...MARKER_PREFERENCE.filter((m) => strings.includes(m)), ...strings.filter((s) => !MARKER_PREFERENCE.includes(s))];
    const optionalText = ranked.find((n) => isOptional(fields[n]));
    const markerFields = [...(optionalText ? [optionalText] : []), ...ranked.filter((n) => !isOptional(fields[n]) && MARKER_PREFERENCE.includes(n))];
    if (!markerFields.length && ranked.length) markerFields.push(ranked[0]);
    const reading = (d: EndpointDeclaration | undefined): PageReading | undefined => d && {
      url: d.captures.find((c) => c.source)?.source?.value,
      files: d.files,
      required: d.fields.filter((f) => f.required === true && f.name !== 'Id' && fields[f.name]).map((f) => f.name),
      either: d.fields.filter((f) => f.required === 'either' && fields[f.name]).map((f) => f.name),
      role: d.role ? { name: d.role.name, sentence: d.role.sentence, at: d.role.at.map((c) => `${c.file} line ${c.line}`) } : undefined,
      disagreements: d.disagreements.map((x) => `${x.field} (${x.aspect}): ${x.readings.map((r) => `${r.value} at ${r.at.map((c) => `${c.file}:${c.line}`).join(', ')}`).join(' / ')}`),
    };
    const needs = [...new Set(Object.values(fields).map((s) => (s as { 'x-ref'?: string; 'x-send'?: string })).filter((s) => s['x-ref'] && s['x-send'] !== 'never').map((s) => s['x-ref']!))];
    entities.push({
      name, module, collection, fields, readOnly: {}, readOnlyOptional: true,
      deleteVia: { kind: 'delete' }, markerFields, needs, deleteOrder: 2,
      summary: `${name}, read from its documentation page${ds.length > 1 ? 's' : ''}.`,
      pages: { POST: reading(post), PUT: reading(put) },
      untyped,
    } as EntityDecl);
  }
  return { entities: entities.sort((a, b) => a.name.localeCompare(b.name)), leftOut, declarations };
}
