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
import { basename, dirname, join, resolve } from 'node:path';
import { readFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { env, type Mode } from '../config/env.ts';
import { ConfigError, SetupContractViolation, exitOnConfigError } from '../config/errors.ts';
import { clauseLabel } from '../../api/contract/clauses.ts';
import { isLiveTarget, loadProfile, selectedProfilePath, type Profile } from '../config/profile.ts';
import { makeContext, limitsFor } from '../handoff/context.ts';
import { Api, markerValue, withUniqueMarker, newCounts, countsSince, copyCounts, type ClientContext } from '../client/client.ts';
import { newRunId, markerOf } from '../client/marker.ts';
import { ledgerPath, writeRunOwner } from '../client/ledger.ts';
import { writeRunState, type RunState } from '../handoff/run-state.ts';
import { buildPlan, EXPIRED_TOKEN, type Plan, type PlanInput } from '../plan/plan.ts';
import { applySnapshotTemplate, baselineName, specFileOf } from '../plan/baselines.ts';
import { MAX_EXPIRY_WAIT_SECONDS, TOKEN_LIFETIME, causeOf, notRunOf, byKindAndCause, byCause, type NotRunCause } from '../plan/not-run.ts';
import { selectedTitles } from './selection.ts';
import { planInputFor, coveredEntities } from '../plan/suite.ts';
import { ensureValidators } from './validators.ts';
import { perEndpointLine } from '../plan/per-endpoint.ts';
import { discoverFixtures } from './discovery.ts';
import { expectedSeconds, shareOf, DOCUMENTED_LIMITS, type Limits } from '../client/limiter.ts';
import { startPacer } from '../handoff/pacer.ts';
import { startTokenBroker, type TokenBroker } from '../handoff/token-broker.ts';
import type { TokenCache } from '../client/tokens.ts';
import { entityByName, resourcePath } from '../../api/catalogue/entities.ts';
import { endpoint } from '../../api/catalogue/endpoints.ts';
import type { Refs } from '../../api/catalogue/fields.ts';
import { sampleValid } from '../payloads/bodies.ts';
import { sweep } from './sweep.ts';
import { preflight } from './preflight.ts';
import { teardownRun, summarizeRun } from './teardown.ts';
import { redact, addSecret } from '../config/redact.ts';
import type { FaultName, VariationName } from '../../sandbox/index.ts';

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
    const { startSandbox, faultProblem, variationProblem } = await import('../../sandbox/index.ts');
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
  // entities read from pages added since `npm run schemas`: validators built once here, for every worker
  if (!env.dryRun) await ensureValidators();
  const ledger = ledgerPath(outDir, runId);
  // which process owns the run, before it creates anything: `npm run sweep` removes a crashed run's records by it
  writeRunOwner(outDir, runId);
  // one pacing authority for the run: every worker, and every worker Playwright restarts, takes its slots here;
  // a shard paces to its share of the tenant's limits
  const shardTotal = config.shard?.total ?? 1;
  const full = limitsFor(profile, profile.baseUrl);
  const limits = full && shareOf(full, shardTotal);
  const pacer = limits && !env.dryRun ? await startPacer(limits) : undefined;
  // the workers' pacer is this run's; a URL left in the shell from another run must not reach them
  if (pacer) process.env.NEXUDUS_PACER_URL = pacer.url;
  else delete process.env.NEXUDUS_PACER_URL;
  let broker: TokenBroker | undefined;
  const closeAll = async () => {
    await broker?.close();
    await pacer?.close();
    await closeSandbox?.();
  };
  const ctx = makeContext({ baseUrl: profile.baseUrl, profile, ledgerPath: ledger, runId, pacerUrl: pacer?.url });
  const admin = new Api(ctx, profile.admin, { kind: 'bearer' });
  try {
    const input = { ...planInputFor(profile), selected: selectedTitles() };
    const { mode, writesAllowed: canWrite, readOnlyReason } = input;
    const workers = config.workers;
    let plan = buildPlan(input, workers);
    // the plan is printed before anything is sent; a dry run stops here
    printPlan(profile, mode, plan, workers, limits, shardTotal);
    writePlanFile(outDir, runId, plan);
    // a probe without its baseline would fail as drift after the run spent its writes: known now, before the first request
    requireBaselines(config, profile, plan, false);
    if (env.dryRun) {
      console.log(`  dry run: nothing was sent to ${profile.baseUrl}; the plan is in ${join(outDir, 'run', runId, 'plan.json')}`);
      await closeAll();
      process.exit(0);
    }
    await preflight(ctx, profile);
    // the expired-token checks wait for a token of the tenant's to lapse: planned from the expires_in it answered
    const lifetime = (ctx.tokens as TokenCache).peek(profile.admin)?.expiresIn;
    const corrected = lifetime !== undefined ? planForTokenLifetime(profile, input, plan, workers, lifetime) : undefined;
    if (corrected) {
      plan = corrected;
      writePlanFile(outDir, runId, plan);
      requireBaselines(config, profile, plan, true);
    }
    const fixtures = await discoverFixtures(admin, profile);
    const make = plan.setup.make;
    let refs: Refs | null = null;
    const targets: RunState['targets'] = {};
    const tombstones: Record<string, number> = {};
    const skips: Record<string, string> = Object.fromEntries(plan.checks.filter((c) => c.selected && c.skip).map((c) => [c.title, c.skip!]));
    let expired = make.expiredToken ? await tokenToExpire(ctx, profile) : undefined;
    if (expired && expired.lifetime > MAX_EXPIRY_WAIT_SECONDS) {
      // this token lives longer than the one preflight got: the checks are skipped, never left to wait for a test timeout
      for (const c of plan.checks) if (c.selected && !c.skip && c.variant === EXPIRED_TOKEN) skips[c.title] = tokenLifetimeSkip(expired.lifetime);
      expired = undefined;
    }
    let sweepCounts = newCounts();

    if (make.startSweep) {
      const before = copyCounts(ctx.counts);
      await sweep(admin, { olderThanMinutes: profile.sweepAfterMinutes, entities: coveredEntities(profile), log: (s) => console.log(`  sweep: ${s}`) });
      sweepCounts = countsSince(before, ctx.counts);
    }
    const base = { ...fixtures, coworkerId: 0, administratorId: 0 } as Refs;
    if (make.prereqs) {
      const cw = endpoint('Coworker', 'create');
      const coworkerId = await createOrFail(admin, cw, sampleValid(cw, base, { seed: 11, marker }));
      const administratorId = await createOrFail(admin, cw, sampleValid(cw, base, { seed: 12, marker }));
      refs = { ...fixtures, coworkerId, administratorId } as Refs;
    } else if (canWrite) {
      refs = base;
    }
    for (let w = 0; w < workers; w++) {
      targets[w] = {};
      for (const name of make.writeTargets) {
        const ep = endpoint(entityByName(name), 'create');
        targets[w][name] = await createOrFail(admin, ep, sampleValid(ep, refs!, { seed: 100 + w, marker, rich: true }));
      }
    }
    for (const name of make.tombstones) {
      const e = entityByName(name);
      const ep = endpoint(e, 'create');
      const id = await createOrFail(admin, ep, sampleValid(ep, refs!, { seed: 200, marker }));
      const del = await admin.remove(e, id);
      if ((del.status >= 200 && del.status < 300 && del.status !== 200) || del.status >= 500) {
        throw new SetupContractViolation(clauseLabel('delete.removes'), `deleting the ${e.name} ${id} the run just created answered ${del.status}: ${redact(del.responseText.slice(0, 300))}`);
      }
      if (del.status !== 200) throw new ConfigError(`Could not delete the ${e.name} ${id} the run just created (answer ${del.status}).`, 'check that the admin persona may delete; the run stops here so it leaves nothing else behind.');
      tombstones[e.name] = id;
    }
    // checks that only read use a record the tenant has (reading touches nothing)
    for (const name of make.readTargets) {
      const e = entityByName(name);
      const ex = await admin.list(e, { page: 1, size: 1 });
      const id = (ex.json as { Records?: { Id?: number }[] } | undefined)?.Records?.[0]?.Id;
      for (let w = 0; w < workers; w++) if (typeof id === 'number') targets[w]![name] = id;
      if (typeof id !== 'number') {
        for (const c of plan.checks) if (c.selected && !c.skip && c.needs.readTarget === name) skips[c.title] = `the tenant lists no ${name} record to read (GET ${resourcePath(e)} answered ${ex.status})`;
      }
    }
    const setupSent = copyCounts(ctx.counts);

    const state: RunState = {
      runId, marker, tenant: profile.name, profilePath: profile.path, baseUrl: profile.baseUrl, isSandbox: profile.isSandbox, embeddedSandbox: !!closeSandbox, entities: [...(coveredEntities(profile) ?? [])].sort(),
      mode, writesAllowed: canWrite, readOnlyReason, deniedStatus: profile.deniedStatus, limits,
      tokenLifetimeSeconds: lifetime ?? profile.tokenLifetimeSeconds, refs, targets, tombstones, skips, ledgerPath: ledger, outDir,
      startedAt: new Date().toISOString(),
      planned: { ...plan.totals }, workers, suiteVersion: suiteVersion(), commit: commitOf(), fixtures,
    };
    const statePath = join(outDir, 'run', runId, 'state.json');
    writeRunState(statePath, state);
    writeRunState(join(outDir, 'run', 'latest.json'), state);
    process.env.NEXUDUS_RUN_STATE = statePath;
    // the workers take their tokens from the runner; the broker's address and key travel in their environment, never in a file
    broker = await startTokenBroker(ctx.tokens as TokenCache, profile.personas);
    process.env.NEXUDUS_TOKEN_BROKER = broker.address;
    if (expired) process.env.NEXUDUS_EXPIRED_TOKEN = JSON.stringify({ token: expired.token, usableAt: expired.usableAt });
    else delete process.env.NEXUDUS_EXPIRED_TOKEN;
    return async () => {
      try {
        const beforeTeardown = copyCounts(ctx.counts);
        await teardownRun(ctx, profile, state);
        summarizeRun(state, plan, { setup: setupSent, sweep: sweepCounts, checks: countsSince(setupSent, beforeTeardown), teardown: countsSince(beforeTeardown, ctx.counts) });
        summarizeNotRun(state, plan);
      } finally {
        await closeAll();
      }
    };
  } catch (err) {
    // whatever setup created before it failed is deleted now, not left for a sweep
    await teardownRun(ctx, profile, { ledgerPath: ledger } as RunState).catch(() => undefined);
    await closeAll();
    throw err;
  }
}

