// Knobs: every point the documents leave silent or disputed, with the answers this tenant can give.
// Section references are to nexudus-api.md (§n) and its source tags (S1…S9); "seed" means the five endpoint pages.

import type { DatePrecision } from './dates.ts';

export type Knobs = {
  // ---- authentication / tokens ------------------------------------------------------------------
  /** §4 "Token response" / §8 #6 (S1 604799, S9 1209599, S3 86400): default token lifetime reported and enforced */
  expiresIn: number;
  /** §4 "Token response" (S1/S4 list four keys; extra OWIN keys neither stated nor excluded): add userName/.issued/.expires */
  tokenResponseExtras: boolean;
  /** §4 "Missing / invalid token" / §8 #5 (S1: 401, body silent): body of every 401 */
  unauthorizedBody: 'json' | 'text' | 'empty';
  /** brief + §1 "Role naming" (S1: Business/User roles not covered by the four entities): who may read the fixture lists */
  fixtureAccess: 'any' | 'admin-only';

  // ---- throttling ------------------------------------------------------------------------------
  /** §5 / §8 #4 (S2/S4 409 + Retry-After vs S7 live 429 "Wait N seconds"): throttle answer, or off */
  throttle: 'off' | '409' | '429';
  /** §5 (S2 limits per window; which request trips them is silent): throttle every Nth request */
  throttleEvery: number;
  /** §5 (S2 example Retry-After: 1; S7 "Wait N seconds"): the wait announced */
  throttleWaitSeconds: number;
  /** §5 "Scope" (S3: limits per client and endpoint; token endpoint silent): also throttle POST /api/token */
  throttleToken: boolean;
  /** §5 "Rate-limit headers on success" (silent): send X-RateLimit-Limit/Remaining */
  rateLimitHeaders: boolean;

  // ---- envelopes -------------------------------------------------------------------------------
  /** §1.1 Message (S1 current "<Entity> was successfully created." vs S4 2020 "Record '…' has been succesfully created.") */
  successMessage: 'current' | '2020';
  /** §10 "Delete and runcommand messages" (S4 2020 "The record was deleted successfully."; current silent) */
  deleteMessage: 'entity' | '2020';
  /** §10 "Delete and runcommand messages" (runcommand message silent) */
  commandMessage: 'entity' | 'generic';
  /** §1.1 OpenInDialog…UpdatedBy (S1 success examples have them; seed 400 examples do not): where they appear */
  envelopeExtras: 'success' | 'all' | 'none';
  /** §1.1 Value / §8 #11 (S1 {Id}; S7/S9 clients treat it as the record): Value of a create */
  createValue: 'id' | 'record';
  /** §1.1 Value (S1 "Contains the Id of the updated record"; a record also contains it): Value of an update */
  updateValue: 'id' | 'record';
  /** §1.1 Status (seed 400 examples omit it; response schema lists it; S4 shows one differing from HTTP): Status key on failures */
  errorStatusField: 'absent' | 'http';
  /** §6 "Message texts seen" (seed/S1 "is a required field"; S4 2020 "may not be null or empty"/"may not be null") */
  requiredMessage: 'current' | '2020';
  /** §6 "Multiple errors in Message" / §8 #10 (silent; S4 example shows one of four): how Message summarises errors */
  messageJoin: 'newline' | 'semicolon' | 'first' | 'last';
  /** §6 "FK PropertyName" (S7/S4 navigation name, inferred): PropertyName for FK errors */
  fkPropertyName: 'navigation' | 'id';

  // ---- validation ------------------------------------------------------------------------------
  /** §6 "Unknown Id on PUT" / §8 #9 (silent) */
  unknownIdOnPut: '404' | '400' | '200-false';
  /** §6 "Wrong JSON types / invalid enum values" / §8 #9 (silent) */
  invalidEnum: 'reject' | 'accept';
  /** §6 "Wrong JSON types" (silent; .NET binders coerce "123"→123) */
  wrongTypes: 'reject' | 'coerce';
  /** §6 "AssignedTo < AssignedFrom" / §8 #9 (silent) */
  assignedToBeforeFrom: 'reject' | 'accept';
  /** §6 "Date formats" (offsets silent) */
  dateOffsets: 'accept' | 'reject';
  /** §6 "Date formats" (date-only silent) */
  dateOnly: 'accept' | 'reject';
  /** §6 "Date formats" (S7 always sends Z; a zone-less time is silent): zone-less times taken as UTC or rejected */
  dateWithoutZone: 'utc' | 'reject';
  /** §10 "Blank required strings" (whitespace-only silent) */
  whitespaceRequired: 'reject' | 'accept';
  /** §1 "JSON naming" (S1 PascalCase; case-insensitive .NET binding silent) */
  propertyNameCase: 'insensitive' | 'exact';
  /** §6 "FK PropertyName" (S7 null FK → "is a required field"; a non-existent FK id is silent) */
  unknownFk: 'required' | 'not-found' | 'accept';
  /** §1 "Verb map" (S1 POST "no Id"; an Id sent anyway is silent) */
  idOnPost: 'ignore' | 'reject';
  /** §8 #9 "duplicate e-mail on Coworker" (silent) */
  duplicateEmail: 'reject' | 'accept';
  /** §2.4 Email (S7 accepted .local; malformed addresses silent) */
  emailFormat: 'reject' | 'accept';
  /** §2 (no source states a maximum length): max length of Name/FullName/Email, 0 = none */
  maxNameLength: number;
  /** §1 "PUT = full replace" (cleared value of an optional string sent as "" is silent) */
  emptyOptionalString: 'keep' | 'null';
  /** §1 "Content types" (S1 JSON bodies; a non-JSON media type is silent) */
  nonJsonBody: '400' | '415';
  /** §2.4 Required-ness / §8 #2 (S1 text 4 fields vs S1 playground + S5 CLI 14 fields): Coworker POST required set */
  coworkerRequired: 'docs4' | 'playground14';
  /** §2.4 attendance rows ("docs text: optional (no default stated)"): value of an omitted attendance */
  attendanceDefault: 'undefined' | 'null';
  /** §9 ChurnProbability/EngagementLevel (S7 rule 24 writable vs newest S7 read-only) */
  engagementWritable: boolean;
  /** §2.2 DueDateLocal ("How it interacts with DueDate when both are sent: silent") */
  dueDateLocal: 'independent' | 'mirror';
  /** §2.3 / §8 #12 (Members vs AddedMembers/RemovedMembers precedence silent); also Businesses/Teams */
  membersPrecedence: 'members-then-modifiers' | 'members-wins' | 'modifiers-win';

  // ---- records ---------------------------------------------------------------------------------
  /** §10 "Fields of a GET record" (presence silent; §1 base fields on every record) */
  recordShape: 'documented' | 'base' | 'written' | 'most';
  /** §10 write-only modifier lists (request fields; S7 live CSV nevertheless had AddedBusinesses keys) */
  modifierListsInRecords: boolean;
  /** §1 "List vs single" (S5: reduced projection without collections) */
  listProjection: 'reduced' | 'full';
  /** §2.1 / §8 #7 (S1 skeleton string vs S7 live number) */
  inventoryAssetValue: 'number' | 'string';
  /** §2.1 / §8 #8 (S7 live "Individual" enum name vs S1 description "Member, Team Member") */
  coworkerCoworkerType: 'enum-name' | 'description';
  /** §6 "Date formats" (responses: up to 7 fractional digits or whole seconds) */
  datePrecision: DatePrecision;
  /** §1 "Id magnitude" (S7 ~1.4e9 live; small ids equally valid) */
  idStyle: 'large' | 'small';

  // ---- lists -----------------------------------------------------------------------------------
  /** §1.2 CurrentSortDirection (S1/S4 int vs S3 "ASC") */
  sortDirection: 'int' | 'string';
  /** §3.2 dir / §8 #3 (S1 1/-1 vs S1-learn/S6 0/1) */
  dirEncoding: '1/-1' | '0/1';
  /** §1.2 PageNumber/PageSize (S3/S4 present, S1 absent) */
  pageNumberFields: boolean;
  /** §9 "String filters" (exact per S7; case sensitivity silent) */
  stringFilter: 'exact' | 'exact-ci';
  /** §3.2 size (S4 max 1000; S9 asked 5000) */
  maxPageSize: number;
  /** §3.2 batch (S1; unknown ids in a batch silent) */
  batchUnknownIds: 'skip' | '404';

  // ---- deletion --------------------------------------------------------------------------------
  /** §9 "Coworker deletion" (S7 newest: soft delete; hard delete equally conformant) */
  coworkerDelete: 'soft' | 'hard';
  /** §9 "Deleted coworker, later calls" (S7: GET answered 401 or 404; 200 with Active=false plausible) */
  deletedCoworkerGet: 200 | 401 | 404;
  /** §9 "Deleted coworker, later calls" (S7 401 "Access Denied."; a validation error plausible) */
  deletedCoworkerReference: '400' | '401' | 'accept';
  /** §3.1 Coworker (S5 "no Delete via API", S7 rule 39 "405/no support"): answer to a plain DELETE */
  coworkerPlainDelete: 405 | 404 | 400;
  /** §3.2 runcommand (unknown Ids in a command silent) */
  commandUnknownIds: 'fail' | 'skip';
  /** §3.2 DELETE (S7 rules 31-32: 200 + WasSuccessful:false when children exist) */
  blockedDelete: 'never' | 'coworker-with-children';
};

