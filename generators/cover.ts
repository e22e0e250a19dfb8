/**
 * Cover mode: a deterministic plan that exercises every (endpoint, rule) pair once and every required
 * field of every create/update endpoint at least once across the required-* rules, in the fewest writes.
 * A live tenant allows 60 writes a minute and 5,000 a day (nexudus-api.md §5); every planned case is one
 * write, so the plan is exactly one case per applicable (endpoint, rule) pair, which is the minimum.
 * Each case records its seed: `materialize(p, refs, opts)` rebuilds it, e.g. with the real PUT Id.
 */
import fc from 'fast-check';
import type { Endpoint } from '../api/catalogue/endpoints.ts';
import { ENDPOINTS } from '../api/catalogue/endpoints.ts';
import type { EntityName } from '../api/catalogue/entities.ts';
import type { Refs } from '../api/catalogue/fields.ts';
import { isWrite } from './model.ts';
import { brokenBody, candidates, rulesFor, RULES, type BrokenCase, type Rule } from './broken.ts';
import type { BodyOptions } from './valid.ts';

export interface PlannedCase {
  endpoint: string;
  rule: Rule;
  /** the fields this case breaks (fixed by the plan, not drawn) */
  fields: string[];
  /** fast-check seed of this case: `fc.sample(brokenBody(ep, refs, rule, { fields, … }), { seed, numRuns: 1 })` */
  seed: number;
  case: BrokenCase;
}

export interface CoverOptions {
  /** plan seed; every case seed derives from it, the endpoint and the rule (default DEFAULT_COVER_SEED) */
  seed?: number;
  marker?: string;
  /** PUT targets per entity; PLACEHOLDER_PUT_ID otherwise (rebuild with `materialize` once the record exists) */
  ids?: Partial<Record<EntityName, number>>;
}

export const DEFAULT_COVER_SEED = 5;
export const PLACEHOLDER_PUT_ID = 1;

/** The asserted required-field rules (whitespace-only text is a silent probe): together they break every required field. */
const REQUIRED_RULES: readonly Rule[] = ['required-empty', 'required-missing', 'required-null', 'required-several'];

/** FNV-1a over a string, as a signed 32-bit seed. */
export function caseSeed(planSeed: number, endpoint: string, rule: Rule): number {
  let h = 0x811c9dc5;
  for (const ch of `${planSeed}|${endpoint}|${rule}`) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193);
  return h | 0;
}

/** Which required fields each required-* rule breaks on `ep`, so that together they hit every one. */
export function requiredAssignment(ep: Endpoint): Partial<Record<Rule, string[]>> {
  const rules = new Set(rulesFor(ep));
  const required = candidates(ep, 'required-missing');
  // PUT walks the list backwards, so POST and PUT break different fields in each way
  const order = ep.op === 'update' ? [...required].reverse() : required;
  const uncovered = new Set(order);
  const out: Partial<Record<Rule, string[]>> = {};
  const take = (pool: string[]): string => {
    const f = pool.find((x) => uncovered.has(x)) ?? pool[0];
    uncovered.delete(f);
    return f;
  };
  for (const r of REQUIRED_RULES) {
    if (!rules.has(r)) continue;
    if (r === 'required-several') {
      const several = order.filter((x) => uncovered.has(x));
      for (const x of order) if (several.length < 2 && !several.includes(x)) several.push(x);
      out[r] = order.filter((x) => several.includes(x));
      several.forEach((x) => uncovered.delete(x));
    } else {
      out[r] = [take(r === 'required-empty' ? candidates(ep, r) : order)];
    }
  }
  return out;
}

const sampleOne = (arb: fc.Arbitrary<BrokenCase>, seed: number): BrokenCase => fc.sample(arb, { seed, numRuns: 1 })[0];

/** The plan: one case per applicable (endpoint, rule) pair, in catalogue then rule order. */
export function coverPlan(eps: readonly Endpoint[], refs: Refs, opts: CoverOptions = {}): PlannedCase[] {
  const planSeed = opts.seed ?? DEFAULT_COVER_SEED;
  const plan: PlannedCase[] = [];
  for (const ep of eps.filter(isWrite)) {
    const assigned = requiredAssignment(ep);
    const id = ep.op === 'update' ? opts.ids?.[ep.entity.name] ?? PLACEHOLDER_PUT_ID : undefined;
    for (const rule of rulesFor(ep)) {
      const seed = caseSeed(planSeed, ep.id, rule);
      const c = sampleOne(brokenBody(ep, refs, rule, { id, marker: opts.marker, fields: assigned[rule] }), seed);
      plan.push({ endpoint: ep.id, rule, fields: c.fields, seed, case: c });
    }
  }
  return plan;
}

/** Rebuilds a planned case from its seed, e.g. with the Id of the record a PUT case should target. */
export function materialize(p: PlannedCase, refs: Refs, opts: BodyOptions = {}): BrokenCase {
  const ep = ENDPOINTS.find((x) => x.id === p.endpoint);
  if (!ep) throw new Error(`unknown endpoint ${p.endpoint}`);
  const fields = REQUIRED_RULES.includes(p.rule) ? p.fields : undefined;
  return sampleOne(brokenBody(ep, refs, p.rule, { ...opts, fields }), p.seed);
}

/** Writes the plan sends: one per case. */
export function planSize(plan: readonly PlannedCase[]): number {
  return plan.length;
}

/** Records a PUT-bearing plan needs beforehand: one per entity with a PUT case (created by the caller). */
export function planSetupWrites(plan: readonly PlannedCase[]): number {
  return new Set(plan.filter((p) => p.endpoint.startsWith('PUT ')).map((p) => p.endpoint)).size;
}

/** (endpoint, rule) pairs and required fields a plan exercises, for checks and the summary. */
export function planCoverage(plan: readonly PlannedCase[]): { pairs: Set<string>; requiredFields: Map<string, Set<string>> } {
  const pairs = new Set(plan.map((p) => `${p.endpoint} ${p.rule}`));
  const requiredFields = new Map<string, Set<string>>();
  for (const p of plan) {
    if (!REQUIRED_RULES.includes(p.rule)) continue;
    const s = requiredFields.get(p.endpoint) ?? new Set<string>();
    p.fields.forEach((f) => s.add(f));
    requiredFields.set(p.endpoint, s);
  }
  return { pairs, requiredFields };
}

/** One line, e.g. `cover plan: 92 writes (+4 setup) · 8 endpoints · 15 rules · 36/36 required fields · POST coworkerinventoryassets 10 …` */
export function planSummary(plan: readonly PlannedCase[]): string {
  const per = new Map<string, number>();
  for (const p of plan) per.set(p.endpoint, (per.get(p.endpoint) ?? 0) + 1);
  const eps = [...per.keys()].map((id) => ENDPOINTS.find((x) => x.id === id)!);
  const want = eps.reduce((n, ep) => n + candidates(ep, 'required-missing').length, 0);
  const got = [...planCoverage(plan).requiredFields.values()].reduce((n, s) => n + s.size, 0);
  const rules = RULES.filter((r) => plan.some((p) => p.rule === r)).length;
  const list = [...per].map(([id, n]) => `${id.split(' ')[0]} ${id.split('/').pop()} ${n}`).join(', ');
  return `cover plan: ${planSize(plan)} writes (+${planSetupWrites(plan)} setup) · ${per.size} endpoints · ${rules} rules · ${got}/${want} required fields · ${list}`;
}
