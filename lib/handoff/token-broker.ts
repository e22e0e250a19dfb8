/**
 * The run's bearer tokens live in the runner process. Workers ask it for a persona's token instead of
 * signing in, so a worker Playwright starts after a failed check costs no token request, and a token
 * that lapses is renewed once for every worker. Loopback only; every request carries the run's random
 * key, which travels in the workers' environment like the URL (never in a file).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerJson, listenOnLoopback, readBody } from './loopback.ts';
import { createHash, randomBytes } from 'node:crypto';
import type { Persona } from '../config/profile.ts';
import { freshEnough, type Token, type TokenCache, type Tokens } from '../client/tokens.ts';
import { addSecret } from '../config/redact.ts';

export interface TokenBroker {
  /** `<url>#<key>`: what a worker needs (NEXUDUS_TOKEN_BROKER) */
  address: string;
  close(): Promise<void>;
}

/** A token is named by its hash when a worker reports it rejected: the token itself never travels back. */
const hashOf = (access: string) => createHash('sha256').update(access).digest('hex');

export async function startTokenBroker(cache: TokenCache, personas: Persona[]): Promise<TokenBroker> {
  const key = randomBytes(24).toString('hex');
  const byName = new Map(personas.map((p) => [p.name, p]));
  // one token request at a time per persona: two workers asking at once get the same token
  const queues = new Map<string, Promise<unknown>>();
  const serial = <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const next = (queues.get(name) ?? Promise.resolve()).then(f, f);
    queues.set(name, next.catch(() => undefined));
    return next;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST' || req.url !== '/token' || req.headers['x-run-key'] !== key) return answerJson(res, 404, { error: 'not found' });
    let body: { persona?: unknown; rejected?: unknown };
    try {
      body = JSON.parse(await readBody(req)) as typeof body;
    } catch {
      return answerJson(res, 400, { error: 'the body is not JSON' });
    }
    const p = typeof body.persona === 'string' ? byName.get(body.persona) : undefined;
    if (!p) return answerJson(res, 400, { error: `no persona "${String(body.persona)}" in this run` });
    try {
      const token = await serial(p.name, async () => {
        const held = cache.peek(p);
        // renewed only when the worker's token is still the one held: a second report of the same 401 gets the new one
        if (typeof body.rejected === 'string' && held && hashOf(held.access) === body.rejected) {
          return (await cache.renewAfter401(p)) === undefined ? undefined : cache.peek(p);
        }
        await cache.get(p);
        return cache.peek(p);
      });
      answerJson(res, 200, { token: token ?? null });
    } catch (err) {
      answerJson(res, 502, { error: (err as Error).message });
    }
  };

  const server = await listenOnLoopback(handle);
  return { address: `${server.url}#${key}`, close: server.close };
}

/** The workers' side: tokens from the runner's broker, kept until they are due for renewal. */
export class BrokeredTokens implements Tokens {
  private readonly held = new Map<string, Token>();
  private readonly url: string;
  private readonly key: string;

  constructor(address: string) {
    const [url, key] = address.split('#');
    this.url = url!;
    this.key = key ?? '';
  }

  async get(p: Persona): Promise<string> {
    const t = this.held.get(p.name);
    if (t && freshEnough(t)) return t.access;
    return this.ask(p, undefined) as Promise<string>;
  }

  async renewAfter401(p: Persona): Promise<string | undefined> {
    const t = this.held.get(p.name);
    if (!t) return undefined;
    return this.ask(p, hashOf(t.access));
  }

  private async ask(p: Persona, rejected: string | undefined): Promise<string | undefined> {
    let res: Response;
    try {
      res = await fetch(new URL('/token', this.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-run-key': this.key },
        body: JSON.stringify({ persona: p.name, rejected }),
      });
    } catch (err) {
      const code = (err as { cause?: { code?: string } }).cause?.code ?? 'no connection';
      throw new Error(`the run's token broker at ${this.url} is unreachable (${code}): the Playwright runner of this run has stopped`);
    }
    const j = (await res.json()) as { token?: Token | null; error?: string };
    if (res.status !== 200) throw new Error(`the run's token broker could not give a token for "${p.name}": ${j.error ?? res.status}`);
    if (!j.token) return undefined;
    addSecret(j.token.access);
    addSecret(j.token.refresh);
    this.held.set(p.name, j.token);
    return j.token.access;
  }
}
