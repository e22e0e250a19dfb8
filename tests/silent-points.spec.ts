// nexudus-api.md §8 #9 and §6: points the docs leave silent (unknown Id on PUT, wrong type on an optional
// field, enum out of range, unknown foreign key, AssignedTo before AssignedFrom, extra fields, date offsets).
// Any plausible answer is tolerated and recorded per tenant; a change against the baseline fails. A 5xx
// on bad input is always a finding.
import { test, begin, describeCheck } from '../lib/fixtures.ts';
import { checksOf } from '../lib/suite.ts';
import { expectNoServerError } from '../lib/checks.ts';
import { materializeCase } from '../lib/cover.ts';
import { sendBroken } from '../lib/broken-send.ts';
import { expectMatchesBaseline, observationOf } from '../lib/baseline.ts';
import { slug } from '../lib/catalogue/endpoints.ts';

for (const ch of checksOf('silent points').filter((c) => c.cover)) {
  test(ch.title, describeCheck(ch), async ({ admin, refs, run, target, cleanup }, testInfo) => {
    await begin(ch);
    const ep = ch.endpoint!;
    const e = ep.entity;
    const id = ep.op === 'update' ? target(e) : undefined;
    const bc = materializeCase(ch.cover!, refs, { id, marker: run.marker });
    // an Id that cannot exist, and is ours: a record this run created and deleted (never a stranger's Id)
    const body = bc.rule === 'put-unknown-id' ? { ...bc.body, Id: run.tombstones[e.name] } : bc.body;
    const { ex, effect } = await test.step(bc.how, () => sendBroken(admin, admin, ep, body, cleanup, id));
    expectNoServerError(ex);
    await expectMatchesBaseline(testInfo, run.tenant, `${slug(e)}-${ep.method.toLowerCase()}-${bc.rule}`, observationOf(ex, effect));
  });
}
