/** The request context every module works with, and the response helpers (one place for headers). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Faults } from './faults.ts';
import { answerText } from './reshape.ts';
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

export function send(ctx: Ctx, status: number, body: unknown, headers: Record<string, string> = {}): void {
  ctx.status = status;
  if (ctx.res.headersSent) return;
  const text = answerText(ctx, status, body, typeof body === 'string' && !!headers['content-type']);
  ctx.res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  ctx.res.end(text);
}

/** A 4xx that is not a validation failure: Message only, shaped like the 2020 docs' error bodies. */
export function fail(ctx: Ctx, status: number, message: string, headers: Record<string, string> = {}): void {
  send(ctx, status, { Message: message, Value: null, Errors: null, WasSuccessful: false }, headers);
}

/** 404 body as the 2020 docs show it: the JSON string "Not found" (nexudus-api.md §3.2). */
export const notFound = (ctx: Ctx): void => send(ctx, 404, 'Not found');
