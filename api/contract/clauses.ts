/**
 * The contract as the suite asserts it: one clause per rule, each with the documents that state it.
 * A clause is `asserted` (a failure is a contract violation) only when a seed page or a fact with its
 * source tag states it; what no source states is `recorded` (observed, compared with the tenant's own
 * baseline, never a failure on first sight). Every assertion of the suite goes through `claim()` with a
 * clause id, so every failure message names its rule and its source; docs/contract.md is generated from
 * this table and the plan.
 */
import { cite, pageOf, SEED_DOCS, SEED_PAGES, type Citation, type DocName, type SeedDoc } from './sources.ts';

export type ClauseKind = 'asserted' | 'recorded';

export interface Clause {
  /** the rule in one sentence, as a vendor would read it */
  says: string;
  kind: ClauseKind;
  sources: Citation[];
  /** why the clause takes this reading (disputed or superseded sources), when it is not obvious */
  reading?: string;
}

const seed = (n: '000' | '001' | '002' | '003' | '004', quote: string): Citation => ({ doc: `seed ${n}` as DocName, quote });
const fact = (quote: string): Citation => ({ doc: 'facts', quote });
/** the same words on every seed page that has them */
const seeds = (quote: string, pages: ('000' | '001' | '002' | '003' | '004')[] = ['000', '001', '002', '003', '004']) => pages.map((p) => seed(p, quote));
/** the same statement on each seed page, in each page's own words (the pages come in two layouts) */
const perPage = (quotes: Record<'000' | '001' | '002' | '003' | '004', string>) => (Object.keys(quotes) as (keyof typeof quotes)[]).sort().map((p) => seed(p, quotes[p]));

/** the §6 row that leaves wrong types, invalid enums and AssignedTo < AssignedFrom open */
const TYPES_SILENT = fact('| Wrong JSON types / invalid enum values / `AssignedTo < AssignedFrom` | **silent**.');
/** a recorded clause: what no source settles, with where the documents say so */
const silent = (says: string, sources: Citation[], reading?: string): Clause => ({ says, kind: 'recorded', sources, ...(reading ? { reading } : {}) });

const ROLE_SENTENCES = [
  seed('000', 'must be a full unrestricted administrator or have the CoworkerInventoryAsset-Edit role'),
  seed('001', 'must be a full unrestricted administrator or have the CoworkerInventoryAsset-Create role'),
  seed('002', 'must be a full unrestricted administrator or have the CoworkerTask-Edit role'),
  seed('003', 'must be a full unrestricted administrator or have the Coworker-Edit role'),
  seed('004', 'must be a full unrestricted administrator or have the Workspace-Edit role'),
];

