// Clauses authz.allowed, authz.denied, delete.removes, coworker.no-plain-delete (docs/contract.md): a persona may
// call an endpoint when it is a full unrestricted administrator or holds `<Entity>-List|Read|Create|Edit|Delete`;
// otherwise the tenant answers 401 (not 403; or the status the profile declares) and nothing happens. Coworkers
// have no plain DELETE: COWORKER_DELETE through runcommand is where Coworker-Delete is checked.
import { isDeepStrictEqual } from 'node:util';
import { test, begin, describeCheck } from '../lib/checks/fixtures.ts';
import { checksOf } from '../lib/plan/suite.ts';
import { slug, endpoint } from '../api/catalogue/endpoints.ts';
import { resourcePath } from '../api/catalogue/entities.ts';
import { expectDenied, expectMutationSuccess, expectStatus, expectSchema, mustBe } from '../lib/checks/checks.ts';
import { recordObservation } from '../lib/checks/observe.ts';
import { sampleValid } from '../lib/payloads/bodies.ts';
import { caseSeed } from '../lib/checks/pbt.ts';
import { markerValue, withUniqueMarker } from '../lib/client/client.ts';
import { readBefore, readAfter } from '../lib/checks/broken-send.ts';
import { InconclusiveError } from '../lib/config/errors.ts';

for (const ch of checksOf('authorization')) {
  test(ch.title, describeCheck(ch), async ({ admin, as, refs, run, target, cleanup }, testInfo) => {
    await begin(ch);
    const ep = ch.endpoint!;
    const e = ep.entity;
    const seed = caseSeed(ch.title);
    if (!ch.persona) {
      // plain DELETE on coworkers: refused (405 seen live), and the coworker is still there
      const id = target(e);
      const ex = await admin.send('DELETE', `${resourcePath(e)}/${id}`, { entity: e });
      recordObservation(testInfo, 'plain DELETE answered', String(ex.status));
      expectStatus(ex, 'coworker.no-plain-delete', (s) => s >= 400 && s < 500, `${e.name} has no plain DELETE; it must be refused with a 4xx`);
      expectStatus(await admin.get(e, id), 'coworker.no-plain-delete', 200, 'the coworker must still exist after a plain DELETE');
      return;
    }
    const api = as(ch.persona);
    const ok = ch.allowed!;
    switch (ep.op) {
      case 'list':
      case 'get':
      case 'batch': {
        const ex = ep.op === 'list' ? await api.list(e, { page: 1, size: 1 }) : ep.op === 'get' ? await api.get(e, target(e)) : await api.batch(e, [target(e)]);
        if (!ok) return expectDenied(ex, run.deniedStatus, 'authz.denied');
        expectStatus(ex, 'authz.allowed', 200, `${ch.persona} holds ${ep.role}: ${ep.op} must answer 200`);
        expectSchema(ex, ep.op === 'get' ? 'read.record' : ep.op === 'list' ? 'read.list' : 'read.batch', `${slug(e)}.${ep.op === 'get' ? 'record' : ep.op}.json`, 'the answer');
        return;
      }
      case 'create': {
        const body = withUniqueMarker(e, sampleValid(ep, refs, { seed, marker: run.marker }));
        const ex = await api.create(e, body);
        const id = (ex.json as { Value?: { Id?: number } } | undefined)?.Value?.Id;
        if (ok) {
          expectStatus(ex, 'authz.allowed', 200, `${ch.persona} holds ${ep.role}: POST must be accepted`);
          expectMutationSuccess(ex, e, 'created');
          await admin.remove(e, id!);
          return;
        }
        if (typeof id === 'number') cleanup.add(e, id);
        expectDenied(ex, run.deniedStatus, 'authz.denied');
        const m = markerValue(e, body)!;
        const made = await admin.findByExactValue(e, m.field, m.value);
        if (made !== undefined) cleanup.add(e, made);
        mustBe('authz.denied', made, undefined, () => `a denied create must not create a record; ${e.name} ${made} was created`, ep.id);
        return;
      }
      case 'update': {
        const id = target(e);
        const body = withUniqueMarker(e, sampleValid(ep, refs, { seed, id, marker: run.marker }));
        if (ok) {
          const ex = await api.update(e, body);
          expectStatus(ex, 'authz.allowed', 200, `${ch.persona} holds ${ep.role}: PUT must be accepted`);
          return void expectMutationSuccess(ex, e, 'updated');
        }
        const before = await readBefore(admin, ep, id);
        const ex = await api.update(e, body);
        const after = await readAfter(admin, ep, id);
        expectDenied(ex, run.deniedStatus, 'authz.denied');
        if (typeof after === 'string' && after !== 'gone') throw new InconclusiveError(after);
        mustBe('authz.denied', after !== 'gone' && isDeepStrictEqual(after.json, before.json), true, () => `a denied PUT must not change the record:\nbefore ${before.responseText.slice(0, 400)}\nafter  ${after === 'gone' ? `404: the record is gone` : after.responseText.slice(0, 400)}`, ep.id);
        return;
      }
      case 'delete':
      case 'runcommand': {
        if (ok) {
          const create = endpoint(e, 'create');
          const made = await admin.create(e, withUniqueMarker(e, sampleValid(create, refs, { seed, marker: run.marker })));
          const id = expectMutationSuccess(made, e, 'created');
          const ex = await api.remove(e, id);
          expectStatus(ex, 'authz.allowed', 200, `${ch.persona} holds ${ep.role}: the delete must answer 200`);
          expectSchema(ex, 'delete.removes', 'envelope.delete.json', 'the delete answer');
          mustBe('delete.removes', (ex.json as { WasSuccessful?: boolean }).WasSuccessful, true, () => 'the delete answer must say WasSuccessful true');
          // a coworker deleted by runcommand may stay listed as inactive (nexudus-api.md §9): only plain DELETEs must 404
          if (ep.op === 'delete') expectStatus(await admin.get(e, id), 'delete.removes', 404, 'the deleted record must be gone');
          return;
        }
        const id = target(e);
        const ex = await api.remove(e, id);
        expectDenied(ex, run.deniedStatus, 'authz.denied');
        expectStatus(await admin.get(e, id), 'authz.denied', 200, 'a denied delete must leave the record', ep.id);
        return;
      }
    }
  });
}
