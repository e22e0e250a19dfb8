/**
 * `npm run sweep [-- --profile <file>] [--older-than <minutes> | --run <run id>] [--dry-run]`: removes records that
 * runs of this suite left on the tenant (found by their run marker, exact-match list filters), children first.
 * Target: --profile or NEXUDUS_PROFILE (+ NEXUDUS_BASE_URL), like the suite. Also deletes what the local ledgers
 * (NEXUDUS_OUT) say is still alive, when the record still carries its run's marker.
 *
 * By default it removes the markers older than the profile's sweepAfterMinutes, and those of local runs whose
 * process is gone (out/run/<run id>/owner.json: its pid is not alive on this host), whatever their age. A run that
 * may still be running (a live pid, another host, or a young marker no local run folder accounts for) keeps its
 * records: the sweep names it, counts them, and prints the command that removes them (--run).
 * Touches nothing without a marker; --dry-run lists the Ids it would delete and keep, and deletes nothing.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { env } from '../lib/config/env.ts';
import { ConfigError } from '../lib/config/errors.ts';
import { loadProfile, writesAllowed } from '../lib/config/profile.ts';
import { makeContext } from '../lib/handoff/context.ts';
import { Api } from '../lib/client/client.ts';
import { countIds, sweep, type IdsByRun } from '../lib/run/sweep.ts';
import { newRunId, markerAgeMinutes, markerOf, findMarker } from '../lib/client/marker.ts';
import { ledgerPath, aliveRecords, localRuns, runDir, Ledger, type LocalRun } from '../lib/client/ledger.ts';
import { entityByName } from '../api/catalogue/entities.ts';
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
    console.log(`${USAGE}
  removes what runs of this suite left (by run marker, children first): markers older than the profile's
  sweepAfterMinutes (--older-than <minutes> for another age), and those of local runs (NEXUDUS_OUT) whose process
  is gone, whatever their age; a run that may still be running keeps its records, and the sweep prints the command
  that removes them; --run names one run (its marker nxc-<run id>, any age); --dry-run lists the Ids it would
  delete and keep, and deletes nothing`);
    return 0;
  }
  const unknown = process.argv.slice(2).filter((a) => a.startsWith('--') && !FLAGS.has(a));
  if (unknown.length) throw new ConfigError(`unknown option ${unknown.join(', ')}.`, USAGE);
  const profileArg = arg('--profile') ?? env.profilePath;
  if (!profileArg) {
    throw new ConfigError('npm run sweep needs a tenant: neither --profile nor NEXUDUS_PROFILE is set.', 'npm run sweep -- --profile profiles/<tenant>.json (the embedded sandbox keeps nothing between runs).');
  }
  const profile = loadProfile(profileArg, env.baseUrl);
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

  const outDir = resolve(env.outDir);
  // local runs: a run whose process is gone cannot be in progress, so its records go whatever their age
  const runs = new Map(localRuns(outDir).map((r) => [r.marker, r]));
  const gone = onlyMarker ? new Set<string>() : new Set([...runs.values()].filter((r) => r.liveness.state === 'gone').map((r) => r.marker));
  const toSweep = (marker: string) => (onlyMarker ? marker === onlyMarker : gone.has(marker) || (markerAgeMinutes(marker) ?? 0) >= olderThanMinutes);

  const runId = newRunId();
  // the sweep's own ledger (sweep-<id>.jsonl) is not a run's: localRuns() never lists it
  const ctx = makeContext({ baseUrl: profile.baseUrl, profile, ledgerPath: ledgerPath(outDir, `sweep-${runId}`), runId });
  const admin = new Api(ctx, profile.admin, { kind: 'bearer' });
  const what = onlyMarker ? `markers of run ${onlyMarker}` : `markers older than ${olderThanMinutes} min, and those of local runs whose process is gone (${gone.size})`;
  console.log(`sweep: ${profile.name} (${profile.baseUrl}) · ${what}${dryRun ? ' · dry run' : ''}`);
  await preflight(ctx, profile, [profile.admin]);
  const res = await sweep(admin, { olderThanMinutes, onlyMarker, goneMarkers: gone, dryRun, log: (l) => console.log(`  ${l}`) });
  const fromLedgers = await sweepLedgers(admin, runs, toSweep, res.removed, dryRun);

  const removed = merge(res.removed, fromLedgers.removed);
  const kept = res.kept;
  const nKept = countIds(kept);
  const why = (marker: string) => reasonToKeep(marker, runs.get(marker), olderThanMinutes);
  const again = (marker: string) => removeCommand(profileArg, marker.slice('nxc-'.length));
  if (dryRun) {
    console.log(`  would delete ${countIds(removed)} record(s)${countIds(removed) ? ':' : ''}`);
    for (const [m, ids] of Object.entries(removed)) console.log(`    run ${m} (${reasonToRemove(m, runs.get(m), onlyMarker, olderThanMinutes)}): ${showIds(ids)}`);
  } else if (countIds(removed)) {
    console.log(`  deleted:`);
    for (const [m, ids] of Object.entries(removed)) console.log(`    run ${m} (${reasonToRemove(m, runs.get(m), onlyMarker, olderThanMinutes)}): ${showIds(ids)}`);
  }
  if (nKept) {
    console.log(`  ${dryRun ? 'would keep' : 'kept'} ${nKept} record(s) of ${Object.keys(kept).length} run(s) that may still be running:`);
    for (const [m, ids] of Object.entries(kept)) {
      console.log(`    run ${m}: ${countIds({ [m]: ids })} record(s) (${showIds(ids)}): ${why(m)}`);
      console.log(`      to remove them: ${again(m)}`);
    }
  }
  if (fromLedgers.unmarked.length) {
    console.log(`  not deleted: ${fromLedgers.unmarked.length} record(s) the ledgers of these runs list, whose marker field no longer holds their run's marker (only marked records are deleted): ${fromLedgers.unmarked.join(', ')}`);
  }
  const d = dryRun ? 'would delete' : 'deleted';
  console.log(`sweep${dryRun ? ' (dry run)' : ''}: found ${res.found} by marker, ${d} ${dryRun ? res.found : res.deleted}${res.failed ? `, failed ${res.failed}` : ''}, kept ${nKept}${nKept ? ` of ${Object.keys(kept).length} run(s) that may still be running` : ''}; ${fromLedgers.count} more from local ledgers (${ctx.counts.reads} reads, ${ctx.counts.writes} writes)${dryRun ? '; nothing was deleted' : ''}`);
  return res.failed || fromLedgers.failed ? 1 : 0;
}

/**
 * Records the local ledgers still list as alive, of runs being swept: deleted (a dry run: listed) if they still
 * exist and still carry their own run's marker; a record the tenant no longer has is noted deleted in its ledger.
 * `found` are those the marker scan already removed (not read again).
 */