export const CLAUSES = {
  // ------------------------------------------------------------------ writes that succeed (seed pages, "200")
  'success.status': {
    says: 'A valid POST or PUT is answered HTTP 200.',
    kind: 'asserted',
    sources: seeds('Response 200'),
    reading: 'The pages list the answers under their HTTP status ("Response", "200", "400"); the 200 table\'s Status row is about the body\'s own Status field (success.body-status).',
  },
  'success.body-status': {
    says: 'The success answer\'s own Status field is 200.',
    kind: 'asserted',
    sources: [
      ...perPage({
        '000': 'Status integer HTTP status code. 200 on success.', '001': 'Status integer HTTP status code. 200 on success.',
        '002': 'HTTP status code. 200 on success.', '003': 'HTTP status code. 200 on success.', '004': 'Status integer HTTP status code. 200 on success.',
      }),
      fact('| `Status` | int | 200 on success.'),
    ],
    reading: 'The row describes Status as the HTTP status code, and nexudus-api.md §1.1 records that it is not always equal to it (the 2020 docs show Status 500 inside a 400, command runs answer HTTP 200 with Status 500): only the value the row states for a success, 200, is asserted. No 400 table has a Status row, so a failure answer\'s Status is not asserted (absent or any integer).',
  },
  'success.envelope': {
    says: 'The success answer is JSON with Status (integer), Message (string), Value (an object holding the record\'s integer Id), WasSuccessful true and Errors null.',
    kind: 'asserted',
    sources: [
      ...perPage({
        '000': 'Value object Contains the Id of the updated record.', '001': 'Value object Contains the Id of the newly created record.',
        '002': 'Contains the Id of the updated record.', '003': 'Contains the Id of the updated record.', '004': 'Value object Contains the Id of the updated record.',
      }),
      ...perPage({
        '000': 'true if the coworkerinventoryasset was updated successfully.', '001': 'true if the coworkerinventoryasset was created successfully.',
        '002': 'true if the coworkertask was updated successfully.', '003': 'true if the coworker was updated successfully.', '004': 'true if the workspace was updated successfully.',
      }),
      ...seeds('Errors array null on success.', ['000', '001', '004']),
    ],
    reading: 'The other keys of the example answer (OpenInDialog, OpenInWindow, RedirectURL, JavaScript, UpdatedOn, UpdatedBy) are not described as fields; their presence is recorded, not asserted.',
  },
  'success.message': {
    says: 'The success Message confirms the operation in a documented wording: "was successfully created." / "was successfully updated." (current pages) or "has been succesfully created." / "was updated successfully" (2020 docs).',
    kind: 'asserted',
    sources: [
      seed('001', '"Message": "CoworkerInventoryAsset was successfully created."'), seed('000', '"Message": "CoworkerInventoryAsset was successfully updated."'),
      seed('002', '"Message" : "CoworkerTask was successfully updated."'), seed('003', '"Message" : "Coworker was successfully updated."'),
      seed('004', '"Message": "Workspace was successfully updated."'), fact('S9 denis tests assert `Message` contains `"was successfully updated."`'),
      fact('2020 docs `"Record \'…\' has been succesfully created."`'),
    ],
    reading: 'Both documented wordings pass (the sources disagree); a live test suite asserts the current substring. The exact text seen is recorded.',
  },

  // ------------------------------------------------------------------ required fields (seed pages, "400")
  'required.status': {
    says: 'A POST or PUT that lacks a required field (missing, null or "") is answered HTTP 400.',
    kind: 'asserted',
    sources: [
      ...perPage({
        '000': 'Id integer required The Id of the CoworkerInventoryAsset record to update.', '001': 'AssignedFrom string required Date the asset was assigned to the customer.',
        '002': 'Required Fields The Id of the CoworkerTask record to update.', '003': 'Required Fields The Id of the Coworker record to update.',
        '004': 'Id integer required The Id of the Workspace record to update.',
      }),
      fact('| Validation failure | HTTP **400**'), fact('| Blank required strings | Missing, null and `""` required fields get 400 "is a required field"'),
    ],
  },
  'failure.envelope': {
    says: 'A validation failure answers JSON with Message (string), Value null, WasSuccessful false and Errors: a non-empty list of {AttemptedValue, Message, PropertyName}.',
    kind: 'asserted',
    sources: [
      ...perPage({
        '000': 'Value any null on validation failure.', '001': 'Value any null on validation failure.', '002': 'null on validation failure.',
        '003': 'null on validation failure.', '004': 'Value any null on validation failure.',
      }),
      ...perPage({
        '000': 'Errors object[] Array of validation errors.', '001': 'Errors object[] Array of validation errors.',
        '002': 'Array of validation errors. The value that was submitted for the field, or null if missing.',
        '003': 'Array of validation errors. The value that was submitted for the field, or null if missing.', '004': 'Errors object[] Array of validation errors.',
      }),
      seed('002', 'The validation error message.'), seed('002', 'The name of the property that failed validation.'),
      ...seeds('false when the request fails validation.'),
    ],
  },
  'required.errors': {
    says: 'Errors holds an item for every violated required field, naming the field or its navigation property (Coworker for CoworkerId).',
    kind: 'asserted',
    sources: [
      ...perPage({
        '000': '"PropertyName": "AssignedFrom"', '001': '"PropertyName": "AssignedFrom"', '002': '"PropertyName" : "Name"',
        '003': '"PropertyName" : "FullName"', '004': '"PropertyName": "Name"',
      }),
      fact('| FK `PropertyName` | Required-FK errors name the navigation property'),
      fact('The only multi-error example (2020) lists 4 `Errors`'),
    ],
    reading: 'Both spellings of a foreign key pass: the seed pages name plain fields, live and 2020 answers name navigation properties.',
  },
  'required.message': {
    says: 'The Errors item of a missing required field says "is a required field".',
    kind: 'asserted',
    sources: [
      ...perPage({
        '000': '"Message": "is a required field"', '001': '"Message": "is a required field"', '002': '"Message" : "is a required field"',
        '003': '"Message" : "is a required field"', '004': '"Message": "is a required field"',
      }),
      fact('current: `is a required field`'),
    ],
    reading: 'The 2020 texts ("may not be null", "may not be null or empty") are superseded by the current pages.',
  },
  'failure.summary': {
    says: 'The top-level Message of a validation failure reads "PropertyName: error message" and names one of the violated fields.',
    kind: 'asserted',
    sources: [...seeds('A summary of the validation error(s), in the format PropertyName: error message.'), seed('000', '"Message": "AssignedFrom: is a required field"')],
    reading: 'How several errors are joined is silent (nexudus-api.md §6): any one violated field may be named.',
  },
  'failure.no-effect': {
    says: 'A request that fails validation creates and changes nothing.',
    kind: 'asserted',
    sources: [...seeds('false when the request fails validation.'), seed('000', 'Value any null on validation failure.')],
  },

  // ------------------------------------------------------------------ stored state
  'write.read-back': {
    says: 'A field written by POST or PUT reads back from GET one as it was sent (dates as the same instant, Id lists as the same set), wherever GET one returns the field.',
    kind: 'asserted',
    sources: [
      ...perPage({
        '000': 'Updates an existing CoworkerInventoryAsset record.', '001': 'Each record links a Coworker to an InventoryAsset at a specific Business',
        '002': 'Updates an existing CoworkerTask record.', '003': 'Updates an existing Coworker record.', '004': 'Updates an existing Workspace record.',
      }),
      fact('S7 therefore GETs, strips'),
    ],
    reading: 'Which fields GET one returns is silent (§10): a written field the record does not carry is recorded, not failed.',
  },
  'write.full-replace': {
    says: 'PUT is a full replace: an optional field the PUT omits is cleared (null, empty or false) wherever GET one returns it.',
    kind: 'asserted',
    sources: [fact('Any missing properties will be cleared or set to false.'), seed('000', 'You must include the Id of the record to update along with all required fields.')],
  },
  'delete.removes': {
    says: 'DELETE /{id} (or runcommand COWORKER_DELETE) by a permitted persona answers 200 with WasSuccessful true; a plainly deleted record then answers GET one with 404.',
    kind: 'asserted',
    sources: [fact('| `DELETE /api/{m}/{e}/{id}` | mutation envelope (`Value:null`)'), fact('404 on an already-deleted id (S7 rule 40)'), fact('| `POST /api/{m}/{e}/runcommand` |')],
  },
  'coworker.no-plain-delete': {
    says: 'Coworkers have no plain DELETE: DELETE /api/spaces/coworkers/{id} is refused (a 4xx; 405 seen live) and deletes nothing.',
    kind: 'asserted',
    sources: [fact('"reject a plain DELETE outright (405/no support)" S7 rule 39')],
    reading: '405 is what a live tenant answered; "no support" may also read as 404, so any 4xx refusal passes and the status is recorded.',
  },

  // ------------------------------------------------------------------ reads
  'read.list': {
    says: 'GET list answers 200 with the list envelope: Records (each with an integer Id) and the paging fields CurrentPage, CurrentPageSize, CurrentOrderField, CurrentSortDirection, FirstItem, LastItem, TotalItems, TotalPages, HasNextPage, HasPreviousPage.',
    kind: 'asserted',
    sources: [fact('| `Records` | array | S1, S4, S6 |'), fact('| `FirstItem`, `LastItem`, `TotalItems`, `TotalPages` | int | S1, S6 |'), fact('| `CurrentSortDirection` | int in admin REST docs')],
    reading: 'CurrentSortDirection passes as an integer (admin docs) or a string ("ASC", portal docs). List records are a reduced projection: only Id is asserted.',
  },
  'read.record': {
    says: 'GET one answers 200 with the bare record (no envelope) carrying the base fields Id, UniqueId, CreatedOn, UpdatedOn, UpdatedBy, IsNew, SystemId; every documented field it carries has a documented type.',
    kind: 'asserted',
    sources: [fact('| `GET /api/{m}/{e}/{id}` | bare record (no envelope)'), fact('| Base fields on every record |'), fact('| Types where sources disagree |')],
    reading: 'Which other fields a record carries is silent (§10); where sources disagree on a type (InventoryAssetValue) every reading passes.',
  },
  'read.batch': {
    says: 'GET ?id=[…] answers 200 with a JSON array of records of the same shape as GET one.',
    kind: 'asserted',
    sources: [fact('JSON **array** of records (same shape as get-one)')],
  },
  'read.deleted-404': {
    says: 'GET one of a record that was deleted with DELETE answers 404.',
    kind: 'asserted',
    sources: [fact('Unknown id: 2020 docs 404 with body `"Not found"`'), fact('S7 saw 404 on GET after a record was deleted')],
  },

  // ------------------------------------------------------------------ authorization and authentication
  'authz.allowed': {
    says: 'A full unrestricted administrator, or a holder of <Entity>-<List|Read|Create|Edit|Delete> for the verb, is allowed (the answer of an allowed request is the documented one).',
    kind: 'asserted',
    sources: [...ROLE_SENTENCES, fact('| Role naming | `<Entity>-List`, `-Read`, `-Create`, `-Edit`, `-Delete`')],
    reading: 'Role names compare case-insensitively (the 2020 docs wrote them lower-case).',
  },
  'authz.denied': {
    says: 'A persona that is neither full administrator nor holds the role is refused with 401 (or the status the profile declares), and the request has no effect.',
    kind: 'asserted',
    sources: [...ROLE_SENTENCES, fact('the account does not have permission for the requested resource')],
  },
  'authn.required': {
    says: 'A request without valid credentials (none, a token the tenant never issued, an expired token, Basic with a wrong password) is answered 401 and has no effect.',
    kind: 'asserted',
    sources: [...seeds('This endpoint requires OAuth2 authentication. Include a valid bearer token in the Authorization header.'), fact('| Missing / invalid token | **401 Unauthorized** (docs).'), fact('"All REST API endpoints require authentication unless otherwise noted."')],
  },
  'authn.basic': {
    says: 'HTTP Basic with the user\'s e-mail and password authenticates like a bearer token.',
    kind: 'asserted',
    sources: [fact('Bearer token (recommended) **and** HTTP Basic (`email:password`, Base64).'), seed('004', "--header 'Authorization: Basic <encoded-value>'")],
  },
  'token.grant': {
    says: 'POST /api/token with grant_type=password and the right credentials answers 200 with {access_token, token_type "bearer", expires_in (integer seconds), refresh_token}.',
    kind: 'asserted',
    sources: [fact('body `grant_type=password&username=<email>&password=<pw>[&totp=<code>]`'), fact('`{ "access_token": string, "token_type": "bearer", "expires_in": int seconds, "refresh_token": string }`')],
    reading: 'expires_in differs between sources (604799, 1209599, 86400): any positive integer passes.',
  },
  'token.errors': {
    says: 'POST /api/token answers 400 with an OAuth error: invalid_grant for a wrong password, unsupported_grant_type for an unknown grant_type or a JSON body.',
    kind: 'asserted',
    sources: [fact('HTTP 400 with OAuth error JSON: `{"error":"invalid_grant"'), fact('Sending JSON ⇒ `unsupported_grant_type`.'), fact('`grant_type=INVALID` ⇒ 400')],
  },
  'token.refresh': {
    says: 'POST /api/token with grant_type=refresh_token and a refresh token it issued answers a new token that works.',
    kind: 'asserted',
    sources: [fact('same endpoint, `grant_type=refresh_token&refresh_token=…`')],
  },
  'answers.documented': {
    says: 'An answer the documents describe (200 and 400 of a write, a read, a delete, the token endpoint) is JSON of its documented envelope or record.',
    kind: 'asserted',
    sources: [fact('JSON bodies for CRUD (`Content-Type: application/json`)'), seed('000', 'Example Response'), seed('000', 'Array of validation errors.')],
    reading: 'Answers to silent probes, throttles (409, 429), 401 bodies and refusals are exempt: no source describes their bodies.',
  },
  'answers.content-type': {
    says: 'A documented JSON answer (200 and 400 of a write, a read, a delete, the token endpoint) says Content-Type application/json (parameters such as charset allowed).',
    kind: 'asserted',
    sources: [fact('JSON bodies for CRUD (`Content-Type: application/json`)'), fact('HTTP 400 with OAuth error JSON: `{"error":"invalid_grant"')],
    reading: 'The media type is compared without its parameters and letter case (application/json; charset=utf-8 passes). The token endpoint\'s form encoding (§1, §4) is that of the request; its answers are documented as JSON. 401 bodies, throttles (409, 429), 404 and 405 refusals and silent probes are exempt: no source describes their bodies.',
  },

  // ------------------------------------------------------------------ recorded: no source states these
  'silent.put-unknown-id': silent(
    'What PUT answers for an Id that does not exist (400, 404, or 200 with WasSuccessful false).',
    [fact('| Unknown Id on PUT | **silent**')],
  ),
  'silent.required-blank': silent(
    'Whether a whitespace-only required string is refused as "is a required field" or stored.',
    [fact('Whitespace-only strings: no source.')],
  ),
  'silent.wrong-type': silent(
    'What a write answers for a JSON value of the wrong type (refused naming the field, coerced, or stored as null), required or optional.',
    [TYPES_SILENT],
  ),
  'silent.bad-date': silent(
    'What a write answers for a date string that is not a date.',
    [TYPES_SILENT, seed('001', 'AssignedFrom string required')],
    'The seed pages type dates as plain strings; no source says how an unparseable one is answered.',
  ),
  'silent.id-list-not-list': silent(
    'What a write answers when an Id list (Members, Businesses…) is not a list.',
    [TYPES_SILENT],
  ),
  'silent.enum-out-of-range': silent(
    'What a write answers for an enum value outside the documented ones.',
    [TYPES_SILENT],
  ),
  'silent.fk-unknown': silent(
    'What a write answers for a foreign key that names no record.',
    [fact('| 9 | Unknown Id on PUT, invalid enum, wrong types')],
  ),
  'silent.assigned-to-before-from': silent(
    'What a write answers when AssignedTo is before AssignedFrom.',
    [TYPES_SILENT],
  ),
  'silent.extra-field': silent(
    'What a write answers for a property no document names (ignored, refused, stored).',
    [fact('| Unknown / extra JSON fields | No documented error')],
  ),
  'silent.date-offset': silent(
    'Whether a date with an offset (+01:00) instead of Z is accepted, and as which instant.',
    [fact('Whether offsets (`+01:00`) or date-only strings are accepted: **silent**.')],
  ),
  'silent.coworker-get-deleted': silent(
    'What GET one answers for a coworker deleted through COWORKER_DELETE (soft delete: 200 inactive, 401 or 404).',
    [fact('`COWORKER_DELETE` behaves like a soft delete'), fact('A GET of a deleted coworker answered 401 "Not found" for some records and 404 for others.')],
  ),
  'silent.record-fields': silent(
    'Which fields records carry beyond the documented guarantee: documented request fields a record omits, and fields no document names.',
    [fact('| Fields of a GET record |'), fact('List vs single | List/search responses are a reduced projection')],
  ),
  'silent.success-extras': silent(
    'Which keys of the example success answer (OpenInDialog, OpenInWindow, RedirectURL, JavaScript, UpdatedOn, UpdatedBy) and which exact Message text a tenant answers.',
    [seed('000', '"OpenInDialog": false,'), fact('2020 docs `"Record \'…\' has been succesfully created."`')],
  ),
} as const satisfies Record<string, Clause>;

