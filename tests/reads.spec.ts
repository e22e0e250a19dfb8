// nexudus-api.md §1.2, §3.2: GET list / one / batch answer the documented envelope and records; a deleted Id is 404.
import { test, expect, begin, describeCheck } from '../lib/fixtures.ts';
import { checksOf } from '../lib/suite.ts';
import { slug } from '../lib/catalogue/endpoints.ts';
import { expectNoServerError, expectSchema } from '../lib/checks.ts';
import { expectMatchesBaseline, observationOf } from '../lib/baseline.ts';

for (const ch of [...checksOf('reads'), ...checksOf('silent points').filter((c) => c.endpoint?.op === 'get')]) {
  test(ch.title, describeCheck(ch), async ({ admin, run, target }, testInfo) => {
    await begin(ch);
    const ep = ch.endpoint!;
    const e = ep.entity;
    if (ep.op === 'list') {
      const ex = await admin.list(e, { page: 1, size: 5 });
      expectNoServerError(ex);
      expect(ex.status, 'GET list must answer 200').toBe(200);
      expectSchema(ex, `${slug(e)}.list.json`, 'the list envelope');
      return;
    }
    if (ch.title.includes('deleted')) {
      const ex = await admin.get(e, run.tombstones[e.name]);
      if (ch.kind === 'silent points') return expectMatchesBaseline(testInfo, run.tenant, `${slug(e)}-get-deleted`, observationOf(ex));
      expectNoServerError(ex);
      expect(ex.status, `GET of an Id that was deleted must answer 404 (nexudus-api.md §3.2): ${ex.responseText.slice(0, 200)}`).toBe(404);
      return;
    }
    const id = target(e);
    if (ep.op === 'get') {
      const ex = await admin.get(e, id);
      expectNoServerError(ex);
      expect(ex.status, 'GET one must answer 200').toBe(200);
      expectSchema(ex, `${slug(e)}.record.json`, 'the record');
      expect((ex.json as { Id?: number }).Id, 'the record asked for').toBe(id);
    } else {
      const ex = await admin.batch(e, [id]);
      expectNoServerError(ex);
      expect(ex.status, 'GET batch must answer 200').toBe(200);
      expectSchema(ex, `${slug(e)}.batch.json`, 'the batch answer');
      expect((ex.json as { Id?: number }[]).map((r) => r.Id), 'the records asked for').toEqual([id]);
    }
  });
}
