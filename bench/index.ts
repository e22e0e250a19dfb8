/**
 * `npm run bench [-- --quick] [-- --record]`: performance figures, printed, never asserted (speed is
 * measured, not timed). In one run, on this machine:
 *  1. the sandbox's raw capacity (autocannon, 10 connections) and a bare fetch loop against it;
 *  2. harness overhead inside Playwright: a bare fetch loop, the suite's request path and property
 *     cases against one sandbox endpoint (bench/request-path.bench.ts);
 *  3. a full default conformance run (`npm run conformance`: start-up, checks and reports);
 *  4. a cover-mode run against the sandbox: requests planned and sent, and the writes in the sandbox's own log;
 *     a red run (a sandbox fault) against a green one: time and token requests;
 *  5. generator samples per second.
 * The figures go to out/bench/latest.json; --record also rewrites the figures block of BENCHMARKS.md.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, freemem, totalmem, tmpdir, availableParallelism, platform, release } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { run as generatorFigures } from './generators.ts';
import { readRunSummary, type RunSummary } from '../lib/run/teardown.ts';
import { ENTITIES, DECLARED_ENTITIES } from '../api/catalogue/entities.ts';
import { ENDPOINTS } from '../api/catalogue/endpoints.ts';
import { coveredWrite } from '../lib/plan/plan.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PW_CLI = join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
const TSX_CLI = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const quick = process.argv.includes('--quick');
const record = process.argv.includes('--record');

const line = (s = '') => console.log(s);
const tmp = (p: string) => mkdtempSync(join(tmpdir(), `nxc-bench-${p}-`));
const round = (n: number, d = 0) => Math.round(n * 10 ** d) / 10 ** d;

interface RunCost { seconds: number; exit: number | null; checks: number; failed: number; tokens: number; requests: number }

/** What the cover run of the whole documented contract cost in the tenant's own request log before the live-run work. */
const COVER_WRITES_BEFORE = 144;

interface Figures {
  machine: Record<string, string | number>;
  sandbox?: { rps: number; p50ms: number; p99ms: number; connections: number; seconds: number; non2xx: number; bareLoopRps: number };
  requestPath?: { endpoint: string; bareRps: number; suiteRps: number; overhead: number; casesPerSecond: number; caseRps: number; perTest: number; bareCasesPerSecond: number; caseOverhead: number };
  defaultRun?: { seconds: number; exit: number | null; checks: number; requests: number; requestsPerSecond: number; checkSeconds: number; generationSeconds: number; generationShare: number; propertyCases: number; propertyCasesPerSecond: number };
  coverRun?: { seconds: number; exit: number | null; planned: { reads: number; writes: number; tokens: number }; sent: { reads: number; writes: number; tokens: number }; tenant: { reads: number; writes: number; tokens: number }; checks: number; notRun: number };
  redRun?: { fault: string; selection: string; green: RunCost; red: RunCost; timeRatio: number; tokenRatio: number };
  generators?: { endpoint: string; validPerSecond: number; brokenPerSecond: number }[];
  scale?: { entities: number; endpoints: number; defaultSeconds: number; defaultChecks: number; defaultWrites: number; coverWrites: number; coverWritesPerEndpoint: number }[];
}

/** The entities the catalogue declares by hand: sections 3 and 4 measure them, comparable with earlier recordings. */
const DECLARED = DECLARED_ENTITIES.map((e) => e.name).join(',');

/** Entity selections of growing size, each with its endpoints under test (the seeds, plus every POST/PUT with a page). */
function selections(): { names: string | undefined; entities: number; endpoints: number }[] {
  const pageEntities = ENTITIES.filter((e) => e.pages);
  const underTest = (names: string[]) => ENDPOINTS.filter((x) => names.includes(x.entity.name) && coveredWrite(x)).length;
  const declared = DECLARED.split(',');
  const twenty: string[] = [...declared];
  for (const e of pageEntities) if (underTest(twenty) < 20) twenty.push(e.name);
  const all = ENTITIES.map((e) => e.name);
  return [
    { names: DECLARED, entities: declared.length, endpoints: underTest(declared) },
    { names: twenty.join(','), entities: twenty.length, endpoints: underTest(twenty) },
    { names: undefined, entities: all.length, endpoints: underTest(all) },
  ];
}