interface KnobSpec<K extends keyof Knobs = keyof Knobs> {
  knob: K;
  values: Knobs[K][];
  default: Knobs[K];
  section: string;
  note: string;
}

function spec<K extends keyof Knobs>(
  knob: K,
  values: Knobs[K][],
  section: string,
  note: string,
): KnobSpec<K> {
  return { knob, values, default: values[0], section, note };
}

/** The first value of each list is the default. */
export const KNOB_SPECS: KnobSpec[] = [
  spec('expiresIn', [604799, 1209599, 86400], '§4 Token response; §8 #6 (S1, S3, S9)', 'expires_in reported and enforced (overridden by tokenLifetimeSeconds)'),
  spec('tokenResponseExtras', [false, true], '§4 Token response (S1, S4)', 'extra OWIN keys userName/.issued/.expires'),
  spec('unauthorizedBody', ['json', 'text', 'empty'], '§4 Missing/invalid token; §8 #5 (S1: body silent)', 'body of a 401'),
  spec('fixtureAccess', ['any', 'admin-only'], '§1 Role naming (S1); fixture lists not covered', 'who may read businesses, inventory assets, users'),
  spec('throttle', ['off', '409', '429'], '§5; §8 #4 (S2, S4 vs S7)', '409 + Retry-After + empty body, or 429 + "Wait N seconds"'),
  spec('throttleEvery', [10, 5, 3], '§5 Published limits (S2)', 'every Nth throttle-eligible request is throttled'),
  spec('throttleWaitSeconds', [1, 0], '§5 (S2 Retry-After: 1; S7 Wait N seconds)', 'announced wait'),
  spec('throttleToken', [false, true], '§5 Scope (S3)', 'throttle the token endpoint too'),
  spec('rateLimitHeaders', [false, true], '§5 Rate-limit headers on success (silent)', 'X-RateLimit-* headers'),
  spec('successMessage', ['current', '2020'], '§1.1 Message (S1 vs S4)', 'wording of create/update Message'),
  spec('deleteMessage', ['entity', '2020'], '§10 Delete and runcommand messages (S4; current silent)', '"<Entity> was successfully deleted." or "The record was deleted successfully."'),
  spec('commandMessage', ['entity', 'generic'], '§10 Delete and runcommand messages (silent)', 'Message of a successful runcommand'),
  spec('envelopeExtras', ['success', 'all', 'none'], '§1.1 OpenInDialog…UpdatedBy (S1; seed 400 examples omit them)', 'where OpenInDialog/OpenInWindow/RedirectURL/JavaScript/UpdatedOn/UpdatedBy appear'),
  spec('createValue', ['id', 'record'], '§1.1 Value; §8 #11 (S1 vs S7/S9)', 'Value of a successful create'),
  spec('updateValue', ['id', 'record'], '§1.1 Value (S1)', 'Value of a successful update'),
  spec('errorStatusField', ['absent', 'http'], '§1.1 Status (seed 400 examples; S4)', 'Status key in failure envelopes'),
  spec('requiredMessage', ['current', '2020'], '§6 Message texts seen (S1 vs S4)', '"is a required field" or "may not be null (or empty)"'),
  spec('messageJoin', ['newline', 'semicolon', 'first', 'last'], '§6 Multiple errors in Message; §8 #10 (silent)', 'how Message summarises several errors'),
  spec('fkPropertyName', ['navigation', 'id'], '§6 FK PropertyName (S7, S4; inferred)', '"Coworker" or "CoworkerId" in FK errors'),
  spec('unknownIdOnPut', ['404', '400', '200-false'], '§6 Unknown Id on PUT; §8 #9 (silent)', 'answer to a PUT whose Id does not exist'),
  spec('invalidEnum', ['reject', 'accept'], '§6 invalid enum values; §8 #9 (silent)', 'an out-of-range enum integer'),
  spec('wrongTypes', ['reject', 'coerce'], '§6 Wrong JSON types (silent)', 'reject or coerce "123"→123, "true"→true, 1→"1"'),
  spec('assignedToBeforeFrom', ['reject', 'accept'], '§6 AssignedTo < AssignedFrom; §8 #9 (silent)', 'AssignedTo earlier than AssignedFrom'),
  spec('dateOffsets', ['accept', 'reject'], '§6 Date formats (offsets silent)', '"2025-01-15T10:30:00+01:00"'),
  spec('dateOnly', ['accept', 'reject'], '§6 Date formats (date-only silent)', '"2025-01-15"'),
  spec('dateWithoutZone', ['utc', 'reject'], '§6 Date formats (S7 always Z)', '"2025-01-15T10:30:00"'),
  spec('whitespaceRequired', ['reject', 'accept'], '§10 Blank required strings (silent)', 'whitespace-only required string'),
  spec('propertyNameCase', ['insensitive', 'exact'], '§1 JSON naming (S1, S6)', 'JSON property names matched case-insensitively or exactly'),
  spec('unknownFk', ['required', 'not-found', 'accept'], '§6 FK PropertyName (S7 rule 29; non-existent id silent)', 'FK id that names no record'),
  spec('idOnPost', ['ignore', 'reject'], '§1 Verb map (S1 POST "no Id")', 'Id sent in a POST body'),
  spec('duplicateEmail', ['reject', 'accept'], '§8 #9 duplicate e-mail on Coworker (silent)', 'second live coworker with the same Email'),
  spec('emailFormat', ['reject', 'accept'], '§2.4 Email (S7 .local accepted; malformed silent)', 'malformed Coworker Email'),
  spec('maxNameLength', [0, 255], '§2 (no length limits stated)', '0 = unlimited; else max length of Name/FullName/Email'),
  spec('emptyOptionalString', ['keep', 'null'], '§1 PUT = full replace (S4)', 'optional string sent as ""'),
  spec('nonJsonBody', ['400', '415'], '§1 Content types (S1)', 'CRUD body with a non-JSON Content-Type'),
  spec('coworkerRequired', ['docs4', 'playground14'], '§2.4 Required-ness; §8 #2 (S1 text vs S1 playground/S5)', 'Coworker POST required set'),
  spec('attendanceDefault', ['undefined', 'null'], '§2.4 attendance rows (no default stated)', 'omitted attendance → 5 Undefined or null'),
  spec('engagementWritable', [true, false], '§9 ChurnProbability/EngagementLevel (S7 old vs new)', 'writable or read-only'),
  spec('dueDateLocal', ['independent', 'mirror'], '§2.2 DueDateLocal (silent)', 'stored as sent, or an omitted one mirrors the other'),
  spec('membersPrecedence', ['members-then-modifiers', 'members-wins', 'modifiers-win'], '§2.3; §8 #12 (silent)', 'Members vs AddedMembers/RemovedMembers (also Businesses, Teams)'),
  spec('recordShape', ['documented', 'base', 'written', 'most'], '§10 Fields of a GET record (§1 base fields)', 'base = §1 base fields only; written = base + non-null written fields; documented = every §2 field; most = plus undocumented extras'),
  spec('modifierListsInRecords', [false, true], '§10 write-only modifier lists (S7 CSV had the keys)', 'AddedMembers/RemovedBusinesses… in GET records (as null)'),
  spec('listProjection', ['reduced', 'full'], '§1 List vs single (S5)', 'collections omitted from list records, or kept'),
  spec('inventoryAssetValue', ['number', 'string'], '§2.1; §8 #7 (S1 vs S7)', 'InventoryAssetValue type'),
  spec('coworkerCoworkerType', ['enum-name', 'description'], '§2.1; §8 #8 (S7 vs S1)', '"Individual"/"Company" or "Member"/"Company"'),
  spec('datePrecision', ['trimmed', 0, 7], '§6 Date formats (S1, S7)', 'fractional digits in response dates'),
  spec('idStyle', ['large', 'small'], '§1 Id magnitude (S7)', 'ids near 1.4e9 or small counters'),
  spec('sortDirection', ['int', 'string'], '§1.2 CurrentSortDirection (S1/S4 vs S3)', 'CurrentSortDirection as int or "ASC"/"DESC"'),
  spec('dirEncoding', ['1/-1', '0/1'], '§3.2 dir; §8 #3 (S1 vs S1-learn/S6)', 'meaning of the dir query parameter'),
  spec('pageNumberFields', [false, true], '§1.2 PageNumber/PageSize (S3/S4 vs S1)', 'PageNumber/PageSize in list envelopes'),
  spec('stringFilter', ['exact', 'exact-ci'], '§9 String filters (case silent)', 'string filters exact, case-sensitive or not'),
  spec('maxPageSize', [1000, 100000], '§3.2 size (S4 max 1000; S9 5000)', 'cap on size'),
  spec('batchUnknownIds', ['skip', '404'], '§3.2 batch (silent)', 'unknown ids in ?id=[…]'),
  spec('coworkerDelete', ['soft', 'hard'], '§9 Coworker deletion (S7)', 'COWORKER_DELETE keeps the record (Active=false) or removes it'),
  spec('deletedCoworkerGet', [200, 401, 404], '§9 Deleted coworker, later calls (S7)', 'GET of a soft-deleted coworker'),
  spec('deletedCoworkerReference', ['400', '401', 'accept'], '§9 Deleted coworker, later calls (S7)', 'write referencing a soft-deleted coworker'),
  spec('coworkerPlainDelete', [405, 404, 400], '§3.1 Coworker (S5, S7 rule 39)', 'answer to DELETE /api/spaces/coworkers/{id}; never deletes'),
  spec('commandUnknownIds', ['fail', 'skip'], '§3.2 runcommand (silent)', 'COWORKER_DELETE with ids that do not exist'),
  spec('blockedDelete', ['never', 'coworker-with-children'], '§3.2 DELETE (S7 rules 31-32)', 'COWORKER_DELETE refused (200 + WasSuccessful:false) while tasks/assets/workspaces use the coworker'),
];