/** A real bearer token of the admin, handed to the workers to use once it has lapsed (the expired-token checks). */
async function tokenToExpire(ctx: ClientContext, profile: Profile): Promise<{ token: string; usableAt: number; lifetime: number }> {
  const p = profile.admin;
  const api = new Api(ctx, p, { kind: 'none' });
  const ex = await api.send('POST', '/api/token', { form: { grant_type: 'password', username: p.username, password: p.password }, auth: { kind: 'none' }, label: `POST /api/token for ${p.name} (to let it expire)` });
  const j = ex.json as { access_token?: string; expires_in?: number };
  if (ex.status !== 200 || !j.access_token) throw new ConfigError(`POST /api/token for "${p.name}" answered ${ex.status}: no token to let expire.`, `check the credentials of "${p.name}" in ${profile.path}.`);
  addSecret(j.access_token);
  const lifetime = j.expires_in ?? profile.tokenLifetimeSeconds ?? 1;
  return { token: j.access_token, usableAt: Date.now() + (lifetime + 1.5) * 1000, lifetime };
}

const tokenLifetimeSkip = (seconds: number): string =>
  `${TOKEN_LIFETIME}: the tenant's tokens live ${seconds} s (expires_in), longer than the run waits for one to lapse (${MAX_EXPIRY_WAIT_SECONDS} s); a tenant with short-lived tokens runs it`;

