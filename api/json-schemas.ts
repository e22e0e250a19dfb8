/**
 * Every JSON Schema the suite uses, built from the endpoint catalogue (api/catalogue). `npm run schemas`
 * writes them to schemas/*.json (checked in; a drift test compares); the single Ajv instance in
 * schemas/ajv.ts compiles them in strict mode.
 *
 * Requests are closed (exactly the documented fields). Responses are open (tenants add fields) and are
 * the documented guarantee only: a property is required, typed or limited only where a source states it,
 * and `x-source` names that source (a seed page line or a fact of docs/sources/nexudus-api.md). Where
 * sources disagree every documented reading passes (`x-note` says which). What a tenant usually answers
 * beyond the guarantee is recorded by the suite (lib/checks/observe.ts), never asserted.
 */
import { Type, type TSchema, type TProperties, type Static } from '@sinclair/typebox';
import { ENTITIES, BASE_FIELDS, requiredFields, type EntityDecl } from './catalogue/entities.ts';
import { slug, endpoint } from './catalogue/endpoints.ts';
import { meta, jsonTypes, isDateTime } from './catalogue/fields.ts';
import { cite, type Citation } from './contract/sources.ts';

/** `x-source` of an asserted constraint: where it is stated. */
const src = (doc: Citation['doc'], quote: string) => ({ 'x-source': cite({ doc, quote }) });

export type JsonSchema = Record<string, unknown> & { $id?: string };

/** Deep copy without TypeBox's symbol keys, so the output is plain JSON Schema. */
const plain = (s: unknown): JsonSchema => JSON.parse(JSON.stringify(s)) as JsonSchema;

const ISO_NOTE = 'Responses may carry 0 to 7 fractional digits (live: 2026-08-27T08:29:18.7760862Z).';

// ----------------------------------------------------------------------------- envelopes (§1.1, §1.2)

export const ValidationErrorItem = Type.Object(
  {
    AttemptedValue: Type.Unknown({ description: 'The value that was submitted for the field, or null if missing.', ...src('seed 002', 'The value that was submitted for the field, or null if missing.') }),
    Message: Type.String({ description: 'The validation error message.', ...src('seed 002', 'The validation error message.') }),
    PropertyName: Type.String({ description: 'The name of the property that failed validation.', ...src('seed 002', 'The name of the property that failed validation.') }),
  },
  { $id: 'validation-error-item.json', ...src('seed 000', '"AttemptedValue": "<any>",') },
);

export const MutationEnvelope = Type.Object(
  {
    Status: Type.Integer({ description: 'HTTP status code. 200 on success.', ...src('seed 000', 'Status integer HTTP status code. 200 on success.') }),
    Message: Type.String({ description: 'A human-readable message confirming the operation.', ...src('seed 000', 'Message string A human-readable message confirming the update.') }),
    Value: Type.Object({ Id: Type.Integer() }, { description: 'Contains the Id of the record (only Id is documented; nexudus-api.md §8 #11).', ...src('seed 000', 'Value object Contains the Id of the updated record.') }),
    // keys of the example answer that the field lists do not describe: recorded, not asserted
    OpenInDialog: Type.Optional(Type.Unknown({ 'x-note': 'In the example answer only; presence recorded.' })),
    OpenInWindow: Type.Optional(Type.Unknown({ 'x-note': 'In the example answer only; presence recorded.' })),
    RedirectURL: Type.Optional(Type.Unknown({ 'x-note': 'In the example answer only; presence recorded.' })),
    JavaScript: Type.Optional(Type.Unknown({ 'x-note': 'In the example answer only; presence recorded.' })),
    UpdatedOn: Type.Optional(Type.Unknown({ 'x-note': `In the example answer only; presence recorded. ${ISO_NOTE}` })),
    UpdatedBy: Type.Optional(Type.Unknown({ 'x-note': 'In the example answer only; presence recorded.' })),
    Errors: Type.Null({ description: 'null on success.', ...src('seed 000', 'Errors array null on success.') }),
    WasSuccessful: Type.Literal(true, { ...src('seed 000', 'true if the coworkerinventoryasset was updated successfully.') }),
  },
  { $id: 'envelope.mutation.json', description: 'POST/PUT success (seed pages, 200).', ...src('seed 000', 'Status integer HTTP status code. 200 on success.') },
);

