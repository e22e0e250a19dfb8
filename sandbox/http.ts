/** The response helpers (one place for headers); the request context lives in context.ts. */
import { answerText } from './reshape.ts';
import type { Ctx } from './context.ts';

export type { Ctx, Tenant } from './context.ts';

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
