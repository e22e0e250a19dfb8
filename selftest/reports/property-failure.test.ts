/**
 * A failed property reads like any failed check: the broken rule (clause and source) first, then the shrunk
 * counterexample with long values cut, then seed, path and a replay command that carries what reproduces the
 * run; JUnit writes it as a <failure> (a contract finding), not an <error>.
 */
import { test, expect } from '@playwright/test';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSuite, errorsOf } from '../harness.ts';

test('a property failure: rule first, counterexample cut, replay with the sandbox fault last, a JUnit failure', async () => {
  test.setTimeout(120_000);
  const outDir = mkdtempSync(join(tmpdir(), 'nxc-property-'));
  const r = await runSuite({
    outDir,
    env: { NEXUDUS_SANDBOX_FAULTS: 'put-merges', FC_NUM_RUNS: '6', PLAYWRIGHT_JUNIT_OUTPUT_FILE: join(outDir, 'junit-property.xml') },
    args: ['--reporter=line,json,junit', '-g', 'CoworkerTask PUT valid payloads'],
  });
  expect(r.code, r.stdout).toBe(1);
  const [error] = errorsOf(r);
  const message = error.replace(/\u001b\[[0-9;]*m/g, '');
  const body = message.slice(message.indexOf(': ') + 2).replace(/^Error: /, '');
  expect(body.split('\n')[0]).toMatch(/^\[write\.full-replace\] PUT is a full replace/);
  expect(body).toMatch(/\n {2}source: nexudus-api\.md §1 line \d+/);
  const order = ['[write.full-replace]', 'Counterexample', 'Property failed after', 'Replay: NEXUDUS_SANDBOX_FAULTS=put-merges NEXUDUS_ENTITIES='];
  expect(body).toMatch(/Replay: .* FC_NUM_RUNS=6 FC_SEED=/);
  // the rule once, no frame of the suite's code, no second copy as a cause
  expect(body.split('[write.full-replace]')).toHaveLength(2);
  expect(message).not.toMatch(/\[cause\]|^\s+at .*\.ts:\d+/m);
  const at = order.map((s) => body.indexOf(s));
  expect(at.every((i) => i >= 0), body).toBe(true);
  expect([...at].sort((a, b) => a - b)).toEqual(at);
  // no string of the counterexample runs longer than the cut
  const counterexample = body.split('\n').find((l) => l.startsWith('Counterexample'))!;
  for (const s of counterexample.match(/"(?:[^"\\]|\\.)*"/g) ?? []) expect(s.length, s).toBeLessThanOrEqual(80 + 2 + '…(+9999 chars)'.length);
  const junit = readFileSync(join(outDir, 'junit-property.xml'), 'utf8');
  expect(junit).toMatch(/failures="1"/);
  expect(junit).toMatch(/errors="0"/);
  expect(junit).toMatch(/<failure message="\[write\.full-replace\]/);
});