/**
 * The plan again, its expired-token checks planned from the tenant's token lifetime (the expires_in of preflight's
 * sign-in) rather than the profile's; a profile that says otherwise is named in one line. Undefined when the run
 * selects no expired-token check.
 */
function planForTokenLifetime(profile: Profile, input: PlanInput, plan: Plan, workers: number, lifetime: number): Plan | undefined {
  const expiry = plan.checks.filter((c) => c.selected && c.variant === EXPIRED_TOKEN);
  if (!expiry.length) return undefined;
  const said = profile.tokenLifetimeSeconds;
  const runnable = lifetime <= MAX_EXPIRY_WAIT_SECONDS;
  if (said !== undefined && said !== lifetime) {
    console.log(`  token lifetime: profile ${profile.name} says tokenLifetimeSeconds ${said}, the tenant's tokens live ${lifetime} s (expires_in): the ${expiry.length} expired-token check(s) follow the tenant${runnable ? '' : ` and do not run (longer than the run waits for a token to lapse: ${MAX_EXPIRY_WAIT_SECONDS} s)`}`);
  }
  const next = buildPlan({ ...input, expiryCheck: runnable, expirySkip: runnable ? undefined : tokenLifetimeSkip(lifetime) }, workers);
  if (runnable !== input.expiryCheck) {
    if (said === undefined) console.log(`  token lifetime: the tenant's tokens live ${lifetime} s (expires_in): the ${expiry.length} expired-token check(s) ${runnable ? 'run' : 'do not run'}`);
    console.log(planLine(next, 'plan, corrected for the tenant\'s token lifetime'));
  }
  return next;
}

