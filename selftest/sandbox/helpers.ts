/** Shared helpers for the sandbox self-tests: start a sandbox, call it with fetch, build valid bodies. */
import type { TSchema } from '@sinclair/typebox';
import { requiredFields, resourcePath, type EntityDecl } from '../../api/catalogue/entities.ts';
import { isDateTime, jsonTypes, meta, enumValues, type RefName } from '../../api/catalogue/fields.ts';
import { readFileSync } from 'node:fs';
import { loadProfile } from '../../sandbox/seed-data.ts';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/index.ts';

export const PROFILE = loadProfile();
export type PersonaName = 'admin' | 'creator' | 'editor' | 'reader' | 'taskOwner' | 'nobody';
export const persona = (n: PersonaName) => PROFILE.personas[n];

export interface Reply { status: number; headers: Headers; text: string; json: any }

export interface CallOpts {
  as?: PersonaName;
  token?: string;
  authorization?: string;
  json?: unknown;
  body?: string | Buffer;
  headers?: Record<string, string>;
}

export class Client {
  private readonly tokens = new Map<string, string>();
  constructor(readonly sb: Sandbox) {}

  static async start(o: SandboxOptions = {}): Promise<Client> {
    // an hour unless a test asks otherwise: sandbox/profile.json's 8 s suits the suite, not long unit tests
    return new Client(await startSandbox({ port: 0, tokenLifetimeSeconds: 3600, ...o }));
  }

  close(): Promise<void> {
    return this.sb.close();
  }

  async tokenRequest(form: Record<string, string>, headers: Record<string, string> = {}): Promise<Reply> {
    return this.call('POST', '/api/token', {
      body: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  }

  async token(who: PersonaName): Promise<string> {
    let t = this.tokens.get(who);
    if (!t) {
      const p = persona(who);
      const r = await this.tokenRequest({ grant_type: 'password', username: p.username, password: p.password });
      if (r.status !== 200) throw new Error(`token for ${who}: ${r.status} ${r.text}`);
      t = r.json.access_token as string;
      this.tokens.set(who, t);
    }
    return t;
  }

  async call(method: string, path: string, o: CallOpts = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...o.headers };
    if (o.as) headers.authorization = `Bearer ${await this.token(o.as)}`;
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.authorization !== undefined) headers.authorization = o.authorization;
    let body: string | Buffer | undefined = o.body;
    if (o.json !== undefined) {
      body = JSON.stringify(o.json);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.sb.url + path, { method, headers, body });
    const text = await res.text();
    let json: unknown;
    try { json = JSON.parse(text); } catch { json = undefined; }
    return { status: res.status, headers: res.headers, text, json };
  }

  /** Ids of the seeded fixtures, discovered the way the suite does it. */
  async refs(): Promise<Record<RefName, number>> {
    const biz = (await this.call('GET', '/api/sys/businesses', { as: 'admin' })).json.Records[0];
    const asset = (await this.call('GET', '/api/spaces/inventoryassets', { as: 'admin' })).json.Records[0];
    const admin = (await this.call('GET', `/api/sys/users?User_Email=${encodeURIComponent(persona('admin').username)}`, { as: 'admin' })).json.Records[0];
    const cw = (await this.call('GET', '/api/spaces/coworkers', { as: 'admin' })).json.Records[0];
    // the records the sandbox's profile names for the foreign keys of entities read from pages
    const named = (JSON.parse(readFileSync(new URL('../../sandbox/profile.json', import.meta.url), 'utf8')) as { fixtures?: Record<string, number> }).fixtures ?? {};
    return {
      ...named,
      businessId: biz.Id, inventoryAssetId: asset.Id, responsibleId: admin.Id, countryId: biz.CountryId,
      simpleTimeZoneId: biz.SimpleTimeZoneId, coworkerId: cw.Id, administratorId: cw.Id,
    };
  }

  /** POSTs a valid body and returns the new Id. */
  async create(e: EntityDecl, refs: Record<RefName, number>, extra: Record<string, unknown> = {}): Promise<number> {
    const r = await this.call('POST', resourcePath(e), { as: 'admin', json: { ...validBody(e, refs), ...extra } });
    if (r.status < 200 || r.status > 299) throw new Error(`create ${e.name}: ${r.status} ${r.text}`);
    if (typeof r.json.Value?.Id === 'number') return r.json.Value.Id;
    // an envelope without the Id (the success-envelope-no-id fault): the newest record is ours
    return (await this.call('GET', `${resourcePath(e)}?orderBy=Id&dir=-1&size=1`, { as: 'admin' })).json.Records[0].Id;
  }
}

let n = 0;
/** The required fields with plausible values (FKs from the seeded fixtures). */
export function validBody(e: EntityDecl, refs: Record<RefName, number>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of requiredFields(e)) out[f] = valueFor(f, e.fields[f], refs);
  return out;
}

function valueFor(name: string, s: TSchema, refs: Record<RefName, number>): unknown {
  const ref = meta(s)['x-ref'];
  if (ref) return refs[ref];
  const values = enumValues(s);
  if (values?.length) return values[0];
  if (isDateTime(s)) return '2025-01-15T10:30:00Z';
  if (jsonTypes(s).includes('string')) return name === 'Email' ? `selftest-${++n}@example.org` : `Selftest ${name} ${++n}`;
  if (jsonTypes(s).includes('boolean')) return true;
  return 1;
}

export const basic = (user: string, pw: string) => `Basic ${Buffer.from(`${user}:${pw}`).toString('base64')}`;
