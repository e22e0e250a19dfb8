/**
 * Global setup of the conformance suite, run once per `playwright test`:
 *  1. load and validate the profile (NEXUDUS_PROFILE, else the embedded sandbox's, which is started here);
 *  2. preflight: the tenant answers, every persona's credentials work; else one message and exit 2;
 *  3. discover the fixtures the profile leaves out; build and print the plan (reads, writes, duration);
 *  4. sweep markers older than the profile's age; create prerequisites, PUT targets and tombstones;
 *  5. hand everything to the workers through the run-state file.
 * The returned teardown deletes what the run created (ledger) and prints the request totals.
 */
import type { FullConfig } from '@playwright/test';
import { join, resolve } from 'node:path';
import { readFileSync, existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { env, type Mode } from './env.ts';
import { ConfigError, SetupContractViolation, exitOnConfigError } from './errors.ts';
import { clauseLabel } from './contract/clauses.ts';
import { isLiveTarget, loadProfile, selectedProfilePath, type Profile } from './profile.ts';
import { makeContext, limitsFor } from './context.ts';
import { Api, markerValue, withUniqueMarker, type ClientContext } from './client.ts';
import { newRunId, markerOf } from './marker.ts';
import { ledgerPath } from './ledger.ts';
import { writeRunState, type RunState } from './run-state.ts';
import { buildPlan } from './plan.ts';
import { planInputFor } from './suite.ts';
import { discoverFixtures } from './discovery.ts';
import { expectedSeconds } from './limiter.ts';
import { ENTITIES } from './catalogue/entities.ts';
import { endpoint } from './catalogue/endpoints.ts';
import type { Refs } from './catalogue/fields.ts';
import { sampleValid } from './bodies.ts';
import { sweep } from './sweep.ts';
import { preflight } from './preflight.ts';
import { teardownRun, summarizeCounts } from './teardown.ts';
import { redact } from './redact.ts';
import type { FaultName, VariationName } from '../sandbox/index.ts';

export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  try {
    return await setup(config);
  } catch (err) {
    // one plain message and exit 2 (or 1 for a tenant's contract violation), not a wall of failing tests
    exitOnConfigError(err, redact);
    throw err;
  }
}