/**
 * --require-baselines: every silent-point probe the plan runs has a baseline (the path Playwright's snapshotPath gives
 * it, lib/checks/baseline.ts), or the run ends here with one message and exit 2. `sent`: preflight has run already
 * (the plan was corrected after it).
 */
function requireBaselines(config: FullConfig, profile: Profile, plan: Plan, sent: boolean): void {
  if (!env.requireBaselines || config.updateSnapshots === 'all') return;
  const probes = plan.checks.filter((c) => c.selected && !c.skip && baselineName(c) !== undefined);
  if (!probes.length) return;
  const project = config.projects[0];
  const configDir = config.configFile ? dirname(config.configFile) : process.cwd();
  const template = snapshotTemplate(config);
  const paths = probes.map((c) => applySnapshotTemplate(template, {
    configDir, testDir: project?.testDir ?? configDir, snapshotDir: project?.snapshotDir ?? configDir, projectName: project?.name ?? '', testFile: join(project?.testDir ?? configDir, specFileOf(c)),
  }, profile.name, baselineName(c)!)).filter((p): p is string => p !== undefined);
  const missing = paths.filter((p) => !existsSync(p));
  if (!missing.length) return;
  const dirs = [...new Set(missing.map((p) => dirname(p)))];
  const where = dirs.join(', ');
  const what = dirs.length === 1 && !existsSync(dirs[0]!) ? 'does not exist'
    : missing.length === paths.length ? 'holds none of them'
    : `lacks ${missing.length === 1 ? basename(missing[0]!) : `${missing.length} of them (${missing.slice(0, 3).map((p) => basename(p)).join(', ')}${missing.length > 3 ? ', …' : ''})`}`;
  throw new ConfigError(
    `--require-baselines is set, but ${missing.length} of the ${paths.length} silent-point probes this run makes have no baseline for tenant ${profile.name}: ${where} ${what}. ${sent ? 'The run stops before its first check.' : `Nothing was sent to ${profile.baseUrl}.`}`,
    `record them with one run without --require-baselines (NEXUDUS_REQUIRE_BASELINES) and keep ${where} (commit it, or restore it as a CI artifact: docs/reports.md "Baselines in CI"); or point NEXUDUS_BASELINES at the folder that holds ${profile.name}/; or leave the probes out (--grep-invert @characterize).`,
  );
}

/**
 * The config's snapshotPathTemplate. The public FullConfig does not carry it; Playwright's internal config (kept under
 * a symbol) does. Without it, the template playwright.config.ts sets.
 */
