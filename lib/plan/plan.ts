/**
 * The run plan: every check the suite will make, with what it costs in requests. Specs loop over
 * it (so the plan and the tests cannot drift apart), global setup prints its totals before anything
 * is sent, and the write budget trims it in priority order (request budget).
 *
 * Costs count the requests a check makes on a conformant tenant. Cleanup of records a non-conformant
 * tenant created, token requests and throttle retries are counted apart.
 */
import { ENDPOINTS, SEED_ENDPOINTS, endpoint, type Endpoint } from '../../api/catalogue/endpoints.ts';
import { ENTITIES } from '../../api/catalogue/entities.ts';
import { allows } from '../config/profile.ts';
import type { Mode } from '../config/env.ts';
import { coverCases } from '../payloads/cover.ts';
import type { ClauseId } from '../../api/contract/clauses.ts';
import { fitPlan, needsOf } from './fit.ts';
import { EXPIRED_TOKEN, type Check, type Cost, type Kind, type Plan, type PlanInput } from './vocabulary.ts';

export { EXPIRED_TOKEN, type Check, type Cost, type Kind, type Needs, type Plan, type PlanInput, type SetupMake } from './vocabulary.ts';

const VERB_LABEL: Record<Endpoint['op'], string> = {
  list: 'GET list', get: 'GET one', batch: 'GET batch', create: 'POST', update: 'PUT', delete: 'DELETE', runcommand: 'POST runcommand',
};
const verbOf = (ep: Endpoint) => (ep.op === 'runcommand' && ep.entity.deleteVia.kind === 'runcommand' ? `${VERB_LABEL.runcommand} ${ep.entity.deleteVia.key}` : VERB_LABEL[ep.op]);
const writeEndpoints = (mode: Mode) => (mode === 'cover' ? SEED_ENDPOINTS : ENDPOINTS.filter((e) => e.op === 'create' || e.op === 'update'));
/** verification reads after a rejected write: POST → list by marker; PUT → GET before and after */
const verifyReads = (ep: Endpoint) => (ep.method === 'PUT' ? 2 : 1);