export type ClauseId = keyof typeof CLAUSES;
export const CLAUSE_IDS = Object.keys(CLAUSES) as ClauseId[];

export function clause(id: ClauseId): Clause {
  return CLAUSES[id];
}

/** A clause cites the same statement on several seed pages: a failure cites the page of the endpoint it is about. */
export function isPerPage(c: Clause): boolean {
  return new Set(c.sources.filter((s) => s.doc !== 'facts').map((s) => s.doc)).size > 1;
}

/** `POST /api/crm/coworkertasks/{id}` → `/api/crm/coworkertasks`: the resource an endpoint belongs to. */
const resourceOf = (endpoint: string) => endpoint.replace(/^\S+ /, '').replace(/\?.*$/, '').replace(/\/(\{id\}|runcommand)$/, '');

export interface ClauseSource {
  citation: Citation;
  /** set when the endpoint has no seed page of its own and a nearby statement stands in for it */
  nearest?: string;
}

/**
 * The source a failure of `id` cites for `endpoint` (`PUT /api/crm/coworkertasks`): for a clause stated on every
 * seed page, the statement on the endpoint's own page; for an endpoint without a page (POST of a CoworkerTask, a
 * GET, a DELETE), the nearest documented statement, said so: a write's entity page (its PUT page), else the facts.
 * Any other clause, or no endpoint: its first source.
 */