export const DEFAULT_KNOBS: Knobs = Object.fromEntries(KNOB_SPECS.map((s) => [s.knob, s.default])) as Knobs;

export const KNOB_NAMES: string[] = KNOB_SPECS.map((s) => s.knob);

export const SILENT_POINTS: { knob: string; values: unknown[]; section: string; note: string }[] = KNOB_SPECS.map(
  (s) => ({ knob: s.knob, values: [...s.values], section: s.section, note: s.note }),
);

export type PresetName = 'default' | 'minimal' | 'maximal' | 'other-way';

export const PRESETS: Record<string, Partial<Knobs>> = {
  default: {},
  minimal: {
    expiresIn: 86400,
    recordShape: 'base',
    listProjection: 'reduced',
    modifierListsInRecords: false,
    inventoryAssetValue: 'string',
    sortDirection: 'string',
    pageNumberFields: false,
    envelopeExtras: 'none',
    createValue: 'id',
    updateValue: 'id',
    unauthorizedBody: 'empty',
    messageJoin: 'first',
    deleteMessage: '2020',
    commandMessage: 'generic',
    datePrecision: 0,
    wrongTypes: 'coerce',
    idStyle: 'small',
  },
  maximal: {
    expiresIn: 1209599,
    recordShape: 'most',
    listProjection: 'full',
    modifierListsInRecords: true,
    envelopeExtras: 'all',
    createValue: 'record',
    updateValue: 'record',
    errorStatusField: 'http',
    tokenResponseExtras: true,
    rateLimitHeaders: true,
    pageNumberFields: true,
    datePrecision: 7,
    unauthorizedBody: 'json',
  },
  // Every knob away from its default where that stays conformant. requiredMessage stays 'current': the seed pages
  // state "is a required field" for a missing/null/"" required field.
  'other-way': {
    expiresIn: 1209599,
    tokenResponseExtras: true,
    unauthorizedBody: 'text',
    fixtureAccess: 'admin-only',
    throttle: '409',
    throttleEvery: 10,
    throttleWaitSeconds: 0,
    throttleToken: true,
    rateLimitHeaders: true,
    successMessage: '2020',
    deleteMessage: '2020',
    commandMessage: 'generic',
    envelopeExtras: 'none',
    createValue: 'record',
    updateValue: 'record',
    errorStatusField: 'http',
    messageJoin: 'first',
    fkPropertyName: 'id',
    unknownIdOnPut: '200-false',
    invalidEnum: 'accept',
    wrongTypes: 'coerce',
    assignedToBeforeFrom: 'accept',
    dateOffsets: 'reject',
    dateOnly: 'reject',
    dateWithoutZone: 'reject',
    whitespaceRequired: 'accept',
    propertyNameCase: 'exact',
    unknownFk: 'not-found',
    idOnPost: 'reject',
    duplicateEmail: 'accept',
    emailFormat: 'accept',
    maxNameLength: 255,
    emptyOptionalString: 'null',
    nonJsonBody: '415',
    coworkerRequired: 'playground14',
    attendanceDefault: 'null',
    engagementWritable: false,
    dueDateLocal: 'mirror',
    membersPrecedence: 'modifiers-win',
    recordShape: 'written',
    modifierListsInRecords: true,
    listProjection: 'full',
    inventoryAssetValue: 'string',
    coworkerCoworkerType: 'description',
    datePrecision: 0,
    idStyle: 'small',
    sortDirection: 'string',
    dirEncoding: '0/1',
    pageNumberFields: true,
    stringFilter: 'exact-ci',
    maxPageSize: 100000,
    batchUnknownIds: '404',
    coworkerDelete: 'hard',
    deletedCoworkerGet: 404,
    deletedCoworkerReference: '401',
    coworkerPlainDelete: 404,
    commandUnknownIds: 'skip',
    blockedDelete: 'coworker-with-children',
  },
};