function scale(): NonNullable<Figures['scale']> {
  return selections().map((sel) => {
    // every shipped page: no selection at all (one inherited from the shell would narrow it)
    const env: NodeJS.ProcessEnv = { ...process.env, NEXUDUS_ENTITIES: sel.names ?? '' };
    const out = tmp('scale');
    const t = performance.now();
    spawnSync(process.execPath, [PW_CLI, 'test', '--reporter=dot'], { cwd: ROOT, env: { ...env, NEXUDUS_OUT: out }, encoding: 'utf8' });
    const seconds = round((performance.now() - t) / 1000, 1);
    const s = summaryOf(out);
    const cover = tmp('scale-cover');
    const log = join(cover, 'tenant-log.jsonl');
    spawnSync(process.execPath, [PW_CLI, 'test', '--reporter=dot', '--workers=1'], { cwd: ROOT, env: { ...env, NEXUDUS_OUT: cover, NEXUDUS_MODE: 'cover', NEXUDUS_SANDBOX_LOG: log }, encoding: 'utf8' });
    const writes = tenantCount(log).writes;
    return {
      entities: sel.entities, endpoints: sel.endpoints, defaultSeconds: seconds, defaultChecks: s.checksRun, defaultWrites: s.run.sent.writes,
      coverWrites: writes, coverWritesPerEndpoint: round(writes / sel.endpoints, 1),
    };
  });
}