export const ValidationFailureEnvelope = Type.Object(
  {
    Status: Type.Optional(Type.Integer({ 'x-note': 'Absent in the seed 400 examples; the 2020 docs show Status 500 inside a 400 (nexudus-api.md §1.1).', ...src('facts', '2020 docs show `"Status": 500` inside a documented 400 example') })),
    Message: Type.String({ description: 'A summary of the validation error(s), in the format PropertyName: error message.', ...src('seed 000', 'A summary of the validation error(s), in the format PropertyName: error message.') }),
    Value: Type.Null({ description: 'null on validation failure.', ...src('seed 000', 'Value any null on validation failure.') }),
    Errors: Type.Array(Type.Ref('validation-error-item.json'), { minItems: 1, ...src('seed 000', 'Errors object[] Array of validation errors.') }),
    WasSuccessful: Type.Literal(false, { ...src('seed 000', 'false when the request fails validation.') }),
  },
  { $id: 'envelope.validation-error.json', description: 'Validation failure (seed pages, 400).', ...src('seed 000', 'Errors object[] Array of validation errors.') },
);

const DELETE_ROW = '| `DELETE /api/{m}/{e}/{id}` | mutation envelope (`Value:null`)';
export const DeleteEnvelope = Type.Object(
  {
    Message: Type.String({ ...src('facts', DELETE_ROW) }),
    Value: Type.Optional(Type.Null({ ...src('facts', DELETE_ROW) })),
    WasSuccessful: Type.Boolean({ description: 'Must be checked even on HTTP 200 (nexudus-api.md §3.2).', ...src('facts', DELETE_ROW) }),
    Errors: Type.Optional(Type.Union([Type.Null(), Type.Array(Type.Ref('validation-error-item.json'))], src('facts', '| `Errors` | array / null | null on success;'))),
  },
  { $id: 'envelope.delete.json', description: 'DELETE /{id} and runcommand answers (nexudus-api.md §3.2).', ...src('facts', DELETE_ROW) },
);

export const RunCommandRequest = Type.Object(
  {
    Key: Type.String({ description: 'Command key, e.g. COWORKER_DELETE.' }),
    Ids: Type.Array(Type.Integer(), { minItems: 1 }),
    Parameters: Type.Optional(Type.Array(Type.Object({ Name: Type.String(), Value: Type.Unknown() }, { additionalProperties: false }))),
  },
  { $id: 'runcommand.request.json', additionalProperties: false },
);

const PAGING = src('facts', '| `CurrentPage`, `CurrentPageSize` | int | S1, S6 |');
const ITEMS = src('facts', '| `FirstItem`, `LastItem`, `TotalItems`, `TotalPages` | int | S1, S6 |');
const HAS = src('facts', '| `HasNextPage`, `HasPreviousPage` | bool | S1, S6 |');
const listEnvelopeProps = {
  CurrentPage: Type.Integer(PAGING),
  CurrentPageSize: Type.Integer(PAGING),
  CurrentOrderField: Type.Union([Type.String(), Type.Null()], src('facts', '| `CurrentOrderField` | string')),
  CurrentSortDirection: Type.Union([Type.Integer(), Type.String()], {
    'x-note': 'nexudus-api.md §1.2/§8 #3: an int in the admin REST docs, "ASC" in the portal API docs: both readings pass.',
    ...src('facts', '| `CurrentSortDirection` | int in admin REST docs'),
  }),
  FirstItem: Type.Integer(ITEMS),
  LastItem: Type.Integer(ITEMS),
  TotalItems: Type.Integer(ITEMS),
  TotalPages: Type.Integer(ITEMS),
  HasNextPage: Type.Boolean(HAS),
  HasPreviousPage: Type.Boolean(HAS),
  PageNumber: Type.Optional(Type.Integer({ 'x-note': 'In 2020 examples only (nexudus-api.md §1.2).', ...src('facts', '| `PageNumber`, `PageSize` | int |') })),
  PageSize: Type.Optional(Type.Integer(src('facts', '| `PageNumber`, `PageSize` | int |'))),
};

export const ListEnvelope = Type.Object(
  { Records: Type.Array(Type.Object({ Id: Type.Integer() }), src('facts', '| `Records` | array | S1, S4, S6 |')), ...listEnvelopeProps },
  { $id: 'envelope.list.json', description: 'GET list (nexudus-api.md §1.2).', ...src('facts', '| `Records` | array | S1, S4, S6 |') },
);

