// nexudus-api.md §4: a real bearer token used after its lifetime answers 401 and does nothing.
// A file of its own that sorts after the others: global setup obtains the token before the first
// check (lib/checks/fixtures.ts expiredToken), so by the time these checks run it has lapsed and no worker
// sits waiting for it.
import { test, begin, describeCheck } from '../lib/checks/fixtures.ts';
import { checksOf } from '../lib/plan/suite.ts';
import { EXPIRED_TOKEN } from '../lib/plan/plan.ts';
import { sampleValid } from '../lib/payloads/bodies.ts';
import { caseSeed } from '../lib/checks/pbt.ts';
import { expectUnauthenticatedRefused } from '../lib/checks/broken-send.ts';

for (const ch of checksOf('authentication').filter((c) => c.variant === EXPIRED_TOKEN)) {
  test(ch.title, describeCheck(ch), async ({ admin, as, refs, run, target, cleanup, profile, expiredToken }) => {
    await begin(ch);
    const ep = ch.endpoint!;
    const api = as(profile.admin, { kind: 'raw', header: `Bearer ${await expiredToken()}` });
    const id = ep.op === 'update' ? target(ep.entity) : undefined;
    const body = () => sampleValid(ep, refs, { seed: caseSeed(ch.title), id, marker: run.marker });
    await expectUnauthenticatedRefused({ admin, sender: api, ep, body, cleanup, targetId: id });
  });
}
