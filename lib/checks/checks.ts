/**
 * The contract's checks: small, named, reusable; each failure message names its clause and source
 * (api/contract/clauses.ts) and says what the tenant answered, so a reader need not open the spec.
 */
import { acceptedNames, type EntityDecl } from '../../api/catalogue/entities.ts';
import { ENDPOINTS } from '../../api/catalogue/endpoints.ts';
import { isDateTime, isIdList, meta } from '../../api/catalogue/fields.ts';
import { validate, describeErrors } from '../../schemas/ajv.ts';
import type { ClauseId } from '../../api/contract/clauses.ts';
import { claim } from './claim.ts';
import type { Exchange } from '../client/client.ts';

type Envelope = {
  Status?: number;
  Message?: string;
  Value?: { Id?: number } | null;
  Errors?: { AttemptedValue?: unknown; Message?: string; PropertyName?: string }[] | null;
  WasSuccessful?: boolean;
};

/** What came back, then what was sent: the failure message alone (JUnit, Allure) lets a reader judge the exchange. */
const show = (ex: Exchange) =>
  `${ex.method} ${ex.path} as ${ex.persona ?? 'nobody'} answered ${ex.networkError ? `nothing (${ex.networkError})` : ex.status}: ${ex.responseText.slice(0, 600)}` +
  (ex.requestBody !== undefined ? `\n  sent: ${ex.requestBody.length > 400 ? `${ex.requestBody.slice(0, 400)}…` : ex.requestBody}` : '');

const ENDPOINT_IDS = new Set(ENDPOINTS.map((x) => x.id));

/**
 * The catalogue endpoint a request went to (`GET /api/crm/coworkertasks/{id}`), or undefined (the token endpoint,
 * fixture lists): a failure about its answer cites that endpoint's own seed page (clauseSource).
 */
export function endpointOf(ex: Pick<Exchange, 'method' | 'path'>): string | undefined {
  const [path, query = ''] = ex.path.split('?');
  const id = /\/\d+$/.test(path) ? `${ex.method} ${path.replace(/\/\d+$/, '/{id}')}`
    : ex.method === 'GET' && /(^|&)id=/.test(query) ? `GET ${path}?id=[…]`
    : `${ex.method} ${path}`;
  return ENDPOINT_IDS.has(id) ? id : undefined;
}

// Hot paths test their condition first and call claim() only to report a failure: every expect()
// is a report step with a captured stack in Playwright (about 0.2 ms), as much as a sandbox request.

/**
 * The documented status of a clause; a network error or a 5xx fails it like any other status. `at`: the endpoint
 * the failure is about (default: the one the request went to).
 */
export function expectStatus(ex: Exchange, clause: ClauseId, wanted: number | ((s: number) => boolean), what: string, at = endpointOf(ex)): void {
  const ok = typeof wanted === 'number' ? ex.status === wanted && !ex.networkError : !ex.networkError && wanted(ex.status);
  if (!ok) claim(clause, ex.networkError ?? ex.status, `${what}: ${show(ex)}`, at).toBe(typeof wanted === 'number' ? wanted : 'a status the clause allows');
}

/** A documented JSON answer: JSON of its schema (under `clause`), then its media type (clause answers.content-type). */
export function expectSchema(ex: Exchange, clause: ClauseId, schemaId: string, what: string, at = endpointOf(ex)): void {
  if (!ex.isJson) claim(clause, ex.isJson, `${what} must be JSON: ${show(ex)}`, at).toBe(true);
  const r = validate(schemaId, ex.json);
  if (!r.valid) claim(clause, r.valid, `${what} must match ${schemaId}:\n${describeErrors(r.errors, schemaId)}\n${show(ex)}`, at).toBe(true);
  expectJsonMediaType(ex, what, at);
}

/** The media type of an answer's Content-Type, without parameters, lower-cased ('' when there is none). */
export const mediaTypeOf = (ex: Pick<Exchange, 'responseHeaders'>): string => (ex.responseHeaders['content-type'] ?? '').split(';')[0].trim().toLowerCase();

