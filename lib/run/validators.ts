/**
 * A page added to docs/pages/ since `npm run schemas` ran has no precompiled validators: global setup builds
 * the whole set for this run (one compile in the runner, not one per worker) and hands its path to the workers.
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENTITIES } from '../../api/catalogue/entities.ts';
import { slug } from '../../api/catalogue/endpoints.ts';

const KINDS = ['post', 'put', 'post.strict', 'put.strict', 'record', 'list-item', 'list', 'batch'];

/**
 * The entity schemas the catalogue needs and `npm run schemas` has not built. It writes each schema's file and the
 * validators together, so a missing file means missing validators; the runner need not load the 4 MB validators.
 */
export function missingSchemaIds(): string[] {
  const dir = fileURLToPath(new URL('../../schemas/', import.meta.url));
  return ENTITIES.flatMap((e) => KINDS.map((k) => `${slug(e)}.${k}.json`)).filter((id) => !existsSync(join(dir, id)));
}

/**
 * Builds this run's validators when some are missing; returns the file (also set as NEXUDUS_VALIDATORS), or
 * undefined. The file goes under the project's node_modules cache: its code requires ajv's runtime, which
 * resolves from there and from nowhere else (the run's out folder may be anywhere).
 */
export async function ensureValidators(): Promise<string | undefined> {
  const missing = missingSchemaIds();
  if (!missing.length) return undefined;
  const { standaloneValidators } = await import('../../schemas/compile.ts');
  const dir = fileURLToPath(new URL('../../node_modules/.cache/nexudus-conformance/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const code = standaloneValidators();
  // named by content: runs with the same pages share one file, and the folder holds one per set of pages
  const file = join(dir, `validators-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.cjs`);
  if (!existsSync(file)) writeFileSync(file, code);
  process.env.NEXUDUS_VALIDATORS = file;
  console.log(`  schemas: ${missing.length / KINDS.length} entit${missing.length / KINDS.length === 1 ? 'y' : 'ies'} read from pages added since \`npm run schemas\`: validators built for this run (${file})`);
  return file;
}
