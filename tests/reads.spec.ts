// Clauses read.list, read.record, read.batch, read.deleted-404 (docs/contract.md): GET list / one / batch answer the
// documented envelope and records; a deleted Id is 404. What a record carries beyond the guarantee is recorded.
import { test, begin, describeCheck } from '../lib/checks/fixtures.ts';
import { checksOf } from '../lib/plan/suite.ts';
import { slug } from '../api/catalogue/endpoints.ts';
import { expectStatus, expectSchema, mustBe } from '../lib/checks/checks.ts';
import { recordFieldsObserved } from '../lib/checks/observe.ts';
import { expectMatchesBaseline, observationOf } from '../lib/checks/baseline.ts';

for (const ch of [...checksOf('reads'), ...checksOf('silent points').filter((c) => c.endpoint?.op === 'get')]) {
  test(ch.title, describeCheck(ch), async ({ admin, run, target }, testInfo) => {
    await begin(ch);
    const ep = ch.endpoint!;
    const e = ep.entity;
    if (ep.op === 'list') {
      const ex = await admin.list(e, { page: 1, size: 5 });
      expectStatus(ex, 'read.list', 200, 'GET list must answer 200');
      expectSchema(ex, 'read.list', `${slug(e)}.list.json`, 'the list envelope');
      recordFieldsObserved(testInfo, e, 'list-item', (ex.json as { Records: unknown[] }).Records);
      return;
    }
    if (ch.title.includes('deleted')) {
      const ex = await admin.get(e, run.tombstones[e.name]);
      if (ch.kind === 'silent points') return expectMatchesBaseline(testInfo, run.tenant, `${slug(e)}-get-deleted`, observationOf(ex));
      expectStatus(ex, 'read.deleted-404', 404, 'GET of an Id that was deleted must answer 404');
      return;
    }
    const id = target(e);
    if (ep.op === 'get') {
      const ex = await admin.get(e, id);
      expectStatus(ex, 'read.record', 200, 'GET one must answer 200');
      expectSchema(ex, 'read.record', `${slug(e)}.record.json`, 'the record');
      mustBe('read.record', (ex.json as { Id?: number }).Id, id, () => 'GET one must answer the record asked for');
      recordFieldsObserved(testInfo, e, 'record', [ex.json]);
    } else {
      const ex = await admin.batch(e, [id]);
      expectStatus(ex, 'read.batch', 200, 'GET batch must answer 200');
      expectSchema(ex, 'read.batch', `${slug(e)}.batch.json`, 'the batch answer');
      const ids = (ex.json as { Id?: number }[]).map((r) => r.Id);
      mustBe('read.batch', JSON.stringify(ids), JSON.stringify([id]), () => `GET batch must answer the records asked for ([${id}]); got ${JSON.stringify(ids)}`);
    }
  });
}
