/**
 * README's mutation-score line names the numbers of this catalogue: a fault or variation added to the
 * sandbox without updating README fails here. It states the documented faults (caught by their own clause) and
 * the drift faults (caught as drift) apart, never one figure for both. (That every fault is caught for the right
 * reason and every green run stays green is what mutation.test.ts asserts, one test per run.)
 */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeFault } from '../../sandbox/faults.ts';
import { ROOT } from '../harness.ts';
import { MUTATION_RUNS } from './runs.ts';

test('README states the mutation score over the current faults and green runs, documented and drift faults apart', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const faults = MUTATION_RUNS.filter((r) => r.expect === 'red');
  const drift = faults.filter((r) => describeFault(r.faults[0]!).category === 'drift').length;
  const documented = faults.length - drift;
  const green = MUTATION_RUNS.filter((r) => r.expect === 'green').length;
  expect(readme).toContain(
    `**${documented}/${documented} documented faults caught by their own clause (100%), ${drift}/${drift} drift faults caught as drift, 0 false alarms in ${green} green runs**`,
  );
});