async function setup(config: FullConfig): Promise<() => Promise<void>> {
  const runId = newRunId();
  const marker = markerOf(runId);
  const outDir = resolve(env.outDir);
  let profile = loadProfile(selectedProfilePath(), env.baseUrl);
  let closeSandbox: (() => Promise<void>) | undefined;
  if (!env.profilePath) {
    const { startSandbox, faultProblem, variationProblem } = await import('../sandbox/index.ts');
    // an unknown name is one line naming it and where the list is, before anything starts
    const bad = [
      ...env.sandboxFaults.map((n) => ['NEXUDUS_SANDBOX_FAULTS', faultProblem(n)] as const),
      ...env.sandboxVariations.map((n) => ['NEXUDUS_SANDBOX_VARY', variationProblem(n)] as const),
    ].find(([, problem]) => problem !== undefined);
    if (bad) throw new ConfigError(`${bad[0]}: ${bad[1]}.`, `correct ${bad[0]} (a comma list of names), or unset it.`);
    const sb = await startSandbox({
      port: 0,
      tokenLifetimeSeconds: profile.tokenLifetimeSeconds,
      faults: env.sandboxFaults as FaultName[],
      variations: env.sandboxVariations as VariationName[],
      requestLogPath: env.sandboxLogPath,
      // the throttle variations' every-n-th request (the form and the 0 s wait come from the variation)
      throttle: env.sandboxThrottleEvery !== undefined ? { every: env.sandboxThrottleEvery } : undefined,
    });
    closeSandbox = () => sb.close();
    profile = loadProfile(selectedProfilePath(), sb.url);
    process.env.NEXUDUS_BASE_URL = sb.url;
  }
  const ledger = ledgerPath(outDir, runId);
  const ctx = makeContext({ baseUrl: profile.baseUrl, profile, ledgerPath: ledger, runId });
  const admin = new Api(ctx, profile.admin, { kind: 'bearer' });
  try {
    const input = planInputFor(profile);
    const { mode, writesAllowed: canWrite, readOnlyReason } = input;
    const workers = config.workers;
    const plan = buildPlan(input, workers);
    // the plan is printed before anything is sent (request budget)
    printPlan(profile, mode, plan, workers);
    await preflight(ctx, profile);
    const fixtures = await discoverFixtures(admin, profile);
    let refs: Refs | null = null;
    const targets: RunState['targets'] = {};
    const tombstones: Record<string, number> = {};

    if (canWrite) {
      if (!env.noStartSweep) await sweep(admin, { olderThanMinutes: profile.sweepAfterMinutes, log: (s) => console.log(`  sweep: ${s}`) });
      const base = { ...fixtures, coworkerId: 0, administratorId: 0 } as Refs;
      const cw = endpoint('Coworker', 'create');
      const coworkerId = await createOrFail(admin, cw, sampleValid(cw, base, { seed: 11, marker }));
      const administratorId = await createOrFail(admin, cw, sampleValid(cw, base, { seed: 12, marker }));
      refs = { ...fixtures, coworkerId, administratorId } as Refs;
      for (let w = 0; w < workers; w++) {
        targets[w] = {};
        for (const e of ENTITIES) {
          const ep = endpoint(e, 'create');
          targets[w][e.name] = await createOrFail(admin, ep, sampleValid(ep, refs, { seed: 100 + w, marker, rich: true }));
        }
      }
      for (const e of ENTITIES) {
        const ep = endpoint(e, 'create');
        const id = await createOrFail(admin, ep, sampleValid(ep, refs, { seed: 200, marker }));
        const del = await admin.remove(e, id);
        if (del.status >= 200 && del.status < 300 && del.status !== 200) {
          throw new SetupContractViolation(clauseLabel('delete.removes'), `deleting the ${e.name} ${id} the run just created answered ${del.status}: ${redact(del.responseText.slice(0, 300))}`);
        }
        if (del.status !== 200) throw new ConfigError(`Could not delete the ${e.name} ${id} the run just created (answer ${del.status}).`, 'check that the admin persona may delete; the run stops here so it leaves nothing else behind.');
        tombstones[e.name] = id;
      }
    } else {
      // read-only target: the read checks use the first listed record of each entity
      const listed: Record<string, number> = {};
      for (const e of ENTITIES) {
        const ex = await admin.list(e, { page: 1, size: 1 });
        const id = (ex.json as { Records?: { Id?: number }[] } | undefined)?.Records?.[0]?.Id;
        if (typeof id === 'number') listed[e.name] = id;
      }
      for (let w = 0; w < workers; w++) targets[w] = { ...listed };
    }

    const state: RunState = {
      runId, marker, tenant: profile.name, profilePath: profile.path, baseUrl: profile.baseUrl, isSandbox: profile.isSandbox,
      mode, writesAllowed: canWrite, readOnlyReason, deniedStatus: profile.deniedStatus, limits: limitsFor(profile, profile.baseUrl),
      tokenLifetimeSeconds: profile.tokenLifetimeSeconds, refs, targets, tombstones, ledgerPath: ledger, outDir,
      startedAt: new Date().toISOString(),
      planned: { ...plan.totals }, workers, suiteVersion: suiteVersion(), commit: commitOf(), fixtures,
    };
    const statePath = join(outDir, 'run', runId, 'state.json');
    writeRunState(statePath, state);
    writeRunState(join(outDir, 'run', 'latest.json'), state);
    process.env.NEXUDUS_RUN_STATE = statePath;
    return async () => {
      try {
        await teardownRun(ctx, profile, state);
        summarizeCounts(state, plan);
      } finally {
        await closeSandbox?.();
      }
    };
  } catch (err) {
    // whatever setup created before it failed is deleted now, not left for a sweep
    await teardownRun(ctx, profile, { ledgerPath: ledger } as RunState).catch(() => undefined);
    await closeSandbox?.();
    throw err;
  }
}