/** Clause answers.content-type (nexudus-api.md §1 Content types): a documented JSON answer says application/json. */
export function expectJsonMediaType(ex: Exchange, what: string, at = endpointOf(ex)): void {
  if (mediaTypeOf(ex) !== 'application/json') {
    const got = ex.responseHeaders['content-type'];
    claim('answers.content-type', got ?? null, `${what} must say Content-Type application/json (parameters such as charset allowed); got ${got === undefined ? 'no Content-Type' : JSON.stringify(got)}: ${show(ex)}`, at).toBe('application/json');
  }
}

/** claim(…).toBe(wanted) with its message built only when it fails; `at`: the endpoint the failure is about */
export function mustBe(clause: ClauseId, actual: unknown, wanted: unknown, message: () => string, at?: string): void {
  if (!Object.is(actual, wanted)) claim(clause, actual, message(), at).toBe(wanted);
}

/** The current wording (seed pages) and the 2020 one (nexudus-api.md §1.1): both documented readings pass. */
const SUCCESS_WORDING = {
  created: /was successfully created\.|has been succe?ss?fully created\./,
  updated: /was successfully updated\.|was updated successfully/,
};

/** POST/PUT success (seed pages, 200): status, envelope, the body's Status, the confirming Message; returns Value.Id. */
export function expectMutationSuccess(ex: Exchange, e: EntityDecl, verb: 'created' | 'updated'): number {
  const at = endpointOf(ex);
  expectStatus(ex, 'success.status', 200, 'a valid payload must be accepted with 200', at);
  expectSchema(ex, 'success.envelope', 'envelope.mutation.json', 'the success envelope', at);
  const j = ex.json as Envelope;
  // the 200 table's Status row: "HTTP status code. 200 on success." (the body's own field, not the HTTP status)
  mustBe('success.body-status', j.Status, 200, () => `the success envelope's Status must be 200; got ${JSON.stringify(j.Status)}: ${show(ex)}`, at);
  const wording = `was successfully ${verb}.`;
  mustBe('success.message', SUCCESS_WORDING[verb].test(j.Message ?? ''), true, () => `Message must confirm the write with "${wording}" (as "${e.name} ${wording}", or the 2020 wording); got ${JSON.stringify(j.Message)}`, at);
  return j.Value!.Id!;
}

export { acceptedNames };

/** Required-field violation (seed pages, 400 example; nexudus-api.md §6). */
export function expectRequiredFieldErrors(ex: Exchange, e: EntityDecl, fields: string[]): void {
  const at = endpointOf(ex);
  expectStatus(ex, 'required.status', 400, 'a missing required field must be answered 400', at);
  expectSchema(ex, 'failure.envelope', 'envelope.validation-error.json', 'the validation-failure envelope', at);
  const j = ex.json as Envelope;
  const errors = j.Errors ?? [];
  for (const f of fields) {
    const names = acceptedNames(e, f);
    const item = errors.find((x) => names.includes(x.PropertyName ?? ''));
    if (!item) claim('required.errors', item, `Errors must hold an item for ${names.join(' or ')}; got ${JSON.stringify(errors)}`, at).toBeDefined();
    mustBe('required.message', item!.Message, 'is a required field', () => `Errors item for ${item!.PropertyName} must say "is a required field"`, at);
  }
  // how several errors are joined is silent (nexudus-api.md §6): one "PropertyName: message" part (a line, or
  // a part between separators) must name a violated field
  const allNames = fields.flatMap((f) => acceptedNames(e, f));
  const parts = (j.Message ?? '').split(/\r?\n|;\s*|\|/).map((x) => /^\s*([^:]+): (.+)$/.exec(x)).filter((x): x is RegExpExecArray => !!x);
  if (!parts.length) claim('failure.summary', j.Message, `top-level Message must read "PropertyName: message"; got ${JSON.stringify(j.Message)}`, at).toMatch(/^[^:]+: .+/);
  if (!parts.some((m) => allNames.includes(m[1].trim()))) claim('failure.summary', allNames, `top-level Message must name one of the violated fields (${allNames.join(', ')}); got ${JSON.stringify(j.Message)}`, at).toContain(parts[0][1]);
}

/** A refused request: 401 per the docs (nexudus-api.md §4), or the status the profile declares for a missing role. */
export function expectDenied(ex: Exchange, status: number, clause: 'authz.denied' | 'authn.required'): void {
  expectStatus(ex, clause, status, `a request ${clause === 'authz.denied' ? 'without the permission' : 'without valid credentials'} must be answered ${status}`);
}

