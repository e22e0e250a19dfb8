/**
 * The API client every check goes through. It uses fetch rather than Playwright's APIRequestContext
 * because the latter prints request headers (Authorization included) in its error messages and
 * records them in traces, and costs 2.5x more per call.
 *
 * Per request it: waits for the limiter (live targets), sends, retries throttles (409/429) after the
 * wait the tenant asks for, retries GETs on 5xx/network errors with backoff, never repeats a write
 * blindly (it looks for the record by its marker instead), ledgers every created record before
 * returning, refuses a PUT/DELETE on a record the run did not create, counts requests, and keeps a
 * redacted exchange (request, response, how it was authenticated) for the report and its replay.
 */
import type { EntityDecl } from '../../api/catalogue/entities.ts';
import { resourcePath } from '../../api/catalogue/entities.ts';
import type { Persona } from '../config/profile.ts';
import { throttleDelaySeconds, type Pacing } from './limiter.ts';
import { Ledger } from './ledger.ts';
import { TokenCache, type TokenResult, type Tokens } from './tokens.ts';
import { meta } from '../../api/catalogue/fields.ts';
import { redact, redactHeaders, holdsSecret } from '../config/redact.ts';
import { GuardError, InconclusiveError } from '../config/errors.ts';
import { findMarker } from './marker.ts';

export type AuthMode =
  | { kind: 'bearer' }
  | { kind: 'basic'; password?: string }
  | { kind: 'none' }
  | { kind: 'raw'; header: string };

/** How a request was authenticated, in words a replay can act on (never a secret). */
export type ReplayAuth =
  | { kind: 'bearer'; persona: string }
  | { kind: 'basic'; persona: string; wrongPassword?: string }
  | { kind: 'none' }
  | { kind: 'raw'; header?: string; secret: boolean };

export interface Exchange {
  label: string;
  /** the credentials it carried, for a replay */
  auth?: ReplayAuth;
  persona: string | null;
  kind: 'read' | 'write' | 'token';
  method: string;
  path: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  status: number;
  responseHeaders: Record<string, string>;
  responseText: string;
  /** parsed JSON body (unredacted, kept in memory only) */
  json: unknown;
  isJson: boolean;
  ms: number;
  /** seconds waited for each throttle answer before the final attempt */
  throttled: number[];
  attempts: number;
  /** a write whose answer was lost but whose record was found by marker */
  recoveredId?: number;
  networkError?: string;
}

export interface Counts {
  /** every request sent, by kind, as the tenant counts them (retries included) */
  reads: number;
  writes: number;
  tokens: number;
  throttles: number;
  /**
   * requests sent again, by cause (also counted in reads/writes/tokens). `token`: after a 401, with a renewed token,
   * and answered otherwise (the token had lapsed); `denied`: the same repeat answered 401 again, so the first 401
   * was a denial (a persona lacking a role), not a lapsed token
   */
  retries: number;
  retriesBy: { throttle: number; token: number; server: number; denied: number };
  repeats: { reads: number; writes: number; tokens: number };
  /** token requests for a token that lapsed (refresh or new grant) */
  renewals: number;
  /** password grants for a persona this process had no token of */
  signIns: number;
  /** time spent waiting for the pacing limiter */
  waitedMs: number;
  /** list pages a lookup by marker read beyond its first (a tenant that ignored the exact filter) */
  lookupPages: number;
}

export const newCounts = (): Counts => ({
  reads: 0, writes: 0, tokens: 0, throttles: 0, retries: 0, retriesBy: { throttle: 0, token: 0, server: 0, denied: 0 },
  repeats: { reads: 0, writes: 0, tokens: 0 }, renewals: 0, signIns: 0, waitedMs: 0, lookupPages: 0,
});

/** What was sent between two snapshots of a process's counts. */
export function countsSince(before: Counts, after: Counts): Counts {
  return {
    reads: after.reads - before.reads, writes: after.writes - before.writes, tokens: after.tokens - before.tokens,
    throttles: after.throttles - before.throttles, retries: after.retries - before.retries,
    retriesBy: {
      throttle: after.retriesBy.throttle - before.retriesBy.throttle, token: after.retriesBy.token - before.retriesBy.token, server: after.retriesBy.server - before.retriesBy.server,
      denied: (after.retriesBy.denied ?? 0) - (before.retriesBy.denied ?? 0),
    },
    repeats: { reads: after.repeats.reads - before.repeats.reads, writes: after.repeats.writes - before.repeats.writes, tokens: after.repeats.tokens - before.repeats.tokens },
    renewals: after.renewals - before.renewals, signIns: after.signIns - before.signIns, waitedMs: after.waitedMs - before.waitedMs,
    lookupPages: (after.lookupPages ?? 0) - (before.lookupPages ?? 0),
  };
}