/** Parse "name=value" as the CLI gives it: numbers, booleans and null are typed, the rest stays a string. */
export function parseKnobValue(raw: string): unknown {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (raw === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  return raw;
}

const NUMERIC_KNOBS = new Set<keyof Knobs>(['expiresIn', 'throttleEvery', 'throttleWaitSeconds', 'maxNameLength', 'maxPageSize']);

/** Merge preset + overrides and check every value; throws on an unknown knob or value. */
export function resolveKnobs(preset: string, overrides: Partial<Knobs> = {}): Knobs {
  const p = PRESETS[preset];
  if (!p) throw new Error(`unknown preset "${preset}" (known: ${Object.keys(PRESETS).join(', ')})`);
  const k: Record<string, unknown> = { ...DEFAULT_KNOBS, ...p };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const s = KNOB_SPECS.find((x) => x.knob === name);
    if (!s) throw new Error(`unknown knob "${name}"`);
    if (NUMERIC_KNOBS.has(s.knob)) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`knob ${name} needs a number ≥ 0`);
      if ((name === 'throttleEvery' || name === 'maxPageSize' || name === 'expiresIn') && value < 1) {
        throw new Error(`knob ${name} needs a number ≥ 1`);
      }
      k[name] = value;
      continue;
    }
    // "404" from a command line may mean the string '404' or the number 404: take whichever the knob knows.
    const candidates: unknown[] = [value, String(value), typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN];
    const hit = candidates.find((c) => (s.values as unknown[]).includes(c));
    if (hit === undefined) {
      throw new Error(`knob ${name}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.values)}`);
    }
    k[name] = hit;
  }
  return k as Knobs;
}
