/**
 * The OpenAPI 3.1 document of everything in the endpoint catalogue, plus the parser of the
 * seed pages (docs/seeds/*.txt) whose curl bodies and response examples become the document's
 * examples and the schema tests' fixtures. Written to openapi.json by `npm run openapi`; the sandbox
 * serves buildOpenApi() at GET /api/openapi.json. How it is modelled: docs/openapi.md.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ENDPOINTS, TOKEN_ENDPOINT, type Endpoint } from './catalogue/endpoints.ts';
import { ENTITIES, type Module } from './catalogue/entities.ts';
import { allSchemas, type JsonSchema } from './json-schemas.ts';

/** Pretty JSON exactly as written to disk: 2-space indent, key order as built, trailing newline. */
export const jsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

// ============================================================================ seed pages

export const SEEDS_DIR = fileURLToPath(new URL('../docs/seeds/', import.meta.url));

export type SeedBlockKind = 'request' | 'response-200' | 'response-400' | 'type-sketch';

export interface SeedBlock {
  kind: SeedBlockKind;
  /** parsed JSON */
  json: unknown;
  /** 1-based line of the block's first character in the seed file */
  line: number;
  /** for requests: `METHOD /api/...` of the curl command that carries the body */
  endpointId?: string;
}

export interface SeedPage {
  file: string;
  /** `METHOD /api/...`, from the page's curl commands (they must all agree) */
  endpointId: string;
  blocks: SeedBlock[];
}

const lineOf = (text: string, index: number): number => text.slice(0, index).split('\n').length;

/** The Mintlify "type sketch" at the top of some pages: `{"Status": 123, "Message": "<string>", …}`. */
export function isTypeSketch(json: unknown): boolean {
  const o = json as Record<string, unknown> | null;
  return !!o && typeof o === 'object' && o.Status === 123 && o.Message === '<string>' && o.Value === '<any>';
}

/** End index (exclusive) of the balanced `{…}` starting at `start`, skipping braces inside strings. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  throw new Error(`unbalanced { at offset ${start}`);
}

/**
 * Parses one seed page. Curl commands (`curl -X PUT … -d '…'` and `curl --request PUT --url … --data '…'`)
 * give the request bodies and the endpoint; every other top-level `{…}` block is a response example,
 * classified by the nearest preceding `200` / `400` heading line after the `Response` heading, or, before
 * that heading, the type sketch. A block that fits none of these throws, so a parser regression is loud.
 */
export function parseSeed(file: string, text: string): SeedPage {
  const blocks: SeedBlock[] = [];
  const taken: [number, number][] = [];
  const curl = /curl\s+(?:-X|--request)\s+([A-Z]+)([\s\S]*?)\s(?:-d|--data(?:-raw)?)\s+'([^']*)'/g;
  const endpointIds = new Set<string>();
  for (const m of text.matchAll(curl)) {
    const [whole, method, between, body] = m;
    const url = /https:\/\/spaces\.nexudus\.com(\/api\/[A-Za-z0-9/_-]+)/.exec(between);
    if (!url) throw new Error(`${file}:${lineOf(text, m.index)}: curl command without a spaces.nexudus.com URL`);
    const endpointId = `${method} ${url[1]}`;
    endpointIds.add(endpointId);
    const bodyAt = m.index + whole.length - body.length - 1;
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (e) {
      throw new Error(`${file}:${lineOf(text, bodyAt)}: curl body is not JSON (${(e as Error).message})`);
    }
    blocks.push({ kind: 'request', json, line: lineOf(text, bodyAt + body.search(/\S/)), endpointId });
    taken.push([m.index, m.index + whole.length]);
  }
  if (endpointIds.size !== 1) {
    throw new Error(`${file}: expected the curl commands to name exactly one endpoint, found ${[...endpointIds].join(', ') || 'none'}`);
  }

  const headings = [...text.matchAll(/^(Response|200|400)[ \t]*$/gm)].map((h) => ({ at: h.index, label: h[1] }));
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '{') continue;
    const inCurl = taken.find(([a, b]) => i >= a && i < b);
    if (inCurl) {
      i = inCurl[1] - 1;
      continue;
    }
    const end = balancedEnd(text, i);
    const raw = text.slice(i, end);
    const line = lineOf(text, i);
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      throw new Error(`${file}:${line}: {…} block is not JSON (${(e as Error).message})`);
    }
    const before = headings.filter((h) => h.at < i);
    const afterResponse = before.some((h) => h.label === 'Response');
    const status = [...before].reverse().find((h) => h.label !== 'Response');
    if (!afterResponse) {
      if (!isTypeSketch(json)) throw new Error(`${file}:${line}: {…} block before the Response heading that is not the type sketch`);
      blocks.push({ kind: 'type-sketch', json, line });
    } else if (status) {
      blocks.push({ kind: status.label === '200' ? 'response-200' : 'response-400', json, line });
    } else {
      throw new Error(`${file}:${line}: response block without a 200/400 heading`);
    }
    i = end - 1;
  }
  blocks.sort((a, b) => a.line - b.line);
  return { file, endpointId: [...endpointIds][0], blocks };
}