/** A deep copy (counts are snapshotted before teardown, after setup…). */
export const copyCounts = (c: Counts): Counts => countsSince(newCounts(), c);

/** What a lookup by marker saw: the Id it found (or undefined), how many records it read, over how many pages. */
export interface Lookup {
  id: number | undefined;
  seen: number;
  pages: number;
}

/** A conformant tenant answers a lookup in one page; one that ignores the filter is read up to this many. */
const LOOKUP_PAGE_SIZE = 100;
const LOOKUP_MAX_PAGES = 20;

export interface ClientContext {
  baseUrl: string;
  tokens: Tokens;
  limiter?: Pacing;
  ledger: Ledger;
  /** counts for the whole worker and for the current test */
  counts: Counts;
  testCounts?: Counts;
  /** where the current test's exchanges go */
  sink?: Exchange[];
  /** every throttle answer, for the report */
  onThrottle?: (ex: { path: string; status: number; waitSeconds: number }) => void;
  timeoutMs?: number;
}

export interface SendOptions {
  query?: Record<string, string | number>;
  json?: unknown;
  form?: Record<string, string>;
  auth?: AuthMode;
  headers?: Record<string, string>;
  /** what a write needs to be allowed (guard) */
  entity?: EntityDecl;
  /** records the sweeper may delete because they carry a marker of an earlier run */
  sweepMarked?: boolean;
  label?: string;
  /** a token request for a lapsed token, or for a persona this process had none of */
  tokenReason?: 'renewal' | 'sign-in';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MAX_THROTTLE_RETRIES = 8;
const GET_RETRY_DELAYS_MS = [500, 1500, 3000];

export function makeTokenCache(ctxRef: () => ClientContext): TokenCache {
  return new TokenCache(async (form, persona, reason): Promise<TokenResult> => {
    const api = new Api(ctxRef(), persona, { kind: 'none' });
    const ex = await api.send('POST', '/api/token', { form, auth: { kind: 'none' }, label: `POST /api/token (${form.grant_type}) for ${persona.name}`, tokenReason: reason });
    return { status: ex.status, json: ex.json, text: ex.responseText };
  });
}

export class Api {
  constructor(
    readonly ctx: ClientContext,
    readonly persona: Persona | null,
    readonly defaultAuth: AuthMode = { kind: 'bearer' },
  ) {}

  /**
   * Sends one request (plus throttle / GET retries); the exchange goes to the check's `http exchanges`
   * attachment. Not a report step: a step captures and source-maps a stack, about half a sandbox
   * round trip (BENCHMARKS.md).
   */
  async send(method: string, path: string, o: SendOptions = {}): Promise<Exchange> {
    const url = new URL(this.ctx.baseUrl + path);
    for (const [k, v] of Object.entries(o.query ?? {})) url.searchParams.set(k, String(v));
    const isToken = path === '/api/token';
    const kind: Exchange['kind'] = isToken ? 'token' : method === 'GET' ? 'read' : 'write';
    const label = o.label ?? `${method} ${path}${this.persona ? ` as ${this.persona.name}` : ''}`;
    if (kind === 'write') this.guard(method, path, o);
    const headers: Record<string, string> = { Accept: 'application/json', ...(o.headers ?? {}) };
    let body: string | undefined;
    if (o.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(o.json);
    } else if (o.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(o.form).toString();
    }
    const auth = o.auth ?? this.defaultAuth;
    let ex: Exchange | undefined;
    const throttled: number[] = [];
    let renewed = false;
    /** this attempt repeats a request answered 401, with a renewed token */
    let tokenRepeat = false;
    let cause: keyof Counts['retriesBy'] | undefined;
    for (let attempt = 1; ; attempt++) {
      const h = { ...headers };
      const authHeader = await this.authHeader(auth);
      if (authHeader) h.Authorization = authHeader;
      if (this.ctx.limiter) {
        const waited = await this.ctx.limiter.acquire(kind === 'write', `${method} ${path}`);
        this.add((c) => (c.waitedMs += waited?.ms ?? 0));
      }
      this.count(kind, cause, attempt === 1 ? o.tokenReason : undefined);
      ex = await this.once(method, url, h, body, kind, label);
      ex.auth = this.replayAuth(auth);
      ex.attempts = attempt;
      ex.throttled = throttled;
      const wait = throttleDelaySeconds(ex.status, ex.responseHeaders, ex.responseText);
      if (tokenRepeat && wait === undefined) {
        // denied again with a renewed token: the first 401 was a denial, not a lapsed token; the repeat is counted as such
        if (ex.status === 401) this.add((c) => { c.retriesBy.token--; c.retriesBy.denied = (c.retriesBy.denied ?? 0) + 1; });
        tokenRepeat = false;
      }
      if (wait !== undefined && throttled.length < MAX_THROTTLE_RETRIES) {
        throttled.push(wait);
        this.add((c) => c.throttles++);
        cause = 'throttle';
        this.ctx.onThrottle?.({ path, status: ex.status, waitSeconds: wait });
        await sleep(Math.max(50, wait * 1000));
        continue;
      }
      if (ex.status === 401 && auth.kind === 'bearer' && this.persona && !renewed) {
        renewed = true;
        const fresh = await this.ctx.tokens.renewAfter401(this.persona);
        // repeated only with another token: the one just refused would be refused again
        if (fresh && h.Authorization !== `Bearer ${fresh}`) {
          cause = 'token';
          tokenRepeat = true;
          continue;
        }
      }
      const transient = ex.status >= 500 || ex.networkError !== undefined;
      if (transient && kind === 'read' && attempt <= GET_RETRY_DELAYS_MS.length) {
        cause = 'server';
        await sleep(GET_RETRY_DELAYS_MS[attempt - 1]);
        continue;
      }
      break;
    }
    if (kind === 'write' && o.entity && method === 'POST' && !path.endsWith('/runcommand')) await this.ledgerCreate(ex, o);
    this.ctx.sink?.push(ex);
    return ex;
  }

