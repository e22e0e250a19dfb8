// The stateful in-memory tenant: routing, auth, validation, storage, envelopes.
// Written from the seed pages and nexudus-api.md only.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { CanonDate, formatDate, nowCanonical, parseDate } from './dates.ts';
import type { Knobs } from './knobs.ts';
import {
  ATTENDANCE_FIELDS, ENTITIES, ENUMS, entityByPath,
  type EntityDef, type EntityKey, type FieldSpec, type FkTarget,
} from './entities.ts';

// ------------------------------------------------------------------------------------------------
// public types

export interface PersonaDef {
  name: string;
  username: string;
  password: string;
  fullName: string;
  fullAdmin?: boolean;
  /** roles as this tenant stores them (some in the 2020 lower-case spelling) */
  roles: string[];
}

export interface LogEntry {
  method: string;
  path: string;
  status: number;
  at: number;
  persona?: string;
}

export interface TenantConfig {
  knobs: Knobs;
  tokenLifetimeSeconds: number;
  personas: PersonaDef[];
  countryId: number;
  simpleTimeZoneId: number;
}

// ------------------------------------------------------------------------------------------------
// limits (bounded memory)

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_RECORDS_PER_ENTITY = 50_000;
const MAX_TOKENS = 20_000;
const MAX_LOG = 100_000;
const MAX_BATCH_IDS = 1000;
const REFRESH_LIFETIME_MS = 15 * 24 * 3600 * 1000; // §4 "Refresh tokens valid 15 days"

// ------------------------------------------------------------------------------------------------
// internal types

interface User {
  Id: number;
  Email: string;
  FullName: string;
  persona: PersonaDef;
  roleSet: Set<string>;
  UniqueId: string;
  CreatedOn: string;
}

interface Business {
  Id: number;
  Name: string;
  CountryId: number;
  SimpleTimeZoneId: number;
  UniqueId: string;
  CreatedOn: string;
}

interface InventoryAsset {
  Id: number;
  BusinessId: number;
  Name: string;
  Sku: string;
  Value: number;
  UniqueId: string;
  CreatedOn: string;
}

interface Stored {
  Id: number;
  UniqueId: string;
  CreatedOn: string;
  UpdatedOn: string;
  UpdatedBy: string;
  SystemId: string | null;
  CreatedBy: string;
  version: number;
  deleted: boolean;
  f: Record<string, unknown>;
}

interface ValidationError {
  AttemptedValue: unknown;
  Message: string;
  PropertyName: string;
}

interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
  body: Buffer;
  user: User | null;
  authFailure: 'none' | 'invalid' | 'expired';
  status: number;
  sent: boolean;
}

type Json = unknown;

const AUTH_DENIED_TEXT = 'Authorization has been denied for this request.';
const ACCESS_DENIED_TEXT = 'Access Denied.';
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// ------------------------------------------------------------------------------------------------

export class Tenant {
  readonly log: LogEntry[] = [];
  private readonly k: Knobs;
  private readonly lifetimeMs: number;
  private readonly users: User[] = [];
  readonly businesses: Business[] = [];
  readonly inventoryAssets: InventoryAsset[] = [];
  private readonly tables: Record<EntityKey, Map<number, Stored>> = {
    coworkerinventoryasset: new Map(),
    coworkertask: new Map(),
    coworker: new Map(),
    workspace: new Map(),
  };
  private readonly nextIds: Record<string, number>;
  private readonly accessTokens = new Map<string, { userId: number; exp: number }>();
  private readonly refreshTokens = new Map<string, { userId: number; clientId: string; exp: number }>();
  /** one live refresh token per user + client id (§4) */
  private readonly currentRefresh = new Map<string, string>();
  private throttleCounter = 0;
  private minuteWindow = { start: 0, count: 0 };
  readonly fixtureCoworkerId: number;

  constructor(private readonly cfg: TenantConfig) {
    this.k = cfg.knobs;
    this.lifetimeMs = cfg.tokenLifetimeSeconds * 1000;
    const large = this.k.idStyle === 'large';
    this.nextIds = large
      ? { coworker: 1421000101, coworkertask: 1422000101, workspace: 1423000101, coworkerinventoryasset: 220101, business: 1414000001, inventoryasset: 3100001, user: 1415000001 }
      : { coworker: 1, coworkertask: 1, workspace: 1, coworkerinventoryasset: 1, business: 1, inventoryasset: 1, user: 1 };
    const now = nowCanonical();
    this.businesses.push(
      { Id: this.newId('business'), Name: 'Cleanroom Central', CountryId: cfg.countryId, SimpleTimeZoneId: cfg.simpleTimeZoneId, UniqueId: randomUUID(), CreatedOn: now },
      { Id: this.newId('business'), Name: 'Cleanroom Annex', CountryId: cfg.countryId, SimpleTimeZoneId: cfg.simpleTimeZoneId, UniqueId: randomUUID(), CreatedOn: now },
    );
    const biz = this.businesses[0].Id;
    this.inventoryAssets.push(
      { Id: this.newId('inventoryasset'), BusinessId: biz, Name: 'Ergonomic chair', Sku: 'CHAIR-01', Value: 350, UniqueId: randomUUID(), CreatedOn: now },
      { Id: this.newId('inventoryasset'), BusinessId: biz, Name: 'Locker key', Sku: 'KEY-07', Value: 0, UniqueId: randomUUID(), CreatedOn: now },
    );
    for (const p of cfg.personas) {
      this.users.push({
        Id: this.newId('user'),
        Email: p.username,
        FullName: p.fullName,
        persona: p,
        roleSet: new Set(p.roles.map((r) => r.toLowerCase())), // role names compared case-insensitively (§1, §10)
        UniqueId: randomUUID(),
        CreatedOn: now,
      });
    }
    // a fixture customer, so tasks/assignments/workspaces can be written without creating a coworker first
    const admin = this.users[0];
    const f = this.defaultFields(ENTITIES.find((x) => x.key === 'coworker')!, 'post');
    Object.assign(f, {
      FullName: 'Fixture Customer',
      Email: 'fixture.customer@cleanroom.test',
      CountryId: cfg.countryId,
      SimpleTimeZoneId: cfg.simpleTimeZoneId,
      Businesses: [biz],
      InvoicingBusinessId: biz,
      AccessPincode: '40213',
    });
    const rec = this.insert('coworker', f, admin.Email);
    this.fixtureCoworkerId = rec.Id;
  }

  get adminUserId(): number {
    return this.users[0].Id;
  }