// ----------------------------------------------------------------------------- auth (§4)

const TOKEN_ROW = src('facts', '`{ "access_token": string, "token_type": "bearer", "expires_in": int seconds, "refresh_token": string }`');
export const TokenResponse = Type.Object(
  {
    access_token: Type.String({ minLength: 1, ...TOKEN_ROW }),
    token_type: Type.String({ pattern: '^[Bb]earer$', ...TOKEN_ROW }),
    expires_in: Type.Integer({ minimum: 1, 'x-note': 'nexudus-api.md §8 #6: 604799 (docs) vs 1209599 (live) vs 86400; never hard-coded.', ...TOKEN_ROW }),
    refresh_token: Type.String({ minLength: 1, ...TOKEN_ROW }),
  },
  { $id: 'token.response.json', ...TOKEN_ROW },
);

export const OAuthError = Type.Object(
  {
    error: Type.String({ description: 'invalid_grant, unsupported_grant_type, two_factor_auth_check, must_reset_password…', ...src('facts', 'HTTP 400 with OAuth error JSON: `{"error":"invalid_grant"') }),
    error_description: Type.Optional(Type.String(src('facts', '"error_description":"The user name or password is incorrect."'))),
  },
  { $id: 'oauth.error.json', ...src('facts', 'HTTP 400 with OAuth error JSON: `{"error":"invalid_grant"') },
);

// ----------------------------------------------------------------------------- tenant profile

const Persona = Type.Object(
  {
    username: Type.String({ minLength: 1 }),
    password: Type.String({ minLength: 1, description: 'Plain, or ${ENV_NAME} to read it from the environment.' }),
    fullAdmin: Type.Optional(Type.Boolean()),
    roles: Type.Optional(Type.Array(Type.String({
      pattern: '^[A-Za-z]+-[A-Za-z]+$',
      description: '<Entity>-<List|Read|Create|Edit|Delete>, in any letter case (the 2020 docs wrote them lower-case); an unknown entity or action is refused with a suggestion.',
    }))),
  },
  { additionalProperties: false },
);

const Limits = Type.Object(
  {
    writesPerMinute: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    writesPerDay: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    requestsPer100ms: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    requestsPerMinute: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    requestsPerHour: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  },
  { additionalProperties: false },
);

export const Profile = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    name: Type.Optional(Type.String({ description: 'Tenant name for reports and baselines; defaults to the file name.' })),
    baseUrl: Type.String({ pattern: '^https?://', description: 'e.g. https://spaces.nexudus.com' }),
    personas: Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_-]*$' }), Persona, { minProperties: 1 }),
    fixtures: Type.Optional(
      Type.Object(
        {
          businessId: Type.Optional(Type.Integer()),
          inventoryAssetId: Type.Optional(Type.Integer()),
          responsibleId: Type.Optional(Type.Integer()),
          coworkerId: Type.Optional(Type.Integer()),
          countryId: Type.Optional(Type.Integer()),
          simpleTimeZoneId: Type.Optional(Type.Integer()),
        },
        {
          additionalProperties: false,
          // an existing record of the tenant for a foreign key of an entity read from its page: `resourceId`, `tariffId`…
          patternProperties: { '^(?!businessId$|inventoryAssetId$|responsibleId$|coworkerId$|countryId$|simpleTimeZoneId$)[a-z][A-Za-z0-9]*Id$': { type: 'integer', minimum: 1 } },
          description: 'Ids of existing records the run refers to; the five named ones are discovered when left out.',
        },
      ),
    ),
    entities: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z][A-Za-z0-9]*$' }), {
      minItems: 1, uniqueItems: true,
      description: 'The entities the run covers, by name (e.g. ["CoworkerTask", "Booking"]); default: every entity of the catalogue.',
    })),
    allowWrites: Type.Optional(Type.Boolean({ description: 'Non-loopback targets run read-only checks unless true.' })),
    deniedStatus: Type.Optional(Type.Integer({ minimum: 400, maximum: 499, description: 'Status a denied request answers; 401 per the docs.' })),
    limits: Type.Optional(Limits),
    tokenLifetimeSeconds: Type.Optional(Type.Integer({ minimum: 1, description: 'Set when the tenant issues short-lived tokens, so the expiry check can run.' })),
    sweepAfterMinutes: Type.Optional(Type.Number({ minimum: 0, description: 'Markers older than this are swept at start (default 120).' })),
  },
  { $id: 'profile.json', additionalProperties: false },
);
export type ProfileFile = Static<typeof Profile>;

