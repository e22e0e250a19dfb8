/**
 * The HTTP server: reads the body, identifies the caller, applies throttling, then dispatches to the
 * token route, the OpenAPI document, the fixture lists or the generic entity router. Every request
 * is logged. Unexpected exceptions answer the 2020 docs' 500 body; the fuzz test keeps that at zero.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { buildOpenApi } from '../api/openapi.ts';
import { identify, tokenRoute } from './auth.ts';
import { readBody } from './body.ts';
import { entityRoutes, fixtureRoutes } from './entities.ts';
import { fail, send, type Ctx, type Tenant } from './http.ts';
import type { RequestLog } from './request-log.ts';
import type { Throttle } from './throttle.ts';

export interface ServerDeps {
  tenant: Tenant;
  log: RequestLog;
  throttle?: Throttle;
}

function normalizePath(pathname: string): string {
  let p = pathname.toLowerCase().replace(/\/{2,}/g, '/');
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p;
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const time = new Date().toISOString();
  const method = (req.method ?? 'GET').toUpperCase();
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://sandbox.local');
  } catch {
    url = new URL('http://sandbox.local/');
  }
  const ctx: Ctx = {
    req, res, method, url, path: normalizePath(url.pathname), body: Buffer.alloc(0),
    user: null, authError: null, tenant: deps.tenant, ids: [], status: 0,
  };
  try {
    const { body, tooLarge } = await readBody(req);
    ctx.body = body;
    // the `latency` variation: answers of concurrent requests can come back in another order
    if (deps.tenant.variations.on('latency')) await new Promise((r) => setTimeout(r, 1 + Math.random() * 11));
    identify(ctx);
    if (tooLarge) return fail(ctx, 413, 'The request body is larger than 1 MB.', { connection: 'close' });
    if (ctx.path === '/api/openapi.json') {
      return method === 'GET' ? send(ctx, 200, buildOpenApi()) : send(ctx, 405, { Message: 'Use GET.' }, { allow: 'GET' });
    }
    if (deps.throttle && (ctx.path === '/api' || ctx.path.startsWith('/api/'))) {
      const key = req.headers.authorization ?? req.socket.remoteAddress ?? '?';
      const wait = deps.throttle.check(key, method !== 'GET' && method !== 'HEAD');
      if (wait !== null) return deps.throttle.respond(ctx, wait);
    }
    if (ctx.path === '/api/token') {
      ctx.user = null; // the token route authenticates by form, not by header
      return tokenRoute(ctx);
    }
    if (entityRoutes(ctx) || fixtureRoutes(ctx)) return;
    send(ctx, 404, { Message: `No HTTP resource was found that matches the request URI '${url.pathname}'.` });
  } catch (err) {
    if (process.env.SANDBOX_DEBUG) console.error(err);
    send(ctx, 500, { Message: 'An error has occurred.' });
  } finally {
    if (!res.headersSent && !res.writableEnded) send(ctx, 500, { Message: 'An error has occurred.' });
    deps.log.add({ time, method, path: url.pathname + url.search, user: ctx.user?.username ?? null, status: ctx.status || res.statusCode, ids: [...new Set(ctx.ids)] });
  }
}

export function createSandboxServer(deps: ServerDeps): Server {
  const server = createServer((req, res) => void handle(deps, req, res));
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;
  return server;
}
