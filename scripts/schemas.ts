/**
 * `npm run schemas`: writes every schema from allSchemas() to schemas/<$id> (pretty JSON, key order as
 * built), removes schemas/*.json files that no longer correspond to a schema, and writes the precompiled
 * validators (schemas/validators.cjs) the suite loads at run time. The drift tests in selftest/schemas
 * compare the committed files with a fresh build.
 */
import { readdirSync, readFileSync, writeFileSync, unlinkSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { allSchemas } from '../api/json-schemas.ts';
import { jsonText } from '../api/openapi.ts';
import { standaloneValidators } from '../schemas/compile.ts';

const dir = fileURLToPath(new URL('../schemas/', import.meta.url));

const wanted = new Map<string, string>();
for (const s of allSchemas()) {
  if (!s.$id) throw new Error(`schema without $id: ${JSON.stringify(s).slice(0, 80)}`);
  if (wanted.has(s.$id)) throw new Error(`duplicate $id ${s.$id}`);
  wanted.set(s.$id, jsonText(s));
}

let written = 0;
let unchanged = 0;
for (const [id, text] of wanted) {
  const file = join(dir, id);
  if (existsSync(file) && readFileSync(file, 'utf8') === text) {
    unchanged++;
    continue;
  }
  writeFileSync(file, text);
  written++;
  console.log(`wrote   schemas/${id}`);
}
for (const f of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  if (!wanted.has(f)) {
    unlinkSync(join(dir, f));
    console.log(`removed schemas/${f} (no longer built)`);
  }
}
const code = standaloneValidators();
const codeFile = join(dir, 'validators.cjs');
const codeChanged = !existsSync(codeFile) || readFileSync(codeFile, 'utf8') !== code;
if (codeChanged) writeFileSync(codeFile, code);
console.log(`${wanted.size} schemas: ${written} written, ${unchanged} unchanged; schemas/validators.cjs ${codeChanged ? 'written' : 'unchanged'}.`);
