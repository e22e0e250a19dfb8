/**
 * `npm run sweep [-- --profile <file>] [--older-than <minutes> | --run <run id>] [--dry-run]`: removes records that
 * runs of this suite left on the tenant (found by their run marker, exact-match list filters), children first.
 * Target: --profile or NEXUDUS_PROFILE (+ NEXUDUS_BASE_URL), like the suite. Also deletes what the local ledgers
 * say is still alive. Touches nothing without a marker, and by default nothing younger than the profile's
 * sweepAfterMinutes: a run still in progress keeps its records unless it is named with --run.
 */
import { resolve } from 'node:path';
import { env } from '../lib/config/env.ts';
import { ConfigError } from '../lib/config/errors.ts';
import { loadProfile, writesAllowed } from '../lib/config/profile.ts';
import { makeContext } from '../lib/handoff/context.ts';
import { Api } from '../lib/client/client.ts';
import { sweep } from '../lib/run/sweep.ts';
import { newRunId, markerAgeMinutes } from '../lib/client/marker.ts';
import { ledgerPath, ledgerFiles, aliveRecords, Ledger } from '../lib/client/ledger.ts';
import { entityByName } from '../api/catalogue/entities.ts';
import { findMarker } from '../lib/client/marker.ts';
import { redact } from '../lib/config/redact.ts';
import { preflight } from '../lib/run/preflight.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const USAGE = 'npm run sweep -- [--profile <file>] [--older-than <minutes> | --run <run id>] [--dry-run]';
const FLAGS = new Set(['--profile', '--older-than', '--run', '--dry-run', '--help']);

async function main(): Promise<number> {
  if (process.argv.includes('--help')) {
    console.log(`${USAGE}\n  removes what runs of this suite left (by run marker), by default only markers older than the profile's sweepAfterMinutes;\n  --run names one run (its marker nxc-<run id>, any age); --dry-run lists without deleting`);
    return 0;
  }
  const unknown = process.argv.slice(2).filter((a) => a.startsWith('--') && !FLAGS.has(a));
  if (unknown.length) throw new ConfigError(`unknown option ${unknown.join(', ')}.`, USAGE);
  const profilePath = arg('--profile') ?? env.profilePath;
  if (!profilePath) {
    throw new ConfigError('npm run sweep needs a tenant: neither --profile nor NEXUDUS_PROFILE is set.', 'npm run sweep -- --profile profiles/<tenant>.json (the embedded sandbox keeps nothing between runs).');
  }
  const profile = loadProfile(profilePath, env.baseUrl);
  const dryRun = process.argv.includes('--dry-run');
  if (!writesAllowed(profile) && !dryRun) {
    throw new ConfigError(`Profile ${profile.name} does not allow writes on ${profile.baseUrl}.`, 'add "allowWrites": true to the profile, or run with --dry-run to list what would be deleted.');
  }
  const older = arg('--older-than');
  const run = arg('--run');
  if (older !== undefined && run !== undefined) throw new ConfigError('--older-than and --run exclude each other.', USAGE);
  const onlyMarker = run === undefined ? undefined : run.startsWith('nxc-') ? run : `nxc-${run}`;
  if (onlyMarker !== undefined && !/^nxc-\d{8}T\d{6}-[a-z0-9]{4}$/.test(onlyMarker)) throw new ConfigError(`--run ${run} is not a run id.`, 'pass the id a run prints (out/run/<id>/), e.g. --run 20261202T171112-dfb7');
  // default: the profile's own age, so a run in progress (younger) keeps its records
  const olderThanMinutes = older !== undefined ? Number(older) : profile.sweepAfterMinutes;
  if (!Number.isFinite(olderThanMinutes) || olderThanMinutes < 0) throw new ConfigError(`--older-than ${older} is not a number of minutes.`, 'pass e.g. --older-than 60');
  const runId = newRunId();
  const ctx = makeContext({ baseUrl: profile.baseUrl, profile, ledgerPath: ledgerPath(resolve(env.outDir), `sweep-${runId}`), runId });
  const admin = new Api(ctx, profile.admin, { kind: 'bearer' });
  console.log(`sweep: ${profile.name} (${profile.baseUrl}) · ${onlyMarker ? `markers of run ${onlyMarker}` : `markers older than ${olderThanMinutes} min`}${dryRun ? ' · dry run' : ''}`);
  await preflight(ctx, profile, [profile.admin]);
  const res = await sweep(admin, { olderThanMinutes, onlyMarker, dryRun, log: (l) => console.log(`  ${l}`) });
  const fromLedgers = dryRun ? 0 : await sweepLedgers(admin, resolve(env.outDir), `sweep-${runId}`, (id) => (onlyMarker ? `nxc-${id}` === onlyMarker : (markerAgeMinutes(`nxc-${id}`) ?? 0) >= olderThanMinutes));
  console.log(`sweep: found ${res.found} by marker, deleted ${res.deleted}${res.failed ? `, failed ${res.failed}` : ''}; ${fromLedgers} more from local ledgers (${ctx.counts.reads} reads, ${ctx.counts.writes} writes)`);
  return res.failed ? 1 : 0;
}

/** Records local ledgers of crashed runs still list: deleted if they still exist, carry a marker, and their run is one to sweep. */
async function sweepLedgers(admin: Api, outDir: string, self: string, runToSweep: (runId: string) => boolean): Promise<number> {
  let n = 0;
  for (const file of ledgerFiles(outDir)) {
    if (file.includes(self)) continue;
    for (const r of aliveRecords(file)) {
      if (!runToSweep(r.runId)) continue;
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
