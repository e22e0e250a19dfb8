/**
 * Every JSON Schema the suite uses, built from the endpoint catalogue (lib/catalogue). `npm run schemas`
 * writes them to schemas/*.json (checked in; a drift test compares); the single Ajv instance in
 * schemas/ajv.ts compiles them in strict mode.
 *
 * Requests are closed (exactly the documented fields). Responses are open (tenants add fields) and
 * require every documented property. Where sources disagree the documented reading wins and the
 * disagreement is kept in `x-note` (nexudus-api.md §8).
 */
import { Type, type TSchema, type TProperties, type Static } from '@sinclair/typebox';
import { ENTITIES, requiredFields, isOptional, type EntityDecl } from '../lib/catalogue/entities.ts';
import { slug } from '../lib/catalogue/endpoints.ts';
import { meta, jsonTypes, isDateTime } from '../lib/catalogue/fields.ts';

export type JsonSchema = Record<string, unknown> & { $id?: string };

/** Deep copy without TypeBox's symbol keys, so the output is plain JSON Schema. */
const plain = (s: unknown): JsonSchema => JSON.parse(JSON.stringify(s)) as JsonSchema;

const ISO_NOTE = 'Responses may carry 0 to 7 fractional digits (live: 2026-08-27T08:29:18.7760862Z).';

// ----------------------------------------------------------------------------- envelopes (§1.1, §1.2)

export const ValidationErrorItem = Type.Object(
  {
    AttemptedValue: Type.Unknown({ description: 'The value that was submitted for the field, or null if missing.' }),
    Message: Type.String({ description: 'The validation error message.' }),
    PropertyName: Type.String({ description: 'The name of the property that failed validation.' }),
  },
  { $id: 'validation-error-item.json' },
);

export const MutationEnvelope = Type.Object(
  {
    Status: Type.Integer({ description: 'HTTP status code. 200 on success.' }),
    Message: Type.String({ description: 'A human-readable message confirming the operation.' }),
    Value: Type.Object({ Id: Type.Integer() }, { description: 'Contains the Id of the record (only Id is documented; nexudus-api.md §8 #11).' }),
    OpenInDialog: Type.Boolean(),
    OpenInWindow: Type.Boolean(),
    RedirectURL: Type.Union([Type.String(), Type.Null()]),
    JavaScript: Type.Union([Type.String(), Type.Null()]),
    UpdatedOn: Type.String({ format: 'iso-date-time', 'x-note': ISO_NOTE }),
    UpdatedBy: Type.Union([Type.String(), Type.Null()]),
    Errors: Type.Null({ description: 'null on success.' }),
    WasSuccessful: Type.Literal(true),
  },
  { $id: 'envelope.mutation.json', description: 'POST/PUT success (seed pages, 200 example).' },
);

export const ValidationFailureEnvelope = Type.Object(
  {
    Status: Type.Optional(Type.Integer({ 'x-note': 'Absent in the seed 400 examples; the 2020 docs show Status 500 inside a 400 (nexudus-api.md §1.1).' })),
    Message: Type.String({ description: 'A summary of the validation error(s), in the format PropertyName: error message.' }),
    Value: Type.Null({ description: 'null on validation failure.' }),
    Errors: Type.Array(Type.Ref('validation-error-item.json'), { minItems: 1 }),
    WasSuccessful: Type.Literal(false),
  },
  { $id: 'envelope.validation-error.json', description: 'Validation failure (seed pages, 400 example).' },
);

export const DeleteEnvelope = Type.Object(
  {
    Message: Type.String(),
    Value: Type.Null(),
    WasSuccessful: Type.Boolean({ description: 'Must be checked even on HTTP 200 (nexudus-api.md §3.2).' }),
    Errors: Type.Union([Type.Null(), Type.Array(Type.Ref('validation-error-item.json'))]),
  },
  { $id: 'envelope.delete.json', description: 'DELETE /{id} and runcommand answers (nexudus-api.md §3.2).' },
);

