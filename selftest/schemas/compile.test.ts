// Issue 4: every schema compiles in strict mode, and the committed schemas/*.json and schemas/validators.cjs are
// exactly what allSchemas() builds.
import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { allSchemas } from '../../api/json-schemas.ts';
import { validator, validate } from '../../schemas/ajv.ts';
import { buildAjv, standaloneValidators } from '../../schemas/compile.ts';
import { jsonText } from '../../api/openapi.ts';

const SCHEMAS_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));
const schemas = allSchemas();
const ajv = buildAjv();

test('the shared Ajv instance runs in strict mode', () => {
  expect(ajv.opts.strict).toBe(true);
  expect(ajv.opts.strictRequired).toBe(true);
});

test('every $id is unique and names a .json file', () => {
  const ids = schemas.map((s) => s.$id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id, `bad $id ${id}`).toMatch(/^[a-z0-9.-]+\.json$/);
});

for (const s of schemas) {
  test(`${s.$id} compiles in strict mode, and is precompiled`, () => {
    expect(() => ajv.getSchema(s.$id as string)).not.toThrow();
    expect(typeof validator(s.$id as string)).toBe('function');
  });
}

test('the precompiled validators agree with freshly compiled ones (valid and invalid data)', () => {
  const samples: unknown[] = [null, {}, [], 'x', { Id: 1 }, { Message: 'm', Value: null, Errors: null, WasSuccessful: true, Status: 200 }];
  for (const s of schemas) for (const d of samples) {
    const fresh = ajv.getSchema(s.$id as string)!;
    expect(validate(s.$id as string, d).valid, `${s.$id} on ${JSON.stringify(d)}`).toBe(fresh(d));
  }
});

test('committed schemas/validators.cjs equals a fresh standalone build (drift)', () => {
  const committed = readFileSync(join(SCHEMAS_DIR, 'validators.cjs'), 'utf8');
  expect(committed === standaloneValidators(), 'schemas/validators.cjs is out of date: run npm run schemas and commit.').toBe(true);
});

test('strict mode is not vacuous: an unknown keyword fails to compile', () => {
  expect(() => ajv.compile({ type: 'object', 'x-not-declared': 1 })).toThrow(/unknown keyword/);
});

test('committed schemas/*.json equal allSchemas() output (drift)', () => {
  const files = readdirSync(SCHEMAS_DIR).filter((f) => f.endsWith('.json')).sort();
  const wanted = schemas.map((s) => s.$id as string).sort();
  const missing = wanted.filter((f) => !files.includes(f));
  const stale = files.filter((f) => !wanted.includes(f));
  const differing = schemas
    .filter((s) => files.includes(s.$id as string))
    .filter((s) => readFileSync(join(SCHEMAS_DIR, s.$id as string), 'utf8') !== jsonText(s))
    .map((s) => s.$id);
  const problems = [
    ...missing.map((f) => `missing: schemas/${f}`),
    ...stale.map((f) => `stale: schemas/${f}`),
    ...differing.map((f) => `differs: schemas/${f}`),
  ];
  expect(problems, `schemas/*.json are out of date: run npm run schemas and commit.\n${problems.join('\n')}`).toEqual([]);
});