/** Every seed page under docs/seeds, in file order. */
export function readSeeds(dir: string = SEEDS_DIR): SeedPage[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => parseSeed(f, readFileSync(join(dir, f), 'utf8')));
}

// ============================================================================ OpenAPI document

/** Component key of a schema $id: `coworkertask.post.json` → `coworkertask.post`. */
export const componentKey = (id: string): string => id.replace(/\.json$/, '');
export const componentRef = (id: string): string => `#/components/schemas/${componentKey(id)}`;
const ref = (id: string) => ({ $ref: componentRef(id) });

/** Deep copy with every `$ref: "x.json"` rewritten to its component and top-level `$id` removed. */
export function toComponent(schema: JsonSchema, known: ReadonlySet<string>): Record<string, unknown> {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string') {
        if (!known.has(x)) throw new Error(`schema ${schema.$id}: $ref to unknown schema ${x}`);
        out[k] = componentRef(x);
      } else out[k] = walk(x);
    }
    return out;
  };
  const { $id: _drop, ...rest } = schema;
  void _drop;
  return walk(rest) as Record<string, unknown>;
}

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string; description?: string };

const MODULE_TAGS: Record<Module, string> = {
  spaces: 'Spaces module: locations, customers and their assets (`/api/spaces/…`).',
  crm: 'CRM module: tasks and other sales follow-up (`/api/crm/…`).',
  collaboration: 'Collaboration module: workspaces shared by members (`/api/collaboration/…`).',
};

const OP_VERB: Record<Endpoint['op'], string> = {
  list: 'list', get: 'get', batch: 'getBatch', create: 'create', update: 'update', delete: 'delete', runcommand: 'runCommand',
};

export const operationId = (ep: Endpoint): string =>
  ep.op === 'list' ? `list${ep.entity.name}s` : ep.op === 'runcommand' ? `run${ep.entity.name}Command` : `${OP_VERB[ep.op]}${ep.entity.name}`;

/** `PUT /api/x?id=[…]` → `/api/x` (OpenAPI paths carry no query). */
export const openApiPath = (ep: Endpoint): string => ep.path.split('?')[0];

const SUMMARY: Record<Endpoint['op'], (n: string) => string> = {
  list: (n) => `List ${n} records (paged)`,
  get: (n) => `Get one ${n} by Id`,
  batch: (n) => `Get several ${n} records by Id`,
  create: (n) => `Create a ${n}`,
  update: (n) => `Update a ${n} (full replace; Id in the body)`,
  delete: (n) => `Delete a ${n}`,
  runcommand: (n) => `Run a ${n} command (e.g. COWORKER_DELETE)`,
};

function examplesFor(ep: Endpoint, seeds: SeedPage[], kind: SeedBlockKind): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const page of seeds) {
    const blocks = page.blocks.filter((b) => b.kind === kind && (kind === 'request' ? b.endpointId : page.endpointId) === ep.id);
    blocks.forEach((b, n) => {
      out[`seed-${page.file.slice(0, 3)}-${n + 1}`] = {
        summary: `From the official reference page (docs/seeds/${page.file}, line ${b.line})`,
        value: b.json,
      };
    });
  }
  return Object.keys(out).length ? out : undefined;
}

const json = (schema: unknown, examples?: Record<string, unknown>) => ({
  'application/json': { schema, ...(examples ? { examples } : {}) },
});

const PAGING_PARAMS = [
  { name: 'page', in: 'query', required: false, description: 'Page number, 1-based (default 1).', schema: { type: 'integer', minimum: 1, default: 1 } },
  { name: 'size', in: 'query', required: false, description: 'Page size (default 25; the 2020 docs give 1000 as the maximum).', schema: { type: 'integer', minimum: 1, default: 25 } },
  { name: 'orderBy', in: 'query', required: false, description: 'Property to sort by, e.g. `Id`, `Name`, `CreatedOn`.', schema: { type: 'string' } },
  {
    name: 'dir', in: 'query', required: false,
    description: 'Sort direction. The sources disagree on the encoding (nexudus-api.md §8 #3): "1 ascending, -1 descending" on most pages, "0 ascending, 1 descending" on others.',
    schema: { type: 'integer', enum: [-1, 0, 1] },
  },
];

