/**
 * Public API of the sandbox tenant: `startSandbox()` runs a stateful in-memory emulation of a Nexudus
 * tenant on loopback for the suite's self-tests and demos. See sandbox/README.md.
 */
import type { AddressInfo } from 'node:net';
import { Faults, type FaultName } from './faults.ts';
import { RequestLog, type RequestLogEntry } from './request-log.ts';
import { loadProfile, seed } from './seed-data.ts';
import { createSandboxServer } from './server.ts';
import { Store } from './store.ts';
import { Throttle, type Limits, type ThrottleOptions } from './throttle.ts';
import { Tokens } from './tokens.ts';
import { Variations, type VariationName } from './variations.ts';

export {
  FAULTS, FAULT_NAMES, MUTATION_FAULTS, REQUIRED_FIELDS, describeFault, faultProblem, isFaultName, requiredFault,
  type FaultCategory, type FaultInfo, type FaultName, type NamedFault, type RequiredFault,
} from './faults.ts';
export { VARIATIONS, VARIATION_NAMES, isVariationName, variationProblem, type VariationName } from './variations.ts';
export type { RequestLogEntry } from './request-log.ts';
export { DEFAULT_LIMITS, type Limits, type ThrottleOptions } from './throttle.ts';

export interface SandboxOptions {
  /** 0 = a free port (default 0) */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** access token lifetime; default the profile's tokenLifetimeSeconds, else 3600. Fractions allowed (fast expiry tests); expires_in is rounded up. */
  tokenLifetimeSeconds?: number;
  /**
   * rate-limit emulation; off when undefined and no throttle variation is on. With the variation
   * throttle-409/throttle-429, `status` comes from it and `every`/`retryAfterSeconds` default to 7 and 0.
   */
  throttle?: { status?: 409 | 429; every?: number; retryAfterSeconds?: number; limits?: Partial<Limits> };
  /** append one JSON line per request */
  requestLogPath?: string;
  /** deliberately broken rules (sandbox/faults.ts), for proving the suite can fail */
  faults?: FaultName[];
  /** conformant answers other than the defaults (sandbox/variations.ts), for proving the suite does not alarm */
  variations?: VariationName[];
}

export interface Sandbox {
  url: string;
  port: number;
  requestLog: RequestLogEntry[];
  /** every access and refresh token issued so far (tests search outputs for them) */
  issuedTokens(): string[];
  close(): Promise<void>;
}

export async function startSandbox(o: SandboxOptions = {}): Promise<Sandbox> {
  const profile = loadProfile();
  const lifetime = o.tokenLifetimeSeconds ?? profile.tokenLifetimeSeconds ?? 3600;
  if (!Number.isFinite(lifetime) || lifetime <= 0) throw new Error(`tokenLifetimeSeconds must be a positive number, got ${lifetime}`);
  const faults = new Faults(o.faults ?? []);
  const variations = new Variations(o.variations ?? []);
  const throttle = throttleOf(o.throttle, variations.throttleStatus);
  if (throttle) validateThrottle(throttle);
  const store = new Store();
  const tokens = new Tokens(lifetime);
  const { personas } = seed(store, profile);
  const log = new RequestLog(o.requestLogPath);
  const server = createSandboxServer({
    tenant: { store, tokens, faults, variations, personas },
    log,
    throttle: throttle ? new Throttle(throttle) : undefined,
  });
  const host = o.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => { server.off('error', reject); resolve(); });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    requestLog: log.entries,
    issuedTokens: () => [...tokens.issued],
    close: () => (closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    })),
  };
}

/** The throttle to run: the explicit options, completed by a throttle variation (every 7th request, wait 0). */
function throttleOf(t: SandboxOptions['throttle'], form: 409 | 429 | undefined): ThrottleOptions | undefined {
  if (!t && !form) return undefined;
  if (form && t?.status !== undefined && t.status !== form) throw new Error(`throttle.status ${t.status} contradicts the variation throttle-${form}`);
  const status = t?.status ?? form;
  if (status === undefined) throw new Error('throttle.status must be 409 or 429, or enable the variation throttle-409 or throttle-429');
  if (!form) return { ...t, status };
  return { status, every: t?.every ?? 7, retryAfterSeconds: t?.retryAfterSeconds ?? 0, limits: t?.limits };
}

function validateThrottle(t: ThrottleOptions): void {
  if (t.status !== 409 && t.status !== 429) throw new Error(`throttle.status must be 409 or 429, got ${t.status}`);
  if (t.every !== undefined && (!Number.isInteger(t.every) || t.every < 1)) throw new Error(`throttle.every must be a positive integer, got ${t.every}`);
  if (t.retryAfterSeconds !== undefined && !(t.retryAfterSeconds >= 0)) throw new Error(`throttle.retryAfterSeconds must be >= 0, got ${t.retryAfterSeconds}`);
}