async function main(): Promise<void> {
  const f: Figures = { machine: machine() };
  line(`## machine\n${Object.entries(f.machine).map(([k, v]) => `${k}: ${v}`).join(' · ')}`);

  line('\n## 1. sandbox capacity (sandbox in its own process)');
  f.sandbox = await sandboxCapacity(quick ? 3 : 5);
  line(`autocannon, ${f.sandbox.connections} connections, ${f.sandbox.seconds} s, GET one workspace: ${f.sandbox.rps} requests/s (p50 ${f.sandbox.p50ms} ms, p99 ${f.sandbox.p99ms} ms, ${f.sandbox.non2xx} non-2xx)`);
  line(`bare fetch loop, one connection, same endpoint: ${f.sandbox.bareLoopRps} requests/s`);

  line('\n## 2. harness overhead inside Playwright (one worker, one endpoint, same run)');
  f.requestPath = requestPath();
  const rp = f.requestPath;
  line(`bare fetch loop: ${rp.bareRps} requests/s`);
  line(`the suite's path (Api.get: counters, exchange kept for the report; schema check; ${rp.perTest} per test): ${rp.suiteRps} requests/s → overhead ${rp.overhead}× (goal ≤ 2×)`);
  line(`property cases (GET, PUT a required-field violation, GET; 12 per test): ${rp.casesPerSecond} cases/s = ${rp.caseRps} requests/s`);
  line(`bare fetch loop of the same three requests per case: ${rp.bareCasesPerSecond} cases/s → overhead ${rp.caseOverhead}× (generation, checks, shrinking-ready recording)`);

  line(`\n## 3. full default conformance run of the declared entities (npm run conformance: start-up, checks, Allure report; NEXUDUS_ENTITIES=${DECLARED})`);
  f.defaultRun = defaultRun();
  const d = f.defaultRun;
  line(`${d.seconds} s wall (goal < 30 s) · exit ${d.exit} · ${d.checks} checks · ${d.requests} requests = ${d.requestsPerSecond} requests/s over the wall time`);
  line(`checks took ${d.checkSeconds} s (all workers); generating payloads ${d.generationSeconds} s of it = ${d.generationShare}% (goal < 5%${d.generationShare >= 5 ? ': missed' : ''}); ${d.propertyCases} property cases = ${d.propertyCasesPerSecond} cases/s of check time`);

  line('\n## 4. cover-mode run against the sandbox (what a live run sends, one worker as on a live tenant, unpaced)');
  f.coverRun = coverRun();
  const c = f.coverRun;
  line(`${c.checks} checks (${c.notRun} silent-point probes not run) · planned ${c.planned.reads} reads + ${c.planned.writes} writes + ${c.planned.tokens} tokens · sent ${c.sent.reads} + ${c.sent.writes} + ${c.sent.tokens} · ${c.seconds} s · exit ${c.exit}`);
  line(`the whole documented contract in the tenant's own request log: ${c.tenant.writes} writes, setup and teardown included (${COVER_WRITES_BEFORE} before; goal ≤ 100) · ${c.tenant.reads} reads · ${c.tenant.tokens} token requests`);

  line('\n## 4b. a red run against a green one (Playwright restarts a worker after every failed check)');
  f.redRun = await redRun();
  const rr = f.redRun;
  line(`green: ${rr.green.checks} checks, ${rr.green.failed} failed, ${rr.green.seconds} s, ${rr.green.tokens} token requests (${rr.green.requests} requests in all)`);
  line(`red (${rr.fault}): ${rr.red.checks} checks, ${rr.red.failed} failed, ${rr.red.seconds} s, ${rr.red.tokens} token requests (${rr.red.requests} requests in all)`);
  line(`red / green: ${rr.timeRatio}× the time, ${rr.tokenRatio}× the token requests (goal ≤ 2× both); selection: ${rr.selection}`);
  if (quick) line('(unpaced, the extra time is Playwright restarting a worker after every failed check, about 1 s each on 2 cores; the paced live rehearsal of `npm run bench` without --quick absorbs it)');

  line('\n## 4c. scale: the default run and the cover run as the endpoints under test grow (declared, about 20, every shipped page)');
  f.scale = scale();
  for (const x of f.scale) {
    line(`${String(x.endpoints).padStart(3)} endpoints (${x.entities} entities): default run ${x.defaultSeconds} s, ${x.defaultChecks} checks, ${x.defaultWrites} writes · cover run ${x.coverWrites} writes in the sandbox's log = ${x.coverWritesPerEndpoint} per endpoint (setup and teardown included; goal ≤ 20)`);
  }

  const samples = quick ? 300 : 1000;
  line(`\n## 5. generators (samples per second, best of 3 × ${samples.toLocaleString('en')})`);
  f.generators = generatorFigures({ samples, reps: 3 }).endpoints;
  for (const e of f.generators) line(`${e.endpoint.padEnd(46)} valid ${String(e.validPerSecond).padStart(7)}/s · broken ${String(e.brokenPerSecond).padStart(7)}/s`);

  const outDir = resolve(ROOT, process.env.NEXUDUS_OUT || 'out', 'bench');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'latest.json'), JSON.stringify(f, null, 2));
  line(`\nfigures: ${join(outDir, 'latest.json')}`);
  if (record) {
    recordInBenchmarks(f);
    line('BENCHMARKS.md: figures block rewritten');
  }
}

function machine(): Record<string, string | number> {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memory: `${round(totalmem() / 2 ** 30, 1)} GiB (${round(freemem() / 2 ** 30, 1)} free)`,
    os: `${platform()} ${release()}`,
    node: process.version,
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  };
}

