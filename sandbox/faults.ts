/**
 * Sandbox faults: each one breaks one rule (a documented one, a silent point for drift faults, a read the suite relies on
 * for instrument faults), only when enabled, so a mutation run can
 * prove the suite goes red (one mutant per rule). The hooks sit at the point of the rule they break
 * (grep for the name). § numbers cite docs/sources/nexudus-api.md.
 *
 * Besides the named faults there is one parameterised family, `required-not-enforced:<Entity>.<POST|PUT>.<Field>`:
 * that one required field of that one endpoint is not enforced. Its members come from the catalogue.
 */
import { ENDPOINTS } from '../api/catalogue/endpoints.ts';
import type { ClauseId } from '../api/contract/clauses.ts';

export type FaultCategory =
  | 'required' | 'failure envelope' | 'success envelope' | 'authorization' | 'authentication' | 'state' | 'reads' | 'drift' | 'instrument';

export interface FaultInfo {
  /** `drift`: the fault moves only what the docs leave silent (a recorded silent point), no documented rule */
  category: FaultCategory;
  /** one sentence: the documented rule and how the fault breaks it (drift: the silent point it moves) */
  rule: string;
  /**
   * The clauses (api/contract/clauses.ts) the fault breaks: a mutation run counts it caught only when a failing
   * check names one of them. Several when breaking the rule necessarily shows in several (an accepted missing
   * required field is answered 200, required.status, and creates a record, failure.no-effect). Drift faults: the
   * recorded clauses of the silent points they move.
   */
  clauses: ClauseId[];
}

const f = (category: FaultCategory, rule: string, clauses: ClauseId[]): FaultInfo => ({ category, rule, clauses });