export const RunCommandRequest = Type.Object(
  {
    Key: Type.String({ description: 'Command key, e.g. COWORKER_DELETE.' }),
    Ids: Type.Array(Type.Integer(), { minItems: 1 }),
    Parameters: Type.Optional(Type.Array(Type.Object({ Name: Type.String(), Value: Type.Unknown() }, { additionalProperties: false }))),
  },
  { $id: 'runcommand.request.json', additionalProperties: false },
);

const listEnvelopeProps = {
  CurrentPage: Type.Integer(),
  CurrentPageSize: Type.Integer(),
  CurrentOrderField: Type.Union([Type.String(), Type.Null()]),
  CurrentSortDirection: Type.Integer({
    'x-note': 'nexudus-api.md §1.2/§8 #3: an int in the admin REST docs; the portal API shows "ASC". The schema takes the admin reading.',
  }),
  FirstItem: Type.Integer(),
  LastItem: Type.Integer(),
  TotalItems: Type.Integer(),
  TotalPages: Type.Integer(),
  HasNextPage: Type.Boolean(),
  HasPreviousPage: Type.Boolean(),
  PageNumber: Type.Optional(Type.Integer({ 'x-note': 'In 2020 examples only (nexudus-api.md §1.2).' })),
  PageSize: Type.Optional(Type.Integer()),
};

export const ListEnvelope = Type.Object(
  { Records: Type.Array(Type.Object({ Id: Type.Integer() })), ...listEnvelopeProps },
  { $id: 'envelope.list.json', description: 'GET list (nexudus-api.md §1.2).' },
);

// ----------------------------------------------------------------------------- auth (§4)

export const TokenResponse = Type.Object(
  {
    access_token: Type.String({ minLength: 1 }),
    token_type: Type.String({ pattern: '^[Bb]earer$' }),
    expires_in: Type.Integer({ minimum: 1, 'x-note': 'nexudus-api.md §8 #6: 604799 (docs) vs 1209599 (live) vs 86400; never hard-coded.' }),
    refresh_token: Type.String({ minLength: 1 }),
  },
  { $id: 'token.response.json' },
);

export const OAuthError = Type.Object(
  {
    error: Type.String({ description: 'invalid_grant, unsupported_grant_type, two_factor_auth_check, must_reset_password…' }),
    error_description: Type.Optional(Type.String()),
  },
  { $id: 'oauth.error.json' },
);

// ----------------------------------------------------------------------------- tenant profile (issue 6)

const Persona = Type.Object(
  {
    username: Type.String({ minLength: 1 }),
    password: Type.String({ minLength: 1, description: 'Plain, or ${ENV_NAME} to read it from the environment.' }),
    fullAdmin: Type.Optional(Type.Boolean()),
    roles: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Za-z]+-(List|Read|Create|Edit|Delete)$' }))),
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
        { additionalProperties: false },
      ),
    ),
    allowWrites: Type.Optional(Type.Boolean({ description: 'Non-loopback targets run read-only checks unless true (issue 7).' })),
    deniedStatus: Type.Optional(Type.Integer({ minimum: 400, maximum: 499, description: 'Status a denied request answers; 401 per the docs.' })),
    limits: Type.Optional(Limits),
    tokenLifetimeSeconds: Type.Optional(Type.Integer({ minimum: 1, description: 'Set when the tenant issues short-lived tokens, so the expiry check can run.' })),
    sweepAfterMinutes: Type.Optional(Type.Number({ minimum: 0, description: 'Markers older than this are swept at start (default 120).' })),
  },
  { $id: 'profile.json', additionalProperties: false },
);
export type ProfileFile = Static<typeof Profile>;

// ----------------------------------------------------------------------------- entity schemas (§2)