async function sweepLedgers(admin: Api, runs: Map<string, LocalRun>, toSweep: (marker: string) => boolean, found: IdsByRun, dryRun: boolean):
  Promise<{ count: number; failed: number; removed: IdsByRun; unmarked: string[] }> {
  const out = { count: 0, failed: 0, removed: {} as IdsByRun, unmarked: [] as string[] };
  const alive = [...runs.values()].filter((r) => r.ledger && toSweep(r.marker))
    .flatMap((r) => aliveRecords(r.ledger!).map((line) => ({ run: r, line })))
    .sort((a, b) => entityByName(a.line.entity).deleteOrder - entityByName(b.line.entity).deleteOrder);
  for (const { run, line } of alive) {
    const e = entityByName(line.entity);
    const ledger = new Ledger(run.ledger!, run.runId);
    if (found[run.marker]?.[e.name]?.includes(line.id)) {
      if (!dryRun) ledger.record('deleted', e.name, line.id);
      continue;
    }
    const got = await admin.get(e, line.id);
    if (got.status === 404) {
      if (!dryRun) ledger.record('deleted', e.name, line.id);
      continue;
    }
    const rec = got.json as Record<string, unknown> | undefined;
    // only a record that still carries this run's marker: an Id alone does not prove the record is the run's
    const ours = got.status === 200 && e.markerFields.some((f) => findMarker(rec?.[f]) === markerOf(run.runId));
    if (!ours) {
      if (got.status === 200) out.unmarked.push(`${e.name} ${line.id}`);
      continue;
    }
    if (dryRun) {
      ((out.removed[run.marker] ??= {})[e.name] ??= []).push(line.id);
      out.count++;
      continue;
    }
    const ex = await admin.remove(e, line.id, { sweepMarked: true });
    if (ex.status === 200 || ex.status === 404) {
      ledger.record('deleted', e.name, line.id);
      ((out.removed[run.marker] ??= {})[e.name] ??= []).push(line.id);
      out.count++;
    } else out.failed++;
  }
  return out;
}

function merge(a: IdsByRun, b: IdsByRun): IdsByRun {
  const out: IdsByRun = structuredClone(a);
  for (const [m, byE] of Object.entries(b)) for (const [e, ids] of Object.entries(byE)) ((out[m] ??= {})[e] ??= []).push(...ids);
  return out;
}

/** `Coworker 101, 102 · Workspace 12`, per entity. */
const showIds = (byEntity: Record<string, number[]>): string => Object.entries(byEntity).map(([e, ids]) => `${e} ${ids.join(', ')}`).join(' · ');

const ageOf = (marker: string): string => {
  const m = markerAgeMinutes(marker);
  return m === undefined ? 'of unknown age' : m < 120 ? `${Math.max(0, Math.round(m))} min old` : `${(m / 60).toFixed(1)} h old`;
};

function reasonToRemove(marker: string, run: LocalRun | undefined, onlyMarker: string | undefined, olderThanMinutes: number): string {
  if (onlyMarker) return 'named with --run';
  if (run?.liveness.state === 'gone') return `a local run: ${run.liveness.why}`;
  return `${ageOf(marker)}, older than ${olderThanMinutes} min`;
}

function reasonToKeep(marker: string, run: LocalRun | undefined, olderThanMinutes: number): string {
  const young = `younger than ${olderThanMinutes} min (${ageOf(marker)})`;
  if (!run) return `${young}, and no local run folder (${shown(runDir(resolve(env.outDir), marker.slice('nxc-'.length)))}/) shows its process gone: it may still be running elsewhere`;
  if (run.liveness.state === 'running') return `${young}, and ${run.liveness.why}`;
  return `${young}; ${run.liveness.why}`;
}

/** A path as the user would type it here: relative to the working folder when inside it. */
function shown(path: string): string {
  const abs = resolve(path);
  const rel = relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

/** The exact command that removes one run's records: the same profile, target and output folder as this sweep. */
function removeCommand(profileArg: string, runId: string): string {
  const q = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const file = shown(profileArg);
  const vars = [
    ...(env.baseUrl ? [`NEXUDUS_BASE_URL=${q(env.baseUrl)}`] : []),
    ...(env.outDir !== 'out' ? [`NEXUDUS_OUT=${q(env.outDir)}`] : []),
  ];
  return `${vars.length ? `${vars.join(' ')} ` : ''}npm run sweep -- --profile ${q(file)} --run ${runId}`;
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
