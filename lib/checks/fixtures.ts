/**
 * Playwright fixtures of the conformance suite: the run state from global setup, an authenticated
 * client per persona (`as('editor')`), the run's refs and PUT targets, per-test cleanup of created
 * records, and a report of every exchange (redacted request, response, replay curl) attached to
 * every check. Specs contain no headers, retries, JSON dumps or Allure calls.
 */
import type { TestInfo } from '@playwright/test';
import { test as base } from './base-test.ts';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { env } from '../config/env.ts';
import { readRunState, type RunState } from '../handoff/run-state.ts';
import { loadProfile, type Profile, type Persona } from '../config/profile.ts';
import { makeContext } from '../handoff/context.ts';
import { Api, newCounts, type AuthMode, type ClientContext, type Exchange } from '../client/client.ts';
import type { Refs } from '../../api/catalogue/fields.ts';
import type { EntityDecl } from '../../api/catalogue/entities.ts';
import type { Check } from '../plan/plan.ts';
import { BrokeredTokens } from '../handoff/token-broker.ts';
import { meta } from '../report/annotations.ts';
import { redact, addSecret } from '../config/redact.ts';
import { documentedShape, exemptFromShape } from './checks.ts';
import { claim } from './claim.ts';
import { genClock } from '../payloads/gen-clock.ts';
import { curlScript, exchangeText, failingExchange, propertyReplayOf, replayCommand, replayEnv, type ReplaySetting } from './replay.ts';

export interface Cleanup {
  /** delete this record at the end of the test (as the admin) */
  add(e: EntityDecl, id: number): void;
}

// Worker-scoped wherever the value does not change between checks: Playwright records every test-scoped
// fixture's setup and teardown as a step with a captured stack (about 0.5 ms each, BENCHMARKS.md).
interface WorkerFixtures {
  run: RunState;
  profile: Profile;
  client: ClientContext;
  /** a real bearer token of the admin that has expired by the time it is handed over */
  expiredToken: () => Promise<string>;
  as: (persona: string | Persona, auth?: AuthMode) => Api;
  admin: Api;
  refs: Refs;
  /** this worker slot's PUT target record of an entity */
  target: (e: EntityDecl) => number;
}

interface TestFixtures {
  exchanges: Exchange[];
  cleanup: Cleanup;
}

const checksByTitle = new Map<string, Check>();
/** requests this worker sent to delete records a check made against the plan (a non-conformant tenant's) */
const cleanupCounts = newCounts();

