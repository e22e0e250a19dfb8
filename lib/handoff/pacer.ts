/**
 * One pacing authority per run. Playwright restarts a worker process after every failed test, and a
 * fresh process would start with an empty limiter and burst past the tenant's limits; so the runner
 * process owns one Limiter behind a loopback HTTP endpoint and every worker takes its slots there.
 * Slots are handed out in arrival order, one at a time. A long wait is announced before it starts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerJson, JSON_HEADERS, listenOnLoopback, readBody } from './loopback.ts';
import { Limiter, type Limits, type Pacing, type Wait } from '../client/limiter.ts';

export interface PacerStats {
  /** slots handed out */
  requests: number;
  /** slots that had to wait */
  waits: number;
  waitedMs: number;
  /** per window in words ("60 writes per minute") */
  byLimit: Record<string, { waits: number; ms: number }>;
}

export interface Pacer {
  /** base URL for RemoteLimiter (and NEXUDUS_PACER_URL) */
  url: string;
  close(): Promise<void>;
  stats(): PacerStats;
}

export interface PacerOptions {
  /** waits longer than this print a line first (default 3000) */
  announceAfterMs?: number;
  log?: (line: string) => void;
}

/** An answer's body stays open during a wait; a space this often keeps both ends sure the other is alive. */
const HEARTBEAT_MS = 15_000;
/** a worker that hears nothing for this long takes the pacer for dead */
const IDLE_TIMEOUT_MS = 4 * HEARTBEAT_MS;
/** the pacer answers headers at once; this is only for a runner too busy to answer at all */
const CONNECT_TIMEOUT_MS = 30_000;


/** Method and path only: a query string could carry a value worth keeping out of logs. */
const cleanLabel = (label: string): string => label.split('?')[0].slice(0, 200);

const seconds = (ms: number): string => (ms >= 10_000 ? `${Math.round(ms / 1000)}` : (ms / 1000).toFixed(1));

/** The line printed before a long wait. */
export function announcement(w: Wait, label?: string): string {
  return `  pacing: waiting ${seconds(w.ms)} s for a slot${w.limit ? ` (${w.limit})` : ''}${label ? `; next: ${label}` : ''}`;
}

export async function startPacer(limits: Limits, o: PacerOptions = {}): Promise<Pacer> {
  const announceAfterMs = o.announceAfterMs ?? 3000;
  const log = o.log ?? ((line: string) => console.log(line));
  const limiter = new Limiter(limits);
  const stats: PacerStats = { requests: 0, waits: 0, waitedMs: 0, byLimit: {} };
  // every acquire runs after the one before it: two workers can never take the same slot
  let queue: Promise<void> = Promise.resolve();

  const serve = async (write: boolean, label: string | undefined, res: ServerResponse, gone: AbortSignal): Promise<void> => {
    if (gone.aborted) return;
    let wait: Wait;
    try {
      wait = await limiter.acquire(write, label, {
        signal: gone,
        onWait: (w) => {
          if (w.ms > announceAfterMs) log(announcement(w, label));
        },
      });
    } catch {
      return; // the worker went away while it waited: no slot taken
    }
    stats.requests++;
    if (wait.ms > 0) {
      stats.waits++;
      stats.waitedMs += wait.ms;
      const by = (stats.byLimit[wait.limit ?? 'unnamed'] ??= { waits: 0, ms: 0 });
      by.waits++;
      by.ms += wait.ms;
    }
    res.end(JSON.stringify(wait));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST' || req.url !== '/acquire') return answerJson(res, 404, { error: 'POST /acquire is the only endpoint' });
    let body: { write?: unknown; label?: unknown };
    try {
      body = JSON.parse(await readBody(req)) as typeof body;
    } catch {
      return answerJson(res, 400, { error: 'the body is not JSON (or over 4 kB)' });
    }
    if (typeof body?.write !== 'boolean') return answerJson(res, 400, { error: 'write must be true or false' });
    const write = body.write;
    const label = typeof body.label === 'string' && body.label ? cleanLabel(body.label) : undefined;
    // headers now, the answer once the slot is taken; spaces meanwhile (JSON allows them)
    res.writeHead(200, JSON_HEADERS);
    res.flushHeaders();
    const heartbeat = setInterval(() => res.write(' '), HEARTBEAT_MS);
    const gone = new AbortController();
    res.on('close', () => {
      clearInterval(heartbeat);
      if (!res.writableFinished) gone.abort();
    });
    queue = queue.then(() => serve(write, label, res, gone.signal));
  };

  // closing drops waiting workers' connections: they stop with a plain error
  const server = await listenOnLoopback(handle);
  return { url: server.url, stats: () => structuredClone(stats), close: server.close };
}

/**
 * The workers' side: takes each slot from the runner's pacer. The request goes out with plain
 * fetch, never through the paced client. When the pacer is gone the runner is gone too, so this
 * fails at once with a plain message rather than waiting.
 */
export class RemoteLimiter implements Pacing {
  waitedMs = 0;

  constructor(readonly url: string) {}

  async acquire(write: boolean, label?: string): Promise<Wait> {
    const ac = new AbortController();
    let timer = setTimeout(() => ac.abort(), CONNECT_TIMEOUT_MS);
    let stage: 'connect' | 'wait' = 'connect';
    let status: number;
    let text = '';
    try {
      const res = await fetch(new URL('/acquire', this.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ write, label: label === undefined ? undefined : cleanLabel(label) }),
        signal: ac.signal,
      });
      stage = 'wait';
      status = res.status;
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        clearTimeout(timer);
        timer = setTimeout(() => ac.abort(), IDLE_TIMEOUT_MS);
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
    } catch (err) {
      throw new Error(this.failure(stage, ac.signal.aborted, err));
    } finally {
      clearTimeout(timer);
    }
    // blank: the connection closed before the slot was taken
    if (status === 200 && !text.trim()) throw new Error(this.failure('wait', false, undefined));
    let got: Partial<Wait> & { error?: string };
    try {
      got = JSON.parse(text) as typeof got;
    } catch {
      throw new Error(`the pacer at ${this.url} answered ${status} with a body that is not JSON (${text.trim().slice(0, 200)})`);
    }
    if (status !== 200 || typeof got.ms !== 'number') {
      throw new Error(`the pacer at ${this.url} refused the request (${status}: ${got.error ?? text.trim().slice(0, 200)})`);
    }
    this.waitedMs += got.ms;
    return got.limit === undefined ? { ms: got.ms } : { ms: got.ms, limit: got.limit };
  }

  private failure(stage: 'connect' | 'wait', timedOut: boolean, err: unknown): string {
    const code = (err as { cause?: { code?: string } })?.cause?.code;
    const owner = 'the Playwright runner that paces this run has stopped (or NEXUDUS_PACER_URL is stale)';
    if (stage === 'connect' && timedOut) return `the pacer at ${this.url} did not answer within ${CONNECT_TIMEOUT_MS / 1000} s`;
    if (stage === 'connect') return `the pacer at ${this.url} is unreachable (${code ?? 'no connection'}): ${owner}`;
    if (timedOut) return `the pacer at ${this.url} went silent for ${IDLE_TIMEOUT_MS / 1000} s while this request waited for a slot`;
    return `the pacer at ${this.url} closed the connection while this request waited for a slot: ${owner}`;
  }
}