  // ----------------------------------------------------------------------------------------------
  // entry point

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const qi = rawUrl.indexOf('?');
    const rawPath = qi >= 0 ? rawUrl.slice(0, qi) : rawUrl;
    const ctx: Ctx = {
      req, res,
      method: (req.method ?? 'GET').toUpperCase(),
      path: rawPath,
      query: new URLSearchParams(qi >= 0 ? rawUrl.slice(qi + 1) : ''),
      body: Buffer.alloc(0),
      user: null,
      authFailure: 'none',
      status: 0,
      sent: false,
    };
    try {
      const segs = ctx.path.split('/').filter((x) => x.length > 0).map((x) => x.toLowerCase());
      const isToken = segs.length === 2 && segs[0] === 'api' && segs[1] === 'token';
      if (!isToken) this.identify(ctx);
      const body = await readBody(req);
      if (body === null) {
        this.json(ctx, 413, { Message: 'The request body is too large.' });
        return;
      }
      ctx.body = body;
      this.route(ctx, segs, isToken);
    } catch (e) {
      // never 5xx for anything a client sends
      if (process.env.CLEANROOM_DEBUG) console.error('cleanroom: internal error on', ctx.method, ctx.path, e);
      if (!ctx.sent) {
        try {
          this.json(ctx, 400, { Message: 'The request is invalid.' });
        } catch {
          /* socket gone */
        }
      }
    } finally {
      this.pushLog({
        method: ctx.method,
        path: ctx.path,
        status: ctx.status || res.statusCode,
        at: Date.now(),
        ...(ctx.user ? { persona: ctx.user.persona.name } : {}),
      });
    }
  }

  private pushLog(e: LogEntry): void {
    this.log.push(e);
    if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG + MAX_LOG / 10);
  }

  private route(ctx: Ctx, segs: string[], isToken: boolean): void {
    if ((!isToken || this.k.throttleToken) && this.throttled(ctx)) return;

    if (isToken) return this.token(ctx);
    if (segs[0] === 'en' && segs[1] === 'user' && segs[2] === 'me' && segs.length === 3) return this.me(ctx);
    if (segs[0] !== 'api') return this.noRoute(ctx);
    if (segs[1] === 'auth' && segs[2] === 'me' && segs.length === 3) return this.me(ctx);
    if (segs[1] === 'utils' && segs[2] === 'enums' && segs.length === 3) return this.enums(ctx);
    if (segs.length < 3 || segs.length > 4) return this.noRoute(ctx);

    const fixture = this.fixtureFor(segs[1], segs[2]);
    if (fixture) return this.fixtureRoute(ctx, fixture, segs[3]);

    const def = entityByPath(segs[1], segs[2]);
    if (!def) return this.noRoute(ctx);
    const sub = segs[3];
    if (sub === undefined) {
      if (ctx.method === 'GET') {
        return hasParam(ctx.query, 'id') ? this.batch(ctx, def) : this.list(ctx, def);
      }
      if (ctx.method === 'POST') return this.create(ctx, def);
      if (ctx.method === 'PUT') return this.update(ctx, def);
      return this.methodNotAllowed(ctx, 'GET, POST, PUT');
    }
    if (sub === 'commands') {
      if (ctx.method !== 'GET') return this.methodNotAllowed(ctx, 'GET');
      return this.commands(ctx, def);
    }
    if (sub === 'runcommand') {
      if (ctx.method !== 'POST') return this.methodNotAllowed(ctx, 'POST');
      return this.runCommand(ctx, def);
    }
    const id = parseId(sub);
    if (id === null) return this.notFound(ctx);
    if (ctx.method === 'GET') return this.getOne(ctx, def, id);
    if (ctx.method === 'DELETE') return this.remove(ctx, def, id);
    return this.methodNotAllowed(ctx, def.plainDelete ? 'GET, DELETE' : 'GET');
  }

  // ----------------------------------------------------------------------------------------------
  // responses

  private baseHeaders(ctx: Ctx): Record<string, string> {
    const h: Record<string, string> = {};
    if (this.k.rateLimitHeaders) {
      h['X-RateLimit-Limit'] = '120';
      h['X-RateLimit-Remaining'] = String(Math.max(0, 120 - this.minuteWindow.count));
    }
    void ctx;
    return h;
  }

  private raw(ctx: Ctx, status: number, body: string, contentType: string | null, headers: Record<string, string> = {}): void {
    if (ctx.sent) return;
    ctx.sent = true;
    ctx.status = status;
    const h: Record<string, string> = { ...this.baseHeaders(ctx), ...headers };
    if (contentType && body.length > 0) h['Content-Type'] = contentType;
    h['Content-Length'] = String(Buffer.byteLength(body));
    ctx.res.writeHead(status, h);
    ctx.res.end(body);
  }

  private json(ctx: Ctx, status: number, body: Json, headers: Record<string, string> = {}): void {
    this.raw(ctx, status, JSON.stringify(body), 'application/json; charset=utf-8', headers);
  }

  private notFound(ctx: Ctx): void {
    this.json(ctx, 404, 'Not found'); // §3.2: 404 with body "Not found" (a JSON string)
  }

  private noRoute(ctx: Ctx): void {
    this.json(ctx, 404, { Message: `No HTTP resource was found that matches the request URI '${ctx.path}'.` });
  }

  private methodNotAllowed(ctx: Ctx, allow: string): void {
    this.json(ctx, 405, { Message: `The requested resource does not support http method '${ctx.method}'.` }, { Allow: allow });
  }

  /** every 401 (missing/invalid/expired credentials, missing role): body per knob unauthorizedBody (§4, §8 #5) */
  private unauthorized(ctx: Ctx, text: string): void {
    const headers = { 'WWW-Authenticate': 'Bearer' };
    switch (this.k.unauthorizedBody) {
      case 'json':
        return this.json(ctx, 401, { Message: text }, headers);
      case 'text':
        return this.raw(ctx, 401, text, 'text/plain; charset=utf-8', headers);
      default:
        return this.raw(ctx, 401, '', null, headers);
    }
  }

  private date(canon: string): string {
    return formatDate(canon, this.k.datePrecision);
  }

  private envelopeExtras(user: User, success: boolean): Record<string, unknown> {
    const on = this.k.envelopeExtras === 'all' || (success && this.k.envelopeExtras === 'success');
    if (!on) return {};
    return {
      OpenInDialog: false,
      OpenInWindow: false,
      RedirectURL: null,
      JavaScript: null,
      UpdatedOn: this.date(nowCanonical()),
      UpdatedBy: user.Email,
    };
  }

  private success(ctx: Ctx, user: User, message: string, value: unknown): void {
    this.json(ctx, 200, {
      Status: 200,
      Message: message,
      Value: value,
      ...this.envelopeExtras(user, true),
      Errors: null,
      WasSuccessful: true,
    });
  }

  private joinMessage(errors: ValidationError[], fallback: string): string {
    if (errors.length === 0) return fallback;
    const parts = errors.map((e) => `${e.PropertyName}: ${e.Message}`);
    switch (this.k.messageJoin) {
      case 'first':
        return parts[0];
      case 'last':
        return parts[parts.length - 1];
      case 'semicolon':
        return parts.join('; ');
      default:
        return parts.join('\n');
    }
  }

  /** failure envelope (seed 400 example: Message, Value:null, Errors, WasSuccessful:false) */
  private failure(ctx: Ctx, httpStatus: number, innerStatus: number, errors: ValidationError[], user: User | null, fallback = 'The request is invalid.'): void {
    this.json(ctx, httpStatus, {
      ...(this.k.errorStatusField === 'http' ? { Status: innerStatus } : {}),
      Message: this.joinMessage(errors, fallback),
      Value: null,
      ...(user ? this.envelopeExtras(user, false) : {}),
      Errors: errors.length > 0 ? errors : null,
      WasSuccessful: false,
    });
  }

  private badBody(ctx: Ctx, user: User, message: string): void {
    this.failure(ctx, 400, 400, [{ AttemptedValue: null, Message: message, PropertyName: 'Request' }], user);
  }

  // ----------------------------------------------------------------------------------------------
  // throttling (§5)

  private throttled(ctx: Ctx): boolean {
    const now = Date.now();
    if (now - this.minuteWindow.start >= 60_000) this.minuteWindow = { start: now, count: 0 };
    this.minuteWindow.count++;
    if (this.k.throttle === 'off') return false;
    this.throttleCounter++;
    if (this.throttleCounter % Math.max(1, Math.floor(this.k.throttleEvery)) !== 0) return false;
    const wait = String(this.k.throttleWaitSeconds);
    if (this.k.throttle === '409') {
      // documented: 409, "You must wait before accessing this url again.", Retry-After, Content-Length: 0
      ctx.res.statusMessage = 'You must wait before accessing this url again.';
      this.raw(ctx, 409, '', null, { 'Retry-After': wait });
    } else {
      this.json(ctx, 429, { Message: `API calls quota exceeded. Wait ${wait} seconds before trying again.` }, { 'Retry-After': wait });
    }
    return true;
  }

  // ----------------------------------------------------------------------------------------------
  // authentication / authorization (§4, §1 Role naming)

  private identify(ctx: Ctx): void {
    const h = ctx.req.headers.authorization;
    if (typeof h !== 'string' || h.trim() === '') return;
    const m = /^\s*(\S+)\s+(.+?)\s*$/.exec(h);
    if (!m) {
      ctx.authFailure = 'invalid';
      return;
    }
    const scheme = m[1].toLowerCase();
    if (scheme === 'bearer') {
      const t = this.accessTokens.get(m[2]);
      if (!t) {
        ctx.authFailure = 'invalid';
        return;
      }
      if (t.exp <= Date.now()) {
        this.accessTokens.delete(m[2]);
        ctx.authFailure = 'expired';
        return;
      }
      ctx.user = this.users.find((u) => u.Id === t.userId) ?? null;
      if (!ctx.user) ctx.authFailure = 'invalid';
      return;
    }
    if (scheme === 'basic') {
      let decoded = '';
      try {
        decoded = Buffer.from(m[2], 'base64').toString('utf8');
      } catch {
        decoded = '';
      }
      const colon = decoded.indexOf(':');
      if (colon < 0) {
        ctx.authFailure = 'invalid';
        return;
      }
      const user = this.userByEmail(decoded.slice(0, colon));
      if (!user || user.persona.password !== decoded.slice(colon + 1)) {
        ctx.authFailure = 'invalid';
        return;
      }
      ctx.user = user;
      return;
    }
    ctx.authFailure = 'invalid';
  }

  private userByEmail(email: string): User | undefined {
    const e = email.trim().toLowerCase();
    return this.users.find((u) => u.Email.toLowerCase() === e);
  }

  private authenticated(ctx: Ctx): User | null {
    if (!ctx.user) {
      this.unauthorized(ctx, AUTH_DENIED_TEXT);
      return null;
    }
    return ctx.user;
  }

  private hasRole(user: User, entity: string, action: 'list' | 'read' | 'create' | 'edit' | 'delete'): boolean {
    if (user.persona.fullAdmin) return true;
    return user.roleSet.has(`${entity.toLowerCase()}-${action}`);
  }

  /** 401 both for missing credentials and for a missing role (§4: no 403). */
  private authorize(ctx: Ctx, entity: string, action: 'list' | 'read' | 'create' | 'edit' | 'delete'): User | null {
    const user = this.authenticated(ctx);
    if (!user) return null;
    if (!this.hasRole(user, entity, action)) {
      this.unauthorized(ctx, ACCESS_DENIED_TEXT);
      return null;
    }
    return user;
  }

  // ----------------------------------------------------------------------------------------------
  // token endpoint (§4)

  private token(ctx: Ctx): void {
    if (ctx.method !== 'POST') return this.methodNotAllowed(ctx, 'POST');
    const ct = String(ctx.req.headers['content-type'] ?? '').toLowerCase();
    const text = ctx.body.toString('utf8');
    const oauthError = (error: string, description?: string): void =>
      this.json(ctx, 400, description ? { error, error_description: description } : { error }, { 'Cache-Control': 'no-store' });
    if (ct.includes('json') || /^\s*[[{]/.test(text)) return oauthError('unsupported_grant_type');
    const form = new URLSearchParams(text);
    const grant = form.get('grant_type');
    const headerClient = ctx.req.headers['client_id'];
    const clientIdRaw = (typeof headerClient === 'string' ? headerClient : null) ?? form.get('client_id');
    if (grant === 'password') {
      const user = this.userByEmail(form.get('username') ?? '');
      if (!user || user.persona.password !== (form.get('password') ?? '')) {
        return oauthError('invalid_grant', 'The user name or password is incorrect.');
      }
      ctx.user = user;
      return this.issue(ctx, user, (clientIdRaw ?? user.Email).toLowerCase());
    }
    if (grant === 'refresh_token') {
      const rt = form.get('refresh_token') ?? '';
      const entry = this.refreshTokens.get(rt);
      if (!entry || entry.exp <= Date.now()) return oauthError('invalid_grant');
      const user = this.users.find((u) => u.Id === entry.userId);
      if (!user) return oauthError('invalid_grant');
      const clientId = (clientIdRaw ?? user.Email).toLowerCase();
      if (clientId !== entry.clientId || this.currentRefresh.get(`${user.Id}|${clientId}`) !== rt) {
        return oauthError('invalid_grant');
      }
      ctx.user = user;
      return this.issue(ctx, user, clientId);
    }
    return oauthError('unsupported_grant_type');
  }

  private issue(ctx: Ctx, user: User, clientId: string): void {
    const now = Date.now();
    const access = randomBytes(32).toString('base64url');
    const refresh = randomBytes(24).toString('hex');
    this.accessTokens.set(access, { userId: user.Id, exp: now + this.lifetimeMs });
    // a new token for a client id invalidates that client's previous refresh tokens; access tokens stay valid (§4)
    const key = `${user.Id}|${clientId}`;
    const old = this.currentRefresh.get(key);
    if (old) this.refreshTokens.delete(old);
    this.refreshTokens.set(refresh, { userId: user.Id, clientId, exp: now + REFRESH_LIFETIME_MS });
    this.currentRefresh.set(key, refresh);
    this.pruneTokens(now);
    const seconds = Math.round(this.lifetimeMs / 1000);
    const body: Record<string, unknown> = {
      access_token: access,
      token_type: 'bearer',
      expires_in: seconds,
      refresh_token: refresh,
    };
    if (this.k.tokenResponseExtras) {
      body.userName = user.Email;
      body['.issued'] = new Date(now).toUTCString();
      body['.expires'] = new Date(now + this.lifetimeMs).toUTCString();
    }
    this.json(ctx, 200, body, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
  }

  private pruneTokens(now: number): void {
    if (this.accessTokens.size > MAX_TOKENS) {
      for (const [t, v] of this.accessTokens) {
        if (v.exp <= now || this.accessTokens.size > MAX_TOKENS * 0.9) this.accessTokens.delete(t);
        else break;
      }
    }
    if (this.refreshTokens.size > MAX_TOKENS) {
      for (const [t, v] of this.refreshTokens) {
        if (this.refreshTokens.size <= MAX_TOKENS * 0.9) break;
        this.refreshTokens.delete(t);
        const key = `${v.userId}|${v.clientId}`;
        if (this.currentRefresh.get(key) === t) this.currentRefresh.delete(key);
      }
    }
  }

  // ----------------------------------------------------------------------------------------------
  // small extras: current user, enums

  private me(ctx: Ctx): void {
    if (ctx.method !== 'GET') return this.methodNotAllowed(ctx, 'GET');
    const user = this.authenticated(ctx);
    if (!user) return;
    const biz = this.businesses[0];
    this.json(ctx, 200, {
      Id: user.Id,
      Email: user.Email,
      FullName: user.FullName,
      IsAdmin: !!user.persona.fullAdmin,
      DefaultBusinessId: biz.Id,
      DefaultBusinessName: biz.Name,
      DefaultCountryId: biz.CountryId,
      DefaultSimpleTimeZoneId: biz.SimpleTimeZoneId,
      DefaultCurrencyId: null,
    });
  }

  private enums(ctx: Ctx): void {
    if (ctx.method !== 'GET') return this.methodNotAllowed(ctx, 'GET');
    if (!this.authenticated(ctx)) return;
    const name = (getParam(ctx.query, 'name') ?? '').toLowerCase();
    const en = ENUMS.find((x) => x.name.toLowerCase() === name);
    if (!en) return this.notFound(ctx);
    this.json(ctx, 200, Object.entries(en.values).map(([Name, Value]) => ({ Value, Name })));
  }

  // ----------------------------------------------------------------------------------------------
  // fixture lists: businesses, inventory assets, users (brief; §1.2 list envelope)

  private fixtureFor(module: string, plural: string): 'business' | 'inventoryasset' | 'user' | null {
    if (module === 'sys' && plural === 'businesses') return 'business';
    if (module === 'spaces' && plural === 'inventoryassets') return 'inventoryasset';
    if ((module === 'sys' || module === 'spaces') && plural === 'users') return 'user';
    return null;
  }

  private fixtureViews(kind: 'business' | 'inventoryasset' | 'user'): Record<string, unknown>[] {
    const admin = this.users[0].Email;
    const base = (x: { Id: number; UniqueId: string; CreatedOn: string }, text: string) => ({
      UniqueId: x.UniqueId,
      CreatedOn: new CanonDate(x.CreatedOn),
      UpdatedOn: new CanonDate(x.CreatedOn),
      UpdatedBy: admin,
      IsNew: false,
      SystemId: null,
      ToStringText: text,
    });
    if (kind === 'business') {
      return this.businesses.map((b) => ({
        Id: b.Id, Name: b.Name, CountryId: b.CountryId, SimpleTimeZoneId: b.SimpleTimeZoneId, Active: true, ...base(b, b.Name),
      }));
    }
    if (kind === 'inventoryasset') {
      return this.inventoryAssets.map((a) => ({
        Id: a.Id, BusinessId: a.BusinessId, Name: a.Name, Sku: a.Sku, Value: a.Value, AssignToType: 1, ...base(a, a.Name),
      }));
    }
    return this.users.map((u) => ({
      Id: u.Id, FullName: u.FullName, Email: u.Email, IsAdmin: !!u.persona.fullAdmin, APIAccess: true, Active: true,
      ...base(u, `${u.FullName} - ${u.Email}`),
    }));
  }

  private fixtureRoute(ctx: Ctx, kind: 'business' | 'inventoryasset' | 'user', sub: string | undefined): void {
    if (ctx.method !== 'GET') return this.methodNotAllowed(ctx, 'GET');
    const user = this.authenticated(ctx);
    if (!user) return;
    if (this.k.fixtureAccess === 'admin-only' && !user.persona.fullAdmin) return this.unauthorized(ctx, ACCESS_DENIED_TEXT);
    const views = this.fixtureViews(kind);
    const prefix = kind === 'business' ? 'Business' : kind === 'inventoryasset' ? 'InventoryAsset' : 'User';
    const render = (v: Record<string, unknown>) => this.formatView(v);
    if (sub !== undefined) {
      const id = parseId(sub);
      const v = id === null ? undefined : views.find((x) => x.Id === id);
      return v ? this.json(ctx, 200, render(v)) : this.notFound(ctx);
    }
    this.json(ctx, 200, this.page(ctx, prefix, views, render));
  }

  // ----------------------------------------------------------------------------------------------
  // lists (§1.2, §3.2, §9)

  private page(
    ctx: Ctx,
    prefix: string,
    views: Record<string, unknown>[],
    render: (v: Record<string, unknown>) => Record<string, unknown>,
  ): Record<string, unknown> {
    const q = ctx.query;
    const filtered = views.filter((v) => this.matchesFilters(prefix, v, q));
    const orderRaw = getParam(q, 'orderBy');
    let orderField = 'Id';
    if (orderRaw && filtered.length > 0) {
      const key = resolveKey(filtered[0], orderRaw.toLowerCase(), prefix);
      if (key) orderField = key;
    } else if (orderRaw && views.length > 0) {
      const key = resolveKey(views[0], orderRaw.toLowerCase(), prefix);
      if (key) orderField = key;
    }
    const desc = this.parseDir(getParam(q, 'dir'));
    filtered.sort((a, b) => {
      const c = compareValues(a[orderField], b[orderField]);
      const r = c !== 0 ? c : compareValues(a.Id, b.Id);
      return desc ? -r : r;
    });
    let page = parseIntParam(getParam(q, 'page')) ?? 1;
    if (page < 1) page = 1;
    let size = parseIntParam(getParam(q, 'size')) ?? 25;
    if (size < 1) size = 25;
    size = Math.min(size, Math.floor(this.k.maxPageSize));
    const total = filtered.length;
    const totalPages = Math.ceil(total / size);
    const start = (page - 1) * size;
    const slice = start < total ? filtered.slice(start, start + size) : [];
    const env: Record<string, unknown> = {
      Records: slice.map(render),
      CurrentPageSize: size,
      CurrentPage: page,
      CurrentOrderField: orderField,
      CurrentSortDirection: this.sortDirectionValue(desc),
      FirstItem: slice.length > 0 ? start + 1 : 0,
      HasNextPage: page < totalPages,
      HasPreviousPage: page > 1,
      LastItem: slice.length > 0 ? start + slice.length : 0,
    };
    if (this.k.pageNumberFields) {
      env.PageNumber = page;
      env.PageSize = size;
    }
    env.TotalItems = total;
    env.TotalPages = totalPages;
    return env;
  }

  /** §3.2 dir: "1 ascending, -1 descending" vs "0 ascending, 1 descending" (knob dirEncoding) */
  private parseDir(raw: string | null): boolean {
    if (raw === null) return false;
    const r = raw.trim().toLowerCase();
    if (r === 'asc' || r === 'ascending') return false;
    if (r === 'desc' || r === 'descending') return true;
    return this.k.dirEncoding === '1/-1' ? r === '-1' : r === '1';
  }

  private sortDirectionValue(desc: boolean): unknown {
    if (this.k.sortDirection === 'string') return desc ? 'DESC' : 'ASC';
    if (this.k.dirEncoding === '1/-1') return desc ? -1 : 1;
    return desc ? 1 : 0;
  }

  private matchesFilters(prefix: string, view: Record<string, unknown>, q: URLSearchParams): boolean {
    const pre = `${prefix.toLowerCase()}_`;
    for (const [key, value] of q) {
      let lk = key.toLowerCase();
      let mode: 'eq' | 'from' | 'to' = 'eq';
      if (lk.startsWith('from_')) {
        mode = 'from';
        lk = lk.slice(5);
      } else if (lk.startsWith('to_')) {
        mode = 'to';
        lk = lk.slice(3);
      }
      if (!lk.startsWith(pre)) continue;
      const prop = lk.slice(pre.length);
      if (prop === '') continue;
      const vk = resolveKey(view, prop, prefix);
      if (!vk) continue; // unknown filters are ignored
      if (!this.matchValue(view[vk], value, mode)) return false;
    }
    return true;
  }

  private matchValue(v: unknown, raw: string, mode: 'eq' | 'from' | 'to'): boolean {
    const list = parseIdList(raw);
    if (v instanceof CanonDate) {
      const c = parseDate(raw);
      if (c === null) return true; // unparseable date filter: ignored
      if (mode === 'from') return v.v >= c;
      if (mode === 'to') return v.v <= c;
      return v.v === c;
    }
    if (Array.isArray(v)) {
      if (mode !== 'eq') return true;
      if (!list) return false;
      return list.some((x) => v.includes(x));
    }
    if (typeof v === 'number') {
      if (mode === 'eq') {
        if (list) return list.includes(v);
        const n = Number(raw);
        return raw.trim() !== '' && n === v;
      }
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n)) return true;
      return mode === 'from' ? v >= n : v <= n;
    }
    if (mode !== 'eq') return true;
    if (typeof v === 'boolean') {
      const r = raw.trim().toLowerCase();
      if (r === 'true' || r === '1') return v;
      if (r === 'false' || r === '0') return !v;
      return true;
    }
    if (typeof v === 'string') {
      return this.k.stringFilter === 'exact' ? v === raw : v.toLowerCase() === raw.toLowerCase();
    }
    return false; // null never equals a filter value
  }

  private list(ctx: Ctx, def: EntityDef): void {
    const user = this.authorize(ctx, def.name, 'list');
    if (!user) return;
    const views = [...this.tables[def.key].values()].map((r) => this.fullView(def, r));
    const recs = this.tables[def.key];
    this.json(ctx, 200, this.page(ctx, def.name, views, (v) => this.render(def, recs.get(v.Id as number)!, true)));
  }

  private batch(ctx: Ctx, def: EntityDef): void {
    const user = this.authorize(ctx, def.name, 'read');
    if (!user) return;
    const ids = parseIdList(getParam(ctx.query, 'id') ?? '');
    if (!ids || ids.length > MAX_BATCH_IDS) return this.json(ctx, 400, { Message: 'The request is invalid.' });
    const out: unknown[] = [];
    for (const id of ids) {
      const rec = this.tables[def.key].get(id);
      const visible = rec && (!rec.deleted || this.k.deletedCoworkerGet === 200);
      if (!visible) {
        if (this.k.batchUnknownIds === '404') return this.notFound(ctx);
        continue;
      }
      out.push(this.render(def, rec, false));
    }
    this.json(ctx, 200, out);
  }

  private getOne(ctx: Ctx, def: EntityDef, id: number): void {
    const user = this.authorize(ctx, def.name, 'read');
    if (!user) return;
    const rec = this.tables[def.key].get(id);
    if (!rec) return this.notFound(ctx);
    if (rec.deleted) {
      // §9: a GET of a deleted coworker answered 401 "Not found" for some records and 404 for others
      if (this.k.deletedCoworkerGet === 401) return this.unauthorized(ctx, 'Not found');
      if (this.k.deletedCoworkerGet === 404) return this.notFound(ctx);
    }
    this.json(ctx, 200, this.render(def, rec, false));
  }

  private commands(ctx: Ctx, def: EntityDef): void {
    const user = this.authorize(ctx, def.name, 'list');
    if (!user) return;
    this.json(
      ctx,
      200,
      def.commands.map((key, order) => ({
        Key: key,
        Name: key === 'COWORKER_DELETE' ? 'Delete' : key,
        AppliesOnlyToMultipleEntities: false,
        AppliesOnlyToOneEntity: false,
        AppliesOnlyToTwoEntities: false,
        NeedsEntitiesToRun: true,
        Order: order,
        RequiresParameters: [],
      })),
    );
  }

  // ----------------------------------------------------------------------------------------------
  // records: views and rendering (§1 base fields, §2 fields, §10 presence)

  private coworker(id: unknown): Stored | undefined {
    return typeof id === 'number' ? this.tables.coworker.get(id) : undefined;
  }

  private business(id: unknown): Business | undefined {
    return this.businesses.find((b) => b.Id === id);
  }

  private userById(id: unknown): User | undefined {
    return this.users.find((u) => u.Id === id);
  }

  private toStringText(def: EntityDef, rec: Stored): string | null {
    switch (def.key) {
      case 'coworkerinventoryasset':
        return `#${rec.Id}`;
      case 'coworker':
        return `${String(rec.f.FullName ?? '')} - ${String(rec.f.Email ?? '')}`;
      default:
        return (rec.f.Name as string | null) ?? null;
    }
  }

  /** documented read-only / denormalized fields (§2) */
  private readOnly(def: EntityDef, rec: Stored): Record<string, unknown> {
    const f = rec.f;
    switch (def.key) {
      case 'coworkerinventoryasset': {
        const c = this.coworker(f.CoworkerId);
        const ia = this.inventoryAssets.find((a) => a.Id === f.InventoryAssetId);
        const type = c ? (c.f.CoworkerType as number | null) : null;
        let typeText: string | null = null;
        if (type !== null) {
          typeText = this.k.coworkerCoworkerType === 'enum-name'
            ? (type === 2 ? 'Company' : 'Individual')
            : (type === 2 ? 'Company' : 'Member');
        }
        return {
          CoworkerCoworkerType: typeText,
          CoworkerFullName: c ? c.f.FullName : null,
          CoworkerBillingName: c ? c.f.BillingName ?? null : null,
          CoworkerCompanyName: c ? c.f.CompanyName ?? null : null,
          CoworkerTeamNames: null,
          InventoryAssetName: ia ? ia.Name : null,
          InventoryAssetSku: ia ? ia.Sku : null,
          InventoryAssetValue: ia ? (this.k.inventoryAssetValue === 'string' ? ia.Value.toFixed(2) : ia.Value) : null,
          InventoryAssetUniqueId: ia ? ia.UniqueId : null,
        };
      }
      case 'coworkertask': {
        const c = this.coworker(f.CoworkerId);
        return {
          BusinessName: this.business(f.BusinessId)?.Name ?? null,
          CoworkerFullName: c ? c.f.FullName : null,
          CoworkerCompanyName: c ? c.f.CompanyName ?? null : null,
          CoworkerTeamNames: null,
          TaskListName: null,
          FormPageRequestUniqueId: null,
          ResponsibleFullName: this.userById(f.ResponsibleId)?.FullName ?? null,
        };
      }
      case 'workspace':
        return {};
      case 'coworker': {
        const full = String(f.FullName ?? '');
        const words = full.trim().split(/\s+/).filter(Boolean);
        const first = words[0] ?? null;
        const last = words.length > 1 ? words.slice(1).join(' ') : null;
        const user = this.userById(f.UserId);
        const businesses = (f.Businesses as number[] | null) ?? [];
        const teams = (f.Teams as number[] | null) ?? [];
        const zero = 0;
        return {
          AvatarFileName: null,
          BannerImageFileName: null,
          InvoicingBusinessName: this.business(f.InvoicingBusinessId)?.Name ?? null,
          BusinessNames: businesses.map((id) => this.business(id)?.Name).filter(Boolean).join(', ') || null,
          TeamNames: null,
          TeamIds: teams.length ? teams.join(',') : null,
          UserFullName: user?.FullName ?? null,
          UserIsAdmin: user ? !!user.persona.fullAdmin : false,
          UserActive: !!user,
          UserLastAccess: null,
          UserReceiveCommunityDigest: false,
          UserReceiveEveryMessage: false,
          IsAdmin: false,
          IsTeamAdministrator: false,
          CoworkerContractIds: null,
          CoworkerContractTariffNames: null,
          RecurrentProductsNames: null,
          NextTariffId: null,
          NextTariffName: null,
          HasDueInvoices: false,
          GuessedFirstName: first,
          GuessedLastName: last,
          GuessedFirstNameForInvoice: first,
          GuessedLastNameForInvoice: last,
          CardNumber: null,
          CurrentAccessSignature: null,
          AiSessionId: null,
          InvoicingOrder: zero,
          CheckinSinceLastRenewal: zero,
          MinutesSinceLastRenewal: zero,
          TotalActiveContracts: zero,
          TotalNewContracts: zero,
          TotalRecurrentProducts: zero,
          TotalDepositsActiveContracts: zero,
          TotalDepositsNewContracts: zero,
          TotalRefundableDepositsActiveContracts: zero,
          TotalRefundableDepositsNewContracts: zero,
          TotalNonRefundableDepositsActiveContracts: zero,
          TotalNonRefundableDepositsNewContracts: zero,
        };
      }
    }
  }

  /** old-naming and undocumented extras, only in recordShape 'most' */
  private mostExtras(def: EntityDef, rec: Stored): Record<string, unknown> {
    const f = rec.f;
    const common = { CreatedBy: rec.CreatedBy, RecordVersion: rec.version };
    switch (def.key) {
      case 'coworkerinventoryasset':
        return {
          BusinessName: this.business(f.BusinessId)?.Name ?? null,
          CoworkerEmail: this.coworker(f.CoworkerId)?.f.Email ?? null,
          ...common,
        };
      case 'coworkertask':
        return {
          CoworkerTaskCoworkerFullName: this.coworker(f.CoworkerId)?.f.FullName ?? null,
          CoworkerTaskResponsibleFullName: this.userById(f.ResponsibleId)?.FullName ?? null,
          ...common,
        };
      case 'workspace':
        return {
          BusinessName: this.business(f.BusinessId)?.Name ?? null,
          AdministratorFullName: this.coworker(f.AdministratorId)?.f.FullName ?? null,
          MemberCount: ((f.Members as number[] | null) ?? []).length,
          ...common,
        };
      case 'coworker':
        return {
          StartDate: null, CancellationDate: null, Quantity: null, UnitPrice: null, Variants: null, Desks: null,
          TariffId: null, TariffName: null, BillingDay: null, RenewalDate: null,
          TariffInvoiceEvery: 0, TariffInvoiceEveryWeeks: 0, TeamId: null, TeamName: null,
          CreateSingleInvoiceForTeam: false, Password: null, SignUpToNewsletter: false, ShortDescription: null,
          TourDate: null, TourBusinessId: null,
          ...common,
        };
    }
  }

  private wrapField(spec: FieldSpec, v: unknown): unknown {
    if (spec.type === 'date' && typeof v === 'string') return new CanonDate(v);
    if (Array.isArray(v)) return [...v];
    return v;
  }

  private baseFields(rec: Stored): Record<string, unknown> {
    return {
      UniqueId: rec.UniqueId,
      CreatedOn: new CanonDate(rec.CreatedOn),
      UpdatedOn: new CanonDate(rec.UpdatedOn),
      UpdatedBy: rec.UpdatedBy,
      IsNew: false,
      SystemId: rec.SystemId,
    };
  }

  /** every key a record can show (used for filtering and sorting) */
  private fullView(def: EntityDef, rec: Stored): Record<string, unknown> {
    const v: Record<string, unknown> = { Id: rec.Id };
    for (const spec of def.fields) if (!spec.modifier) v[spec.name] = this.wrapField(spec, rec.f[spec.name]);
    Object.assign(v, this.readOnly(def, rec), this.mostExtras(def, rec), this.baseFields(rec));
    v.ToStringText = this.toStringText(def, rec);
    return v;
  }

  /** the record as this tenant answers it (knobs recordShape, listProjection, modifierListsInRecords) */
  private render(def: EntityDef, rec: Stored, forList: boolean): Record<string, unknown> {
    const shape = this.k.recordShape;
    const v: Record<string, unknown> = { Id: rec.Id };
    const reduce = forList && this.k.listProjection === 'reduced';
    if (shape !== 'base') {
      for (const spec of def.fields) {
        if (spec.modifier) continue;
        if (reduce && spec.type === 'intlist') continue;
        const value = rec.f[spec.name] ?? null;
        if (shape === 'written' && value === null) continue;
        v[spec.name] = this.wrapField(spec, value);
      }
      if (shape === 'documented' || shape === 'most') Object.assign(v, this.readOnly(def, rec));
      if (shape === 'most') Object.assign(v, this.mostExtras(def, rec));
      if (this.k.modifierListsInRecords && (shape === 'documented' || shape === 'most') && !reduce) {
        for (const spec of def.fields) if (spec.modifier) v[spec.name] = null;
      }
    }
    Object.assign(v, this.baseFields(rec));
    if (shape === 'documented' || shape === 'most') {
      v.ToStringText = this.toStringText(def, rec);
      v.LocalizationDetails = null;
      v.CustomFields = null;
    }
    return this.formatView(v);
  }

  private formatView(v: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(v)) out[key] = value instanceof CanonDate ? this.date(value.v) : value;
    return out;
  }

  // ----------------------------------------------------------------------------------------------
  // writes

  private newId(kind: string): number {
    const id = this.nextIds[kind];
    this.nextIds[kind] = id + 1;
    return id;
  }

  private insert(key: EntityKey, f: Record<string, unknown>, by: string): Stored {
    const now = nowCanonical();
    const rec: Stored = {
      Id: this.newId(key),
      UniqueId: randomUUID(),
      CreatedOn: now,
      UpdatedOn: now,
      UpdatedBy: by,
      CreatedBy: by,
      SystemId: null,
      version: 1,
      deleted: false,
      f,
    };
    this.tables[key].set(rec.Id, rec);
    return rec;
  }

  /** parse a JSON request body into a case-normalised map; answers the failure itself */
  private readJsonObject(ctx: Ctx, def: EntityDef | null, user: User): Map<string, unknown> | null {
    const ct = String(ctx.req.headers['content-type'] ?? '').toLowerCase();
    let text = ctx.body.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (ct !== '' && !ct.includes('json') && text.trim() !== '') {
      if (this.k.nonJsonBody === '415') {
        this.json(ctx, 415, { Message: `The request entity's media type '${ct.split(';')[0]}' is not supported for this resource.` });
      } else {
        this.badBody(ctx, user, 'must be a JSON object (Content-Type: application/json)');
      }
      return null;
    }
    let parsed: unknown = {};
    if (text.trim() !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        this.badBody(ctx, user, 'is not valid JSON');
        return null;
      }
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      this.badBody(ctx, user, 'must be a JSON object');
      return null;
    }
    const names = new Map<string, string>();
    if (def) for (const s of def.fields) names.set(s.name.toLowerCase(), s.name);
    names.set('id', 'Id');
    const out = new Map<string, unknown>();
    for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
      let name = key;
      if (this.k.propertyNameCase === 'insensitive') name = names.get(key.toLowerCase()) ?? key;
      out.set(name, value);
    }
    return out;
  }

  private requiredError(spec: FieldSpec | null, name: string, attempted: unknown): ValidationError {
    const prop = spec?.fk && this.k.fkPropertyName === 'navigation' ? spec.fk.nav : name;
    let message = 'is a required field';
    if (this.k.requiredMessage === '2020') {
      message = spec && spec.type === 'string' ? 'may not be null or empty' : 'may not be null';
    }
    return { AttemptedValue: attempted ?? null, Message: message, PropertyName: prop };
  }

  private fkPropName(spec: FieldSpec): string {
    return spec.fk && this.k.fkPropertyName === 'navigation' ? spec.fk.nav : spec.name;
  }

  private fkState(target: FkTarget, id: number): 'ok' | 'unknown' | 'deleted' {
    switch (target) {
      case 'positive':
        return id > 0 ? 'ok' : 'unknown';
      case 'business':
        return this.business(id) ? 'ok' : 'unknown';
      case 'inventoryasset':
        return this.inventoryAssets.some((a) => a.Id === id) ? 'ok' : 'unknown';
      case 'user':
        return this.userById(id) ? 'ok' : 'unknown';
      case 'coworker': {
        const c = this.tables.coworker.get(id);
        if (!c) return 'unknown';
        return c.deleted ? 'deleted' : 'ok';
      }
    }
  }

  /** convert one JSON value to the field's type (knobs wrongTypes, invalidEnum, date*) */
  private convert(spec: FieldSpec, raw: unknown): { ok: true; v: unknown } | { ok: false; message: string } {
    if (raw === null || raw === undefined) return { ok: true, v: null };
    const coerce = this.k.wrongTypes === 'coerce';
    const intOf = (x: unknown): number | null => {
      if (typeof x === 'number' && Number.isSafeInteger(x)) return x;
      if (coerce && typeof x === 'string' && /^\s*-?\d{1,15}\s*$/.test(x)) return Number(x);
      return null;
    };
    switch (spec.type) {
      case 'int': {
        const v = intOf(raw);
        return v === null ? { ok: false, message: 'is not a valid integer' } : { ok: true, v };
      }
      case 'number': {
        if (typeof raw === 'number' && Number.isFinite(raw)) return { ok: true, v: raw };
        if (coerce && typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw))) return { ok: true, v: Number(raw) };
        return { ok: false, message: 'is not a valid number' };
      }
      case 'string': {
        if (typeof raw === 'string') return { ok: true, v: raw };
        if (coerce && (typeof raw === 'number' || typeof raw === 'boolean')) return { ok: true, v: String(raw) };
        return { ok: false, message: 'is not a valid string' };
      }
      case 'bool': {
        if (typeof raw === 'boolean') return { ok: true, v: raw };
        if (coerce) {
          const r = String(raw).trim().toLowerCase();
          if (r === 'true' || r === '1') return { ok: true, v: true };
          if (r === 'false' || r === '0') return { ok: true, v: false };
        }
        return { ok: false, message: 'is not a valid boolean' };
      }
      case 'date': {
        if (typeof raw !== 'string') return { ok: false, message: 'is not a valid date' };
        const c = parseDate(raw, {
          offsets: this.k.dateOffsets === 'accept',
          dateOnly: this.k.dateOnly === 'accept',
          noZone: this.k.dateWithoutZone === 'utc',
        });
        return c === null ? { ok: false, message: 'is not a valid date' } : { ok: true, v: c };
      }
      case 'intlist': {
        if (!Array.isArray(raw) || raw.length > 10_000) return { ok: false, message: 'is not a valid list of integers' };
        const out: number[] = [];
        for (const x of raw) {
          const v = intOf(x);
          if (v === null) return { ok: false, message: 'is not a valid list of integers' };
          if (!out.includes(v)) out.push(v);
        }
        return { ok: true, v: out };
      }
      case 'enum': {
        const en = spec.enumDef!;
        let v = intOf(raw);
        if (v === null && coerce && typeof raw === 'string') {
          const hit = Object.entries(en.values).find(([n]) => n.toLowerCase() === raw.trim().toLowerCase());
          if (hit) v = hit[1];
        }
        if (v === null) return { ok: false, message: `is not a valid ${en.name} value` };
        if (this.k.invalidEnum === 'reject' && !Object.values(en.values).includes(v)) {
          return { ok: false, message: `is not a valid ${en.name} value` };
        }
        return { ok: true, v };
      }
    }
  }

  private isRequired(spec: FieldSpec, mode: 'post' | 'put'): boolean {
    if (mode === 'put') return !!spec.reqPut;
    return !!spec.reqPost || (!!spec.req14 && this.k.coworkerRequired === 'playground14');
  }

  /**
   * Validate the writable fields. Returns the converted values of the fields sent (null = sent as null or
   * absent), the errors, and whether the request must be refused with 401 (§9 deleted-coworker reference).
   */
  private validate(
    def: EntityDef,
    body: Map<string, unknown>,
    mode: 'post' | 'put',
    existing: Stored | null,
  ): { errors: ValidationError[]; values: Map<string, unknown>; deny: boolean } {
    const errors: ValidationError[] = [];
    const values = new Map<string, unknown>();
    let deny = false;
    const fkCheck = (target: FkTarget, id: number): 'ok' | 'unknown-required' | 'unknown-missing' | 'deleted-required' => {
      const state = this.fkState(target, id);
      if (state === 'ok') return 'ok';
      if (state === 'deleted') {
        if (this.k.deletedCoworkerReference === 'accept') return 'ok';
        if (this.k.deletedCoworkerReference === '401') {
          deny = true;
          return 'ok';
        }
        return 'deleted-required';
      }
      if (this.k.unknownFk === 'accept') return 'ok';
      return this.k.unknownFk === 'required' ? 'unknown-required' : 'unknown-missing';
    };

    for (const spec of def.fields) {
      if (spec.only && spec.only !== mode) continue;
      if (spec.engagement && !this.k.engagementWritable) continue;
      const present = body.has(spec.name);
      const raw = body.get(spec.name);
      const conv = this.convert(spec, present ? raw : null);
      if (!conv.ok) {
        errors.push({ AttemptedValue: raw ?? null, Message: conv.message, PropertyName: spec.name });
        continue;
      }
      let v = conv.v;
      if (typeof v === 'string' && spec.type === 'string') {
        const blank = v === '' || (this.k.whitespaceRequired === 'reject' && v.trim() === '');
        if (blank && this.isRequired(spec, mode)) {
          errors.push(this.requiredError(spec, spec.name, raw));
          continue;
        }
        if (v === '' && this.k.emptyOptionalString === 'null') v = null;
      }
      if (this.isRequired(spec, mode) && (v === null || (spec.fk && v === 0))) {
        errors.push(this.requiredError(spec, spec.name, present ? raw : null));
        continue;
      }
      if (spec.fk && v === 0) v = null; // an optional FK of 0 means "none"
      if (v !== null) {
        if (spec.isName && this.k.maxNameLength > 0 && typeof v === 'string' && v.length > this.k.maxNameLength) {
          errors.push({ AttemptedValue: raw, Message: `must be at most ${this.k.maxNameLength} characters long`, PropertyName: spec.name });
          continue;
        }
        if (spec.isEmail && this.k.emailFormat === 'reject' && typeof v === 'string' && !EMAIL_RE.test(v.trim())) {
          errors.push({ AttemptedValue: raw, Message: 'is not a valid e-mail address', PropertyName: spec.name });
          continue;
        }
        if (spec.fk && typeof v === 'number') {
          const r = fkCheck(spec.fk.target, v);
          if (r === 'unknown-required' || r === 'deleted-required') {
            errors.push(this.requiredError(spec, spec.name, raw));
            continue;
          }
          if (r === 'unknown-missing') {
            errors.push({ AttemptedValue: raw, Message: 'does not exist', PropertyName: this.fkPropName(spec) });
            continue;
          }
        }
        if (spec.type === 'intlist' && spec.listFk && Array.isArray(v)) {
          const bad = (v as number[]).find((id) => fkCheck(spec.listFk!, id) !== 'ok');
          if (bad !== undefined) {
            errors.push({ AttemptedValue: raw, Message: `contains an id that does not exist (${bad})`, PropertyName: spec.name });
            continue;
          }
        }
      }
      values.set(spec.name, v);
    }

    // cross-field rules
    if (def.key === 'coworkerinventoryasset' && this.k.assignedToBeforeFrom === 'reject') {
      const from = values.get('AssignedFrom'), to = values.get('AssignedTo');
      if (typeof from === 'string' && typeof to === 'string' && to < from) {
        errors.push({ AttemptedValue: body.get('AssignedTo') ?? null, Message: 'must not be earlier than AssignedFrom', PropertyName: 'AssignedTo' });
      }
    }
    if (def.key === 'coworker' && this.k.duplicateEmail === 'reject') {
      const email = values.get('Email');
      if (typeof email === 'string') {
        const e = email.trim().toLowerCase();
        for (const c of this.tables.coworker.values()) {
          if (c.deleted || (existing && c.Id === existing.Id)) continue;
          if (String(c.f.Email ?? '').trim().toLowerCase() === e) {
            errors.push({ AttemptedValue: body.get('Email') ?? null, Message: 'is already in use by another customer', PropertyName: 'Email' });
            break;
          }
        }
      }
    }
    return { errors, values, deny };
  }

  /** value of a field the request did not set (§1 PUT = full replace: cleared or false; documented defaults) */
  private fieldDefault(spec: FieldSpec, mode: 'post' | 'put'): unknown {
    if (spec.type === 'bool') return spec.name === 'Active' && mode === 'post' ? true : false;
    if (spec.type === 'enum') {
      if (spec.name === 'CoworkerType' || spec.name === 'TaxRateType') return 1; // Individual, Default (S1 POST page)
      if (spec.name === 'Gender') return 1; // NotSet
      if (ATTENDANCE_FIELDS.includes(spec.name)) return this.k.attendanceDefault === 'undefined' ? 5 : null;
      return null;
    }
    return null;
  }

  private defaultFields(def: EntityDef, mode: 'post' | 'put'): Record<string, unknown> {
    const f: Record<string, unknown> = {};
    for (const spec of def.fields) {
      if (spec.modifier) continue;
      f[spec.name] = spec.type === 'intlist' ? [] : this.fieldDefault(spec, mode);
    }
    return f;
  }

  private buildFields(
    def: EntityDef,
    mode: 'post' | 'put',
    values: Map<string, unknown>,
    existing: Stored | null,
    user: User,
  ): Record<string, unknown> {
    const f = this.defaultFields(def, mode);
    for (const spec of def.fields) {
      if (spec.modifier) continue;
      if ((spec.only && spec.only !== mode) || (spec.engagement && !this.k.engagementWritable)) {
        f[spec.name] = existing ? existing.f[spec.name] ?? null : spec.type === 'intlist' ? [] : null;
        continue;
      }
      const v = values.get(spec.name);
      if (v !== null && v !== undefined) f[spec.name] = Array.isArray(v) ? [...v] : v;
    }
    // collections and their write-only modifiers (§2.3, §8 #12)
    for (const g of def.modifiers) {
      const stored = existing ? ((existing.f[g.list] as number[] | null) ?? []) : [];
      const list = values.get(g.list) as number[] | null | undefined;
      const added = (values.get(g.added) as number[] | null | undefined) ?? null;
      const removed = (values.get(g.removed) as number[] | null | undefined) ?? null;
      const hasList = Array.isArray(list);
      const hasMods = added !== null || removed !== null;
      const apply = (base: number[]): number[] => {
        const out = [...base];
        for (const x of added ?? []) if (!out.includes(x)) out.push(x);
        return out.filter((x) => !(removed ?? []).includes(x));
      };
      let result: number[];
      switch (this.k.membersPrecedence) {
        case 'members-wins':
          result = hasList ? [...list!] : apply(hasMods ? stored : []);
          break;
        case 'modifiers-win':
          result = hasMods ? apply(stored) : hasList ? [...list!] : [];
          break;
        default:
          result = apply(hasList ? list! : hasMods ? stored : []);
      }
      f[g.list] = result;
    }
    if (def.key === 'coworker') {
      // §2.4 / §9: a coworker without a business silently gets the login's business
      const home = this.businesses[0].Id;
      const businesses = f.Businesses as number[];
      if (businesses.length === 0) businesses.push((f.InvoicingBusinessId as number | null) ?? home);
      if (f.InvoicingBusinessId === null) f.InvoicingBusinessId = businesses[0];
      if (mode === 'post' && f.AccessPincode === null) f.AccessPincode = String(10000 + (randomBytes(2).readUInt16BE(0) % 90000));
      if (mode === 'post' && f.RegistrationDate === null) f.RegistrationDate = nowCanonical();
    }
    if (def.key === 'coworkertask' && this.k.dueDateLocal === 'mirror') {
      if (f.DueDate === null && f.DueDateLocal !== null) f.DueDate = f.DueDateLocal;
      else if (f.DueDateLocal === null && f.DueDate !== null) f.DueDateLocal = f.DueDate;
    }
    void user;
    return f;
  }

  private successMessage(def: EntityDef, rec: Stored, verb: 'created' | 'updated'): string {
    if (this.k.successMessage === '2020') {
      const text = this.toStringText(def, rec) ?? '';
      return verb === 'created'
        ? `Record '${text}' has been succesfully created.`
        : `The record '${text}' was updated successfully`;
    }
    return `${def.name} was successfully ${verb}.`;
  }

  private create(ctx: Ctx, def: EntityDef): void {
    const user = this.authorize(ctx, def.name, 'create');
    if (!user) return;
    const body = this.readJsonObject(ctx, def, user);
    if (!body) return;
    const errors: ValidationError[] = [];
    const idRaw = body.get('Id');
    if (this.k.idOnPost === 'reject' && idRaw !== undefined && idRaw !== null && idRaw !== 0) {
      errors.push({ AttemptedValue: idRaw, Message: 'must not be set when creating a record', PropertyName: 'Id' });
    }
    const r = this.validate(def, body, 'post', null);
    if (r.deny) return this.unauthorized(ctx, ACCESS_DENIED_TEXT);
    errors.push(...r.errors);
    if (errors.length > 0) return this.failure(ctx, 400, 400, errors, user);
    if (this.tables[def.key].size >= MAX_RECORDS_PER_ENTITY) {
      return this.failure(ctx, 400, 400, [{ AttemptedValue: null, Message: 'storage limit of this test tenant reached', PropertyName: 'Request' }], user);
    }
    const rec = this.insert(def.key, this.buildFields(def, 'post', r.values, null, user), user.Email);
    const value = this.k.createValue === 'record' ? this.render(def, rec, false) : { Id: rec.Id };
    this.success(ctx, user, this.successMessage(def, rec, 'created'), value);
  }

  private update(ctx: Ctx, def: EntityDef): void {
    const user = this.authorize(ctx, def.name, 'edit');
    if (!user) return;
    const body = this.readJsonObject(ctx, def, user);
    if (!body) return;
    const idRaw = body.has('Id') ? body.get('Id') : null;
    const idConv = this.convert({ name: 'Id', type: 'int' }, idRaw);
    let existing: Stored | null = null;
    const idErrors: ValidationError[] = [];
    if (!idConv.ok) {
      idErrors.push({ AttemptedValue: idRaw, Message: idConv.message, PropertyName: 'Id' });
    } else if (idConv.v === null || idConv.v === 0) {
      idErrors.push(this.requiredError(null, 'Id', idRaw));
    } else {
      const id = idConv.v as number;
      const rec = this.tables[def.key].get(id);
      if (rec && rec.deleted && this.k.deletedCoworkerGet === 401) return this.unauthorized(ctx, 'Not found');
      if (!rec || (rec.deleted && this.k.deletedCoworkerGet === 404)) {
        // §6 / §8 #9: unknown Id on PUT is silent (knob unknownIdOnPut)
        const err = { AttemptedValue: idRaw, Message: 'does not exist', PropertyName: 'Id' };
        if (this.k.unknownIdOnPut === '404') return this.notFound(ctx);
        if (this.k.unknownIdOnPut === '400') return this.failure(ctx, 400, 400, [err], user);
        return this.failure(ctx, 200, 404, [err], user);
      }
      existing = rec;
    }
    const r = this.validate(def, body, 'put', existing);
    if (r.deny) return this.unauthorized(ctx, ACCESS_DENIED_TEXT);
    const errors = [...idErrors, ...r.errors];
    if (errors.length > 0 || !existing) return this.failure(ctx, 400, 400, errors, user);
    existing.f = this.buildFields(def, 'put', r.values, existing, user);
    existing.UpdatedOn = nowCanonical();
    existing.UpdatedBy = user.Email;
    existing.version++;
    const value = this.k.updateValue === 'record' ? this.render(def, existing, false) : { Id: existing.Id };
    this.success(ctx, user, this.successMessage(def, existing, 'updated'), value);
  }

  private remove(ctx: Ctx, def: EntityDef, id: number): void {
    if (!def.plainDelete) {
      // §3.1: Coworker has no plain DELETE; never deletes (knob coworkerPlainDelete)
      if (this.k.coworkerPlainDelete === 405) return this.methodNotAllowed(ctx, 'GET');
      const user = this.authenticated(ctx);
      if (!user) return;
      if (this.k.coworkerPlainDelete === 404) return this.noRoute(ctx);
      return this.failure(ctx, 400, 400, [
        { AttemptedValue: id, Message: 'cannot be deleted with DELETE; run the COWORKER_DELETE command', PropertyName: 'Id' },
      ], user);
    }
    const user = this.authorize(ctx, def.name, 'delete');
    if (!user) return;
    const rec = this.tables[def.key].get(id);
    if (!rec) return this.notFound(ctx);
    this.tables[def.key].delete(id);
    const message = this.k.deleteMessage === '2020' ? 'The record was deleted successfully.' : `${def.name} was successfully deleted.`;
    this.success(ctx, user, message, null);
  }

  // ----------------------------------------------------------------------------------------------
  // runcommand (§3.2; COWORKER_DELETE §3.1, §9)

  private commandFailure(ctx: Ctx, user: User, message: string, errors: ValidationError[] | null): void {
    this.json(ctx, 200, {
      ...(this.k.errorStatusField === 'http' ? { Status: 500 } : {}),
      Message: message,
      Value: null,
      ...this.envelopeExtras(user, false),
      Errors: errors,
      WasSuccessful: false,
    });
  }

  private childrenOf(coworkerId: number): string | null {
    for (const t of this.tables.coworkertask.values()) if (t.f.CoworkerId === coworkerId) return 'coworker tasks';
    for (const a of this.tables.coworkerinventoryasset.values()) if (a.f.CoworkerId === coworkerId) return 'coworker inventory assets';
    for (const w of this.tables.workspace.values()) {
      if (w.f.AdministratorId === coworkerId || ((w.f.Members as number[] | null) ?? []).includes(coworkerId)) return 'workspaces';
    }
    return null;
  }

  private runCommand(ctx: Ctx, def: EntityDef): void {
    const user0 = this.authenticated(ctx);
    if (!user0) return;
    // peek at the key to know which role applies; a malformed body still needs a role before it is answered
    let key: unknown = undefined;
    try {
      const peek = JSON.parse(ctx.body.toString('utf8') || '{}') as unknown;
      if (peek && typeof peek === 'object' && !Array.isArray(peek)) {
        const entry = Object.entries(peek as Record<string, unknown>).find(([k]) => k.toLowerCase() === 'key');
        key = entry?.[1];
      }
    } catch {
      key = undefined;
    }
    const isDelete = typeof key === 'string' && key.trim().toUpperCase() === 'COWORKER_DELETE' && def.key === 'coworker';
    const user = this.authorize(ctx, def.name, isDelete ? 'delete' : 'edit');
    if (!user) return;
    const body = this.readJsonObject(ctx, null, user);
    if (!body) return;
    const get = (name: string): unknown => {
      for (const [k, v] of body) if (k.toLowerCase() === name.toLowerCase()) return v;
      return undefined;
    };
    const errors: ValidationError[] = [];
    const k = get('Key');
    if (typeof k !== 'string' || k.trim() === '') errors.push(this.requiredError(null, 'Key', k ?? null));
    const idsRaw = get('Ids');
    const ids = this.convert({ name: 'Ids', type: 'intlist' }, idsRaw ?? []);
    if (!ids.ok) errors.push({ AttemptedValue: idsRaw ?? null, Message: ids.message, PropertyName: 'Ids' });
    const params = get('Parameters');
    if (params !== undefined && params !== null && !Array.isArray(params)) {
      errors.push({ AttemptedValue: params, Message: 'is not a valid list of parameters', PropertyName: 'Parameters' });
    }
    if (errors.length > 0 || !ids.ok) return this.failure(ctx, 400, 400, errors, user);
    if (!isDelete) return this.commandFailure(ctx, user, `The command '${String(k)}' is not available for ${def.name}.`, null);
    const list = ids.v as number[];
    if (list.length === 0) return this.commandFailure(ctx, user, 'No records were selected.', null);
    const table = this.tables.coworker;
    const unknown = list.filter((id) => !table.has(id));
    if (unknown.length > 0 && this.k.commandUnknownIds === 'fail') {
      return this.commandFailure(
        ctx,
        user,
        `Ids: record not found`,
        unknown.map((id) => ({ AttemptedValue: id, Message: 'record not found', PropertyName: 'Ids' })),
      );
    }
    const known = list.filter((id) => table.has(id));
    if (this.k.blockedDelete === 'coworker-with-children') {
      for (const id of known) {
        if (table.get(id)!.deleted) continue;
        const child = this.childrenOf(id);
        if (child) {
          return this.commandFailure(ctx, user, `You must delete all ${child} using this record before you can delete it.`, null);
        }
      }
    }
    for (const id of known) {
      if (this.k.coworkerDelete === 'hard') {
        table.delete(id);
        continue;
      }
      const rec = table.get(id)!;
      if (rec.deleted) continue;
      rec.deleted = true;
      rec.f.Active = false; // §9: comes back in lists with Active=false, UpdatedBy "[System]"
      rec.UpdatedBy = '[System]';
      rec.UpdatedOn = nowCanonical();
      rec.version++;
    }
    const message = this.k.commandMessage === 'entity'
      ? `${known.length === 1 ? 'Coworker was' : 'Coworkers were'} successfully deleted.`
      : 'The command was executed successfully.';
    this.success(ctx, user, message, null);
  }
}

