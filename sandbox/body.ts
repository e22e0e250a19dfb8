/**
 * Request bodies: size cap while reading, and JSON parsing that answers a clean 4xx for anything
 * that is not a JSON object (wrong Content-Type, malformed, too deep, array/primitive).
 */
import type { IncomingMessage } from 'node:http';
import { fail, type Ctx } from './http.ts';

export const MAX_BODY_BYTES = 1024 * 1024;
/** Past this the connection is dropped instead of drained: a client that keeps sending is not served. */
const MAX_DRAIN_BYTES = 32 * MAX_BODY_BYTES;
export const MAX_DEPTH = 64;

/** Reads the whole body; `tooLarge` when it passes 1 MB (the rest is drained, not kept). */
export function readBody(req: IncomingMessage): Promise<{ body: Buffer; tooLarge: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (tooLarge: boolean) => {
      if (settled) return;
      settled = true;
      resolve({ body: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge });
    };
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
      else chunks.length = 0;
      if (size > MAX_DRAIN_BYTES) { req.destroy(); finish(true); }
    });
    req.on('end', () => finish(size > MAX_BODY_BYTES));
    req.on('error', () => finish(size > MAX_BODY_BYTES));
    req.on('close', () => finish(size > MAX_BODY_BYTES));
  });
}

/** Nesting depth of a JSON text, counted without parsing (so a hostile body cannot exhaust the stack). */
function depthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped char
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) { if (++depth > max) return true; }
    else if (c === 125 || c === 93) depth--;
  }
  return false;
}

export function isJsonType(contentType: string | undefined): boolean {
  const t = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return t === 'application/json' || t === 'text/json' || /^application\/[a-z0-9.+-]*\+json$/.test(t);
}

/** The body as a JSON object, or undefined after answering the 4xx. */
export function jsonBody(ctx: Ctx): Record<string, unknown> | undefined {
  const type = ctx.req.headers['content-type'];
  if (!isJsonType(type)) {
    fail(ctx, 415, `The request entity's media type '${(type ?? '').split(';')[0].trim() || '(none)'}' is not supported for this resource; send application/json.`);
    return undefined;
  }
  let text = ctx.body.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!text.trim()) { fail(ctx, 400, 'A JSON object is required in the request body.'); return undefined; }
  if (depthExceeds(text, MAX_DEPTH)) { fail(ctx, 400, `The request body is nested deeper than ${MAX_DEPTH} levels.`); return undefined; }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    fail(ctx, 400, 'The request body is not valid JSON.');
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    fail(ctx, 400, 'A JSON object is required in the request body.');
    return undefined;
  }
  return data as Record<string, unknown>;
}