function operation(ep: Endpoint, seeds: SeedPage[], batch?: Endpoint): Record<string, unknown> {
  const n = ep.entity.name;
  const write = ep.op === 'create' || ep.op === 'update' || ep.op === 'runcommand';
  const op: Record<string, unknown> = {
    operationId: operationId(ep),
    summary: SUMMARY[ep.op](n),
    description:
      `${ep.entity.summary} Requires a full unrestricted administrator or the \`${ep.role}\` role; a missing role answers 401 like a missing token (nexudus-api.md §4).` +
      (ep.op === 'update' ? ' PUT replaces the whole record: fields left out are cleared (nexudus-api.md §1).' : '') +
      (batch ? ` With the \`id\` query parameter this is the batch read (\`${batch.id}\`, role \`${batch.role}\`): the answer is a JSON array of records instead of the paged envelope.` : ''),
    tags: [ep.entity.module],
    externalDocs: { description: 'Official reference page', url: ep.docUrl },
    'x-nexudus-endpoint': ep.id,
    'x-nexudus-role': ep.role,
    ...(ep.seed ? { 'x-nexudus-seed': true } : {}),
  };
  if (batch) {
    op['x-nexudus-batch'] = { endpoint: batch.id, role: batch.role, responseSchema: componentKey(batch.responseSchema), docUrl: batch.docUrl };
  }
  if (ep.op === 'list') {
    op.parameters = [
      ...PAGING_PARAMS,
      ...(batch
        ? [{
          name: 'id', in: 'query', required: false,
          description: `Batch read (${batch.docUrl}): a JSON array of Ids, e.g. \`?id=[1,2,3]\`. When present, paging parameters do not apply and the answer is an array of ${n} records.`,
          schema: { type: 'string', pattern: '^\\[\\s*\\d+(\\s*,\\s*\\d+)*\\s*\\]$' },
          example: '[1,2,3]',
        }]
        : []),
    ];
  }
  if (ep.op === 'get' || ep.op === 'delete') {
    op.parameters = [{ name: 'id', in: 'path', required: true, description: `Id of the ${n} record.`, schema: { type: 'integer' } }];
  }
  if (ep.requestSchema) {
    op.requestBody = { required: true, content: json(ref(ep.requestSchema), examplesFor(ep, seeds, 'request')) };
  }
  const ok = batch
    ? { oneOf: [ref(ep.responseSchema), ref(batch.responseSchema)] }
    : ref(ep.responseSchema);
  const responses: Record<string, unknown> = {
    200: {
      description: batch
        ? 'The paged list envelope, or (with `id`) a JSON array of records.'
        : ep.op === 'delete' || ep.op === 'runcommand'
          ? 'Envelope; check `WasSuccessful`, which can be false on HTTP 200 (nexudus-api.md §3.2).'
          : 'Success.',
      content: json(ok, write ? examplesFor(ep, seeds, 'response-200') : undefined),
    },
  };
  if (write) {
    responses[400] = {
      description: 'Validation failure: `WasSuccessful:false` and one `Errors` item per failing property.',
      content: json(ref('envelope.validation-error.json'), examplesFor(ep, seeds, 'response-400')),
    };
  }
  responses[401] = { $ref: '#/components/responses/Unauthorized' };
  if (ep.op === 'get' || ep.op === 'delete') responses[404] = { $ref: '#/components/responses/NotFound' };
  responses[409] = { $ref: '#/components/responses/Throttled' };
  responses[429] = { $ref: '#/components/responses/TooManyRequests' };
  op.responses = responses;
  return op;
}

function tokenOperation(): Record<string, unknown> {
  return {
    operationId: 'requestToken',
    summary: 'Get or refresh a bearer token (OAuth2 password / refresh_token grant)',
    description:
      'Form-encoded; always on spaces.nexudus.com. `client_id` (header) scopes refresh tokens: a new token for a client id invalidates that client\'s earlier refresh tokens (nexudus-api.md §4). Sending JSON answers `unsupported_grant_type`.',
    tags: ['auth'],
    security: [],
    externalDocs: { description: 'Official reference page', url: TOKEN_ENDPOINT.docUrl },
    'x-nexudus-endpoint': TOKEN_ENDPOINT.id,
    parameters: [
      { name: 'client_id', in: 'header', required: false, description: 'Client id; defaults to the e-mail. Reuse it when refreshing.', schema: { type: 'string' } },
    ],
    requestBody: {
      required: true,
      content: {
        'application/x-www-form-urlencoded': {
          schema: {
            oneOf: [
              {
                title: 'password grant',
                type: 'object',
                properties: {
                  grant_type: { const: 'password' },
                  username: { type: 'string', description: 'E-mail of a user with API access.' },
                  password: { type: 'string' },
                  totp: { type: 'string', description: 'Two-factor code, when 2FA is on.' },
                },
                required: ['grant_type', 'username', 'password'],
              },
              {
                title: 'refresh_token grant',
                type: 'object',
                properties: { grant_type: { const: 'refresh_token' }, refresh_token: { type: 'string' } },
                required: ['grant_type', 'refresh_token'],
              },
            ],
          },
        },
      },
    },
    responses: {
      200: { description: 'Token issued.', content: json(ref(TOKEN_ENDPOINT.responseSchema)) },
      400: {
        description: 'OAuth error: invalid_grant, unsupported_grant_type, two_factor_auth_check, must_reset_password.',
        content: json(ref(TOKEN_ENDPOINT.errorSchema), {
          invalid_grant: { summary: 'Wrong credentials (nexudus-api.md §4)', value: { error: 'invalid_grant', error_description: 'The user name or password is incorrect.' } },
        }),
      },
      409: { $ref: '#/components/responses/Throttled' },
      429: { $ref: '#/components/responses/TooManyRequests' },
    },
  };
}

