// One seed replays a payload; a failing property shrinks and reports seed + path that replay it
import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import { requiredFields } from '../../api/catalogue/entities.ts';
import { validBody, anyBroken, fcParams, replayHint, SPICE } from '../../generators/index.ts';
import { REFS, WRITE_ENDPOINTS } from './_support.ts';

for (const ep of WRITE_ENDPOINTS) {
  const opts = ep.op === 'update' ? { id: 5 } : {};
  test(`${ep.id}: same seed → same payloads, other seed → others`, () => {
    const run = (seed: number) => ({
      valid: fc.sample(validBody(ep, REFS, opts), { seed, numRuns: 50 }),
      broken: fc.sample(anyBroken(ep, REFS, opts), { seed, numRuns: 50 }),
    });
    const a = run(1234);
    expect(run(1234)).toEqual(a);
    const b = run(1235);
    expect(b.valid).not.toEqual(a.valid);
    expect(b.broken).not.toEqual(a.broken);
  });
}

const task = WRITE_ENDPOINTS.find((e) => e.id === 'POST /api/crm/coworkertasks')!;
const WRONG_TITLE = 'deliberately wrong: no task Name is longer than 3 characters';
const wrong = () => fc.property(validBody(task, REFS), (b) => (b.Name as string).length <= 3);

test('a wrong property fails, shrinks to a minimal body, and reports seed, path and a replay command', () => {
  const seed = 424242;
  const out = fc.check(wrong(), { seed });
  expect(out.failed).toBe(true);
  const [body] = out.counterexample as [Record<string, unknown>];
  // minimal: every optional field shrunk away, the spice removed from the title
  expect(Object.keys(body)).toEqual(requiredFields(task.entity));
  expect(SPICE.some((s) => (body.Name as string).includes(s))).toBe(false);
  expect(out.numShrinks).toBeGreaterThan(0);

  let message = '';
  let report = '';
  try {
    fc.assert(wrong(), fcParams({ seed, title: WRONG_TITLE }));
  } catch (e) {
    message = (e as Error).message;
    report = (e as Error & { report?: string }).report ?? '';
  }
  // the failure first, then the counterexample, then seed, path and the replay command
  expect(message.split('\n')[0]).toBe('Property failed by returning false');
  expect(message).toContain(`· seed ${seed} · path ${out.counterexamplePath}`);
  expect(message).toMatch(/\nCounterexample \(shrunk \d+ times\): \{"BusinessId"/);
  expect(message.endsWith(`Replay: ${replayHint(seed, out.counterexamplePath!, WRONG_TITLE)}`)).toBe(true);
  expect(report).toContain('Encountered failures were'); // the full report keeps the shrink trail

  // replaying with that seed and path reproduces the same counterexample, straight away
  const again = fc.check(wrong(), { seed, path: out.counterexamplePath! });
  expect(again.failed).toBe(true);
  expect(again.counterexample).toEqual(out.counterexample);
  expect(again.numRuns).toBe(1);
});

test('fcParams: live runs are short and do not shrink; replay needs the seed', () => {
  const live = fcParams({ live: true, seed: 1, path: '3:1' });
  expect(live).toMatchObject({ seed: 1, path: '3:1', numRuns: 5, endOnFailure: true });
  const local = fcParams({ timeoutMs: 10_000 });
  expect(local.numRuns).toBe(50);
  expect(local.endOnFailure).toBe(false);
  expect(local.interruptAfterTimeLimit).toBe(8000);
  expect(Number.isInteger(local.seed)).toBe(true);
  expect(fcParams({ path: '1:2' }).path).toBeUndefined(); // a path without its seed replays nothing
  expect(replayHint(7, '0:1', 'Task POST (valid)')).toBe('FC_SEED=7 FC_PATH="0:1" npx playwright test -g "Task POST \\\\(valid\\\\)"');
});