// ----------------------------------------------------------------------------- entity schemas (§2)

const BASE_ROW = '| Base fields on every record |';
const BASE_RECORD: TProperties = {
  Id: Type.Integer(src('facts', BASE_ROW)),
  UniqueId: Type.String({ description: 'GUID', ...src('facts', BASE_ROW) }),
  CreatedOn: Type.String({ format: 'iso-date-time', 'x-note': ISO_NOTE, ...src('facts', BASE_ROW) }),
  UpdatedOn: Type.String({ format: 'iso-date-time', 'x-note': ISO_NOTE, ...src('facts', BASE_ROW) }),
  UpdatedBy: Type.Union([Type.String(), Type.Null()], src('facts', BASE_ROW)),
  IsNew: Type.Boolean(src('facts', BASE_ROW)),
  SystemId: Type.Union([Type.String(), Type.Null()], src('facts', BASE_ROW)),
};
const BASE_OPTIONAL: TProperties = {
  ToStringText: Type.Union([Type.String(), Type.Null()], src('facts', 'responses also carry `ToStringText`, `LocalizationDetails`, `CustomFields`')),
  LocalizationDetails: Type.Unknown(),
  CustomFields: Type.Unknown(),
};
// the catalogue names these fields for code that must not build the schemas (workers, observations)
if ([...Object.keys(BASE_RECORD), ...Object.keys(BASE_OPTIONAL)].join() !== BASE_FIELDS.join()) throw new Error('BASE_FIELDS (api/catalogue/entities.ts) and the record schema disagree');

/** The entity's section of the facts, the source of its field types. */
const ENTITY_SECTION: Record<string, string> = {
  CoworkerInventoryAsset: '### 2.1 CoworkerInventoryAsset', CoworkerTask: '### 2.2 CoworkerTask', Workspace: '### 2.3 Workspace', Coworker: '### 2.4 Coworker',
};

function closed(id: string, props: Record<string, JsonSchema>, required: string[], description: string): JsonSchema {
  return { $id: id, type: 'object', description, properties: props, required, additionalProperties: false };
}

/** Request body (POST or PUT) exactly as documented. */
function requestSchema(e: EntityDecl, verb: 'post' | 'put'): JsonSchema {
  const props: Record<string, JsonSchema> = {};
  if (verb === 'put') props.Id = { type: 'integer', description: `The Id of the ${e.name} record to update.` };
  for (const [n, s] of Object.entries(e.fields)) props[n] = plain(s);
  const required = endpoint(e, verb === 'post' ? 'create' : 'update').required;
  return closed(`${slug(e)}.${verb}.json`, props, required, `${verb.toUpperCase()} ${e.name} request body.`);
}

/**
 * The rules a tenant enforces beyond JSON types, for the generators' own checks: required
 * text is not blank ("is a required field"), Ids are positive, request dates are UTC with Z.
 */
function strictRequestSchema(e: EntityDecl, verb: 'post' | 'put'): JsonSchema {
  const s = requestSchema(e, verb);
  s.$id = `${slug(e)}.${verb}.strict.json`;
  s.description = `${s.description} Strict: the generators' notion of valid.`;
  const required = new Set(s.required as string[]);
  for (const [n, p] of Object.entries(s.properties as Record<string, JsonSchema>)) {
    const types = jsonTypes(p as unknown as TSchema);
    if (types.includes('integer') && (n === 'Id' || meta(p as unknown as TSchema)['x-nav'])) p.minimum = 1;
    if (types.includes('string') && isDateTime(p as unknown as TSchema)) p.pattern = 'Z$';
    else if (types.includes('string') && required.has(n)) p.pattern = '\\S';
    if (types.includes('array') && (p.items as JsonSchema | undefined)) (p.items as JsonSchema).minimum = 1;
  }
  return s;
}

/**
 * A documented field as a record may carry it: its documented JSON type or null, dates in any ISO form the
 * docs show. Enum limits are not asserted on reads (the docs' own batch example carries 0 for CoworkerType).
 */
