// Clauses success.*, write.read-back, write.full-replace (docs/contract.md): valid payloads are accepted with the
// documented envelope, the fields GET one carries read back as sent (dates as instants, extra fields allowed),
// and PUT is a full replace. Sent fields a record does not carry are recorded (which fields it carries is silent).
import fc from 'fast-check';
import { test, begin, describeCheck } from '../lib/checks/fixtures.ts';
import { checksOf } from '../lib/plan/suite.ts';
import { slug, type Endpoint } from '../api/catalogue/endpoints.ts';
import { expectMutationSuccess, expectStatus, expectSchema, expectRoundTrip, expectOmittedCleared, emptyValue, type ReadBack } from '../lib/checks/checks.ts';
import { recordObservation, recordSuccessShape } from '../lib/checks/observe.ts';
import type { TestInfo } from '@playwright/test';
import { validBody, type Body } from '../generators/valid.ts';
import { sendable } from '../generators/model.ts';
import { sampleValid, enrich } from '../lib/payloads/bodies.ts';
import { runProperty, caseSeed } from '../lib/checks/pbt.ts';
import { withUniqueMarker, type Api } from '../lib/client/client.ts';

/** Drops optional fields the rich body had set, so the PUT must clear them; keeps at least one dropped. */
function thin(ep: Endpoint, rich: Body, body: Body): Body {
  const out = { ...body };
  const optional = sendable(ep).filter((f) => !f.always && !f.marker).map((f) => f.name);
  if (!optional.some((k) => !(k in out) && !emptyValue(rich[k]))) {
    const drop = optional.find((k) => k in out);
    if (drop) delete out[drop];
  }
  return out;
}

async function readBack(admin: Api, ep: Endpoint, id: number): Promise<Record<string, unknown>> {
  const got = await admin.get(ep.entity, id);
  expectStatus(got, 'read.record', 200, 'GET one of the record just written must answer 200');
  expectSchema(got, 'read.record', `${slug(ep.entity)}.record.json`, 'the record');
  return got.json as Record<string, unknown>;
}

/** sent fields GET one did not carry, and empty writes the tenant filled in: observations, not failures */
function noteNotReturned(testInfo: TestInfo, r: ReadBack): void {
  if (r.notReturned.length) recordObservation(testInfo, 'written fields GET one does not carry', [...new Set(r.notReturned)].sort().join(', '));
  if (r.defaulted.length) recordObservation(testInfo, 'fields written empty that read back filled in', r.defaulted.join(', '));
}

for (const ch of checksOf('round trip')) {
  test(ch.title, describeCheck(ch), async ({ admin, refs, run, target }, testInfo) => {
    await begin(ch);
    const ep = ch.endpoint!;
    const e = ep.entity;
    const n = ch.numRuns ?? 1;
    if (ep.op === 'create') {
      const one = async (generated: Body) => {
        const body = withUniqueMarker(e, generated);
        const made = await admin.create(e, body);
        const id = expectMutationSuccess(made, e, 'created');
        recordSuccessShape(testInfo, made.json);
        noteNotReturned(testInfo, expectRoundTrip(e, body, await readBack(admin, ep, id), ep.id));
        await admin.remove(e, id);
      };
      if (n > 1) await runProperty(testInfo, run, validBody(ep, refs, { marker: run.marker }), n, one);
      else await test.step('one generated case', () => one(sampleValid(ep, refs, { seed: caseSeed(ch.title), marker: run.marker })));
      return;
    }
    const id = target(e);
    const one = async ([richSeed, body]: [number, Body]) => {
      const rich = withUniqueMarker(e, enrich(ep, refs, sampleValid(ep, refs, { seed: richSeed, id, marker: run.marker }), richSeed));
      expectMutationSuccess(await admin.update(e, rich, `PUT ${e.name} ${id} with every optional field set`), e, 'updated');
      const thinned = withUniqueMarker(e, thin(ep, rich, body));
      const put = await admin.update(e, thinned, `PUT ${e.name} ${id} omitting some fields`);
      expectMutationSuccess(put, e, 'updated');
      recordSuccessShape(testInfo, put.json);
      const got = await readBack(admin, ep, id);
      noteNotReturned(testInfo, expectRoundTrip(e, thinned, got, ep.id));
      expectOmittedCleared(e, rich, thinned, got);
    };
    const arb = fc.tuple(fc.integer(), validBody(ep, refs, { id, marker: run.marker }));
    if (n > 1) await runProperty(testInfo, run, arb, n, one);
    else {
      const seed = caseSeed(ch.title);
      await test.step('one generated case', () => one([seed, sampleValid(ep, refs, { seed: seed + 1, id, marker: run.marker })]));
    }
  });
}
