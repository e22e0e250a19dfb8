/**
 * Sends one broken payload and looks at what it did: for POST, whether a record with the body's
 * marker value now exists (exact-match filter, nexudus-api.md §9); for PUT, whether the target
 * record changed (GET before and after). A record a non-conformant tenant created is ledgered by the
 * client and handed to the test's cleanup.
 */
import type { Api, Exchange } from '../client/client.ts';
import { markerValue, withUniqueMarker } from '../client/client.ts';
import type { Endpoint } from '../../api/catalogue/endpoints.ts';
import type { Cleanup } from './fixtures.ts';
import { expectDenied, expectRequiredFieldErrors, mustBe } from './checks.ts';
import type { BrokenCase } from '../../generators/broken.ts';
import { InconclusiveError } from '../config/errors.ts';

export interface BrokenOutcome {
  ex: Exchange;
  /** undefined: nothing created or changed; else what happened */
  effect?: string;
  /** PUT: the keys of the target record that changed */
  changed?: string[];
  /** why the effect could not be seen (the record after the write did not answer): no verdict on the effect */
  unseen?: string;
}

/** The effect of an outcome, or InconclusiveError when it could not be seen (after the answer's own checks). */
export function effectOf(o: BrokenOutcome): string | undefined {
  if (o.unseen) throw new InconclusiveError(o.unseen);
  return o.effect;
}

const stable = (r: unknown) => {
  if (!r || typeof r !== 'object') return JSON.stringify(r);
  const { ToStringText: _t, LocalizationDetails: _l, ...rest } = r as Record<string, unknown>;
  return JSON.stringify(rest);
};

export async function sendBroken(admin: Api, sender: Api, ep: Endpoint, body: Record<string, unknown>, cleanup: Cleanup, targetId?: number): Promise<BrokenOutcome> {
  const e = ep.entity;
  if (ep.op === 'update') {
    const before = await readBefore(admin, ep, targetId!);
    const ex = await sender.update(e, body);
    const after = await readAfter(admin, ep, targetId!);
    if (typeof after === 'string' && after !== 'gone') return { ex, unseen: after };
    if (after === 'gone') return { ex, effect: `record ${targetId} is gone after the write`, changed: ['(the whole record)'] };
    if (stable(before.json) === stable(after.json)) return { ex };
    const changed = diffKeys(before.json, after.json);
    return { ex, effect: `record ${targetId} changed: ${changed.join(', ')}`, changed };
  }
  const sent = withUniqueMarker(e, body);
  const ex = await sender.create(e, sent);
  const id = (ex.json as { Value?: { Id?: number } } | undefined)?.Value?.Id;
  if (typeof id === 'number' && ex.status < 300) cleanup.add(e, id);
  const m = markerValue(e, sent);
  if (!m) throw new Error(`${ep.id}: the broken body carries no marker field, so its effect cannot be checked`);
  let found: number | undefined;
  try {
    found = await admin.findByExactValue(e, m.field, m.value);
  } catch (err) {
    // the answer's own checks still run; only the effect has no verdict
    if (err instanceof InconclusiveError) return { ex, unseen: err.message.replace(/^inconclusive: /, '') };
    throw err;
  }
  if (found !== undefined && found !== id) cleanup.add(e, found);
  return { ex, effect: found !== undefined ? `a ${e.name} (${found}) was created` : undefined };
}

/**
 * The record a "no effect" comparison starts from: it must exist (200), or the comparison would hold for
 * two equal non-answers (two 404s) and the check would pass without having looked.
 */
export async function readBefore(admin: Api, ep: Endpoint, id: number): Promise<Exchange> {
  const ex = await admin.get(ep.entity, id);
  if (ex.status !== 200) throw new InconclusiveError(`GET ${ep.path}/${id} answered ${ex.status || 'nothing'} before the write (the run's own record, expected 200), so whether the write changed it cannot be seen.`);
  return ex;
}

/**
 * The record after the write: 200 to compare, 'gone' (404) when the write removed it (an effect), else why
 * it could not be seen (the caller checks the write's own answer first, then has no verdict on the effect).
 */
export async function readAfter(admin: Api, ep: Endpoint, id: number): Promise<Exchange | 'gone' | string> {
  const ex = await admin.get(ep.entity, id);
  if (ex.status === 404) return 'gone';
  if (ex.status !== 200) return `GET ${ep.path}/${id} answered ${ex.status || 'nothing'} after the write, so whether the write changed the record cannot be seen.`;
  return ex;
}

function diffKeys(a: unknown, b: unknown): string[] {
  const x = (a ?? {}) as Record<string, unknown>;
  const y = (b ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(x), ...Object.keys(y)])].filter((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k]));
}

/** Clause authn.required: a request without valid credentials answers 401 and creates or changes nothing. */
export async function expectUnauthenticatedRefused(o: { admin: Api; sender: Api; ep: Endpoint; body: () => Record<string, unknown>; cleanup: Cleanup; targetId?: number }): Promise<void> {
  if (o.ep.op === 'list') return expectDenied(await o.sender.list(o.ep.entity, { page: 1, size: 1 }), 401, 'authn.required');
  const outcome = await sendBroken(o.admin, o.sender, o.ep, o.body(), o.cleanup, o.targetId);
  expectDenied(outcome.ex, 401, 'authn.required');
  const effect = effectOf(outcome);
  mustBe('authn.required', effect, undefined, () => `an unauthenticated write must not create or change anything: ${effect}`, o.ep.id);
}

/** Clauses required.*, failure.*: a payload lacking required fields is rejected naming them, and changes nothing. */
export async function expectRejectedWithoutEffect(admin: Api, ep: Endpoint, bc: BrokenCase, cleanup: Cleanup, id?: number): Promise<void> {
  const outcome = await sendBroken(admin, admin, ep, bc.body, cleanup, id);
  if (bc.expect.kind !== 'required') throw new Error(`${bc.rule} is a silent probe: it is recorded, never asserted`);
  expectRequiredFieldErrors(outcome.ex, ep.entity, bc.expect.fields);
  const effect = effectOf(outcome);
  mustBe('failure.no-effect', effect, undefined, () => `a rejected request must not create or change anything (${bc.how}): ${effect}`, ep.id);
}
