/**
 * Run-time schema validation: the validators precompiled by `npm run schemas` (schemas/validators.cjs,
 * ajv standalone code from schemas/compile.ts), looked up by $id. Loading them costs a few ms instead of
 * compiling every schema in every Playwright worker; the drift test keeps the file equal to a fresh build.
 */
import { createRequire } from 'node:module';
import { readFileSync, existsSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';

// Loaded on first use: playwright.config.ts imports this module (through lib/config/profile.ts), and Playwright
// applies its `build.external` list (which spares this 1 MB file the transpiler's hashing) only once the
// config has loaded.
let compiled: Record<string, ValidateFunction | undefined> | undefined;

/**
 * The validators: the committed ones, or, when a page was added since `npm run schemas` ran, the set global
 * setup built for this run (NEXUDUS_VALIDATORS, written by lib/run/validators.ts).
 */
export function validator(id: string): ValidateFunction {
  const file = process.env.NEXUDUS_VALIDATORS || './validators.cjs';
  compiled ??= createRequire(import.meta.url)(file) as Record<string, ValidateFunction | undefined>;
  const v = compiled[id];
  if (!v) throw new Error(`no schema with $id ${id} in ${file} (run npm run schemas)`);
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

type Node = { properties?: Record<string, Node>; items?: Node; $ref?: string; 'x-source'?: string; anyOf?: Node[] };
const files = new Map<string, Node>();
const schemaFile = (id: string): Node => {
  let n = files.get(id);
  // a schema built for this run only (a page added since `npm run schemas`) has no file: no sources to name
  if (!n) files.set(id, (n = existsSync(new URL(`./${id}`, import.meta.url)) ? JSON.parse(readFileSync(new URL(`./${id}`, import.meta.url), 'utf8')) as Node : {}));
  return n;
};

/** The `x-source` of the constraint an error broke: the deepest schema node on its path that names one. */
export function sourceOf(schemaId: string, e: ErrorObject): string | undefined {
  let node: Node | undefined = schemaFile(schemaId);
  let found = node['x-source'];
  const path = e.instancePath.split('/').slice(1);
  // a missing property: its own schema names the source
  if (e.keyword === 'required') path.push(String((e.params as { missingProperty?: string }).missingProperty));
  for (const seg of path) {
    if (node?.$ref) node = schemaFile(node.$ref);
    node = node?.properties?.[seg] ?? (/^\d+$/.test(seg) ? node?.items : undefined);
    if (node?.$ref) node = schemaFile(node.$ref);
    if (node?.['x-source']) found = node['x-source'];
  }
  return found;
}

/** One line per error, readable in a test failure; with the schema id, each line names its source. */
export function describeErrors(errors: ErrorObject[], schemaId?: string): string {
  return errors.map((e) => {
    const line = `${e.instancePath || '(root)'} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`;
    const source = schemaId ? sourceOf(schemaId, e) : undefined;
    return source ? `${line}\n    source: ${source}` : line;
  }).join('\n');
}