export const test = base.extend<TestFixtures, WorkerFixtures>({
  run: [
    async ({}, use) => {
      if (!env.runStatePath) throw new Error('NEXUDUS_RUN_STATE is not set: run the suite through playwright.config.ts (global setup).');
      await use(readRunState(env.runStatePath));
    },
    { scope: 'worker', box: true },
  ],
  profile: [async ({ run }, use) => use(loadProfile(run.profilePath, run.baseUrl)), { scope: 'worker', box: true }],
  client: [
    async ({ run, profile }, use, workerInfo) => {
      const ctx = makeContext({ baseUrl: run.baseUrl, profile, ledgerPath: run.ledgerPath, runId: run.runId });
      ctx.onThrottle = (t) => appendLine(run, 'throttles', { worker: workerInfo.parallelIndex, ...t });
      // the run's tokens are the runner's: a worker, and each one Playwright starts after a failed check, signs nobody in
      if (env.tokenBroker) ctx.tokens = new BrokeredTokens(env.tokenBroker);
      // everything this process sent, for the run's planned = sent (written on exit: a worker stopped after a failure included)
      process.once('exit', () => appendLine(run, 'workers', { worker: workerInfo.workerIndex, counts: ctx.counts, cleanup: cleanupCounts }));
      await use(ctx);
    },
    { scope: 'worker', box: true },
  ],
  expiredToken: [
    async ({}, use) => {
      // obtained once by global setup, which hands it over with the moment it has lapsed
      await use(async () => {
        if (!env.expiredToken) throw new Error('no token to let expire was handed over: global setup planned no expired-token check');
        const { token, usableAt } = JSON.parse(env.expiredToken) as { token: string; usableAt: number };
        addSecret(token);
        if (usableAt > Date.now()) await new Promise((r) => setTimeout(r, usableAt - Date.now()));
        return token;
      });
    },
    { scope: 'worker', box: true },
  ],
  exchanges: [
    async ({ client, run, profile }, use, testInfo) => {
      const check = checksByTitle.get(testInfo.title);
      const log: Exchange[] = [];
      const counts = newCounts();
      client.sink = log;
      client.testCounts = counts;
      const gen = { ms: genClock.ms, cases: genClock.cases };
      const started = performance.now();
      await use(log);
      // the check's own time: waits for the tenant's limits are the pacing's, reported in the run summary
      const work = { ms: Math.round(performance.now() - started - counts.waitedMs), waitedMs: Math.round(counts.waitedMs), genMs: Math.round((genClock.ms - gen.ms) * 10) / 10, cases: genClock.cases - gen.cases };
      if (counts.waitedMs >= 1000) testInfo.annotations.push({ type: 'paced', description: `waited ${(counts.waitedMs / 1000).toFixed(1)} s for the tenant's limits (not the check's time)` });
      client.sink = undefined;
      client.testCounts = undefined;
      await attachExchanges(testInfo, log, run, profile);
      appendLine(run, 'counts', {
        title: testInfo.title, kind: check?.kind, endpoint: check?.endpoint?.id, planned: run.skips?.[testInfo.title] !== undefined ? null : check?.cost,
        sent: { ...counts }, status: testInfo.status, skipped: testInfo.status === 'skipped', work,
      });
      // clause answers.documented: an answer the documents describe is of a documented shape; the answers
      // of silent probes are recorded instead (no source describes them)
      const odd = check?.kind === 'silent points' ? [] : log.filter((x) => !exemptFromShape(x) && !x.networkError && x.status < 500 && !documentedShape(x));
      if (odd.length && testInfo.status === 'passed') {
        claim('answers.documented', odd.length, `answers that match no documented envelope or record:\n${odd.map((x) => `${x.method} ${x.path} → ${x.status} ${x.responseText.slice(0, 300)}`).join('\n')}`).toBe(0);
      }
    },
    { auto: true, box: true },
  ],
  as: [
    async ({ client, profile }, use) => {
      await use((persona, auth) => {
        const p = typeof persona === 'string' ? profile.personas.find((x) => x.name === persona) : persona;
        if (!p) throw new Error(`no persona "${String(persona)}" in profile ${profile.path}`);
        return new Api(client, p, auth ?? { kind: 'bearer' });
      });
    },
    { scope: 'worker', box: true },
  ],
  admin: [async ({ client, profile }, use) => use(new Api(client, profile.admin, { kind: 'bearer' })), { scope: 'worker', box: true }],
  refs: [
    async ({ run }, use) => {
      // read-only targets have no prerequisite records; any use of refs there is a bug in the plan
      await use(run.refs ?? new Proxy({} as Refs, { get: (_t, k) => { throw new Error(`refs.${String(k)}: this run created no records (read-only target)`); } }));
    },
    { scope: 'worker', box: true },
  ],
  target: [
    async ({ run }, use, workerInfo) => {
      await use((e) => {
        const t = run.targets[workerInfo.parallelIndex]?.[e.name];
        if (t === undefined) throw new Error(`no ${e.name} target record for worker slot ${workerInfo.parallelIndex}`);
        return t;
      });
    },
    { scope: 'worker', box: true },
  ],
  cleanup: async ({ client, admin }, use) => {
    const made: { e: EntityDecl; id: number }[] = [];
    await use({ add: (e, id) => made.push({ e, id }) });
    if (!made.length) return;
    // cleanup requests are counted apart from the check's own
    const saved = client.testCounts;
    client.testCounts = cleanupCounts;
    for (const { e, id } of made.sort((a, b) => a.e.deleteOrder - b.e.deleteOrder)) {
      try {
        await admin.remove(e, id);
      } catch (err) {
        console.warn(`cleanup of ${e.name} ${id} failed (teardown retries it): ${redact(String(err))}`);
      }
    }
    client.testCounts = saved;
  },
});