export function clauseSource(id: ClauseId, endpoint?: string): ClauseSource {
  const c: Clause = CLAUSES[id];
  const first = { citation: c.sources[0] };
  if (!endpoint || !isPerPage(c)) return first;
  const own = pageOf(endpoint);
  if (own) {
    const mine = c.sources.find((s) => s.doc === own);
    return mine ? { citation: mine } : first;
  }
  const resource = resourceOf(endpoint);
  const entityPage = SEED_DOCS.find((d) => resourceOf(SEED_PAGES[d].endpoint) === resource && SEED_PAGES[d].endpoint.startsWith('PUT '));
  const onEntityPage = entityPage ? c.sources.find((s) => s.doc === entityPage) : undefined;
  const isWrite = /^(POST|PUT) /.test(endpoint) && !endpoint.endsWith('/runcommand');
  const fromFacts = c.sources.find((s) => s.doc === 'facts');
  const why = `${endpoint} has no seed page: nearest documented statement`;
  if (isWrite && onEntityPage) return { citation: onEntityPage, nearest: `${why}, on the page of ${SEED_PAGES[entityPage as SeedDoc].endpoint}` };
  if (fromFacts) return { citation: fromFacts, nearest: why };
  if (onEntityPage) return { citation: onEntityPage, nearest: `${why}, on the page of ${SEED_PAGES[entityPage as SeedDoc].endpoint}` };
  return { citation: c.sources[0], nearest: why };
}

const labels = new Map<string, string>();

/**
 * `[required.message] The Errors item … \n  source: docs/seeds/002_….txt line 63: "…"`: the clause, its rule and the
 * source of the endpoint the failure is about (clauseSource; all sources are in docs/contract.md). Without an
 * endpoint (a caller that has none, e.g. global setup), the clause's first source.
 */
export function clauseLabelFor(id: ClauseId, endpoint?: string): string {
  const key = `${id} ${endpoint ?? ''}`;
  let l = labels.get(key);
  if (!l) {
    const c: Clause = CLAUSES[id];
    const src = clauseSource(id, endpoint);
    l = `[${id}] ${c.says}\n  source: ${cite(src.citation)}${src.nearest ? ` (${src.nearest})` : ''}${c.sources.length > 1 ? ` (+${c.sources.length - 1} more in docs/contract.md)` : ''}`;
    labels.set(key, l);
  }
  return l;
}

/** The label with the clause's first source, for callers without an endpoint. */
export function clauseLabel(id: ClauseId): string {
  return clauseLabelFor(id);
}