  private add(f: (c: Counts) => void): void {
    f(this.ctx.counts);
    if (this.ctx.testCounts) f(this.ctx.testCounts);
  }

  /** Every request counts as its kind; a repeat also counts under its cause, a token request under its reason. */
  private count(kind: Exchange['kind'], retryCause: keyof Counts['retriesBy'] | undefined, tokenReason: SendOptions['tokenReason']): void {
    const k = kind === 'read' ? 'reads' : kind === 'write' ? 'writes' : 'tokens';
    this.add((c) => {
      c[k]++;
      if (retryCause) {
        c.retries++;
        c.retriesBy[retryCause]++;
        c.repeats[k]++;
      }
      if (tokenReason === 'renewal') c.renewals++;
      if (tokenReason === 'sign-in') c.signIns++;
    });
  }

  private replayAuth(a: AuthMode): ReplayAuth {
    switch (a.kind) {
      case 'none': return { kind: 'none' };
      // a real token (an expired one) is a secret; a made-up one (garbage) is not
      case 'raw': return holdsSecret(a.header) ? { kind: 'raw', secret: true } : { kind: 'raw', header: a.header, secret: false };
      case 'basic': return this.persona ? { kind: 'basic', persona: this.persona.name, wrongPassword: a.password !== undefined && a.password !== this.persona.password ? a.password : undefined } : { kind: 'none' };
      case 'bearer': return this.persona ? { kind: 'bearer', persona: this.persona.name } : { kind: 'none' };
    }
  }

  private async authHeader(a: AuthMode): Promise<string | undefined> {
    switch (a.kind) {
      case 'none': return undefined;
      case 'raw': return a.header;
      case 'basic': {
        if (!this.persona) return undefined;
        const pw = a.password ?? this.persona.password;
        return `Basic ${Buffer.from(`${this.persona.username}:${pw}`).toString('base64')}`;
      }
      case 'bearer': {
        if (!this.persona) return undefined;
        return `Bearer ${await this.ctx.tokens.get(this.persona)}`;
      }
    }
  }

  /** PUT / DELETE / runcommand only on records this run created (touch nothing else). */
  private guard(method: string, path: string, o: SendOptions): void {
    if (o.sweepMarked) return;
    const e = o.entity;
    const ids: number[] = [];
    const j = o.json as Record<string, unknown> | undefined;
    if (method === 'PUT' && j && typeof j.Id === 'number') ids.push(j.Id);
    const tail = /\/(\d+)$/.exec(path);
    if (method === 'DELETE' && tail) ids.push(Number(tail[1]));
    if (method === 'POST' && j && Array.isArray(j.Ids)) ids.push(...(j.Ids as number[]).filter((x) => typeof x === 'number'));
    if ((method === 'PUT' || method === 'DELETE' || (method === 'POST' && j && 'Ids' in j)) && !e) {
      throw new GuardError(`refused ${method} without an entity to check ownership against`);
    }
    for (const id of ids) {
      if (e && !this.ctx.ledger.isOwn(e.name, id)) {
        throw new GuardError(`refused ${method} on ${e.name} ${id}: this run did not create it (live tenants are sacred).`);
      }
    }
  }