async function createOrFail(admin: Api, ep: ReturnType<typeof endpoint>, generated: unknown): Promise<number> {
  const body = withUniqueMarker(ep.entity, generated);
  const ex = await admin.create(ep.entity, body, `setup: POST ${ep.entity.name} as ${admin.persona?.name}`);
  let id = (ex.json as { Value?: { Id?: number } } | undefined)?.Value?.Id;
  // a tenant whose envelope lacks Value.Id still gets tested (the checks report that); find the record by marker
  const m = markerValue(ep.entity, body);
  if (ex.status === 200 && typeof id !== 'number' && m) {
    id = await admin.findByExactValue(ep.entity, m.field, m.value);
    if (typeof id === 'number') admin.ctx.ledger.record('created', ep.entity.name, id, m.value);
  }
  const answer = `${ex.status}: ${redact(ex.responseText.slice(0, 300))}`;
  // a success status other than the documented 200, or a 200 without the documented envelope: the tenant's fault
  if (ex.status >= 200 && ex.status < 300 && ex.status !== 200) {
    throw new SetupContractViolation(clauseLabel('success.status'), `POST ${ep.path} of a valid ${ep.entity.name} answered ${answer}`);
  }
  if (ex.status === 200 && typeof id !== 'number') {
    throw new SetupContractViolation(clauseLabel('success.envelope'), `POST ${ep.path} of a valid ${ep.entity.name} answered 200 without Value.Id, and no record with its marker could be found: ${answer}`);
  }
  if (ex.status !== 200 || typeof id !== 'number') {
    throw new ConfigError(
      `Setup could not create a ${ep.entity.name} on ${admin.ctx.baseUrl} (answer ${ex.status}: ${redact(ex.responseText.slice(0, 300))}).`,
      'check the fixtures in the profile (businessId, countryId, simpleTimeZoneId…) and that the admin persona is a full administrator.',
    );
  }
  return id;
}

function printPlan(profile: Profile, mode: Mode, plan: ReturnType<typeof buildPlan>, workers: number): void {
  const t = plan.totals;
  const reads = t.reads + plan.setup.reads;
  const writes = t.writes + plan.setup.writes + plan.teardownWrites;
  const l = limitsFor(profile, profile.baseUrl);
  const secs = l ? expectedSeconds(reads, writes, l) : undefined;
  console.log(`\nnexudus-conformance · tenant ${profile.name} (${profile.baseUrl}) · mode ${mode} · ${workers} worker(s)${l ? ' · paced to the documented limits' : ''}`);
  console.log(`  plan: ${t.checks} checks · ${reads} reads + ${writes} writes (checks ${t.reads} + ${t.writes}, setup ${plan.setup.reads} + ${plan.setup.writes}, teardown ${plan.teardownWrites} writes)`);
  if (secs !== undefined) console.log(`  expected duration at the tenant's limits: ≥ ${Math.ceil(secs)} s`);
  if (t.skippedReadOnly) console.log(`  skipped: ${t.skippedReadOnly} checks that write (read-only target; set "allowWrites": true in the profile to run them)`);
  if (isLiveTarget(profile.baseUrl) && !profile.isSandbox && profile.plainPasswords.length) {
    console.warn(`  warning: profile ${profile.name} writes the password of ${profile.plainPasswords.join(', ')} in the file; against a live tenant take it from the environment ("password": "\${NAME}") so it stays out of the repository`);
  }
  if (t.skippedForBudget) console.log(`  skipped: ${t.skippedForBudget} checks beyond the write budget (${env.budget}); raise --budget to run them`);
}

function suiteVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function commitOf(): string | undefined {
  try {
    if (!existsSync(new URL('../.git', import.meta.url))) return undefined;
    return execSync('git rev-parse --short HEAD', { cwd: new URL('..', import.meta.url), stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return undefined;
  }
}
