/**
 * Opaque bearer and refresh tokens (nexudus-api.md §4). Access tokens expire after the configured
 * lifetime; refresh tokens after 15 days. Refreshing rotates the refresh token. When a request sends a
 * `client_id` header, a new token for that client id invalidates its earlier refresh tokens (documented);
 * without the header every refresh token stands alone, so parallel workers sharing a persona do not
 * invalidate each other.
 */
import { randomBytes } from 'node:crypto';

const REFRESH_LIFETIME_MS = 15 * 24 * 3600 * 1000;

interface AccessGrant { username: string; expiresAt: number }
interface RefreshGrant { username: string; clientId: string | null; expiresAt: number }

export interface IssuedToken {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  refresh_token: string;
}

const opaque = () => randomBytes(32).toString('base64url');

export class Tokens {
  private readonly access = new Map<string, AccessGrant>();
  private readonly refresh = new Map<string, RefreshGrant>();
  /** client id → its one live refresh token */
  private readonly byClient = new Map<string, string>();
  /** every access and refresh token ever issued, for the suite's secret-leak test */
  readonly issued: string[] = [];

  constructor(private readonly lifetimeSeconds: number) {}

  issue(username: string, clientId: string | null): IssuedToken {
    const now = Date.now();
    const access_token = opaque();
    const refresh_token = opaque();
    this.issued.push(access_token, refresh_token);
    this.access.set(access_token, { username, expiresAt: now + this.lifetimeSeconds * 1000 });
    this.refresh.set(refresh_token, { username, clientId, expiresAt: now + REFRESH_LIFETIME_MS });
    if (clientId !== null) {
      const key = `${username}\n${clientId}`;
      const previous = this.byClient.get(key);
      if (previous) this.refresh.delete(previous);
      this.byClient.set(key, refresh_token);
    }
    return { access_token, token_type: 'bearer', expires_in: Math.max(1, Math.ceil(this.lifetimeSeconds)), refresh_token };
  }

  /** The access token's user, or why not. */
  check(token: string, acceptExpired = false): { username: string } | { reason: 'unknown' | 'expired' } {
    const g = this.access.get(token);
    if (!g) return { reason: 'unknown' };
    if (g.expiresAt <= Date.now() && !acceptExpired) return { reason: 'expired' };
    return { username: g.username };
  }

  /** Trades a refresh token for a new pair; null when unknown, expired or for another client id. */
  redeem(refreshToken: string, clientId: string | null): IssuedToken | null {
    const g = this.refresh.get(refreshToken);
    if (!g || g.expiresAt <= Date.now()) return null;
    if (g.clientId !== null && clientId !== null && g.clientId !== clientId) return null;
    this.refresh.delete(refreshToken);
    return this.issue(g.username, g.clientId ?? clientId);
  }
}
