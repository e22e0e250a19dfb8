/**
 * "Your sandbox is one tenant among many": the suite, run against a different conformant tenant (other
 * persona names, fixtures given instead of discovered, extra fields everywhere, other answers on every
 * silent point, other throttling), is green; its first run writes that tenant's baselines with a
 * notice and the second run matches them.
 */
import { test, expect } from '@playwright/test';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { startOtherTenant } from './other-tenant.ts';
import { runSuite, runSummary, failedTitles, errorsOf, ROOT } from '../harness.ts';

const RENAME: Record<string, string> = { admin: 'owner', creator: 'maker', editor: 'fixer', reader: 'viewer', taskOwner: 'crmLead', nobody: 'guest' };

test('a different conformant tenant: green on the first run (baselines written) and on the second (baselines matched)', async () => {
  test.setTimeout(400_000);
  const sb: Sandbox = await startSandbox({ port: 0 });
  const other = await startOtherTenant(sb.url);
  try {
    const p = JSON.parse(readFileSync(join(ROOT, 'sandbox', 'profile.json'), 'utf8')) as { personas: Record<string, unknown>; tokenLifetimeSeconds?: number };
    // the same users under other names, fixtures given rather than discovered (sandbox/README.md seeded Ids)
    const personas = Object.fromEntries(Object.entries(p.personas).map(([k, v]) => [RENAME[k] ?? k, v]));
    const profile = {
      name: 'other-tenant', baseUrl: other.url, personas, tokenLifetimeSeconds: p.tokenLifetimeSeconds,
      fixtures: { businessId: 1400178699, countryId: 1220, simpleTimeZoneId: 2023, inventoryAssetId: 1400220924, responsibleId: 1400048093 },
    };
    const dir = mkdtempSync(join(tmpdir(), 'nxc-other-'));
    writeFileSync(join(dir, 'other.json'), JSON.stringify(profile, null, 2));
    const baselines = join(dir, 'baselines');
    const env = { NEXUDUS_PROFILE: join(dir, 'other.json'), NEXUDUS_BASELINES: baselines, FC_NUM_RUNS: '3' };

    const first = await runSuite({ env });
    expect(failedTitles(first), errorsOf(first).join('\n\n').slice(0, 4000)).toEqual([]);
    expect(first.code, first.stderr.slice(-1500)).toBe(0);
    // titles use this tenant's persona names, never the sandbox's
    expect(first.stdout).not.toMatch(/ as (admin|creator|editor|reader|taskOwner|nobody)\b/);
    expect(first.stdout).toMatch(/ as fixer \(holds CoworkerTask-Edit\) → allowed/);
    const written = readdirSync(join(baselines, 'other-tenant'));
    expect(written.length, 'baselines written on the first run').toBeGreaterThan(20);
    const putUnknown = JSON.parse(readFileSync(join(baselines, 'other-tenant', 'coworkertask-put-put-unknown-id.json'), 'utf8')) as { status: number };
    expect(putUnknown.status, 'this tenant answers the unknown-Id PUT its own way').toBe(400);
    expect(other.throttled()).toBeGreaterThan(20);
    expect(runSummary(first)!.mismatches).toEqual([]);

    const second = await runSuite({ env });
    expect(failedTitles(second), errorsOf(second).join('\n\n').slice(0, 4000)).toEqual([]);
    expect(second.code).toBe(0);
  } finally {
    await other.close();
    await sb.close();
  }
});
