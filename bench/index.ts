/**
 * `npm run bench [-- --suite]`: performance figures, printed, never asserted (speed is measured, not timed).
 *  1. generators: samples per second per endpoint, cover plan size (bench/generators.ts);
 *  2. the run plan: checks, reads and writes per mode, and the duration a cover run needs at the
 *     documented live limits (60 writes/min, 120 requests/min, 1 per 100 ms);
 *  3. the client against the embedded sandbox: requests per second (reads, create+delete pairs);
 *  4. with --suite: wall time of a whole conformance run against the sandbox.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as generatorFigures } from './generators.ts';
import { buildPlan } from '../lib/plan.ts';
import { loadProfile, SANDBOX_PROFILE_PATH } from '../lib/profile.ts';
import { DOCUMENTED_LIMITS, expectedSeconds } from '../lib/limiter.ts';
import { ENTITIES } from '../lib/catalogue/entities.ts';
import { endpoint } from '../lib/catalogue/endpoints.ts';
import { startSandbox } from '../sandbox/index.ts';
import { makeContext } from '../lib/context.ts';
import { Api } from '../lib/client.ts';
import { sampleValid } from '../lib/bodies.ts';
import { markerOf, newRunId } from '../lib/marker.ts';
import type { Refs } from '../lib/catalogue/fields.ts';

const line = (s = '') => console.log(s);

async function main(): Promise<void> {
  line('## generators');
  const g = generatorFigures({ samples: 1000, reps: 3 });
  line(`${'endpoint'.padEnd(46)} ${'valid/s'.padStart(8)} ${'broken/s'.padStart(8)}`);
  for (const e of g.endpoints) line(`${e.endpoint.padEnd(46)} ${String(e.validPerSecond).padStart(8)} ${String(e.brokenPerSecond).padStart(8)}`);
  line(g.coverPlan.summary);

  line('\n## run plan (sandbox personas)');
  const profile = loadProfile(SANDBOX_PROFILE_PATH);
  for (const mode of ['cover', 'explore'] as const) {
    const p = buildPlan({ personas: profile.personas, mode, writesAllowed: true, expiryCheck: false, numRuns: 12, discoveryReads: 3 }, 1);
    const reads = p.totals.reads + p.setup.reads;
    const writes = p.totals.writes + p.setup.writes + p.teardownWrites;
    const secs = expectedSeconds(reads, writes, DOCUMENTED_LIMITS);
    line(`${mode.padEnd(8)} ${String(p.totals.checks).padStart(4)} checks · checks ${p.totals.reads} reads + ${p.totals.writes} writes · with setup/teardown ${reads} + ${writes} · at live limits ≥ ${Math.ceil(secs)} s (${(secs / 60).toFixed(1)} min)`);
    if (mode === 'cover') {
      const seedWrites = p.checks.filter((c) => c.endpoint?.seed).reduce((s, c) => s + c.cost.writes, 0);
      const documented = p.checks.filter((c) => c.kind !== 'silent points').reduce((s, c) => s + c.cost.writes, 0);
      line(`         writes on the five seed endpoints: ${seedWrites}; writes of documented-contract checks (silent probes excluded): ${documented}`);
    }
  }

  line('\n## client against the embedded sandbox (no Playwright)');
  const sb = await startSandbox({ port: 0 });
  try {
    const prof = loadProfile(SANDBOX_PROFILE_PATH, sb.url);
    const runId = newRunId();
    const ctx = makeContext({ baseUrl: sb.url, profile: prof, ledgerPath: join(mkdtempSync(join(tmpdir(), 'nxc-bench-')), 'ledger.jsonl'), runId });
    const admin = new Api(ctx, prof.admin, { kind: 'bearer' });
    const e = ENTITIES.find((x) => x.name === 'Workspace')!;
    await admin.list(e, { size: 1 });
    let t = performance.now();
    const N = 2000;
    for (let i = 0; i < N; i++) await admin.list(e, { page: 1, size: 5 });
    const readRate = N / ((performance.now() - t) / 1000);
    const refs = { businessId: 1400178699, administratorId: 1400287242, coworkerId: 1400287242 } as Refs;
    const ep = endpoint('Workspace', 'create');
    t = performance.now();
    const M = 500;
    for (let i = 0; i < M; i++) {
      const ex = await admin.create(e, sampleValid(ep, refs, { seed: i, marker: markerOf(runId) }));
      await admin.remove(e, (ex.json as { Value: { Id: number } }).Value.Id);
    }
    const pairRate = M / ((performance.now() - t) / 1000);
    line(`GET list: ${Math.round(readRate)} requests/s sequential · POST + DELETE: ${Math.round(pairRate)} pairs/s (${Math.round(pairRate * 2)} writes/s)`);
  } finally {
    await sb.close();
  }

  if (process.argv.includes('--suite')) {
    line('\n## whole conformance run against the sandbox');
    const out = mkdtempSync(join(tmpdir(), 'nxc-bench-run-'));
    const t = performance.now();
    const r = spawnSync(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', '--reporter=dot'], { env: { ...process.env, NEXUDUS_OUT: out }, encoding: 'utf8' });
    const secs = (performance.now() - t) / 1000;
    const m = /(\d+) passed/.exec(r.stdout);
    line(`exit ${r.status} · ${m ? m[1] : '?'} checks passed · ${secs.toFixed(1)} s wall`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
