/**
 * One valid body at a time, for setup records and table checks: the generators' arbitrary sampled
 * with a recorded seed, so the same seed gives the same body. `rich` fills every optional field that
 * valid payloads may carry, so a later PUT that omits them can show the full-replace rule.
 */
import fc from 'fast-check';
import type { Endpoint } from '../../api/catalogue/endpoints.ts';
import type { Refs } from '../../api/catalogue/fields.ts';
import { validBody, fieldValue, type Body } from '../../generators/valid.ts';
import { sendable, ORDERED_DATES } from '../../generators/model.ts';
import { isoAfter } from '../../generators/values.ts';
import { timed } from './gen-clock.ts';

export interface SampleOptions {
  id?: number;
  marker?: string;
  seed: number;
  rich?: boolean;
}

// Building an arbitrary costs more than drawing from it (a Coworker has about 70 fields), and a run draws
// hundreds of bodies for the same endpoint, refs, target and marker: one arbitrary per combination.
const arbitraries = new Map<string, fc.Arbitrary<unknown>>();

function cached<T>(key: string, build: () => fc.Arbitrary<T>): fc.Arbitrary<T> {
  let arb = arbitraries.get(key) as fc.Arbitrary<T> | undefined;
  if (!arb) arbitraries.set(key, (arb = build()));
  return arb;
}

const validArbitrary = (ep: Endpoint, refs: Refs, id: number | undefined, marker: string | undefined) =>
  cached(`body|${ep.id}|${id}|${marker}|${JSON.stringify(refs)}`, () => validBody(ep, refs, { id, marker }));

const fieldArbitrary = (ep: Endpoint, f: ReturnType<typeof sendable>[number], refs: Refs) =>
  cached(`field|${ep.id}|${f.name}|${JSON.stringify(refs)}`, () => fieldValue(ep, f, refs));

export function sampleValid(ep: Endpoint, refs: Refs, o: SampleOptions): Body {
  return timed(() => {
    const body = fc.sample(validArbitrary(ep, refs, o.id, o.marker), { seed: o.seed, numRuns: 1 })[0];
    return o.rich ? enrichUntimed(ep, refs, body, o.seed) : body;
  });
}

/** Every sendable optional field present and non-empty. */
export function enrich(ep: Endpoint, refs: Refs, body: Body, seed: number): Body {
  return timed(() => enrichUntimed(ep, refs, body, seed));
}

function enrichUntimed(ep: Endpoint, refs: Refs, body: Body, seed: number): Body {
  const out: Body = { ...body };
  let i = 0;
  for (const f of sendable(ep)) {
    if (out[f.name] !== undefined && out[f.name] !== null && !(Array.isArray(out[f.name]) && (out[f.name] as unknown[]).length === 0)) continue;
    const pair = ORDERED_DATES.find((p) => p.to === f.name);
    if (pair && typeof out[pair.from] === 'string') {
      out[f.name] = isoAfter(out[pair.from] as string, 86_400);
      continue;
    }
    let v: unknown;
    if (f.kind === 'boolean') v = true; // false is what a full replace clears to
    else if (f.kind === 'idList') v = fc.sample(fieldArbitrary(ep, f, refs), { seed: seed + ++i, numRuns: 20 }).find((x) => Array.isArray(x) && x.length) ?? [];
    else v = fc.sample(fieldArbitrary(ep, f, refs), { seed: seed + ++i, numRuns: 1 })[0];
    if (f.kind === 'enum' || f.kind === 'integer' || f.kind === 'number') if (v === 0) v = f.enumValues?.find((x) => x !== 0) ?? 1;
    out[f.name] = v;
  }
  return out;
}