/** The sandbox CLI in a child process, so the load generator does not share its event loop. */
/** The sandbox CLI in a child process: its URL, and a way to stop it. */
async function sandboxProcess(args: string[]): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [TSX_CLI, 'sandbox/cli.ts', '--port', '0', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((res, rej) => {
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b;
      const m = /listening on (\S+)/.exec(out);
      if (m) res(m[1]!);
    });
    child.once('exit', (code) => rej(new Error(`sandbox exited ${code} before listening`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/** The sandbox CLI in a child process, so the load generator does not share its event loop. */
async function sandboxCapacity(seconds: number): Promise<NonNullable<Figures['sandbox']>> {
  const { url, stop } = await sandboxProcess(['--token-lifetime', '3600']);
  try {
    const profile = JSON.parse(readFileSync(join(ROOT, 'sandbox', 'profile.json'), 'utf8')) as { personas: Record<string, { username: string; password: string }> };
    const admin = profile.personas.admin!;
    const tok = await fetch(`${url}/api/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'password', username: admin.username, password: admin.password }) });
    const token = ((await tok.json()) as { access_token: string }).access_token;
    const target = `${url}/api/collaboration/workspaces/1400341461`;
    const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
    const r = await autocannon({ url: target, connections: 10, duration: seconds, headers });
    const n = quick ? 1000 : 3000;
    const t = performance.now();
    for (let i = 0; i < n; i++) await (await fetch(target, { headers })).text();
    const bareLoopRps = Math.round(n / ((performance.now() - t) / 1000));
    return { rps: Math.round(r.requests.average), p50ms: r.latency.p50, p99ms: r.latency.p99, connections: 10, seconds, non2xx: r.non2xx, bareLoopRps };
  } finally {
    stop();
  }
}

function requestPath(): NonNullable<Figures['requestPath']> {
  const out = tmp('path');
  const result = join(out, 'request-path.json');
  const env = { ...process.env, NEXUDUS_ENTITIES: DECLARED, NEXUDUS_OUT: out, BENCH_RESULT: result, ...(quick ? { BENCH_REQUESTS: '500', BENCH_PROPERTY_TESTS: '4' } : {}) };
  const r = spawnSync(process.execPath, [PW_CLI, 'test', '-c', 'bench/playwright.config.ts'], { cwd: ROOT, env, encoding: 'utf8' });
  // a measurement whose loops failed is no figure (it printed 0 and NaN once, silently)
  if (r.status !== 0 || !existsSync(result)) throw new Error(`the request-path benchmark failed (exit ${r.status}):\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
  const j = JSON.parse(readFileSync(result, 'utf8')) as { endpoint: string; bareRps: number; suiteRps: number; casesPerSecond: number; caseRps: number; perTest: number; bareCasesPerSecond: number };
  return { ...j, overhead: round(j.bareRps / j.suiteRps, 2), caseOverhead: round(j.bareCasesPerSecond / j.casesPerSecond, 2) };
}

function summaryOf(out: string): RunSummary {
  const s = readRunSummary(out);
  if (!s) throw new Error(`the run in ${out} wrote no summary (see its output above)`);
  return s;
}

function defaultRun(): NonNullable<Figures['defaultRun']> {
  const out = tmp('run');
  const t = performance.now();
  const r = spawnSync(process.execPath, [TSX_CLI, 'scripts/conformance.ts'], { cwd: ROOT, env: { ...process.env, NEXUDUS_ENTITIES: DECLARED, NEXUDUS_OUT: out }, encoding: 'utf8' });
  const seconds = round((performance.now() - t) / 1000, 1);
  const s = summaryOf(out);
  const requests = s.sent.reads + s.sent.writes + s.sent.tokens;
  const checkSeconds = round(s.work.checkMs / 1000, 1);
  return {
    seconds, exit: r.status, checks: s.checksRun, requests, requestsPerSecond: Math.round(requests / seconds),
    checkSeconds, generationSeconds: round(s.work.generationMs / 1000, 2), generationShare: round((100 * s.work.generationMs) / s.work.checkMs, 1),
    propertyCases: s.work.propertyCases, propertyCasesPerSecond: Math.round(s.work.propertyCases / checkSeconds),
  };
}

function coverRun(): NonNullable<Figures['coverRun']> {
  const out = tmp('cover');
  const log = join(out, 'tenant-log.jsonl');
  const t = performance.now();
  const r = spawnSync(process.execPath, [PW_CLI, 'test', '--reporter=dot', '--workers=1'], { cwd: ROOT, env: { ...process.env, NEXUDUS_ENTITIES: DECLARED, NEXUDUS_OUT: out, NEXUDUS_MODE: 'cover', NEXUDUS_SANDBOX_LOG: log }, encoding: 'utf8' });
  const s = summaryOf(out);
  return {
    seconds: round((performance.now() - t) / 1000, 1), exit: r.status, planned: s.run.planned, sent: s.run.sent, tenant: tenantCount(log),
    checks: s.checksRun, notRun: s.skipped,
  };
}

/** The sandbox's request log counted the way a tenant counts: reads, writes (POST/PUT/DELETE), token requests. */
function tenantCount(log: string): { reads: number; writes: number; tokens: number } {
  const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { method: string; path: string }) : [];
  const tokens = lines.filter((x) => x.path === '/api/token').length;
  const reads = lines.filter((x) => x.method === 'GET').length;
  return { reads, writes: lines.length - reads - tokens, tokens };
}

/** One run of the suite against the embedded sandbox, with or without a fault; its wall time, failures and token requests. */
function costOf(args: string[], faults: string | undefined, extraEnv: Record<string, string>): RunCost {
  const out = tmp('red');
  const log = join(out, 'tenant-log.jsonl');
  const json = join(out, 'results.json');
  const t = performance.now();
  const r = spawnSync(process.execPath, [PW_CLI, 'test', '--reporter=dot,json', ...args], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 2 ** 20,
    env: { ...process.env, NEXUDUS_ENTITIES: DECLARED, NEXUDUS_OUT: out, NEXUDUS_SANDBOX_LOG: log, ...extraEnv, PLAYWRIGHT_JSON_OUTPUT_FILE: json, ...(faults ? { NEXUDUS_SANDBOX_FAULTS: faults } : {}) },
  });
  const seconds = round((performance.now() - t) / 1000, 1);
  const stats = existsSync(json) ? (JSON.parse(readFileSync(json, 'utf8')) as { stats: { expected: number; unexpected: number } }).stats : { expected: 0, unexpected: 0 };
  const c = tenantCount(extraEnv.NEXUDUS_SANDBOX_LOG ?? log);
  return { seconds, exit: r.status, checks: stats.expected + stats.unexpected, failed: stats.unexpected, tokens: c.tokens, requests: c.reads + c.writes + c.tokens };
}

async function redRun(): Promise<NonNullable<Figures['redRun']>> {
  // denied-403 answers every denial with 403 where 401 is documented. Both runs go to a sandbox process with
  // long-lived tokens, as a tenant's (the embedded sandbox's 4 s tokens would make token requests follow the wall
  // time). --quick: the authorization checks of three personas, unpaced; otherwise the cover run as a live rehearsal,
  // paced to the documented limits
  const fault = 'denied-403';
  const o = quick ? { args: ['--grep', 'as (nobody|reader|taskowner)'], live: false } : { args: [], live: true };
  const green = await rehearsal(undefined, o);
  const red = await rehearsal(fault, o);
  const selection = quick ? `${o.args.join(' ')}, unpaced` : 'the cover run, paced to the documented limits (a live rehearsal)';
  return { fault, selection, green, red, timeRatio: round(red.seconds / green.seconds, 2), tokenRatio: round(red.tokens / green.tokens, 2) };
}

/** The suite against a sandbox process (with or without a fault) through a profile, as against a tenant. */
async function rehearsal(fault: string | undefined, o: { args: string[]; live: boolean }): Promise<RunCost> {
  const out = tmp('rehearsal');
  const log = join(out, 'tenant-log.jsonl');
  const { url, stop } = await sandboxProcess(['--token-lifetime', '3600', '--log', log, ...(fault ? ['--fault', fault] : [])]);
  try {
    const { $schema: _s, ...p } = JSON.parse(readFileSync(join(ROOT, 'sandbox', 'profile.json'), 'utf8')) as Record<string, unknown>;
    const profile = join(out, 'tenant.json');
    writeFileSync(profile, JSON.stringify({ ...p, name: 'rehearsal', baseUrl: url, allowWrites: true, tokenLifetimeSeconds: 3600 }));
    return costOf(o.args, undefined, {
      NEXUDUS_PROFILE: profile, NEXUDUS_BASELINES: join(out, 'baselines'), NEXUDUS_SANDBOX_LOG: log, ...(o.live ? { NEXUDUS_ASSUME_LIVE: '1' } : {}),
    });
  } finally {
    stop();
  }
}

const BEGIN = '<!-- bench:begin (npm run bench -- --record) -->';
const END = '<!-- bench:end -->';

function recordInBenchmarks(f: Figures): void {
  const path = join(ROOT, 'BENCHMARKS.md');
  const text = readFileSync(path, 'utf8');
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`BENCHMARKS.md lacks the ${BEGIN} … ${END} block`);
  const s = f.sandbox!, p = f.requestPath!, d = f.defaultRun!, c = f.coverRun!;
  const block = [
    BEGIN,
    `Measured ${f.machine.date} on ${f.machine.cpu}, ${f.machine.cores} cores, ${f.machine.memory}, ${f.machine.os}, Node ${f.machine.node}.`,
    '',
    '| figure | measured | goal |',
    '|---|---|---|',
    `| sandbox capacity (autocannon, ${s.connections} connections, GET one record) | ${s.rps} req/s, p50 ${s.p50ms} ms, p99 ${s.p99ms} ms | — |`,
    `| bare fetch loop vs the sandbox process (one connection) | ${s.bareLoopRps} req/s | — |`,
    `| bare fetch loop inside a Playwright worker | ${p.bareRps} req/s | — |`,
    `| the suite's request path, same endpoint, same run | ${p.suiteRps} req/s (overhead ${p.overhead}×) | ≤ 2× |`,
    `| property cases (GET, PUT a violation, GET), same run | ${p.casesPerSecond} cases/s = ${p.caseRps} req/s; a bare fetch loop of the same requests: ${p.bareCasesPerSecond} cases/s (overhead ${p.caseOverhead}×) | ≤ 2× |`,
    `| full default run, \`npm run conformance\`, start-up and reports included | ${d.seconds} s, ${d.checks} checks, ${d.requests} requests | < 30 s |`,
    `| requests per second over that run's wall time | ${d.requestsPerSecond} req/s | — |`,
    `| payload generation, share of check time | ${d.generationShare}% (${d.generationSeconds} s of ${d.checkSeconds} s)${d.generationShare >= 5 ? ': goal missed' : ''} | < 5% |`,
    `| property cases in the default run | ${d.propertyCases} (${d.propertyCasesPerSecond}/s of check time) | — |`,
    `| cover-mode run, one worker: planned → sent | ${c.planned.reads} + ${c.planned.writes} + ${c.planned.tokens} → ${c.sent.reads} reads + ${c.sent.writes} writes + ${c.sent.tokens} tokens, ${c.checks} checks | planned = sent (differences named) |`,
    `| writes of that run in the sandbox's own request log, setup and teardown included | ${c.tenant.writes} (${COVER_WRITES_BEFORE} before) | ≤ 100 |`,
    `| red run (${f.redRun!.fault}, ${f.redRun!.red.failed} failed) against green, ${f.redRun!.selection} | ${f.redRun!.timeRatio}× the time (${f.redRun!.red.seconds} s vs ${f.redRun!.green.seconds} s), ${f.redRun!.tokenRatio}× the token requests (${f.redRun!.red.tokens} vs ${f.redRun!.green.tokens}) | ≤ 2× |`,
    `| generator samples/s (min–max over endpoints, valid / broken) | ${range(f.generators!.map((g) => g.validPerSecond))} / ${range(f.generators!.map((g) => g.brokenPerSecond))} | — |`,
    ...f.scale!.map((x) => `| ${x.endpoints} endpoints under test (${x.entities} entities): default run; cover run's writes per endpoint in the sandbox's log | ${x.defaultSeconds} s, ${x.defaultChecks} checks; ${x.coverWrites} writes = ${x.coverWritesPerEndpoint} per endpoint | ≤ 20 writes per endpoint |`),
    END,
  ].join('\n');
  writeFileSync(path, text.slice(0, a) + block + text.slice(b + END.length));
}

const range = (xs: number[]) => `${Math.min(...xs).toLocaleString('en')}–${Math.max(...xs).toLocaleString('en')}`;

main().catch((err) => {
  console.error(`bench: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