  private async once(method: string, url: URL, headers: Record<string, string>, body: string | undefined, kind: Exchange['kind'], label: string): Promise<Exchange> {
    const started = performance.now();
    let status = 0;
    let responseText = '';
    let responseHeaders: Record<string, string> = {};
    let networkError: string | undefined;
    // a timer cleared on the answer: AbortSignal.timeout() keeps one alive per request for the whole timeout
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new Error(`no answer within ${(this.ctx.timeoutMs ?? 30_000) / 1000} s`)), this.ctx.timeoutMs ?? 30_000);
    try {
      const res = await fetch(url, { method, headers, body, redirect: 'manual', signal: abort.signal });
      status = res.status;
      responseHeaders = Object.fromEntries(res.headers.entries());
      responseText = await res.text();
    } catch (err) {
      networkError = redact(String((err as Error).cause ?? (err as Error).message));
    } finally {
      clearTimeout(timer);
    }
    let json: unknown;
    let isJson = false;
    try {
      json = JSON.parse(responseText);
      isJson = true;
    } catch {
      json = undefined;
    }
    const reqHeaders = redactHeaders(headers);
    const reqBody = body === undefined ? undefined : redact(body);
    return {
      label, persona: this.persona?.name ?? null, kind, method, path: url.pathname + url.search, url: url.toString(),
      requestHeaders: reqHeaders, requestBody: reqBody, status, responseHeaders, responseText: redact(responseText),
      json, isJson, ms: Math.round(performance.now() - started), throttled: [], attempts: 1, networkError,
    };
  }

  /** Ledger what a POST created; after a 5xx or a dropped connection, look for it by marker first. */
  private async ledgerCreate(ex: Exchange, o: SendOptions): Promise<void> {
    const e = o.entity!;
    const j = ex.json as { Value?: { Id?: unknown } } | undefined;
    const id = j?.Value?.Id;
    const marker = markerValue(e, o.json);
    if (ex.status >= 200 && ex.status < 300 && typeof id === 'number') {
      this.ctx.ledger.record('created', e.name, id, marker?.value);
      return;
    }
    if ((ex.status >= 500 || ex.networkError) && marker) {
      // best effort: a record this lookup cannot see is left to the sweep, which finds it by its marker
      const found = await this.findByExactValue(e, marker.field, marker.value).catch(() => undefined);
      if (found !== undefined) {
        this.ctx.ledger.record('created', e.name, found, marker.value);
        ex.recoveredId = found;
      }
    }
  }

  /**
   * Exact-match list filter `<Entity>_<Field>=value` (nexudus-api.md §3.2, §9), checked client-side too.
   * A lookup that could not look throws InconclusiveError: a list answer other than 200 with a Records
   * array, or a tenant that ignores the filter and lists more than LOOKUP_MAX_PAGES pages. A tenant that
   * ignores the filter is paged through, so "not found" means every listed record was seen.
   */
  async lookupByExactValue(e: EntityDecl, field: string, value: string): Promise<Lookup> {
    const path = resourcePath(e);
    let seen = 0;
    let filtered = true;
    for (let page = 1; page <= LOOKUP_MAX_PAGES; page++) {
      if (page > 1) this.countLookupPage();
      const ex = await this.send('GET', path, { query: { [`${e.name}_${field}`]: value, page, size: LOOKUP_PAGE_SIZE }, label: `GET ${path} (find by marker${page > 1 ? `, page ${page}` : ''}) as ${this.persona?.name}` });
      const j = ex.json as { Records?: unknown; TotalPages?: unknown; HasNextPage?: unknown } | undefined;
      if (ex.status !== 200 || !j || !Array.isArray(j.Records)) {
        throw new InconclusiveError(`the lookup GET ${path}?${e.name}_${field}=… answered ${ex.status || 'nothing'}${ex.status === 200 ? ' without a Records list' : ''}, so whether a ${e.name} with ${field} ${value} exists could not be seen (${seen} records seen).`);
      }
      const recs = j.Records as Record<string, unknown>[];
      seen += recs.length;
      const hit = recs.find((r) => r && r[field] === value);
      if (hit) {
        if (typeof hit.Id !== 'number') throw new InconclusiveError(`the lookup found a ${e.name} with ${field} ${value} but it carries no numeric Id.`);
        return { id: hit.Id, seen, pages: page };
      }
      if (recs.some((r) => r && r[field] !== value)) filtered = false;
      const more = typeof j.HasNextPage === 'boolean' ? j.HasNextPage : typeof j.TotalPages === 'number' ? page < j.TotalPages : recs.length === LOOKUP_PAGE_SIZE;
      // a tenant that honours the exact filter lists only matches: nothing matched, so nothing exists
      if (!more || filtered) return { id: undefined, seen, pages: page };
    }
    throw new InconclusiveError(`the tenant ignored the exact filter ${e.name}_${field} and lists more than ${LOOKUP_MAX_PAGES * LOOKUP_PAGE_SIZE} ${e.name} records; ${seen} seen, none with ${field} ${value}, the rest not read.`);
  }

  /** The Id of the record whose `field` is `value`, or undefined; throws InconclusiveError when it could not look. */
  async findByExactValue(e: EntityDecl, field: string, value: string): Promise<number | undefined> {
    return (await this.lookupByExactValue(e, field, value)).id;
  }

  private countLookupPage(): void {
    this.ctx.counts.lookupPages = (this.ctx.counts.lookupPages ?? 0) + 1;
    if (this.ctx.testCounts) this.ctx.testCounts.lookupPages = (this.ctx.testCounts.lookupPages ?? 0) + 1;
  }

  // ------------------------------------------------------------------ entity helpers

  create(e: EntityDecl, body: unknown, label?: string): Promise<Exchange> {
    return this.send('POST', resourcePath(e), { json: body, entity: e, label });
  }

  update(e: EntityDecl, body: unknown, label?: string): Promise<Exchange> {
    return this.send('PUT', resourcePath(e), { json: body, entity: e, label });
  }

  get(e: EntityDecl, id: number): Promise<Exchange> {
    return this.send('GET', `${resourcePath(e)}/${id}`);
  }

  list(e: EntityDecl, query: Record<string, string | number> = {}): Promise<Exchange> {
    return this.send('GET', resourcePath(e), { query });
  }

  batch(e: EntityDecl, ids: number[]): Promise<Exchange> {
    return this.send('GET', resourcePath(e), { query: { id: `[${ids.join(',')}]` } });
  }

  /** Deletes the way the entity is deleted: DELETE /{id} or runcommand (nexudus-api.md §3.1); `guard` checks ownership. */
  async remove(e: EntityDecl, id: number, o: { sweepMarked?: boolean } = {}): Promise<Exchange> {
    const ex = e.deleteVia.kind === 'delete'
      ? await this.send('DELETE', `${resourcePath(e)}/${id}`, { entity: e, sweepMarked: o.sweepMarked })
      : await this.send('POST', `${resourcePath(e)}/runcommand`, { json: { Key: e.deleteVia.key, Ids: [id], Parameters: [] }, entity: e, sweepMarked: o.sweepMarked });
    const ok = ex.status === 200 && (ex.json as { WasSuccessful?: boolean } | undefined)?.WasSuccessful !== false;
    if (ok || ex.status === 404) this.ctx.ledger.record('deleted', e.name, id);
    return ex;
  }
}

