/**
 * `npm run openapi`: writes openapi.json (repo root) from buildOpenApi() and prints the path and
 * operation counts. `npm run openapi -- --check` writes nothing and exits 1 when the committed file
 * differs from a fresh build.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildOpenApi, jsonText } from '../api/openapi.ts';

const file = fileURLToPath(new URL('../openapi.json', import.meta.url));
const doc = buildOpenApi();
const text = jsonText(doc);

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const paths = doc.paths as Record<string, Record<string, unknown>>;
const pathCount = Object.keys(paths).length;
const opCount = Object.values(paths).reduce((n, item) => n + Object.keys(item).filter((k) => METHODS.includes(k)).length, 0);

if (process.argv.includes('--check')) {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (current === text) {
    console.log(`openapi.json is up to date (${pathCount} paths, ${opCount} operations).`);
    process.exit(0);
  }
  const a = (current ?? '').split('\n');
  const b = text.split('\n');
  const at = a.findIndex((l, i) => l !== b[i]);
  console.error(
    current === undefined
      ? 'openapi.json is missing. Run `npm run openapi` and commit the file.'
      : `openapi.json differs from a fresh build (first difference at line ${at + 1}:\n  committed: ${a[at] ?? '<end of file>'}\n  fresh:     ${b[at] ?? '<end of file>'}).\nRun \`npm run openapi\` and commit the file.`,
  );
  process.exit(1);
}

writeFileSync(file, text);
console.log(`wrote openapi.json: ${pathCount} paths, ${opCount} operations, ${Object.keys((doc.components as { schemas: object }).schemas).length} component schemas.`);
