// Issue 4: openapi.json is a valid OpenAPI 3.1 document of the whole catalogue, with no dangling $ref,
// components equal to the schemas, seed examples attached, and no drift from buildOpenApi().
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import { buildOpenApi, jsonText, componentKey, openApiPath, operationId, readSeeds } from '../../api/openapi.ts';
import { ENDPOINTS, TOKEN_ENDPOINT } from '../../api/catalogue/endpoints.ts';
import { allSchemas } from '../../api/json-schemas.ts';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const doc = buildOpenApi() as Obj;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const operations = Object.entries(doc.paths as Obj).flatMap(([p, item]) =>
  Object.entries(item as Obj).filter(([m]) => METHODS.includes(m)).map(([m, op]) => ({ path: p, method: m, op: op as Obj })));

/** Every `$ref` in the document that does not resolve to a value inside it. */
function danglingRefs(root: unknown): string[] {
  const bad: string[] = [];
  const resolve = (ptr: string): unknown =>
    ptr.slice(2).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Obj)[key] : undefined), root);
  const walk = (v: unknown, at: string): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}/${i}`));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === '$ref' && typeof x === 'string' && (!x.startsWith('#/') || resolve(x) === undefined)) bad.push(`${at}: ${x}`);
        else walk(x, `${at}/${k}`);
      }
    }
  };
  walk(root, '#');
  return bad;
}

test('validates as OpenAPI 3.1 with @seriousme/openapi-schema-validator', async () => {
  const v = new Validator();
  const res = await v.validate(structuredClone(doc));
  expect(res.errors ?? [], JSON.stringify(res.errors, null, 2)).toEqual([]);
  expect(res.valid).toBe(true);
  expect(v.version).toBe('3.1');
  expect(doc.openapi).toBe('3.1.0');
});

test('the validator is not vacuous: a document whose operation lacks responses is rejected', async () => {
  const broken = structuredClone(doc);
  broken.paths[TOKEN_ENDPOINT.path].post.responses = 'none';
  expect((await new Validator().validate(broken)).valid).toBe(false);
});

test('has no unresolved $ref (and the checker finds a planted one)', () => {
  expect(danglingRefs(doc)).toEqual([]);
  const planted = structuredClone(doc);
  planted.components.schemas['coworker.put'].properties.Id = { $ref: '#/components/schemas/nope' };
  planted.components.schemas['coworker.post'].properties.FullName = { $ref: 'coworker.record.json' };
  expect(danglingRefs(planted)).toHaveLength(2);
});

test('info, servers and security schemes', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  expect(doc.info.version).toBe(pkg.version);
  expect(doc.info.description).toContain('https://developers.nexudus.com/rest-api');
  expect(doc.servers).toEqual([expect.objectContaining({ url: 'https://spaces.nexudus.com' })]);
  expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  expect(doc.components.securitySchemes.basicAuth).toMatchObject({ type: 'http', scheme: 'basic' });
  expect(doc.security).toEqual([{ bearerAuth: [] }, { basicAuth: [] }]);
});

for (const ep of ENDPOINTS) {
  test(`contains ${ep.id} (${ep.op})`, () => {
    const path = openApiPath(ep);
    if (ep.op === 'batch') {
      const list = doc.paths[path]?.get;
      expect(list, 'batch is the id query parameter of the list operation').toBeTruthy();
      expect(list['x-nexudus-batch']).toMatchObject({ endpoint: ep.id, role: ep.role, docUrl: ep.docUrl });
      expect(list.parameters).toContainEqual(expect.objectContaining({ name: 'id', in: 'query' }));
      expect(list.responses[200].content['application/json'].schema.oneOf)
        .toContainEqual({ $ref: `#/components/schemas/${componentKey(ep.responseSchema)}` });
      return;
    }
    const op = doc.paths[path]?.[ep.method.toLowerCase()];
    expect(op, `${ep.method} ${path} missing`).toBeTruthy();
    expect(op['x-nexudus-endpoint']).toBe(ep.id);
    expect(op.operationId).toBe(operationId(ep));
    expect(op.externalDocs.url).toBe(ep.docUrl);
    expect(op['x-nexudus-role']).toBe(ep.role);
    const ok = op.responses[200].content['application/json'].schema;
    expect(ok.oneOf?.[0] ?? ok).toEqual({ $ref: `#/components/schemas/${componentKey(ep.responseSchema)}` });
    if (ep.requestSchema) {
      expect(op.requestBody.content['application/json'].schema).toEqual({ $ref: `#/components/schemas/${componentKey(ep.requestSchema)}` });
    }
    if (ep.op === 'create' || ep.op === 'update') {
      expect(op.responses[400].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/envelope.validation-error' });
    }
    expect(op.responses[401]).toBeTruthy();
    if (ep.op === 'get' || ep.op === 'delete') {
      expect(op.parameters).toContainEqual(expect.objectContaining({ name: 'id', in: 'path', required: true }));
      expect(op.responses[404]).toBeTruthy();
    }
    if (ep.op === 'list') {
      expect(op.parameters.map((p: Obj) => p.name)).toEqual(expect.arrayContaining(['page', 'size', 'orderBy', 'dir']));
    }
  });
}