export const FAULTS = {
  // required: a request the docs say must be rejected is accepted
  'accept-missing-required': f('required', 'A missing or null required field is accepted and the record is created, instead of 400 "is a required field" (§6, seed pages\' required sets).', ['required.status', 'failure.no-effect']),
  'wrong-type-accepted': f('drift', 'A JSON value of the wrong type is coerced and stored (an unparseable date stored as null) where the clean sandbox refuses it with 400 naming the field: the docs leave wrong types silent (§6), so this moves recorded silent points only (a fault relative to a baseline of the clean sandbox).', ['silent.wrong-type', 'silent.bad-date', 'silent.id-list-not-list']),
  'bad-date-accepted': f('drift', 'An unparseable date is accepted and stored as null where the clean sandbox refuses it with 400 naming the field: the docs leave it silent (§6; the seed pages type dates as plain strings), so this moves a recorded silent point only (a fault relative to a baseline of the clean sandbox).', ['silent.bad-date']),

  // failure envelope (§1.1, §6)
  'required-message-wording': f('failure envelope', 'Errors[].Message says "may not be null" instead of "is a required field" (§6, current seed pages).', ['required.message']),
  'first-error-only': f('failure envelope', 'Only the first violated field gets an Errors item instead of one item per violated field (§1.1 Errors, §6).', ['required.errors']),
  'property-name-lowercase': f('failure envelope', 'Errors[].PropertyName is lower-cased, matching neither the field nor the navigation name (§6 FK PropertyName).', ['required.errors']),
  'top-message-format': f('failure envelope', 'The top-level Message lacks the "PropertyName: " prefix (§1.1, §6 "PropertyName: error message").', ['failure.summary']),
  'validation-status-422': f('failure envelope', 'Validation failures answer HTTP 422 instead of 400 (§6).', ['required.status']),
  'wrong-type-500': f('drift', 'A wrong JSON type or an unparseable date on a required field answers 500 where the clean sandbox answers 400 naming the field: the docs leave wrong types silent (§6), so this moves recorded silent points only (a fault relative to a baseline of the clean sandbox).', ['silent.wrong-type', 'silent.bad-date']),
  'errors-missing': f('failure envelope', 'A validation failure answers 400 with Errors null instead of the [{AttemptedValue, Message, PropertyName}] list (§1.1, §6).', ['failure.envelope', 'required.errors', 'answers.documented']),
  'was-successful-on-400': f('failure envelope', 'The 400 validation envelope says WasSuccessful true instead of false (§1.1, §6).', ['failure.envelope', 'answers.documented']),
  'validation-500': f('failure envelope', 'A missing required field answers 500 {"Message":"An error has occurred."} instead of the 400 validation envelope (§6).', ['required.status', 'failure.envelope']),

  // success envelope (§1.1)
  'success-message-wording': f('success envelope', 'The success Message is "Record saved." instead of "{Entity} was successfully created." / "… updated." (§1.1, seed pages).', ['success.message']),
  'success-envelope-no-id': f('success envelope', 'The success envelope has Value null instead of {Id} (§1.1).', ['success.envelope', 'answers.documented']),
  'create-status-201': f('success envelope', 'A valid POST answers HTTP 201 instead of the documented 200 (seed POST page: "200 on success"); setup meets it first, so the run ends as a contract violation (exit 1), not a profile error.', ['success.status']),
  'create-500': f('success envelope', 'A valid POST answers 500 {"Message":"An error has occurred."} and stores nothing, instead of 200 (seed POST page: "200 on success"); setup meets it first, so the run ends as a contract violation (exit 1), not a profile error.', ['success.status']),
  'success-was-successful-false': f('success envelope', 'The POST/PUT success envelope (HTTP 200) says WasSuccessful false instead of true (§1.1).', ['success.envelope', 'answers.documented']),
  'success-status-field-0': f('success envelope', 'The POST/PUT success envelope (HTTP 200) says Status 0 instead of 200 (seed pages\' 200 table: Status "HTTP status code. 200 on success."; §1.1).', ['success.body-status']),

  // authorization: full unrestricted administrator or the <Entity>-<Verb> role (§1), denial is 401 (§4)
  'denied-403': f('authorization', 'Denied requests answer 403 instead of 401 (§4: 401 for bad credentials and a missing role alike).', ['authz.denied', 'authn.required']),
  'edit-role-ignored': f('authorization', 'PUT is allowed to any authenticated user, with or without the -Edit role (§1 roles, seed PUT pages).', ['authz.denied']),
  'create-role-not-honoured': f('authorization', 'A holder of the -Create role (not full admin) is denied POST (§1 roles: full admin or the role).', ['authz.allowed']),
  'denied-side-effect': f('authorization', 'A denied write is performed, then answered 401 (§4: the request is refused).', ['authz.denied']),
  'read-role-ignored': f('authorization', 'GET one and GET batch are allowed to any authenticated user, with or without the -Read role (§1 roles, §3.1).', ['authz.denied']),
  'delete-role-ignored': f('authorization', 'DELETE and runcommand COWORKER_DELETE are allowed to any authenticated user, with or without the -Delete role (§1 roles, §3.1).', ['authz.denied']),
  'create-role-ignored': f('authorization', 'POST is allowed to any authenticated user, with or without the -Create role (§1 roles, seed POST page).', ['authz.denied']),
  'list-role-ignored': f('authorization', 'GET list is allowed to any authenticated user, with or without the -List role (§1 roles, §3.1).', ['authz.denied']),
  'edit-checks-create-role': f('authorization', 'PUT checks the -Create role instead of -Edit: holders of -Create may PUT, holders of only -Edit are denied (§1 roles, seed PUT pages).', ['authz.denied', 'authz.allowed']),

  // authentication (§4)
  'anonymous-list': f('authentication', 'GET list answers 200 without credentials instead of 401 (§4: every endpoint requires authentication).', ['authn.required']),
  'expired-token-accepted': f('authentication', 'An expired access token is still accepted instead of answered 401 (§4 expires_in).', ['authn.required']),
  'basic-auth-rejected': f('authentication', 'Basic authentication with the right password answers 401 (§4: Basic is a supported scheme).', ['authn.basic']),
  'token-wrong-password-401': f('authentication', 'A wrong password at /api/token answers 401 instead of 400 invalid_grant (§4 token errors).', ['token.errors']),
  'refresh-broken': f('authentication', 'The refresh_token grant always answers 400 invalid_grant (§4 refresh).', ['token.refresh']),
  'unsupported-grant-wrong-error': f('authentication', 'An unknown grant_type answers 400 {"error":"invalid_request"} instead of unsupported_grant_type (§4 token errors).', ['token.errors']),
  'basic-any-password': f('authentication', 'Basic authentication accepts any password for a known user instead of answering 401 (§4).', ['authn.required']),
  'garbage-token-accepted': f('authentication', 'A bearer token the tenant never issued is accepted as the admin user instead of answered 401 (§4 missing/invalid token).', ['authn.required']),
  'token-any-password': f('authentication', '/api/token grant_type=password issues a token for a known username with any password instead of 400 invalid_grant (§4 token errors).', ['token.errors']),

  // state: what is stored
  'put-merges': f('state', 'PUT keeps omitted optional fields instead of clearing them (§1: PUT is a full replace).', ['write.full-replace']),
  'roundtrip-drops-notes': f('state', 'Notes fields are not stored and read back as null (seed pages: Notes is a writable field).', ['write.read-back']),
  'date-shift': f('state', 'Stored dates are shifted by one hour (§6: dates are UTC with Z).', ['write.read-back']),
  'coworker-plain-delete': f('state', 'A plain DELETE on /api/spaces/coworkers/{id} answers 200 and deletes, instead of 405 (§3.1: coworkers are deleted through COWORKER_DELETE only).', ['coworker.no-plain-delete']),
  'failed-create-side-effect': f('state', 'A POST answered 400 for a missing required field still creates the record (§1.1, §6: a failed validation stores nothing).', ['failure.no-effect']),
  'put-not-persisted': f('state', 'PUT answers the normal success envelope but stores nothing (§1.1, seed PUT pages).', ['write.read-back']),
  'delete-not-deleting': f('state', 'DELETE and runcommand COWORKER_DELETE answer success but the record stays (§3.2: GET of a deleted record is 404).', ['delete.removes', 'read.deleted-404']),
  'string-truncated': f('state', 'String values longer than 20 characters are stored truncated to 20 while the answers stay normal (§1: a written field reads back as sent).', ['write.read-back']),
  'failed-put-side-effect': f('state', 'A PUT answered 400 for a missing required field still stores the other (valid) fields (§1.1, §6: a failed validation stores nothing).', ['failure.no-effect']),

  // reads: list, record and batch shapes
  'list-envelope-no-totals': f('reads', 'The list envelope lacks TotalItems (§1.2).', ['read.list', 'answers.documented']),
  'record-missing-uniqueid': f('reads', 'Records lack UniqueId (§1 base fields).', ['read.record', 'read.batch', 'answers.documented']),
  'unknown-get-200': f('reads', 'GET one of an Id that does not exist answers 200 with an empty object instead of 404 "Not found" (§3.2).', ['read.deleted-404', 'delete.removes']),
  'batch-list-envelope': f('reads', 'GET batch ?id=[…] answers the list envelope instead of a JSON array of records (§3.2).', ['read.batch', 'answers.documented']),
  'reads-served-as-html': f('reads', 'GET list, one and batch answer their JSON with Content-Type text/html; charset=utf-8 instead of application/json (§1 Content types: JSON bodies, Content-Type: application/json).', ['answers.content-type']),

  // drift: moves only a silent point the docs leave open, so it is caught only against a baseline of the clean sandbox
  'silent-point-drift': f('drift', 'PUT on an unknown Id answers 400 naming Id where the clean sandbox answers 404 "Not found": §6 leaves it silent, so this moves a recorded silent point only (a fault relative to a baseline of the clean sandbox).', ['silent.put-unknown-id']),

  // instrument: the reads a check relies on fail, so the check cannot look; it must end inconclusive or red, never
  // green. Not mutation faults (the suite's answer is "no verdict", exit 3, not a finding); selftest/safety tests them
  'lookup-500': f('instrument', 'A GET list with an exact <Entity>_<Field> filter on an entity answers 500: lookups by marker cannot look (§3.2 filters).', ['read.list']),
  'list-filter-ignored': f('instrument', 'GET list ignores exact <Entity>_<Field> filters and lists every record (§3.2 filters): a lookup must page through the whole list.', []),
  'put-target-vanishes': f('instrument', 'A denied PUT deletes its target record, then answers 401 (§4: the request is refused): later checks on that record find it gone.', ['authz.denied']),
} as const satisfies Record<string, FaultInfo>;