/** The OpenAPI 3.1.0 document. Deterministic: same catalogue and seeds, same JSON text. */
export function buildOpenApi(): Record<string, unknown> {
  const seeds = readSeeds();
  const schemas = allSchemas();
  const known = new Set(schemas.map((s) => s.$id as string));
  const components: Record<string, unknown> = {};
  for (const s of schemas) components[componentKey(s.$id as string)] = toComponent(s, known);

  const paths: Record<string, Record<string, unknown>> = {};
  for (const ep of ENDPOINTS) {
    if (ep.op === 'batch') continue; // folded into the list operation as its `id` query parameter
    const p = openApiPath(ep);
    const item = (paths[p] ??= {});
    const method = ep.method.toLowerCase();
    if (item[method]) throw new Error(`two catalogue endpoints on ${ep.method} ${p}`);
    const batch = ep.op === 'list' ? ENDPOINTS.find((b) => b.op === 'batch' && b.entity === ep.entity && openApiPath(b) === p) : undefined;
    item[method] = operation(ep, seeds, batch);
  }
  for (const e of ENTITIES) {
    if (e.deleteVia.kind === 'runcommand') {
      const item = paths[`/api/${e.module}/${e.collection}/{id}`];
      if (item) item.description = `${e.name} has no plain DELETE (live: 405); delete with POST …/runcommand and Key ${e.deleteVia.key} (nexudus-api.md §3.1).`;
    }
  }
  paths[TOKEN_ENDPOINT.path] = { [TOKEN_ENDPOINT.method.toLowerCase()]: tokenOperation() };

  const modules = [...new Set(ENTITIES.map((e) => e.module))];
  return {
    openapi: '3.1.0',
    info: {
      title: 'Nexudus Spaces REST API (conformance catalogue)',
      version: pkg.version,
      summary: 'The endpoints nexudus-conformance tests, as its catalogue declares them.',
      description:
        'Generated by nexudus-conformance from api/catalogue (do not edit by hand; `npm run openapi`). ' +
        'Covers the four entities under test (CoworkerInventoryAsset, CoworkerTask, Coworker, Workspace), their sibling verbs and the token endpoint. ' +
        'Official reference: https://developers.nexudus.com/rest-api (each operation links its page in externalDocs). ' +
        'Request and response examples are copied from the official pages kept in docs/seeds. How batch reads and other quirks are modelled: docs/openapi.md.',
    },
    externalDocs: { description: 'Nexudus REST API reference', url: 'https://developers.nexudus.com/rest-api' },
    servers: [{ url: 'https://spaces.nexudus.com', description: 'Nexudus production' }],
    security: [{ bearerAuth: [] }, { basicAuth: [] }],
    tags: [
      ...modules.map((m) => ({ name: m, description: MODULE_TAGS[m] })),
      { name: 'auth', description: 'OAuth2 token endpoint (nexudus-api.md §4).' },
    ],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'access_token from POST /api/token.' },
        basicAuth: { type: 'http', scheme: 'basic', description: 'E-mail and password of a user with API access.' },
      },
      responses: {
        Unauthorized: {
          description: 'Missing or invalid credentials, or the user lacks the role (the admin REST API documents no 403). Body: not documented.',
        },
        NotFound: {
          description: 'No record with that Id (2020 docs: body is the JSON string "Not found").',
          content: json({ type: 'string' }, { notFound: { summary: '2020 docs (nexudus-api.md §3.2)', value: 'Not found' } }),
        },
        Throttled: {
          description: 'Rate limited, as documented: 409 "You must wait before accessing this url again." (nexudus-api.md §5).',
          headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } },
        },
        TooManyRequests: {
          description: 'Rate limited, as observed live in 2026: 429 with a body containing "Wait <N> seconds" (nexudus-api.md §5).',
        },
      },
      schemas: components,
    },
  };
}
