/**
 * Honest tests only: for every rule the sandbox can be made to break (sandbox/plants.ts), the
 * conformance suite, run against that broken sandbox, must go red, and the checks that fail must be
 * the ones about that rule. A control run of the same slices against the intact sandbox is green.
 */
import { test, expect } from '@playwright/test';
import { PLANT_NAMES, type PlantName } from '../../sandbox/plants.ts';
import { runSuite, failedTitles, errorsOf } from '../harness.ts';

/**
 * plant → the slice of checks about its rule (a --grep, narrow: every failing test restarts a worker)
 * and a pattern the failing titles must match
 */
const CASES: Record<PlantName, { grep: string; fails: RegExp }> = {
  'accept-missing-required': { grep: 'CoworkerTask POST without required', fails: /without required/ },
  'required-message-wording': { grep: 'CoworkerTask POST without required', fails: /without required/ },
  'first-error-only': { grep: 'together →', fails: /together/ },
  'property-name-lowercase': { grep: 'Workspace PUT without required', fails: /without required/ },
  'top-message-format': { grep: 'Coworker PUT without required', fails: /without required/ },
  'validation-status-422': { grep: 'CoworkerInventoryAsset POST with required', fails: /required/ },
  'success-message-wording': { grep: 'CoworkerTask POST valid', fails: /POST valid/ },
  'success-envelope-no-id': { grep: 'Workspace POST valid', fails: /POST valid/ },
  'put-merges': { grep: 'PUT valid', fails: /omitted fields cleared/ },
  'roundtrip-drops-notes': { grep: 'CoworkerTask POST valid', fails: /read back equal/ },
  'date-shift': { grep: 'CoworkerInventoryAsset POST valid', fails: /read back equal/ },
  'denied-403': { grep: 'CoworkerTask GET list as nobody', fails: /→ denied/ },
  'edit-role-ignored': { grep: 'CoworkerTask PUT as reader', fails: /→ denied/ },
  'create-role-not-honoured': { grep: 'CoworkerTask POST as creator', fails: /→ allowed/ },
  'denied-side-effect': { grep: 'CoworkerTask PUT as creator', fails: /→ denied/ },
  'anonymous-list': { grep: 'GET list with no credentials', fails: /no credentials → 401/ },
  'expired-token-accepted': { grep: 'Workspace PUT with expired bearer token', fails: /expired bearer token → 401/ },
  'basic-auth-rejected': { grep: 'right password', fails: /right password → allowed/ },
  'token-wrong-password-401': { grep: 'POST /api/token', fails: /wrong password/ },
  'refresh-broken': { grep: 'refresh_token grant', fails: /refresh_token/ },
  'wrong-type-500': { grep: 'of the wrong JSON type → 4xx', fails: /wrong JSON type/ },
  'wrong-type-accepted': { grep: 'of the wrong JSON type → 4xx', fails: /wrong JSON type/ },
  'list-envelope-no-totals': { grep: 'GET list → list envelope', fails: /GET list/ },
  'record-missing-uniqueid': { grep: 'GET one → bare record', fails: /GET one/ },
  'coworker-plain-delete': { grep: 'plain DELETE', fails: /405/ },
  'failed-create-side-effect': { grep: 'Workspace POST without required', fails: /nothing changed/ },
  'read-role-ignored': { grep: 'CoworkerTask GET one as editor', fails: /→ denied/ },
  'delete-role-ignored': { grep: 'CoworkerTask DELETE as reader', fails: /→ denied/ },
  'unknown-get-200': { grep: 'GET one of a deleted Id', fails: /→ 404/ },
  'batch-list-envelope': { grep: 'GET batch ?id=[…] →', fails: /GET batch/ },
  'bad-date-accepted': { grep: 'an unparseable date', fails: /unparseable date/ },
  'unsupported-grant-wrong-error': { grep: 'unsupported grant_type', fails: /unsupported grant_type/ },
  'basic-any-password': { grep: 'Basic with a wrong password', fails: /wrong password → 401/ },
  'silent-put-unknown-id-variant': { grep: 'Id that does not exist', fails: /Id that does not exist/ },
};

test('every planted bug has a slice of checks that must catch it', () => {
  expect(Object.keys(CASES).sort()).toEqual([...PLANT_NAMES].sort());
});

test('control: the same slices pass against the intact sandbox', async () => {
  test.setTimeout(240_000);
  const grep = [...new Set(Object.values(CASES).map((c) => c.grep))].map((g) => g.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const r = await runSuite({ args: ['--grep', grep, '--workers', '2'] });
  expect(failedTitles(r), errorsOf(r).join('\n\n').slice(0, 4000)).toEqual([]);
  expect(r.code, r.stderr.slice(-2000)).toBe(0);
  expect(r.results!.stats.expected).toBeGreaterThan(40);
});

for (const plant of PLANT_NAMES) {
  test(`the suite goes red when the sandbox breaks: ${plant}`, async () => {
    test.setTimeout(180_000);
    const c = CASES[plant];
    const r = await runSuite({ env: { NEXUDUS_SANDBOX_PLANT: plant }, args: ['--grep', c.grep.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), '--workers', '1'] });
    const failed = failedTitles(r);
    expect(r.code, `exit code of a run against a sandbox with ${plant}\n${r.stderr.slice(-1500)}`).toBe(1);
    expect(failed.length, `checks failing under ${plant}`).toBeGreaterThan(0);
    expect(failed.filter((t) => !c.fails.test(t)), `checks that failed for another reason under ${plant}`).toEqual([]);
  });
}
