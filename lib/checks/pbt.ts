/**
 * Property runs inside a Playwright test: the generated cases run inside one `test.step` (calls
 * outside a step slow down quadratically), the seed is shown in the report even on a
 * pass, and a failure carries the replay command (FC_SEED / FC_PATH).
 */
import fc from 'fast-check';
import type { TestInfo } from '@playwright/test';
import * as allure from 'allure-js-commons';
import { test, replaySettingOf } from './fixtures.ts';
import { replayEnv } from './replay.ts';
import { env } from '../config/env.ts';
import { isLiveTarget } from '../config/profile.ts';
import { fcParams } from '../../generators/params.ts';
import type { RunState } from '../handoff/run-state.ts';
import { genClock, timedArb } from '../payloads/gen-clock.ts';
import { redact } from '../config/redact.ts';

export async function runProperty<T>(testInfo: TestInfo, run: RunState, arb: fc.Arbitrary<T>, numRuns: number, check: (v: T) => Promise<void>): Promise<void> {
  const params = fcParams<[T]>({
    seed: env.fcSeed, path: env.fcPath, numRuns, live: isLiveTarget(run.baseUrl),
    timeoutMs: testInfo.timeout, title: testInfo.title, replayEnv: replayEnvOf(run),
  });
  testInfo.annotations.push({ type: 'fc-seed', description: String(params.seed) });
  await allure.parameter('seed', String(params.seed));
  await test.step(`${numRuns} generated cases (seed ${params.seed})`, async () => {
    try {
      await fc.assert(fc.asyncProperty(timedArb(arb), (v) => {
        genClock.cases++;
        return check(v);
      }), params);
    } catch (err) {
      // the shrunk counterexample and its seed, with fast-check's full report, as its own attachment
      const e = err as Error & { report?: string };
      await testInfo.attach('counterexample', { body: redact(`${e.message}\n\n${e.report ?? ''}`), contentType: 'text/plain' });
      throw err;
    }
  });
}

/** What reproduces this run besides seed and path: the profile and base URL (not the embedded sandbox), the sandbox's faults and variations, the mode and the case count. */
function replayEnvOf(run: RunState): Record<string, string> {
  return replayEnv(replaySettingOf(run));
}

/** A seed for a single sampled case: FC_SEED when replaying, else derived from the title. */
export function caseSeed(title: string): number {
  if (env.fcSeed !== undefined) return env.fcSeed;
  let h = 0x811c9dc5;
  for (const ch of title) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193);
  return h | 0;
}