export type NamedFault = keyof typeof FAULTS;
export type RequiredFault = `required-not-enforced:${string}.${'POST' | 'PUT'}.${string}`;
export type FaultName = NamedFault | RequiredFault;

/** The named faults (the family is not enumerated here; see REQUIRED_FIELDS). */
export const FAULT_NAMES = Object.keys(FAULTS) as NamedFault[];

const FAMILY = 'required-not-enforced:';

export const requiredFault = (entity: string, method: 'POST' | 'PUT', field: string): RequiredFault =>
  `${FAMILY}${entity}.${method}.${field}`;

/** `<Entity>.<POST|PUT>` → the required fields a family member may name (the catalogue's, without Id). */
export const REQUIRED_FIELDS: ReadonlyMap<string, { path: string; fields: string[] }> = new Map(
  ENDPOINTS.filter((x) => (x.op === 'create' || x.op === 'update') && x.documented)
    .map((x) => [`${x.entity.name}.${x.method}`, { path: x.path, fields: x.required.filter((r) => r !== 'Id') }]),
);

/** One family member per create/update endpoint: what a mutation run iterates besides the named faults. */
const DEFAULT_REQUIRED: RequiredFault[] = [
  requiredFault('CoworkerInventoryAsset', 'POST', 'AssignedFrom'),
  requiredFault('CoworkerInventoryAsset', 'PUT', 'InventoryAssetId'),
  requiredFault('CoworkerTask', 'POST', 'ResponsibleId'),
  requiredFault('CoworkerTask', 'PUT', 'Name'),
  requiredFault('Coworker', 'POST', 'Email'),
  requiredFault('Coworker', 'PUT', 'SimpleTimeZoneId'),
  requiredFault('Workspace', 'POST', 'AdministratorId'),
  requiredFault('Workspace', 'PUT', 'BusinessId'),
  // entities read from their pages, one per family member beyond the declared ones (the mutation runs cover them)
  requiredFault('BlogPost', 'POST', 'Title'),
  requiredFault('Checkin', 'PUT', 'FromTime'),
  requiredFault('Booking', 'PUT', 'ResourceId'),
];