function snapshotTemplate(config: FullConfig): string {
  const LEGACY = '{snapshotDir}/{testFileDir}/{testFileName}-snapshots/{arg}{-projectName}{-snapshotSuffix}{ext}';
  for (const s of Object.getOwnPropertySymbols(config)) {
    const projects = (config as unknown as Record<symbol, { projects?: { snapshotPathTemplate?: string }[] } | undefined>)[s]?.projects;
    if (Array.isArray(projects) && projects.length) return projects[0]!.snapshotPathTemplate ?? LEGACY;
  }
  return `${env.baselinesDir}/{arg}{ext}`;
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
  // a server error to a valid write is the tenant's fault too: the profile cannot cause a 5xx
  if ((ex.status >= 200 && ex.status < 300 && ex.status !== 200) || ex.status >= 500) {
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

/** `l`: the limits this run paces to (its shard's share), if any. */
function printPlan(profile: Profile, mode: Mode, plan: Plan, workers: number, l: Limits | undefined, shardTotal: number): void {
  const t = plan.totals;
  const r = t.run;
  const secs = l ? expectedSeconds(r.reads + r.tokens, r.writes, l) : undefined;
  const paced = l ? ` · paced to ${shardTotal > 1 ? `1/${shardTotal} of ` : ''}the documented limits (${l.writesPerMinute} writes/min)` : '';
  const rehearsal = env.assumeLive ? ' · NEXUDUS_ASSUME_LIVE=1 (this loopback target is run as a live tenant)' : '';
  console.log(`\nnexudus-conformance · tenant ${profile.name} (${profile.baseUrl}) · mode ${mode} · ${workers} worker(s)${paced}${rehearsal}`);
  console.log(planLine(plan, 'plan'));
  const perEndpoint = perEndpointLine(plan, workers);
  if (perEndpoint && mode === 'cover') console.log(perEndpoint);
  if (t.selected < plan.checks.length) console.log(`  selected: ${t.selected} of ${plan.checks.length} checks (the command line's --grep / --shard / files)`);
  if (secs !== undefined) console.log(`  expected duration at the tenant's limits: ≥ ${Math.ceil(secs)} s`);
  else if (env.dryRun) console.log(`  expected duration: unpaced (a loopback target without limits); at the documented limits of a live tenant ≥ ${Math.ceil(expectedSeconds(r.reads + r.tokens, r.writes, DOCUMENTED_LIMITS))} s`);
  if (t.skippedReadOnly) console.log(`  skipped: ${t.skippedReadOnly} checks that write (read-only target; set "allowWrites": true in the profile to run them)`);
  if (isLiveTarget(profile.baseUrl) && !profile.isSandbox && profile.plainPasswords.length) {
    console.warn(`  warning: profile ${profile.name} writes the password of ${profile.plainPasswords.join(', ')} in the file; against a live tenant take it from the environment ("password": "\${NAME}") so it stays out of the repository`);
  }
  printNotRun(plan);
  if (env.dryRun && plan.checks.some((c) => c.selected && c.variant === EXPIRED_TOKEN && !c.skip?.startsWith('read-only') && !c.skip?.startsWith('write budget'))) {
    console.log(`  expired-token checks: planned from the profile (tokenLifetimeSeconds ${profile.tokenLifetimeSeconds ?? 'unset'}); a run plans them from the tenant's own expires_in (they run when tokens live ≤ ${MAX_EXPIRY_WAIT_SECONDS} s)`);
  }
}

/** `  plan: N checks · R reads + W writes + T token requests (checks …, setup …, teardown …)` */
function planLine(plan: Plan, label: string): string {
  const t = plan.totals;
  const r = t.run;
  return `  ${label}: ${t.checks} checks · ${r.reads} reads + ${r.writes} writes + ${r.tokens} token requests` +
    ` (checks ${t.reads} + ${t.writes} + ${t.tokens}, setup ${plan.setup.reads} + ${plan.setup.writes} + ${plan.setup.tokens}, teardown ${plan.teardownWrites} writes)`;
}

/**
 * The selected checks the plan leaves out, counted by kind and cause: contract checks, then the silent-point probes
 * (recordings, never contract checks) apart. plan.json lists each one with its cost and reason.
 */
function printNotRun(plan: Plan): void {
  const selected = plan.checks.filter((c) => c.selected);
  const n = notRunOf(selected.map((c) => ({ kind: c.kind, notRun: c.skip !== undefined, reason: c.skip })));
  // one reason when the cause has one; else the cause, and the entities it holds back (one reason each in plan.json)
  const firstReason = (cause: NotRunCause) => {
    const mine = selected.filter((c) => c.skip && c.kind !== 'silent points' && causeOf(c.skip) === cause);
    const reasons = new Set(mine.map((c) => c.skip));
    if (reasons.size <= 1) return mine[0]?.skip ?? cause;
    const entities = [...new Set(mine.map((c) => c.endpoint?.entity.name).filter((x): x is string => !!x))];
    return `${cause}${entities.length ? ` (${entities.join(', ')})` : ''}`;
  };
  const detail = (cause: NotRunCause): string =>
    cause === 'budget' ? `write budget ${env.budget} (every write of the run, setup and teardown included; raise --budget to run them)`
    : firstReason(cause);
  if (n.contract.notRun) {
    console.log(`  not run: ${n.contract.notRun} of ${n.contract.total} contract checks (the run's plan.json lists each one with its cost and reason):`);
    for (const c of n.contract.byCause) console.log(`    - ${c.byKind.map((k) => `${k.count} ${k.kind}`).join(', ')}: ${detail(c.cause)}`);
  }
  if (n.silentPoints.notRun) {
    const roomy = selected.filter((c) => c.skip && c.kind === 'silent points' && ['cover mode', 'budget'].includes(causeOf(c.skip)));
    const w = roomy.reduce((s, c) => s + c.cost.writes, 0);
    const how = roomy.length ? `; ${w} writes of their own, plus the records they need; --silent-points or a --budget with room runs them` : '';
    console.log(`  not run: ${n.silentPoints.notRun} silent-point probes, which record and are not contract checks (${byCause(n.silentPoints)}${how})`);
  }
}

/** At the end of the run, beside its request totals: what it left out, by kind and cause (summary.json `notRun` too). */
function summarizeNotRun(state: RunState, plan: Plan): void {
  const selected = plan.checks.filter((c) => c.selected);
  const n = notRunOf(selected.map((c) => ({ kind: c.kind, notRun: state.skips[c.title] !== undefined, reason: state.skips[c.title] })));
  const file = join(state.outDir, 'run', state.runId, 'summary.json');
  if (existsSync(file)) writeFileSync(file, JSON.stringify({ ...(JSON.parse(readFileSync(file, 'utf8')) as object), notRun: n }, null, 2));
  const parts = [
    ...(n.contract.notRun ? [`${n.contract.notRun} of ${n.contract.total} contract checks (${byKindAndCause(n.contract)})`] : []),
    ...(n.silentPoints.notRun ? [`${n.silentPoints.notRun} silent-point probes, not contract checks (${byCause(n.silentPoints)})`] : []),
  ];
  if (parts.length) console.log(`  not run: ${parts.join('; ')}`);
}

/** out/run/<id>/plan.json: every check with its cost, and why it does not run when it does not. */
function writePlanFile(outDir: string, runId: string, plan: Plan): void {
  const dir = join(outDir, 'run', runId);
  mkdirSync(dir, { recursive: true });
  const checks = plan.checks.filter((c) => c.selected).map((c) => ({ title: c.title, kind: c.kind, cost: c.cost, needs: c.needs, ...(c.skip ? { skip: c.skip } : {}) }));
  writeFileSync(join(dir, 'plan.json'), JSON.stringify({ totals: plan.totals, setup: plan.setup, teardownWrites: plan.teardownWrites, checks }, null, 2));
}

function suiteVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function commitOf(): string | undefined {
  try {
    if (!existsSync(new URL('../../.git', import.meta.url))) return undefined;
    return execSync('git rev-parse --short HEAD', { cwd: new URL('../..', import.meta.url), stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return undefined;
  }
}
