/**
 * The single Ajv instance (ajv docs: "use single Ajv instance"), strict mode, ajv-formats for
 * date-time. Schemas are looked up by $id. Nothing else in the project constructs an Ajv.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { allSchemas, ANNOTATION_KEYWORDS } from './definitions.ts';

// ajv-formats ships CJS; under ESM its function is the default export's default.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as
  (a: Ajv, o?: unknown) => Ajv;

function build(): Ajv {
  const ajv = new Ajv({ strict: true, strictRequired: true, allErrors: true, allowUnionTypes: true });
  addFormats(ajv, { mode: 'full', formats: ['date-time', 'iso-date-time', 'email', 'uri'] });
  ajv.addVocabulary(ANNOTATION_KEYWORDS);
  for (const s of allSchemas()) ajv.addSchema(s);
  return ajv;
}

export const ajv: Ajv = build();

const cache = new Map<string, ValidateFunction>();

export function validator(id: string): ValidateFunction {
  let v = cache.get(id);
  if (!v) {
    v = ajv.getSchema(id);
    if (!v) throw new Error(`no schema with $id ${id}`);
    cache.set(id, v);
  }
  return v;
}

export interface SchemaResult {
  valid: boolean;
  errors: ErrorObject[];
}

export function validate(id: string, data: unknown): SchemaResult {
  const v = validator(id);
  const valid = v(data) as boolean;
  return { valid, errors: valid ? [] : [...(v.errors ?? [])] };
}

/** One line per error, readable in a test failure. */
export function describeErrors(errors: ErrorObject[]): string {
  return errors.map((e) => `${e.instancePath || '(root)'} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`).join('\n');
}