/** The default fault catalogue of a mutation run: every named fault plus one required-family member per endpoint. */
export const MUTATION_FAULTS: FaultName[] = [...FAULT_NAMES.filter((n) => FAULTS[n].category !== 'instrument'), ...DEFAULT_REQUIRED];

const WHERE = 'the list is in sandbox/README.md "Faults" (FAULTS in sandbox/faults.ts)';

/** Why `name` is not a fault (one line naming it and where the list is), or undefined when it is one. */
export function faultProblem(name: string): string | undefined {
  if (Object.hasOwn(FAULTS, name)) return undefined;
  if (!name.startsWith(FAMILY)) return `unknown fault "${name}"; ${WHERE}`;
  const [entity, method, field, ...rest] = name.slice(FAMILY.length).split('.');
  const ep = REQUIRED_FIELDS.get(`${entity}.${method}`);
  if (!ep || field === undefined || rest.length) {
    return `unknown fault "${name}": use ${FAMILY}<Entity>.<POST|PUT>.<Field> with <Entity>.<POST|PUT> one of ${[...REQUIRED_FIELDS.keys()].join(', ')}`;
  }
  if (!ep.fields.includes(field)) {
    const why = field === 'Id' ? 'Id is not in the family' : `${field} is not a required field of ${method} ${ep.path}`;
    return `unknown fault "${name}": ${why}; valid fields: ${ep.fields.join(', ')}`;
  }
  return undefined;
}

export const isFaultName = (s: string): s is FaultName => faultProblem(s) === undefined;

/** Category and rule of any fault, family members included. */
export function describeFault(name: string): FaultInfo {
  const problem = faultProblem(name);
  if (problem) throw new Error(problem);
  if (Object.hasOwn(FAULTS, name)) return FAULTS[name as NamedFault];
  const [entity, method, field] = name.slice(FAMILY.length).split('.');
  return f('required', `${field} of ${method} ${REQUIRED_FIELDS.get(`${entity}.${method}`)!.path} is not enforced: missing, null, empty or blank is accepted with no Errors item, every other field still validated (§6, ${entity} ${method} page's required set).`, ['required.status', 'required.errors', 'failure.no-effect']);
}

/** The enabled faults of one sandbox; `on(name)` is the hook every rule asks. */
export class Faults {
  private readonly set: ReadonlySet<string>;
  constructor(names: readonly string[] = []) {
    for (const n of names) {
      const problem = faultProblem(n);
      if (problem) throw new Error(problem);
    }
    this.set = new Set(names);
  }
  on(name: FaultName): boolean {
    return this.set.has(name);
  }
}
