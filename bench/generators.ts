/**
 * Generator throughput: samples per second per create/update endpoint, valid and broken (any rule), and
 * the cover plan's size. `npx tsx bench/generators.ts`; `run()` returns the figures for bench/index.ts.
 */
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { ENDPOINTS } from '../api/catalogue/endpoints.ts';
import type { Refs } from '../api/catalogue/fields.ts';
import { validBody, anyBroken, coverPlan, planSize, planSetupWrites, planSummary, isWrite } from '../generators/index.ts';

const KNOWN: Refs = { businessId: 11, inventoryAssetId: 12, responsibleId: 13, countryId: 1220, simpleTimeZoneId: 2023, coworkerId: 15, administratorId: 16 };
/** the fixtures of entities read from pages (resourceId…) get a fixed Id each too */
const REFS: Refs = new Proxy(KNOWN, { get: (t, k) => (typeof k === 'string' ? t[k] ?? 100 + k.length : undefined) });

export interface GeneratorFigures {
  endpoints: { endpoint: string; validPerSecond: number; brokenPerSecond: number }[];
  coverPlan: { writes: number; setupWrites: number; millis: number; summary: string };
}

/** Samples per second of `arb`, best of `reps` batches of `n` (after a warm-up batch). */
function rate(arb: fc.Arbitrary<unknown>, n: number, reps: number): number {
  fc.sample(arb, { numRuns: Math.min(n, 200), seed: 0 });
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const t = process.hrtime.bigint();
    fc.sample(arb, { numRuns: n, seed: r + 1 });
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e9);
  }
  return Math.round(n / best);
}

export function run(opts: { samples?: number; reps?: number } = {}): GeneratorFigures {
  const n = opts.samples ?? 2000;
  const reps = opts.reps ?? 3;
  // the endpoints under test: the declared entities' writes and those with a page of their own
  const endpoints = ENDPOINTS.filter((ep) => isWrite(ep) && ep.documented).map((ep) => {
    const o = ep.op === 'update' ? { id: 1, marker: 'nxc-bench' } : { marker: 'nxc-bench' };
    return { endpoint: ep.id, validPerSecond: rate(validBody(ep, REFS, o), n, reps), brokenPerSecond: rate(anyBroken(ep, REFS, o), n, reps) };
  });
  const t = process.hrtime.bigint();
  const plan = coverPlan(ENDPOINTS.filter((ep) => ep.documented), REFS, { marker: 'nxc-bench' });
  const millis = Math.round(Number(process.hrtime.bigint() - t) / 1e6);
  return { endpoints, coverPlan: { writes: planSize(plan), setupWrites: planSetupWrites(plan), millis, summary: planSummary(plan) } };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const f = run();
  console.log('endpoint'.padEnd(48), 'valid/s'.padStart(9), 'broken/s'.padStart(9));
  for (const e of f.endpoints) console.log(e.endpoint.padEnd(48), String(e.validPerSecond).padStart(9), String(e.brokenPerSecond).padStart(9));
  console.log(`${f.coverPlan.summary} (built in ${f.coverPlan.millis} ms)`);
}
