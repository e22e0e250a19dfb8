/**
 * Run-time schema validation: the validators precompiled by `npm run schemas` (schemas/validators.cjs,
 * ajv standalone code from schemas/compile.ts), looked up by $id. Loading them costs a few ms instead of
 * compiling every schema in every Playwright worker; the drift test keeps the file equal to a fresh build.
 */
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';

const compiled = createRequire(import.meta.url)('./validators.cjs') as Record<string, ValidateFunction | undefined>;

export function validator(id: string): ValidateFunction {
  const v = compiled[id];
  if (!v) throw new Error(`no schema with $id ${id} in schemas/validators.cjs (run npm run schemas)`);
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
