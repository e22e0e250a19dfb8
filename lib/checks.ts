/**
 * The contract's checks: small, named, reusable; each failure message says what the docs require and
 * what the tenant answered, so a reader need not open the spec (Schemathesis style). Sources are
 * nexudus-api.md sections and the seed pages.
 */
import { expect } from '@playwright/test';
import { acceptedNames, type EntityDecl } from './catalogue/entities.ts';
import { isDateTime, isIdList, meta } from './catalogue/fields.ts';
import { validate, describeErrors } from '../schemas/ajv.ts';
import type { Exchange } from './client.ts';

type Envelope = {
  Status?: number;
  Message?: string;
  Value?: { Id?: number } | null;
  Errors?: { AttemptedValue?: unknown; Message?: string; PropertyName?: string }[] | null;
  WasSuccessful?: boolean;
};

const show = (ex: Exchange) => `${ex.method} ${ex.path} as ${ex.persona ?? 'nobody'} answered ${ex.status}: ${ex.responseText.slice(0, 600)}`;

// Hot paths test their condition first and call expect() only to report a failure: every expect()
// is a report step with a captured stack in Playwright (about 0.2 ms), as much as a sandbox request.

/** The tenant answered at all (no network error), and never a server error on our input. */
export function expectNoServerError(ex: Exchange): void {
  if (ex.networkError !== undefined) expect(ex.networkError, `${ex.method} ${ex.path}: no answer (${ex.networkError})`).toBeUndefined();
  if (!(ex.status < 500)) expect(ex.status, `a server error on this input is a finding: ${show(ex)}`).toBeLessThan(500);
}

export function expectSchema(ex: Exchange, schemaId: string, what: string): void {
  if (!ex.isJson) expect(ex.isJson, `${what} must be JSON: ${show(ex)}`).toBe(true);
  const r = validate(schemaId, ex.json);
  if (!r.valid) expect(r.valid, `${what} must match ${schemaId}:\n${describeErrors(r.errors)}\n${show(ex)}`).toBe(true);
}

/** expect(actual).toBe(wanted) with its message built only when it fails */
function mustBe(actual: unknown, wanted: unknown, message: () => string): void {
  if (!Object.is(actual, wanted)) expect(actual, message()).toBe(wanted);
}

/** POST/PUT success (seed pages, 200 example): envelope, Message, Value.Id, Errors null. */
export function expectMutationSuccess(ex: Exchange, e: EntityDecl, verb: 'created' | 'updated'): number {
  expectNoServerError(ex);
  mustBe(ex.status, 200, () => `a valid payload must be accepted with 200: ${show(ex)}`);
  expectSchema(ex, 'envelope.mutation.json', 'the success envelope');
  const j = ex.json as Envelope;
  mustBe(j.Message, `${e.name} was successfully ${verb}.`, () => `Message must read "${e.name} was successfully ${verb}."`);
  return j.Value!.Id!;
}

export { acceptedNames };

/** Required-field violation (seed pages, 400 example; nexudus-api.md §6). */
export function expectRequiredFieldErrors(ex: Exchange, e: EntityDecl, fields: string[]): void {
  expectNoServerError(ex);
  mustBe(ex.status, 400, () => `a missing required field must be answered 400: ${show(ex)}`);
  expectSchema(ex, 'envelope.validation-error.json', 'the validation-failure envelope');
  const j = ex.json as Envelope;
  const errors = j.Errors ?? [];
  for (const f of fields) {
    const names = acceptedNames(e, f);
    const item = errors.find((x) => names.includes(x.PropertyName ?? ''));
    if (!item) expect(item, `Errors must hold an item for ${names.join(' or ')}; got ${JSON.stringify(errors)}`).toBeDefined();
    mustBe(item!.Message, 'is a required field', () => `Errors item for ${item!.PropertyName} must say "is a required field"`);
    mustBe(Object.prototype.hasOwnProperty.call(item, 'AttemptedValue'), true, () => `Errors item for ${item!.PropertyName} must carry AttemptedValue`);
  }
  const allNames = fields.flatMap((f) => acceptedNames(e, f));
  const m = /^([^:]+): (.+)$/.exec(j.Message ?? '');
  if (!m) expect(m, `top-level Message must read "PropertyName: message"; got ${JSON.stringify(j.Message)}`).not.toBeNull();
  if (!allNames.includes(m![1])) expect(allNames, `top-level Message must name one of the violated fields (${allNames.join(', ')}); got ${JSON.stringify(j.Message)}`).toContain(m![1]);
}

/** Wrong JSON type / unparseable date / non-list: rejected with a failure envelope naming the field. */
export function expectRejectedNaming(ex: Exchange, e: EntityDecl, field: string): void {
  expectNoServerError(ex);
  mustBe(ex.status >= 400 && ex.status < 500, true, () => `input of the wrong type must be rejected with a 4xx: ${show(ex)}`);
  expectSchema(ex, 'envelope.validation-error.json', 'the failure envelope');
  const names = acceptedNames(e, field);
  const errors = (ex.json as Envelope).Errors ?? [];
  mustBe(errors.some((x) => names.includes(x.PropertyName ?? '')), true, () => `Errors must name ${names.join(' or ')}; got ${JSON.stringify(errors)}`);
}

