// nexudus-api.md §1.1, §6 and docs/seeds: every example on the five official pages fits the schemas.
import { test, expect } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { parseSeed, SEEDS_DIR, type SeedBlock, type SeedPage } from '../../api/openapi.ts';
import { ENDPOINTS, SEED_ENDPOINTS } from '../../api/catalogue/endpoints.ts';
import { validate, describeErrors } from '../../schemas/ajv.ts';

// Parsed file by file, so a parser error fails that file's count test instead of the whole collection.
const parsed = readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort().map((file) => {
  try {
    return { file, page: parseSeed(file, readFileSync(`${SEEDS_DIR}${file}`, 'utf8')) };
  } catch (e) {
    return { file, error: (e as Error).message };
  }
});
const pages = parsed.flatMap((p) => (p.page ? [p.page] : [])) as SeedPage[];
/** The README's file → endpoint table, an independent record of what each page documents. */
const readme = Object.fromEntries(
  [...readFileSync(`${SEEDS_DIR}README.md`, 'utf8').matchAll(/^\|\s*(\S+\.txt)\s*\|\s*([A-Z]+ \/api\/\S+)\s*\|/gm)].map((m) => [m[1], m[2]]),
);
const count = (blocks: SeedBlock[], kind: SeedBlock['kind']) => blocks.filter((b) => b.kind === kind).length;

test('there are five seed pages, one per seed endpoint of the catalogue', () => {
  expect(parsed.map((p) => p.file)).toEqual(Object.keys(readme).sort());
  expect(pages.map((p) => p.endpointId).sort()).toEqual(SEED_ENDPOINTS.map((e) => e.id).sort());
});

for (const { file, error } of parsed.filter((p) => p.error)) {
  test(`${file}: yields examples (request, 200, 400)`, () => {
    throw new Error(`seed parser failed: ${error}`);
  });
}

for (const page of pages) {
  test(`${page.file}: yields examples (request, 200, 400) for ${page.endpointId}`, () => {
    const found = { request: count(page.blocks, 'request'), ok: count(page.blocks, 'response-200'), bad: count(page.blocks, 'response-400') };
    test.info().annotations.push({ type: 'examples', description: JSON.stringify(found) });
    expect(readme[page.file], 'the curl commands name the endpoint the README lists for this page').toBe(page.endpointId);
    expect(found.request, 'curl request bodies found').toBeGreaterThanOrEqual(1);
    expect(found.ok, '200 examples found').toBe(1);
    expect(found.bad, '400 examples found').toBe(1);
  });

  for (const b of page.blocks) {
    const where = `${page.file}:${b.line}`;
    if (b.kind === 'type-sketch') {
      test.skip(`${where} type sketch {"Status": 123, "Message": "<string>", …}: skipped, a placeholder type sketch, not an example`, () => {});
    } else if (b.kind === 'request') {
      const ep = ENDPOINTS.find((e) => e.id === b.endpointId);
      test(`${where} curl body validates against ${ep?.requestSchema ?? '(no endpoint)'}`, () => {
        expect(ep, `catalogue has no endpoint ${b.endpointId}`).toBeTruthy();
        const r = validate(ep!.requestSchema!, b.json);
        expect(r.valid, describeErrors(r.errors)).toBe(true);
      });
    } else {
      const [yes, no] = b.kind === 'response-200'
        ? ['envelope.mutation.json', 'envelope.validation-error.json']
        : ['envelope.validation-error.json', 'envelope.mutation.json'];
      test(`${where} ${b.kind.slice(-3)} example validates against ${yes} and not ${no}`, () => {
        const r = validate(yes, b.json);
        expect(r.valid, describeErrors(r.errors)).toBe(true);
        expect(validate(no, b.json).valid, `a ${b.kind.slice(-3)} example must not pass as ${no}`).toBe(false);
      });
    }
  }
}
