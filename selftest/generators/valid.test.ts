// Every valid sample is accepted by the strict request schema of its endpoint, and is realistic
import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import { validate, describeErrors } from '../../schemas/ajv.ts';
import { validBody, sendable, fieldsOf, strictSchemaId, idPool, MIN_EPOCH_S, MAX_EPOCH_S } from '../../generators/index.ts';
import { REFS, WRITE_ENDPOINTS, PAGE_WRITE_ENDPOINTS, MARKER, params } from './_support.ts';

const RUNS = 2000;

// the endpoints read from pages: fewer samples each, the same rule
for (const ep of PAGE_WRITE_ENDPOINTS) {
  test(`${ep.id} (read from its page) valid bodies pass ${strictSchemaId(ep)}`, () => {
    fc.assert(
      fc.property(validBody(ep, REFS, { ...(ep.op === 'update' ? { id: 4242 } : {}), marker: MARKER }), (body) => {
        const r = validate(strictSchemaId(ep), body);
        if (!r.valid) throw new Error(`${describeErrors(r.errors)}\n${JSON.stringify(body)}`);
      }),
      params(100, `${ep.id} valid bodies pass`),
    );
  });
}

for (const ep of WRITE_ENDPOINTS) {
  const opts = ep.op === 'update' ? { id: 4242 } : {};

  test(`${ep.id} valid bodies pass ${strictSchemaId(ep)}`, () => {
    fc.assert(
      fc.property(validBody(ep, REFS, opts), (body) => {
        const r = validate(strictSchemaId(ep), body);
        if (!r.valid) throw new Error(`${describeErrors(r.errors)}\n${JSON.stringify(body)}`);
      }),
      params(RUNS, `${ep.id} valid bodies pass`),
    );
  });

  test(`${ep.id} valid bodies follow the catalogue (send, refs, dates, marker)`, () => {
    const fields = sendable(ep);
    const never = fieldsOf(ep).filter((f) => !fields.includes(f));
    const seen = new Map<string, { present: number; absent: number }>(fields.map((f) => [f.name, { present: 0, absent: 0 }]));
    // plain checks inside the property: a Playwright expect per value would be a test step each
    fc.assert(
      fc.property(validBody(ep, REFS, { ...opts, marker: MARKER }), (b) => {
        const problems: string[] = [];
        for (const f of never) if (f.name in b) problems.push(`x-send never, yet sent: ${f.name}`);
        for (const f of fields) {
          const s = seen.get(f.name)!;
          if (f.name in b) s.present++; else s.absent++;
          if (f.always && !(f.name in b)) problems.push(`always sent, yet absent: ${f.name}`);
          const v = b[f.name];
          if (v === undefined || v === null) continue;
          if (f.marker && !String(v).startsWith(`${MARKER} `)) problems.push(`${f.name} lacks the marker: ${v}`);
          if (f.kind === 'fk' && v !== REFS[f.ref!]) problems.push(`${f.name}: ${v} is not refs.${f.ref}`);
          if (f.kind === 'idList' && (v as number[]).some((id) => !idPool(f.ref, REFS).includes(id))) problems.push(`${f.name}: ${v} not from refs`);
          if (f.kind === 'date') {
            const t = Date.parse(v as string) / 1000;
            // dates of birth lie in the past (x-gen birthDate: 1940–2005); other dates in 2000–2035
            const [lo, hi, range] = f.gen === 'birthDate' ? [Date.UTC(1940, 0, 1) / 1000, Date.UTC(2006, 0, 1) / 1000, '1940–2005'] : [MIN_EPOCH_S, MAX_EPOCH_S, '2000–2035'];
            if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(v as string) || t < lo || t > hi) problems.push(`${f.name}: ${v} not UTC in ${range}`);
          }
          if ((f.gen === 'email' || f.gen === 'url') && !/@example\.(com|org)$|^https:\/\/[\w-]+\.example\.(com|org)\//.test(String(v))) problems.push(`${f.name}: ${v} not on example.com/.org`);
        }
        if (ep.op === 'update' && b.Id !== 4242) problems.push(`Id ${b.Id}`);
        if (typeof b.AssignedFrom === 'string' && typeof b.AssignedTo === 'string' && !(Date.parse(b.AssignedTo) > Date.parse(b.AssignedFrom)))
          problems.push(`AssignedTo ${b.AssignedTo} not after AssignedFrom ${b.AssignedFrom}`);
        if (problems.length) throw new Error(problems.join('\n'));
      }),
      params(500, `${ep.id} valid bodies follow the catalogue`),
    );
    // optional fields are drawn independently: each is seen present and absent
    const wrong = fields.filter((f) => {
      const s = seen.get(f.name)!;
      return f.always || f.marker ? s.absent > 0 : s.present === 0 || s.absent === 0;
    });
    expect(wrong.map((f) => `${f.name} ${JSON.stringify(seen.get(f.name))}`)).toEqual([]);
  });
}

test('PUT bodies need the Id of the record to update', () => {
  const put = WRITE_ENDPOINTS.find((e) => e.op === 'update')!;
  expect(() => validBody(put, REFS)).toThrow(/opts\.id/);
});

test('free text carries unicode, emoji and quotes somewhere in a sample', () => {
  const task = WRITE_ENDPOINTS.find((e) => e.id === 'POST /api/crm/coworkertasks')!;
  const notes = fc.sample(validBody(task, REFS, { marker: MARKER }), { seed: 7, numRuns: 300 }).map((b) => String(b.Notes));
  expect(notes.some((n) => /\p{Extended_Pictographic}/u.test(n))).toBe(true);
  expect(notes.some((n) => /["']/.test(n))).toBe(true);
  expect(notes.some((n) => /[^\x00-\x7f]/.test(n.replace(/\p{Extended_Pictographic}/gu, '')))).toBe(true);
});