/** A denied request (nexudus-api.md §4: 401, not 403, unless the profile declares otherwise). */
export function expectDenied(ex: Exchange, status: number): void {
  expectNoServerError(ex);
  mustBe(ex.status, status, () => `a request without the permission must be answered ${status}: ${show(ex)}`);
}

/** Every response the docs describe is JSON of a documented envelope or record (issue 6 §2). */
export const DOCUMENTED_SHAPES = [
  'envelope.mutation.json', 'envelope.validation-error.json', 'envelope.delete.json', 'envelope.list.json',
  'token.response.json', 'oauth.error.json',
  ...['coworkerinventoryasset', 'coworkertask', 'coworker', 'workspace'].flatMap((s) => [`${s}.record.json`, `${s}.batch.json`]),
];

// the shape the same kind of answer had last time is tried first (a dozen schemas otherwise)
const lastShape = new Map<string, string>();

export function documentedShape(ex: Exchange): string | undefined {
  if (!ex.isJson) return undefined;
  if (ex.status === 404 && typeof ex.json === 'string') return 'not-found string (nexudus-api.md §3.2)';
  const key = `${ex.method} ${ex.path.replace(/\d+/g, '#').replace(/\?.*/, '')} ${ex.status}`;
  const hint = lastShape.get(key);
  if (hint && validate(hint, ex.json).valid) return hint;
  const found = DOCUMENTED_SHAPES.find((id) => id !== hint && validate(id, ex.json).valid);
  if (found) lastShape.set(key, found);
  return found;
}

/** Answers the docs do not describe: 401 bodies, throttles, 405 of the missing DELETE. */
export const exemptFromShape = (ex: Exchange): boolean => ex.status === 401 || ex.status === 403 || ex.status === 405 || ex.status === 409 || ex.status === 429 || ex.kind === 'token' && ex.status >= 500;

export function expectDocumentedShape(ex: Exchange): void {
  if (exemptFromShape(ex) || ex.networkError) return;
  const shape = documentedShape(ex);
  if (shape === undefined) expect(shape, `every answer must be JSON of a documented envelope or record: ${show(ex)}`).toBeDefined();
}

const emptyValue = (v: unknown) => v === null || v === undefined || v === false || v === '' || v === 0 || (Array.isArray(v) && v.length === 0);

/** Lists edited by Added…/Removed… fields in the same body: their precedence is silent (nexudus-api.md §8 #12). */
function editedBy(e: EntityDecl, sent: Record<string, unknown>): Set<string> {
  return new Set(Object.keys(sent).map((k) => (e.fields[k] ? meta(e.fields[k])['x-modifies'] : undefined)).filter((x): x is string => !!x));
}

/** Compares what was sent with what GET one returns: dates as instants, Id lists as sets, extra fields allowed. */
export function roundTripDifferences(e: EntityDecl, sent: Record<string, unknown>, got: Record<string, unknown>): string[] {
  const diffs: string[] = [];
  const edited = editedBy(e, sent);
  for (const [k, v] of Object.entries(sent)) {
    if (k === 'Id' || e.writeOnly?.includes(k) || edited.has(k)) continue;
    const s = e.fields[k];
    if (!s || meta(s)['x-local-time']) continue; // local/UTC interplay is silent (nexudus-api.md §2.2)
    const g = got[k];
    if (isDateTime(s) && typeof v === 'string') {
      if (typeof g !== 'string' || Date.parse(g) !== Date.parse(v)) diffs.push(`${k}: sent ${JSON.stringify(v)}, read ${JSON.stringify(g)}`);
    } else if (isIdList(s) && Array.isArray(v)) {
      const a = [...new Set(v as number[])].sort();
      const b = Array.isArray(g) ? [...new Set(g as number[])].sort() : g;
      if (JSON.stringify(a) !== JSON.stringify(b)) diffs.push(`${k}: sent ${JSON.stringify(v)}, read ${JSON.stringify(g)}`);
    } else if (JSON.stringify(v) !== JSON.stringify(g)) {
      diffs.push(`${k}: sent ${JSON.stringify(v)}, read ${JSON.stringify(g)}`);
    }
  }
  return diffs;
}

export function expectRoundTrip(e: EntityDecl, sent: Record<string, unknown>, got: Record<string, unknown>): void {
  const d = roundTripDifferences(e, sent, got);
  if (d.length) expect(d, `GET one must return every field that was sent:\n${d.join('\n')}`).toEqual([]);
}

/** PUT is a full replace (nexudus-api.md §1): optional fields the PUT omitted are cleared. */
export function expectOmittedCleared(e: EntityDecl, before: Record<string, unknown>, sent: Record<string, unknown>, got: Record<string, unknown>): string[] {
  const edited = editedBy(e, sent);
  const omitted = Object.keys(e.fields).filter((k) => !(k in sent) && !e.writeOnly?.includes(k) && !edited.has(k) && !emptyValue(before[k]) && k in got);
  const kept = omitted.filter((k) => !emptyValue(got[k]));
  if (kept.length) expect(kept, `PUT must clear the optional fields it omitted (full replace); still set: ${kept.map((k) => `${k}=${JSON.stringify(got[k])}`).join(', ')}`).toEqual([]);
  return omitted;
}

export { emptyValue };