/** The marker field and its exact value in a body (the first marker field that holds a marker). */
export function markerValue(e: EntityDecl, body: unknown): { field: string; value: string } | undefined {
  if (!body || typeof body !== 'object') return undefined;
  for (const f of e.markerFields) {
    const v = (body as Record<string, unknown>)[f];
    if (typeof v === 'string' && findMarker(v)) return { field: f, value: v };
  }
  return undefined;
}

let nonce = 0;

/**
 * The body with its marker value made unique to this request (`… #<worker><n>`), for a POST whose
 * effect is then looked up by that value: generated text repeats (fast-check favours small seeds), and a
 * lookup by a repeated value would find, and clean up, another record of the run.
 */
export function withUniqueMarker<T>(e: EntityDecl, body: T): T {
  const m = markerValue(e, body);
  const tag = `${process.pid.toString(36)}${(++nonce).toString(36)}`;
  const out = { ...(body as Record<string, unknown>) };
  if (m) out[m.field] = `${m.value} #${tag}`;
  // whether a tenant accepts an e-mail another customer already has is silent (nexudus-api.md §8 #9), and
  // generated e-mails repeat (fast-check favours small seeds): every written e-mail is made distinct
  for (const [k, s] of Object.entries(e.fields)) {
    const v = out[k];
    if (meta(s)['x-gen'] === 'email' && typeof v === 'string' && v.includes('@')) out[k] = v.replace(/(\+[a-z0-9]+)?@/, `+${tag}@`);
  }
  return out as T;
}

