/**
 * Bearer tokens per persona (nexudus-api.md §4): password grant, cached, refreshed with the refresh
 * token when expired, or once on a 401 for a token old enough to have lapsed. Every token is
 * registered as a secret before anything can print it.
 */
import type { Persona } from '../config/profile.ts';
import { addSecret } from '../config/redact.ts';

export interface Token {
  access: string;
  refresh?: string;
  issuedAt: number;
  expiresIn: number;
}

export interface TokenResult {
  status: number;
  json: unknown;
  text: string;
}

/** Sends one form-encoded POST /api/token; supplied by the client so it is paced, counted and logged. */
export type TokenPoster = (form: Record<string, string>, persona: Persona, reason: 'renewal' | 'sign-in') => Promise<TokenResult>;

/** What the client needs of a token source: the run's cache in the runner, the broker's client in a worker. */
export interface Tokens {
  get(p: Persona): Promise<string>;
  /** after a 401: a renewed token, or undefined when the token could not have lapsed */
  renewAfter401(p: Persona): Promise<string | undefined>;
}

/** A token is used until shortly before it lapses (5 s, or a fifth of a short lifetime). */
export const freshEnough = (t: Token, now = Date.now()): boolean => now < t.issuedAt + (t.expiresIn - Math.min(5, t.expiresIn * 0.2)) * 1000;

export class TokenCache implements Tokens {
  private tokens = new Map<string, Token>();

  constructor(private readonly post: TokenPoster) {}

  async get(p: Persona): Promise<string> {
    const t = this.tokens.get(p.name);
    if (t && freshEnough(t)) return t.access;
    if (t?.refresh) {
      const refreshed = await this.tryRefresh(p, t.refresh);
      if (refreshed) return refreshed;
    }
    return this.issue(p, t ? 'renewal' : 'sign-in');
  }

  /** After a 401: refresh once if the token could have lapsed (older than min(30 s, half its life)). */
  async renewAfter401(p: Persona): Promise<string | undefined> {
    const t = this.tokens.get(p.name);
    if (!t) return undefined;
    const age = (Date.now() - t.issuedAt) / 1000;
    if (age < Math.min(30, t.expiresIn / 2)) return undefined;
    return (t.refresh && (await this.tryRefresh(p, t.refresh))) || this.issue(p, 'renewal');
  }

  peek(p: Persona): Token | undefined {
    return this.tokens.get(p.name);
  }

  private async issue(p: Persona, reason: 'renewal' | 'sign-in'): Promise<string> {
    const r = await this.post({ grant_type: 'password', username: p.username, password: p.password }, p, reason);
    return this.store(p, r, 'password');
  }

  private async tryRefresh(p: Persona, refresh: string): Promise<string | undefined> {
    const r = await this.post({ grant_type: 'refresh_token', refresh_token: refresh }, p, 'renewal');
    if (r.status !== 200) return undefined;
    return this.store(p, r, 'refresh_token');
  }

  private store(p: Persona, r: TokenResult, grant: string): string {
    const j = r.json as { access_token?: string; refresh_token?: string; expires_in?: number } | undefined;
    if (r.status !== 200 || !j?.access_token) {
      throw new TokenError(p, r.status, grant);
    }
    addSecret(j.access_token);
    addSecret(j.refresh_token);
    this.tokens.set(p.name, { access: j.access_token, refresh: j.refresh_token, issuedAt: Date.now(), expiresIn: j.expires_in ?? 3600 });
    return j.access_token;
  }
}

export class TokenError extends Error {
  constructor(
    readonly persona: Persona,
    readonly status: number,
    readonly grant: string,
  ) {
    super(`POST /api/token (${grant} grant) for persona "${persona.name}" (${persona.username}) answered ${status}`);
    this.name = 'TokenError';
  }
}