test('operations are exactly the catalogue (batch folded into list) plus the token endpoint', () => {
  const expected = ENDPOINTS.filter((e) => e.op !== 'batch').map((e) => `${e.method} ${openApiPath(e)}`);
  expected.push(`${TOKEN_ENDPOINT.method} ${TOKEN_ENDPOINT.path}`);
  expect(operations.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort()).toEqual(expected.sort());
});

test('Coworker has no DELETE operation (deleted via runcommand)', () => {
  expect(doc.paths['/api/spaces/coworkers/{id}'].delete).toBeUndefined();
  expect(doc.paths['/api/spaces/coworkers/runcommand'].post.requestBody.content['application/json'].schema)
    .toEqual({ $ref: '#/components/schemas/runcommand.request' });
});

test('operationIds are unique and readable', () => {
  const ids = operations.map((o) => o.op.operationId as string);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z]+$/);
});

test('token endpoint: form-encoded, both grants, 200 token, 400 OAuth error, no security', () => {
  const op = doc.paths[TOKEN_ENDPOINT.path].post;
  expect(op.security).toEqual([]);
  const form = op.requestBody.content['application/x-www-form-urlencoded'].schema;
  expect(form.oneOf.map((g: Obj) => g.properties.grant_type.const).sort()).toEqual(['password', 'refresh_token']);
  expect(op.responses[200].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/token.response' });
  expect(op.responses[400].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/oauth.error' });
  expect(op.externalDocs.url).toBe(TOKEN_ENDPOINT.docUrl);
});

test('components.schemas round-trip to allSchemas() (keys legal, $ref rewritten, $id dropped, x- kept)', () => {
  const schemas = allSchemas();
  const comps = doc.components.schemas as Obj;
  expect(Object.keys(comps).sort()).toEqual(schemas.map((s) => componentKey(s.$id as string)).sort());
  for (const key of Object.keys(comps)) expect(key).toMatch(/^[a-zA-Z0-9.\-_]+$/);
  const back = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(back);
    if (!v || typeof v !== 'object') return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) =>
      [k, k === '$ref' && typeof x === 'string' ? `${x.replace('#/components/schemas/', '')}.json` : back(x)]));
  };
  for (const s of schemas) {
    const c = comps[componentKey(s.$id as string)];
    expect(c.$id).toBeUndefined();
    expect({ $id: s.$id, ...(back(c) as Obj) }, s.$id).toEqual(s);
  }
  expect(JSON.stringify(comps)).toContain('"x-note"');
});

test('examples on the seed operations are the seed pages\' blocks', () => {
  for (const page of readSeeds()) {
    const ep = ENDPOINTS.find((e) => e.id === page.endpointId)!;
    const op = doc.paths[openApiPath(ep)][ep.method.toLowerCase()];
    const values = (x: Obj | undefined) => Object.values(x ?? {}).map((e: Obj) => e.value);
    const of = (kind: string) => page.blocks.filter((b) => b.kind === kind).map((b) => b.json);
    expect(values(op.requestBody.content['application/json'].examples), page.file).toEqual(of('request'));
    expect(values(op.responses[200].content['application/json'].examples), page.file).toEqual(of('response-200'));
    expect(values(op.responses[400].content['application/json'].examples), page.file).toEqual(of('response-400'));
  }
  const ws = doc.paths['/api/collaboration/workspaces'].put.requestBody.content['application/json'].examples;
  expect(Object.keys(ws), 'the workspaces page has two curl blocks').toHaveLength(2);
});

test('committed openapi.json equals buildOpenApi() (drift)', () => {
  const file = fileURLToPath(new URL('../../openapi.json', import.meta.url));
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    /* missing: reported below */
  }
  expect(committed === jsonText(doc), 'openapi.json is out of date: run npm run openapi and commit it').toBe(true);
});