export function buildPlan(input: PlanInput, workers: number): Plan {
  const checks: Check[] = [];
  const { mode } = input;

  // -- reads: envelope and record shapes (nexudus-api.md §1.2, §3.2)
  for (const e of ENTITIES) {
    const list = endpoint(e, 'list');
    checks.push(c('reads', `${e.name} GET list → list envelope, records match the record schema`, list, ['@contract', '@smoke'], { reads: 1, writes: 0 }, 0));
    // the run's own records on a writable target; on a read-only one, records global setup listed
    const readCost = { reads: 1, writes: 0 };
    checks.push(c('reads', `${e.name} GET one → bare record`, endpoint(e, 'get'), ['@contract'], readCost, 0));
    checks.push(c('reads', `${e.name} GET batch ?id=[…] → array of records`, endpoint(e, 'batch'), ['@contract'], readCost, 0));
    if (e.deleteVia.kind === 'delete') {
      checks.push(c('reads', `${e.name} GET one of a deleted Id → 404`, endpoint(e, 'get'), ['@contract', '@negative'], { reads: 1, writes: 0 }, 0, true));
    } else {
      // a coworker deleted by runcommand may come back inactive, or answer 401/404 (nexudus-api.md §9): silent
      checks.push(c('silent points', `${e.name} GET one of a coworker deleted by ${e.deleteVia.key} → recorded against the baseline`, endpoint(e, 'get'), ['@characterize'], { reads: 1, writes: 0 }, 6, true));
    }
  }

  // -- token endpoint (nexudus-api.md §4)
  const tok = (title: string) => c('token', title, undefined, ['@contract', '@authz'], { reads: 0, writes: 0, tokens: 1 }, 0);
  checks.push(tok('POST /api/token password grant → token response'));
  checks.push(tok('POST /api/token wrong password → 400 invalid_grant'));
  checks.push(tok('POST /api/token unsupported grant_type → 400 unsupported_grant_type'));
  checks.push(tok('POST /api/token JSON body → 400 unsupported_grant_type'));
  checks.push({ ...tok('POST /api/token refresh_token grant → new token that works'), cost: { reads: 1, writes: 0, tokens: 2 } });

  // -- round trips: valid payloads accepted, read back, PUT replaces
  for (const ep of writeEndpoints(mode)) {
    const n = mode === 'explore' ? input.numRuns : 1;
    const cost = { reads: n, writes: 2 * n }; // POST + delete, or rich PUT + thin PUT; then one GET
    const title = ep.op === 'create'
      ? `${ep.entity.name} POST valid payload${n > 1 ? `s (${n} generated)` : ''} → created, read back equal`
      : `${ep.entity.name} PUT valid payload${n > 1 ? `s (${n} generated)` : ''} → updated, read back equal, omitted fields cleared`;
    checks.push({ ...c('round trip', title, ep, ['@contract', '@roundtrip', ...(ep.seed ? ['@smoke'] : [])], cost, 1, true), numRuns: n });
  }

  // -- broken payloads: deterministic cover cases in both modes, plus a property in explore mode
  for (const cc of coverCases(writeEndpoints(mode))) {
    const ep = ENDPOINTS.find((x) => x.id === cc.endpoint)!;
    const kind: Kind = cc.expect.kind === 'required' ? 'required fields' : 'silent points';
    const tags = kind === 'silent points' ? ['@characterize'] : ['@contract', '@negative'];
    const prio = kind === 'required fields' ? 2 : 6;
    // a silent probe on PUT unknown Id needs its own tombstone; every check verifies afterwards
    const cost: Cost = { reads: verifyReads(ep), writes: 1 };
    checks.push({ ...c(kind, `${ep.entity.name} ${ep.method} ${cc.title}`, ep, tags, cost, prio, true), cover: cc });
  }
  if (mode === 'explore') {
    for (const ep of writeEndpoints(mode)) {
      const n = input.numRuns;
      checks.push({
        ...c('required fields', `${ep.entity.name} ${ep.method} any documented violation (${n} generated) → 4xx naming the fields, nothing changed`, ep,
          ['@contract', '@negative'], { reads: n * verifyReads(ep), writes: n }, 5, true),
        numRuns: n,
      });
    }
  }

  // -- authorization: persona × endpoint, outcome derived from fullAdmin/roles (nexudus-api.md §1, §4)
  for (const p of input.personas) {
    for (const ep of ENDPOINTS) {
      if (mode === 'cover' && ep.write && !ep.seed && ep.op !== 'runcommand') continue;
      const ok = allows(p, ep.role);
      const title = `${ep.entity.name} ${verbOf(ep)} as ${p.name} (${ok ? 'holds' : 'lacks'} ${p.fullAdmin ? 'full admin' : ep.role}) → ${ok ? 'allowed' : 'denied'}`;
      let cost: Cost;
      if (!ep.write) cost = { reads: 1, writes: 0 };
      else if (ep.op === 'create') cost = ok ? { reads: 0, writes: 2 } : { reads: 1, writes: 1 };
      else if (ep.op === 'update') cost = ok ? { reads: 0, writes: 1 } : { reads: 2, writes: 1 };
      // delete: allowed deletes a record made for it, then a plain DELETE's record is read back (404); a coworker
      // deleted through runcommand is not (its soft delete is silent)
      else cost = ok ? { reads: ep.op === 'delete' ? 1 : 0, writes: 2 } : { reads: 1, writes: 1 };
      checks.push({ ...c('authorization', title, ep, ['@authz'], cost, 3, ep.write), persona: p.name, allowed: ok });
    }
  }
  const coworkers = ENTITIES.find((e) => e.deleteVia.kind === 'runcommand');
  if (coworkers) {
    checks.push(c('authorization', `${coworkers.name} plain DELETE as ${input.personas.find((p) => p.fullAdmin)!.name} → refused (deleted through runcommand only)`,
      endpoint(coworkers, 'runcommand'), ['@authz', '@contract'], { reads: 1, writes: 1 }, 3, true));
  }

  // -- authentication variants on each seed endpoint (cover mode rotates them so each appears once)
  const variants = ['no credentials', 'garbage bearer token', 'Basic with a wrong password', 'Basic with the right password', ...(input.expiryCheck ? [EXPIRED_TOKEN] : [])];
  SEED_ENDPOINTS.forEach((ep, i) => {
    const vs = mode === 'cover' ? variants.filter((_, k) => k % SEED_ENDPOINTS.length === i || (variants.length < SEED_ENDPOINTS.length && k === i % variants.length)) : variants;
    for (const v of vs) {
      const ok = v === 'Basic with the right password';
      const cost: Cost = ok ? (ep.op === 'create' ? { reads: 0, writes: 2 } : { reads: 0, writes: 1 }) : { reads: verifyReads(ep), writes: 1 };
      checks.push({ ...c('authentication', `${ep.entity.name} ${ep.method} with ${v} → ${ok ? 'allowed' : '401'}`, ep, ['@authz'], cost, 3, true), variant: v });
    }
  });

  // reads need credentials too: GET list without any, per entity
  for (const e of ENTITIES) {
    checks.push({ ...c('authentication', `${e.name} GET list with no credentials → 401`, endpoint(e, 'list'), ['@authz'], { reads: 1, writes: 0 }, 3), variant: 'no credentials' });
  }

  for (const ch of checks) {
    ch.clauses = clausesOf(ch);
    ch.needs = needsOf(ch);
  }
  return fitPlan(checks, input, workers);
}

