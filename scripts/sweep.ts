/**
 * `npm run sweep [-- --older-than <minutes>] [--dry-run]`: removes records that runs of this suite left
 * on the tenant (found by their run marker, nexudus-api.md-compatible list filters), children first.
 * Target: NEXUDUS_PROFILE (+ NEXUDUS_BASE_URL), like the suite. Also deletes what the local ledgers
 * say is still alive. Touches nothing without a marker.
 */
import { resolve } from 'node:path';
import { env } from '../lib/env.ts';
import { ConfigError } from '../lib/errors.ts';
import { loadProfile, selectedProfilePath, writesAllowed } from '../lib/profile.ts';
import { makeContext } from '../lib/context.ts';
import { Api } from '../lib/client.ts';
import { sweep } from '../lib/sweep.ts';
import { newRunId } from '../lib/marker.ts';
import { ledgerPath, ledgerFiles, aliveRecords, Ledger } from '../lib/ledger.ts';
import { entityByName } from '../lib/catalogue/entities.ts';
import { findMarker } from '../lib/marker.ts';
import { redact } from '../lib/redact.ts';
import { preflight } from '../lib/preflight.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  if (!env.profilePath) {
    throw new ConfigError('npm run sweep needs a tenant: NEXUDUS_PROFILE is not set.', 'NEXUDUS_PROFILE=profiles/<tenant>.json npm run sweep (the embedded sandbox keeps nothing between runs).');
  }
  const profile = loadProfile(selectedProfilePath(), env.baseUrl);
  const dryRun = process.argv.includes('--dry-run');
  if (!writesAllowed(profile) && !dryRun) {
    throw new ConfigError(`Profile ${profile.name} does not allow writes on ${profile.baseUrl}.`, 'add "allowWrites": true to the profile, or run with --dry-run to list what would be deleted.');
  }
  const older = arg('--older-than');
  const olderThanMinutes = older !== undefined ? Number(older) : 0;
  if (!Number.isFinite(olderThanMinutes) || olderThanMinutes < 0) throw new ConfigError(`--older-than ${older} is not a number of minutes.`, 'pass e.g. --older-than 60');
  const runId = newRunId();
  const ctx = makeContext({ baseUrl: profile.baseUrl, profile, ledgerPath: ledgerPath(resolve(env.outDir), `sweep-${runId}`), runId });
  const admin = new Api(ctx, profile.admin, { kind: 'bearer' });
  console.log(`sweep: ${profile.name} (${profile.baseUrl}) · markers older than ${olderThanMinutes} min${dryRun ? ' · dry run' : ''}`);
  await preflight(ctx, profile, [profile.admin]);
  const res = await sweep(admin, { olderThanMinutes, dryRun, log: (l) => console.log(`  ${l}`) });
  const fromLedgers = dryRun ? 0 : await sweepLedgers(admin, resolve(env.outDir), `sweep-${runId}`);
  console.log(`sweep: found ${res.found} by marker, deleted ${res.deleted}${res.failed ? `, failed ${res.failed}` : ''}; ${fromLedgers} more from local ledgers (${ctx.counts.reads} reads, ${ctx.counts.writes} writes)`);
  return res.failed ? 1 : 0;
}

/** Records local ledgers of crashed runs still list: deleted if they still exist and carry a marker. */
async function sweepLedgers(admin: Api, outDir: string, self: string): Promise<number> {
  let n = 0;
  for (const file of ledgerFiles(outDir)) {
    if (file.includes(self)) continue;
    for (const r of aliveRecords(file)) {
      const e = entityByName(r.entity);
      const got = await admin.get(e, r.id);
      const rec = got.json as Record<string, unknown> | undefined;
      const marked = got.status === 200 && e.markerFields.some((f) => findMarker(rec?.[f]));
      if (got.status === 404) new Ledger(file, r.runId).record('deleted', r.entity, r.id);
      if (!marked) continue;
      const ex = await admin.remove(e, r.id, { sweepMarked: true });
      if (ex.status === 200 || ex.status === 404) {
        new Ledger(file, r.runId).record('deleted', r.entity, r.id);
        n++;
      }
    }
  }
  return n;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof ConfigError) {
      process.stderr.write(`nexudus-conformance sweep: ${redact(err.message)}\n`);
      process.exit(2);
    }
    process.stderr.write(`${redact(String((err as Error).stack ?? err))}\n`);
    process.exit(1);
  },
);
