/**
 * Another conformant tenant, made by putting a proxy in front of the sandbox that answers every point
 * the docs leave open differently (nexudus-api.md §8): extra fields on every record, envelope and token
 * answer; foreign-key errors named by the field (`CoworkerId`) instead of the navigation name; empty 401
 * bodies; whole-second dates; PUT on an unknown Id answered 400 instead of 404; 429 throttles with
 * "Wait N seconds" on every 6th request. Used to prove the suite does not lean on the sandbox's choices.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ENTITIES } from '../../lib/catalogue/entities.ts';
import { meta } from '../../lib/catalogue/fields.ts';

/** navigation name → field name, from the catalogue (`Coworker` → `CoworkerId`) */
const FIELD_OF_NAV = new Map<string, string>();
for (const e of ENTITIES) for (const [name, s] of Object.entries(e.fields)) {
  const nav = meta(s)['x-nav'];
  if (nav && nav !== name) FIELD_OF_NAV.set(nav, name);
}

type J = unknown;

function transform(j: J): J {
  if (Array.isArray(j)) return j.map(transform);
  if (!j || typeof j !== 'object') return typeof j === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/.test(j) ? j.replace(/\.\d+Z$/, 'Z') : j;
  const o: Record<string, J> = {};
  for (const [k, v] of Object.entries(j)) o[k] = transform(v);
  if (typeof o.PropertyName === 'string' && FIELD_OF_NAV.has(o.PropertyName)) o.PropertyName = FIELD_OF_NAV.get(o.PropertyName)!;
  if ('Errors' in o && typeof o.Message === 'string') {
    const m = /^([^:]+): (.*)$/.exec(o.Message);
    if (m && FIELD_OF_NAV.has(m[1])) o.Message = `${FIELD_OF_NAV.get(m[1])}: ${m[2]}`;
  }
  if ('access_token' in o) Object.assign(o, { userName: 'someone', '.issued': new Date().toUTCString(), '.expires': new Date(Date.now() + 8000).toUTCString() });
  else if ('Id' in o || 'WasSuccessful' in o || 'Records' in o) o.TenantExtra = { region: 'eu-west', shard: 7 };
  return o;
}

export async function startOtherTenant(upstream: string): Promise<{ url: string; throttled: () => number; close: () => Promise<void> }> {
  let n = 0;
  let throttled = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', async () => {
      if (++n % 6 === 0) {
        throttled++;
        res.writeHead(429, { 'content-type': 'application/json' });
        return res.end('{"Message":"API calls quota exceeded. Wait 0.05 seconds and try again."}');
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const up = await fetch(upstream + req.url, { method: req.method, headers, body: req.method === 'GET' ? undefined : body });
      const text = await up.text();
      let out = text;
      let status = up.status;
      if (status === 401) out = '';
      else if (req.method === 'PUT' && status === 404) {
        const id = (() => { try { return (JSON.parse(String(body)) as { Id?: unknown }).Id; } catch { return null; } })();
        status = 400;
        out = JSON.stringify({ Message: 'Id: does not exist', Value: null, Errors: [{ AttemptedValue: id, Message: 'does not exist', PropertyName: 'Id' }], WasSuccessful: false });
      } else {
        try {
          out = JSON.stringify(transform(JSON.parse(text)));
        } catch {
          out = text;
        }
      }
      res.writeHead(status, { 'content-type': up.headers.get('content-type') ?? 'application/json; charset=utf-8' });
      res.end(out);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    throttled: () => throttled,
    close: () => new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); }),
  };
}