/** Every response the docs describe is JSON of a documented envelope or record. */
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

/** Answers whose bodies no current source describes: 401, 403, 404 (a 2020 body only), 405, throttles. */
export const exemptFromShape = (ex: Exchange): boolean => ex.status === 401 || ex.status === 403 || ex.status === 404 || ex.status === 405 || ex.status === 409 || ex.status === 429 || ex.kind === 'token' && ex.status >= 500;

const emptyValue = (v: unknown) => v === null || v === undefined || v === false || v === '' || v === 0 || (Array.isArray(v) && v.length === 0);

/** Lists edited by Added…/Removed… fields in the same body: their precedence is silent (nexudus-api.md §8 #12). */
function editedBy(e: EntityDecl, sent: Record<string, unknown>): Set<string> {
  return new Set(Object.keys(sent).map((k) => (e.fields[k] ? meta(e.fields[k])['x-modifies'] : undefined)).filter((x): x is string => !!x));
}

export interface ReadBack {
  /** fields GET one returned differently from what was sent */
  diffs: string[];
  /** fields written empty that read back filled in (a tenant's default: recorded) */
  defaulted: string[];
  /** fields that were sent but GET one does not carry (which fields a record carries is silent) */
  notReturned: string[];
}

/** Compares what was sent with what GET one returns: dates as instants, Id lists as sets, extra fields allowed. */
export function roundTripDifferences(e: EntityDecl, sent: Record<string, unknown>, got: Record<string, unknown>): ReadBack {
  const diffs: string[] = [];
  const notReturned: string[] = [];
  const defaulted: string[] = [];
  const edited = editedBy(e, sent);
  for (const [k, v] of Object.entries(sent)) {
    if (k === 'Id' || e.writeOnly?.includes(k) || edited.has(k)) continue;
    const s = e.fields[k];
    if (!s || meta(s)['x-local-time']) continue; // local/UTC interplay is silent (nexudus-api.md §2.2)
    if (!(k in got)) {
      notReturned.push(k);
      continue;
    }
    const g = got[k];
    // written empty (null, "", []): a default the tenant fills in is silent (one is documented, nexudus-api.md §2.4)
    if (emptyValue(v) && v !== false && v !== 0) {
      if (!emptyValue(g)) defaulted.push(`${k}=${JSON.stringify(g)}`);
      continue;
    }
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
  return { diffs, notReturned, defaulted };
}

/**
 * Written fields read back as sent; returns what is recorded, not failed: fields the record does not carry, defaults
 * filled in. `at`: the endpoint that wrote them.
 */
export function expectRoundTrip(e: EntityDecl, sent: Record<string, unknown>, got: Record<string, unknown>, at?: string): ReadBack {
  const r = roundTripDifferences(e, sent, got);
  if (r.diffs.length) claim('write.read-back', r.diffs, `GET one must return the fields it carries as they were sent:\n${r.diffs.join('\n')}`, at).toEqual([]);
  return r;
}

/** PUT is a full replace (nexudus-api.md §1): optional fields the PUT omitted are cleared. */
export function expectOmittedCleared(e: EntityDecl, before: Record<string, unknown>, sent: Record<string, unknown>, got: Record<string, unknown>): string[] {
  const edited = editedBy(e, sent);
  // a UTC field and its local-time twin (DueDate, DueDateLocal): how one sets the other is silent (nexudus-api.md §2.2)
  const twinSent = (k: string) => `${k}Local` in sent || (k.endsWith('Local') && k.slice(0, -5) in sent);
  const omitted = Object.keys(e.fields).filter((k) => !(k in sent) && !e.writeOnly?.includes(k) && !edited.has(k) && !meta(e.fields[k])['x-server-default'] && !twinSent(k) && !emptyValue(before[k]) && k in got);
  const kept = omitted.filter((k) => !emptyValue(got[k]));
  if (kept.length) claim('write.full-replace', kept, `PUT must clear the optional fields it omitted (full replace); still set: ${kept.map((k) => `${k}=${JSON.stringify(got[k])}`).join(', ')}`).toEqual([]);
  return omitted;
}

export { emptyValue };
