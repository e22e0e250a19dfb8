// The silent.* clauses (docs/contract.md): points no source settles (unknown Id on PUT, whitespace-only required
// text, wrong JSON types, unparseable dates, enums out of range, unknown foreign keys, AssignedTo before
// AssignedFrom, extra fields, date offsets). Any answer is tolerated and recorded per tenant, a 5xx included
// (the docs show 500 for bad data, nexudus-api.md §6); a change against the tenant's baseline fails.
import { test, begin, describeCheck } from '../lib/checks/fixtures.ts';
import { checksOf } from '../lib/plan/suite.ts';
import { materializeCase } from '../lib/payloads/cover.ts';
import { sendBroken, effectOf } from '../lib/checks/broken-send.ts';
import { expectMatchesBaseline, observationOf } from '../lib/checks/baseline.ts';
import { slug } from '../api/catalogue/endpoints.ts';

for (const ch of checksOf('silent points').filter((c) => c.cover)) {
  test(ch.title, describeCheck(ch), async ({ admin, refs, run, target, cleanup }, testInfo) => {
    await begin(ch);
    const ep = ch.endpoint!;
    const e = ep.entity;
    const id = ep.op === 'update' ? target(e) : undefined;
    const bc = materializeCase(ch.cover!, refs, { id, marker: run.marker });
    // an Id that cannot exist, and is ours: a record this run created and deleted (never a stranger's Id)
    const body = bc.rule === 'put-unknown-id' ? { ...bc.body, Id: run.tombstones[e.name] } : bc.body;
    const outcome = await test.step(bc.how, () => sendBroken(admin, admin, ep, body, cleanup, id));
    // an effect that could not be seen is no observation: the probe has no verdict
    effectOf(outcome);
    await expectMatchesBaseline(testInfo, run.tenant, `${slug(e)}-${ep.method.toLowerCase()}-${bc.rule}`, observationOf(outcome.ex, outcome));
  });
}