const BASE_RECORD: TProperties = {
  Id: Type.Integer(),
  UniqueId: Type.String({ description: 'GUID' }),
  CreatedOn: Type.String({ format: 'date-time', 'x-note': ISO_NOTE }),
  UpdatedOn: Type.String({ format: 'date-time', 'x-note': ISO_NOTE }),
  UpdatedBy: Type.Union([Type.String(), Type.Null()]),
  IsNew: Type.Boolean(),
  SystemId: Type.Union([Type.String(), Type.Null()]),
};
const BASE_OPTIONAL: TProperties = {
  ToStringText: Type.Union([Type.String(), Type.Null()]),
  LocalizationDetails: Type.Unknown(),
  CustomFields: Type.Unknown(),
};

function closed(id: string, props: Record<string, JsonSchema>, required: string[], description: string): JsonSchema {
  return { $id: id, type: 'object', description, properties: props, required, additionalProperties: false };
}

/** Request body (POST or PUT) exactly as documented. */
function requestSchema(e: EntityDecl, verb: 'post' | 'put'): JsonSchema {
  const props: Record<string, JsonSchema> = {};
  if (verb === 'put') props.Id = { type: 'integer', description: `The Id of the ${e.name} record to update.` };
  for (const [n, s] of Object.entries(e.fields)) props[n] = plain(s);
  const required = [...(verb === 'put' ? ['Id'] : []), ...requiredFields(e), ...(verb === 'put' ? e.putRequiredExtra ?? [] : [])];
  return closed(`${slug(e)}.${verb}.json`, props, required, `${verb.toUpperCase()} ${e.name} request body.`);
}

/**
 * The rules a tenant enforces beyond JSON types, for the generators' own checks (issue 5): required
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

/** Record as GET one answers it: every documented field required, extra fields allowed. */
function recordSchema(e: EntityDecl, kind: 'record' | 'list-item'): JsonSchema {
  const props: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [n, s] of [...Object.entries(BASE_RECORD), ...Object.entries(BASE_OPTIONAL)]) props[n] = plain(s);
  required.push(...Object.keys(BASE_RECORD));
  for (const [n, s] of Object.entries(e.fields)) {
    if (e.writeOnly?.includes(n)) continue;
    const p = plain(s);
    delete p['x-send'];
    if (meta(s)['x-local-time']) p.format = 'iso-date-time'; // location wall-clock time, may lack a zone
    else if (isDateTime(s)) p.format = 'iso-date-time'; // responses: 0-7 fractional digits, Z
    props[n] = p;
    const evidenced = meta(s)['x-evidence'] !== 'inferred';
    const inList = kind === 'record' || !e.notInList?.includes(n);
    if (evidenced && inList) required.push(n);
    void isOptional;
  }
  for (const [n, s] of Object.entries(e.readOnly)) {
    props[n] = plain(s);
    if (!e.readOnlyOptional) required.push(n);
  }
  return {
    $id: `${slug(e)}.${kind}.json`,
    type: 'object',
    description: `${e.name} as ${kind === 'record' ? 'GET one and GET batch answer it' : 'an item of GET list'}. ${e.summary}`,
    properties: props,
    required,
    additionalProperties: true,
  };
}

function listSchema(e: EntityDecl): JsonSchema {
  const env = plain(ListEnvelope);
  env.$id = `${slug(e)}.list.json`;
  env.description = `GET list of ${e.name} (nexudus-api.md §1.2).`;
  (env.properties as Record<string, JsonSchema>).Records = { type: 'array', items: { $ref: `${slug(e)}.list-item.json` } };
  return env;
}

const batchSchema = (e: EntityDecl): JsonSchema => ({
  $id: `${slug(e)}.batch.json`,
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
export const ANNOTATION_KEYWORDS = ['x-nav', 'x-ref', 'x-gen', 'x-enum-names', 'x-evidence', 'x-send', 'x-note', 'x-local-time', 'x-modifies', 'x-after'];