function readType(s: TSchema, section: string | { page: true }): JsonSchema {
  const p = plain(s);
  delete p['x-send'];
  delete p.enum;
  const types = jsonTypes(s);
  p.type = [...new Set([...types, 'null'])];
  if (isDateTime(s)) p.format = 'iso-date-time'; // responses: 0-7 fractional digits; local times may lack a zone
  // a field read from a page keeps the page's own citation (x-source of the field)
  if (typeof section === 'string') p['x-source'] = cite({ doc: 'facts', quote: section });
  return p;
}

/** An entity read from its pages: its fields' types are cited at their page lines. */
const pageSection = (e: EntityDecl): { page: true } => {
  if (!e.pages) throw new Error(`no source of ${e.name}'s field types`);
  return { page: true };
};

/**
 * Record as GET one (kind record) or GET list (list-item) answers it: the guarantee only. Every record carries
 * the base fields (nexudus-api.md §1); list records are a reduced projection (only Id asserted). Other documented
 * fields are typed when present, never required (§10). Extra fields are allowed.
 */
function recordSchema(e: EntityDecl, kind: 'record' | 'list-item'): JsonSchema {
  const section = ENTITY_SECTION[e.name] ?? pageSection(e);
  const props: Record<string, JsonSchema> = {};
  for (const [n, s] of [...Object.entries(BASE_RECORD), ...Object.entries(BASE_OPTIONAL)]) props[n] = plain(s);
  const required = kind === 'record' ? Object.keys(BASE_RECORD) : ['Id'];
  for (const [n, s] of Object.entries(e.fields)) {
    if (e.writeOnly?.includes(n)) continue;
    props[n] = readType(s, section);
  }
  for (const [n, s] of Object.entries(e.readOnly)) props[n] = readType(s, section);
  return {
    $id: `${slug(e)}.${kind}.json`,
    type: 'object',
    description: `${e.name} as ${kind === 'record' ? 'GET one and GET batch answer it' : 'an item of GET list'}: the documented guarantee. ${e.summary}`,
    'x-source': cite({ doc: 'facts', quote: kind === 'record' ? BASE_ROW : 'List vs single | List/search responses are a reduced projection' }),
    properties: props,
    required,
    additionalProperties: true,
  };
}

function listSchema(e: EntityDecl): JsonSchema {
  const env = plain(ListEnvelope);
  env.$id = `${slug(e)}.list.json`;
  env.description = `GET list of ${e.name} (nexudus-api.md §1.2).`;
  (env.properties as Record<string, JsonSchema>).Records = { type: 'array', items: { $ref: `${slug(e)}.list-item.json` }, 'x-source': cite({ doc: 'facts', quote: '| `Records` | array | S1, S4, S6 |' }) };
  return env;
}

const batchSchema = (e: EntityDecl): JsonSchema => ({
  $id: `${slug(e)}.batch.json`,
  'x-source': cite({ doc: 'facts', quote: 'JSON **array** of records (same shape as get-one)' }),
  description: `GET batch ?id=[…] of ${e.name}: a JSON array of records (nexudus-api.md §3.2).`,
  type: 'array',
  items: { $ref: `${slug(e)}.record.json` },
});

/** Every schema, keyed by $id (= file name under schemas/). */
export function allSchemas(): JsonSchema[] {
  const out: JsonSchema[] = [
    plain(ValidationErrorItem), plain(MutationEnvelope), plain(ValidationFailureEnvelope), plain(DeleteEnvelope),
    plain(RunCommandRequest), plain(ListEnvelope), plain(TokenResponse), plain(OAuthError), plain(Profile),
  ];
  for (const e of ENTITIES) {
    out.push(requestSchema(e, 'post'), requestSchema(e, 'put'), strictRequestSchema(e, 'post'), strictRequestSchema(e, 'put'),
      recordSchema(e, 'record'), recordSchema(e, 'list-item'), listSchema(e), batchSchema(e));
  }
  return out;
}

/** x- annotation keywords used in the schemas (ajv must know them in strict mode). */
export const ANNOTATION_KEYWORDS = ['x-nav', 'x-ref', 'x-gen', 'x-enum-names', 'x-evidence', 'x-send', 'x-note', 'x-local-time', 'x-modifies', 'x-after', 'x-source', 'x-server-default'];
