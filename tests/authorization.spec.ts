// nexudus-api.md §1, §4: a persona may call an endpoint when it is a full unrestricted administrator or
// holds `<Entity>-List|Read|Create|Edit|Delete`; otherwise the tenant answers 401 (not 403; or the status
// the profile declares) and nothing happens. Coworkers have no plain DELETE: COWORKER_DELETE through
// runcommand is where Coworker-Delete is checked, and DELETE /coworkers/{id} answers 405.
import { test, expect, begin, describeCheck } from '../lib/fixtures.ts';
import { checksOf } from '../lib/suite.ts';
import { slug, endpoint } from '../lib/catalogue/endpoints.ts';
import { resourcePath } from '../lib/catalogue/entities.ts';
import { expectDenied, expectMutationSuccess, expectNoServerError, expectSchema } from '../lib/checks.ts';
import { sampleValid } from '../lib/bodies.ts';
import { caseSeed } from '../lib/pbt.ts';
import { markerValue, withUniqueMarker } from '../lib/client.ts';

for (const ch of checksOf('authorization')) {
  test(ch.title, describeCheck(ch), async ({ admin, as, refs, run, target, cleanup }) => {
    await begin(ch);
    const ep = ch.endpoint!;
    const e = ep.entity;
    const seed = caseSeed(ch.title);
    if (!ch.persona) {
      // plain DELETE on coworkers: 405, and the coworker is still there
      const id = target(e);
      const ex = await admin.send('DELETE', `${resourcePath(e)}/${id}`, { entity: e });
      expectNoServerError(ex);
      expect(ex.status, `${e.name} has no plain DELETE; it must answer 405 (nexudus-api.md §3.1)`).toBe(405);
      expect((await admin.get(e, id)).status, 'the coworker must still exist').toBe(200);
      return;
    }
    const api = as(ch.persona);
    const ok = ch.allowed!;
    switch (ep.op) {
      case 'list':
      case 'get':
      case 'batch': {
        const ex = ep.op === 'list' ? await api.list(e, { page: 1, size: 1 }) : ep.op === 'get' ? await api.get(e, target(e)) : await api.batch(e, [target(e)]);
        if (!ok) return expectDenied(ex, run.deniedStatus);
        expectNoServerError(ex);
        expect(ex.status, `${ch.persona} holds ${ep.role}: ${ep.op} must answer 200`).toBe(200);
        expectSchema(ex, `${slug(e)}.${ep.op === 'get' ? 'record' : ep.op}.json`, 'the answer');
        return;
      }
      case 'create': {
        const body = withUniqueMarker(e, sampleValid(ep, refs, { seed, marker: run.marker }));
        const ex = await api.create(e, body);
        const id = (ex.json as { Value?: { Id?: number } } | undefined)?.Value?.Id;
        if (ok) {
          expectMutationSuccess(ex, e, 'created');
          await admin.remove(e, id!);
          return;
        }
        if (typeof id === 'number') cleanup.add(e, id);
        expectDenied(ex, run.deniedStatus);
        const m = markerValue(e, body)!;
        expect(await admin.findByExactValue(e, m.field, m.value), 'a denied create must not create a record').toBeUndefined();
        return;
      }
      case 'update': {
        const id = target(e);
        const body = sampleValid(ep, refs, { seed, id, marker: run.marker });
        if (ok) return void expectMutationSuccess(await api.update(e, body), e, 'updated');
        const before = await admin.get(e, id);
        const ex = await api.update(e, body);
        const after = await admin.get(e, id);
        expectDenied(ex, run.deniedStatus);
        expect(after.json, 'a denied PUT must not change the record').toEqual(before.json);
        return;
      }
      case 'delete':
      case 'runcommand': {
        if (ok) {
          const create = endpoint(e, 'create');
          const made = await admin.create(e, sampleValid(create, refs, { seed, marker: run.marker }));
          const id = expectMutationSuccess(made, e, 'created');
          const ex = await api.remove(e, id);
          expectNoServerError(ex);
          expect(ex.status, `${ch.persona} holds ${ep.role}: the delete must answer 200`).toBe(200);
          expectSchema(ex, 'envelope.delete.json', 'the delete answer');
          expect((ex.json as { WasSuccessful?: boolean }).WasSuccessful, 'WasSuccessful').toBe(true);
          const gone = await admin.get(e, id);
          // a coworker deleted by runcommand may stay listed as inactive (nexudus-api.md §9): only plain DELETEs must 404
          if (ep.op === 'delete') expect(gone.status, 'the deleted record must be gone').toBe(404);
          return;
        }
        const id = target(e);
        const ex = await api.remove(e, id);
        expectDenied(ex, run.deniedStatus);
        expect((await admin.get(e, id)).status, 'a denied delete must leave the record').toBe(200);
        return;
      }
    }
  });
}
