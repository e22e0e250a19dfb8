// nexudus-api.md §4: a real bearer token used after its lifetime answers 401 and does nothing.
// A file of its own that sorts after the others: global setup obtains the token before the first
// check (lib/checks/fixtures.ts expiredToken), so by the time these checks run it has lapsed and no worker
// sits waiting for it. Global setup plans these checks from the tenant's own expires_in: a tenant whose tokens live
// longer than a run waits (lib/plan/not-run.ts MAX_EXPIRY_WAIT_SECONDS) skips them with the reason, and a token that
// would lapse only after this check's time is up skips it here: no check waits for a test timeout.
import { test, begin, describeCheck } from '../lib/checks/fixtures.ts';
import { checksOf } from '../lib/plan/suite.ts';
import { EXPIRED_TOKEN } from '../lib/plan/plan.ts';
import { TOKEN_LIFETIME } from '../lib/plan/not-run.ts';
import { env } from '../lib/config/env.ts';
import { sampleValid } from '../lib/payloads/bodies.ts';
import { caseSeed } from '../lib/checks/pbt.ts';
import { expectUnauthenticatedRefused } from '../lib/checks/broken-send.ts';

/** ms until the handed-over token has lapsed (0 when it has, or when none was handed over: the fixture says why). */
const lapsesIn = (): number => (env.expiredToken ? Math.max(0, (JSON.parse(env.expiredToken) as { usableAt: number }).usableAt - Date.now()) : 0);

for (const ch of checksOf('authentication').filter((c) => c.variant === EXPIRED_TOKEN)) {
  test(ch.title, describeCheck(ch), async ({ admin, as, refs, run, target, cleanup, profile, expiredToken }, testInfo) => {
    await begin(ch);
    const wait = lapsesIn();
    // the check's own requests need a few seconds of its time after the wait
    test.skip(testInfo.timeout > 0 && wait > testInfo.timeout - 10_000,
      `${TOKEN_LIFETIME}: the token lapses in ${Math.ceil(wait / 1000)} s, after this check's time (${testInfo.timeout / 1000} s) is up`);
    const ep = ch.endpoint!;
    const api = as(profile.admin, { kind: 'raw', header: `Bearer ${await expiredToken()}` });
    const id = ep.op === 'update' ? target(ep.entity) : undefined;
    const body = () => sampleValid(ep, refs, { seed: caseSeed(ch.title), id, marker: run.marker });
    await expectUnauthenticatedRefused({ admin, sender: api, ep, body, cleanup, targetId: id });
  });
}
