/**
 * README's mutation-score line names the numbers of this catalogue: a fault or variation added to the
 * sandbox without updating README fails here. (That every fault is caught and every green run stays green
 * is what mutation.test.ts asserts, one test per run.)
 */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../harness.ts';
import { MUTATION_RUNS } from './runs.ts';

test('README states the mutation score over the current faults and green runs', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const faults = MUTATION_RUNS.filter((r) => r.expect === 'red').length;
  const green = MUTATION_RUNS.filter((r) => r.expect === 'green').length;
  expect(readme).toContain(`**${faults}/${faults} sandbox faults caught (100%), 0 false alarms in ${green} green runs**`);
});