/** `needsWrites`: the check needs records the run creates, so it cannot run on a read-only target */
function c(kind: Kind, title: string, ep: Endpoint | undefined, tags: string[], cost: Cost, priority: number, needsWrites = false): Check {
  return { title, kind, endpoint: ep, tags, cost, priority, writes: cost.writes > 0 || needsWrites, selected: true, clauses: [], needs: { prereqs: false } };
}

const SUCCESS: ClauseId[] = ['success.status', 'success.envelope', 'success.message'];
const SILENT_OF_RULE: Partial<Record<string, ClauseId>> = { 'optional-wrong-type': 'silent.wrong-type' };

/** The clauses a check asserts (or, for silent points, records): what docs/contract.md lists beside it. */
export function clausesOf(ch: Check): ClauseId[] {
  const op = ch.endpoint?.op;
  const read = (o?: Endpoint['op']): ClauseId[] => (o === 'list' ? ['read.list'] : o === 'batch' ? ['read.batch'] : ['read.record']);
  const own = ((): ClauseId[] => {
    switch (ch.kind) {
      case 'reads':
        return ch.title.includes('deleted') ? ['read.deleted-404'] : [...read(op), ...(op === 'batch' ? [] : ['silent.record-fields' as const])];
      case 'silent points':
        if (!ch.cover) return ['silent.coworker-get-deleted'];
        return [SILENT_OF_RULE[ch.cover.rule] ?? (`silent.${ch.cover.rule}` as ClauseId)];
      case 'token':
        return ch.title.includes('password grant') ? ['token.grant'] : ch.title.includes('refresh') ? ['token.grant', 'token.refresh'] : ['token.errors'];
      case 'round trip':
        return [...SUCCESS, 'read.record', 'write.read-back', ...(op === 'update' ? ['write.full-replace' as const] : []), 'silent.record-fields', 'silent.success-extras'];
      case 'required fields':
        return ['required.status', 'failure.envelope', 'required.errors', 'required.message', 'failure.summary', 'failure.no-effect'];
      case 'authentication':
        return ch.variant === 'Basic with the right password' ? ['authn.basic', ...SUCCESS] : ['authn.required'];
      case 'authorization':
        if (!ch.persona) return ['coworker.no-plain-delete'];
        if (!ch.allowed) return ['authz.denied'];
        if (op === 'create' || op === 'update') return ['authz.allowed', ...SUCCESS];
        if (op === 'delete' || op === 'runcommand') return ['authz.allowed', ...SUCCESS, 'delete.removes'];
        return ['authz.allowed', ...read(op)];
    }
  })();
  return ch.kind === 'silent points' ? own : [...own, 'answers.documented'];
}
