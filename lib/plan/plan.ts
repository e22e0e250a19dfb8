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
/** An endpoint read from its own page (an entity the catalogue read from its pages): under test in both modes. */
const ofPage = (ep: Endpoint) => !!ep.entity.pages && ep.documented && (ep.op === 'create' || ep.op === 'update');
/** The write endpoints cover mode tests: the seeds, and every POST and PUT with a page of its own. */
export const coveredWrite = (ep: Endpoint): boolean => ep.seed || ofPage(ep);
/** Write endpoints under test: cover mode takes the seed endpoints and those read from pages; explore mode every documented one. */
const writeEndpoints = (mode: Mode, covered: (ep: Endpoint) => boolean) =>
  (mode === 'cover' ? ENDPOINTS.filter(coveredWrite) : ENDPOINTS.filter((e) => (e.op === 'create' || e.op === 'update') && e.documented)).filter(covered);
/**
 * Generated cases per property: the declared entities take the run's number; an entity read from its page a few,
 * so that covering every shipped page keeps the default run within minutes (cover mode runs every rule once anyway).
 */
export const PAGE_CASES = 3;
const casesOf = (ep: Endpoint, numRuns: number) => (ep.entity.pages ? Math.min(numRuns, PAGE_CASES) : numRuns);
/** verification reads after a rejected write: POST → list by marker; PUT → GET before and after */
const verifyReads = (ep: Endpoint) => (ep.method === 'PUT' ? 2 : 1);

export function buildPlan(input: PlanInput, workers: number): Plan {
  const checks: Check[] = [];
  const { mode } = input;
  const covered = (ep: Endpoint) => !input.entities || input.entities.has(ep.entity.name);
  const entities = ENTITIES.filter((e) => !input.entities || input.entities.has(e.name));

  // -- reads: envelope and record shapes (nexudus-api.md §1.2, §3.2)
  for (const e of entities) {
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
  for (const ep of writeEndpoints(mode, covered)) {
    const n = mode === 'explore' ? casesOf(ep, input.numRuns) : 1;
    const cost = { reads: n, writes: 2 * n }; // POST + delete, or rich PUT + thin PUT; then one GET
    const title = ep.op === 'create'
      ? `${ep.entity.name} POST valid payload${n > 1 ? `s (${n} generated)` : ''} → created, read back equal`
      : `${ep.entity.name} PUT valid payload${n > 1 ? `s (${n} generated)` : ''} → updated, read back equal, omitted fields cleared`;
    checks.push({ ...c('round trip', title, ep, ['@contract', '@roundtrip', ...(ep.seed ? ['@smoke'] : [])], cost, 1, true), numRuns: n });
  }

  // -- broken payloads: deterministic cover cases in both modes, plus a property in explore mode
  for (const cc of coverCases(writeEndpoints(mode, covered))) {
    const ep = ENDPOINTS.find((x) => x.id === cc.endpoint)!;
    const kind: Kind = cc.expect.kind === 'required' ? 'required fields' : 'silent points';
    const tags = kind === 'silent points' ? ['@characterize'] : ['@contract', '@negative'];
    const prio = kind === 'required fields' ? 2 : 6;
    // a silent probe on PUT unknown Id needs its own tombstone; every check verifies afterwards
    const cost: Cost = { reads: verifyReads(ep), writes: 1 };
    const ch: Check = { ...c(kind, `${ep.entity.name} ${ep.method} ${cc.title}`, ep, tags, cost, prio, true), cover: cc };
    // a POST whose every marker field is the one left out carries no marker: whether it created a record cannot be seen
    const markers = ep.entity.markerFields;
    if (ep.method === 'POST' && markers.length && markers.every((m) => cc.fields.includes(m))) {
      ch.skip = `it leaves out ${markers.join(' and ')}, every field of ${ep.entity.name} that can carry the run marker: whether a record was created could not be seen`;
    }
    checks.push(ch);
  }
  if (mode === 'explore') {
    for (const ep of writeEndpoints(mode, covered)) {
      const n = casesOf(ep, input.numRuns);
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
      if (!covered(ep) || !ep.documented) continue;
      if (mode === 'cover' && ep.write && !ep.seed && !ofPage(ep) && ep.op !== 'runcommand') continue;
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
  const coworkers = entities.find((e) => e.deleteVia.kind === 'runcommand');
  if (coworkers) {
    checks.push(c('authorization', `${coworkers.name} plain DELETE as ${input.personas.find((p) => p.fullAdmin)!.name} → refused (deleted through runcommand only)`,
      endpoint(coworkers, 'runcommand'), ['@authz', '@contract'], { reads: 1, writes: 1 }, 3, true));
  }

  // -- authentication variants on each seed endpoint (cover mode rotates them so each appears once). The expired-token
  // variant is always declared: a tenant whose tokens live too long to wait out skips it with the reason (fit.ts)
  const variants = ['no credentials', 'garbage bearer token', 'Basic with a wrong password', 'Basic with the right password', EXPIRED_TOKEN];
  SEED_ENDPOINTS.filter(covered).forEach((ep, i) => {
    const vs = mode === 'cover' ? variants.filter((_, k) => k % SEED_ENDPOINTS.length === i || (variants.length < SEED_ENDPOINTS.length && k === i % variants.length)) : variants;
    for (const v of vs) {
      const ok = v === 'Basic with the right password';
      const cost: Cost = ok ? (ep.op === 'create' ? { reads: 0, writes: 2 } : { reads: 0, writes: 1 }) : { reads: verifyReads(ep), writes: 1 };
      checks.push({ ...c('authentication', `${ep.entity.name} ${ep.method} with ${v} → ${ok ? 'allowed' : '401'}`, ep, ['@authz'], cost, 3, true), variant: v });
    }
  });

  // reads need credentials too: GET list without any, per entity
  for (const e of entities) {
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

const SUCCESS: ClauseId[] = ['success.status', 'success.envelope', 'success.body-status', 'success.message'];
/** clauses checked on a documented JSON answer's body (lib/checks/checks.ts expectSchema), which checks its media type too */
const JSON_BODY = new Set<ClauseId>(['success.envelope', 'failure.envelope', 'read.list', 'read.record', 'read.batch', 'token.grant', 'token.errors', 'delete.removes']);
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
  if (ch.kind === 'silent points') return own;
  return [...own, ...(own.some((id) => JSON_BODY.has(id)) ? ['answers.content-type' as const] : []), 'answers.documented'];
}