export { expect } from '@playwright/test';

/** The check a test was declared from (by title; `meta()` registers it). */
export function describeCheck(ch: Check): ReturnType<typeof meta> {
  checksByTitle.set(ch.title, ch);
  return meta(ch);
}

let runSkips: Record<string, string> | undefined;

/** First line of every check: skip what global setup's plan ruled out (budget, read-only target, cover defaults). Its report labels are declared (lib/report/annotations.ts). */
export async function begin(ch: Check): Promise<void> {
  runSkips ??= env.runStatePath ? readRunState(env.runStatePath).skips ?? {} : {};
  const why = runSkips[ch.title];
  test.skip(why !== undefined, why);
}

async function attachExchanges(testInfo: TestInfo, log: Exchange[], run: RunState, profile: Profile): Promise<void> {
  if (!log.length) return;
  const failed = testInfo.status !== testInfo.expectedStatus && testInfo.status !== 'skipped';
  if (failed) {
    // the exchange the failure is about comes first, then how to send it again
    const message = testInfo.errors.map((e) => e.message ?? '').join('\n');
    const fx = failingExchange(log, message);
    if (fx) await testInfo.attach('failing exchange', { body: redact(exchangeText(fx)), contentType: 'text/plain' });
    const command = replayCommand(testInfo.title, replayEnv(replaySettingOf(run)), propertyReplayOf(message));
    // built from redacted parts only: redacting the whole would blank its `$VARIABLE` placeholders too
    await testInfo.attach('replay', {
      body: ([
        '# the check again: same tenant, same persona, same options (its setup makes the records the exchange needs)',
        command,
        ...(fx ? ['', '# the failing exchange with curl (passwords from the environment; a record this run made is gone after its teardown)', curlScript([fx], run.baseUrl, profile.personas)] : []),
        '',
      ].join('\n')),
      contentType: 'text/plain',
    });
  }
  const text = log.map((x, i) => [
    `### ${i + 1}. ${x.label}`,
    `${x.method} ${x.url}`,
    ...Object.entries(x.requestHeaders).map(([k, v]) => `${k}: ${v}`),
    x.requestBody !== undefined ? `\n${x.requestBody}` : '',
    '',
    x.networkError ? `→ no answer: ${x.networkError}` : `→ ${x.status} (${x.ms} ms${x.throttled.length ? `, throttled ${x.throttled.length}× and retried` : ''})`,
    x.responseText,
    '',
  ].join('\n')).join('\n');
  await testInfo.attach('http exchanges', { body: redact(text), contentType: 'text/plain' });
  if (!failed) {
    const sent = log.filter((x) => x.kind !== 'token');
    if (sent.length) await testInfo.attach('replay (curl)', { body: `${curlScript(sent, run.baseUrl, profile.personas)}\n`, contentType: 'text/plain' });
  }
}

/** Where the run's tenant is and what shaped it, for a replay command. */
export function replaySettingOf(run: RunState): ReplaySetting {
  return run.embeddedSandbox ? { env: process.env } : { profilePath: run.profilePath, baseUrl: env.baseUrl, env: process.env };
}

const madeDirs = new Set<string>();

function appendLine(run: RunState, name: string, obj: unknown): void {
  const dir = join(run.outDir, 'run', run.runId);
  if (!madeDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  appendFileSync(join(dir, `${name}.jsonl`), JSON.stringify(obj) + '\n');
}
