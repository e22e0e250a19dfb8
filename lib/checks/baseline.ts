/**
 * Silent points (nexudus-api.md §8): the docs do not say what a tenant answers, so the suite records
 * what it saw, per tenant, as a Playwright snapshot under baselines/<tenant>/ and compares later runs
 * with it. A first run against a tenant writes the baseline and passes with a notice; a change fails
 * with a readable diff; `--update-snapshots` accepts a new baseline.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect, type TestInfo } from '@playwright/test';
import * as allure from 'allure-js-commons';
import type { Exchange } from '../client/client.ts';
import { documentedShape } from './checks.ts';
import { env } from '../config/env.ts';
import { BASE_FIELDS } from '../../api/catalogue/entities.ts';

export interface Observation {
  status: number | 'no answer';
  shape: string;
  wasSuccessful?: unknown;
  errorProperties?: string[];
  errorMessages?: string[];
  /** what the follow-up read showed: a record was created or changed */
  effect?: string;
}

/** Values vary per run (Ids, dates, generated text); the baseline keeps the shape of the answer. */
const normalizeMessage = (m: string) => m.replace(/\d+/g, '#').replace(/"[^"]*"|'[^']*'/g, '…');

/**
 * `outcome.changed`: the keys of a PUT target that changed. The fields a tenant maintains itself (UpdatedOn,
 * UpdatedBy…) are left out of the observation: whether they moved depends on timing (a tenant with whole-second
 * dates may show the same UpdatedOn), so only a change of the record's own fields counts.
 */
export function observationOf(ex: Exchange, outcome: { effect?: string; changed?: string[] } = {}): Observation {
  const { effect } = outcome;
  const j = ex.json as { WasSuccessful?: unknown; Errors?: { PropertyName?: string; Message?: string }[] | null } | undefined;
  const o: Observation = {
    status: ex.networkError ? 'no answer' : ex.status,
    shape: ex.networkError ? 'none' : documentedShape(ex) ?? (ex.isJson ? 'undocumented JSON' : ex.responseText.trim() === '' ? 'empty body' : 'not JSON'),
  };
  if (j && typeof j === 'object' && 'WasSuccessful' in j) o.wasSuccessful = j.WasSuccessful;
  if (j && typeof j === 'object' && Array.isArray(j.Errors)) {
    o.errorProperties = [...new Set(j.Errors.map((e) => e.PropertyName ?? '?'))].sort();
    o.errorMessages = [...new Set(j.Errors.map((e) => normalizeMessage(e.Message ?? '')))].sort();
  }
  // Ids and which fields changed vary per run; the baseline keeps only what kind of effect there was
  const ownFieldsChanged = (outcome.changed ?? []).some((k) => !BASE_FIELDS.includes(k));
  if (effect && /created/.test(effect)) o.effect = 'a record was created';
  else if (effect && ownFieldsChanged) o.effect = 'the target record changed';
  return o;
}

export async function expectMatchesBaseline(testInfo: TestInfo, tenant: string, name: string, obs: Observation): Promise<void> {
  const text = JSON.stringify(obs, null, 2) + '\n';
  const file = [tenant, `${name}.json`];
  const path = testInfo.snapshotPath(...file);
  testInfo.annotations.push({ type: 'observed', description: `${name}: ${obs.status} ${obs.shape}` });
  await allure.parameter('observed', `${obs.status} ${obs.shape}`);
  if (!existsSync(path) && env.requireBaselines && testInfo.config.updateSnapshots !== 'all') {
    throw new Error(`silent point "${name}" has no recorded baseline for tenant ${tenant} (${path}), and --require-baselines is set: run once without it and keep baselines/${tenant}/ (commit it, or restore it as a CI artifact; docs/reports.md "Baselines in CI")`);
  }
  if (!existsSync(path) && testInfo.config.updateSnapshots !== 'none') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    testInfo.annotations.push({ type: 'notice', description: `first observation on tenant ${tenant}: baseline written to ${path}` });
    return;
  }
  expect(text, `silent point "${name}" answered differently than the baseline of tenant ${tenant}; if the change is expected, accept it with --update-snapshots`).toMatchSnapshot(file);
}
