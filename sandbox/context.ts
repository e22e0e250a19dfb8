/** The request context every module works with: the request, its persona and the tenant it reaches. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Faults } from './faults.ts';
import type { Persona } from './seed-data.ts';
import type { Store } from './store.ts';
import type { Tokens } from './tokens.ts';
import type { Variations } from './variations.ts';

export interface Tenant {
  store: Store;
  tokens: Tokens;
  faults: Faults;
  variations: Variations;
  personas: Persona[];
}

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  url: URL;
  /** lower-cased pathname without a trailing slash (ASP.NET routes are case-insensitive) */
  path: string;
  body: Buffer;
  /** the authenticated persona, or null */
  user: Persona | null;
  /** why authentication failed, when credentials were sent */
  authError: 'missing' | 'malformed' | 'unknown' | 'expired' | 'bad-password' | null;
  tenant: Tenant;
  /** record Ids the request touched, for the request log */
  ids: number[];
  status: number;
}