// ------------------------------------------------------------------------------------------------
// helpers

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      if (tooBig) return;
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        tooBig = true;
        chunks.length = 0;
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks)));
    req.on('error', () => resolve(tooBig ? null : Buffer.concat(chunks)));
  });
}

function hasParam(q: URLSearchParams, name: string): boolean {
  const n = name.toLowerCase();
  for (const k of q.keys()) if (k.toLowerCase() === n) return true;
  return false;
}

function getParam(q: URLSearchParams, name: string): string | null {
  const n = name.toLowerCase();
  for (const [k, v] of q) if (k.toLowerCase() === n) return v;
  return null;
}

function parseIntParam(raw: string | null): number | null {
  if (raw === null || !/^\s*-?\d{1,9}\s*$/.test(raw)) return null;
  return Number(raw);
}

function parseId(seg: string): number | null {
  if (!/^\d{1,15}$/.test(seg)) return null;
  const n = Number(seg);
  return Number.isSafeInteger(n) ? n : null;
}

/** "[1,2,3]", "1,2,3" or "7" → numbers; null when malformed */
function parseIdList(raw: string): number[] | null {
  let s = raw.trim();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  if (s.trim() === '') return raw.trim().startsWith('[') ? [] : null;
  const out: number[] = [];
  for (const part of s.split(',')) {
    const p = part.trim();
    if (!/^-?\d{1,15}$/.test(p)) return null;
    out.push(Number(p));
  }
  return out;
}

/** filter/order key → view key: "Coworker" → CoworkerId, "Coworker_FullName" → CoworkerFullName */
function resolveKey(view: Record<string, unknown>, prop: string, prefix: string): string | null {
  let p = prop.toLowerCase();
  const pre = `${prefix.toLowerCase()}_`;
  if (p.startsWith(pre)) p = p.slice(pre.length);
  const candidates = [p, `${p}id`, p.replace(/_/g, ''), `${p.replace(/_/g, '')}id`];
  const keys = Object.keys(view);
  for (const c of candidates) {
    const hit = keys.find((k) => k.toLowerCase() === c);
    if (hit) return hit;
  }
  return null;
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  const av = a instanceof CanonDate ? a.v : Array.isArray(a) ? a.length : a;
  const bv = b instanceof CanonDate ? b.v : Array.isArray(b) ? b.length : b;
  if (typeof av === 'number' && typeof bv === 'number') return av - bv;
  if (typeof av === 'boolean' && typeof bv === 'boolean') return Number(av) - Number(bv);
  const as = String(av), bs = String(bv);
  return as < bs ? -1 : as > bs ? 1 : 0;
}
