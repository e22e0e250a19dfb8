// Clauses authn.required, authn.basic (docs/contract.md): without credentials, with a garbage bearer token, or
// with Basic and a wrong password, every endpoint answers 401 and does nothing; Basic with the right password works.
// The expired-token variant lives in token-expiry.spec.ts.
import { randomBytes } from 'node:crypto';
import { test, begin, describeCheck } from '../lib/checks/fixtures.ts';
import { checksOf } from '../lib/plan/suite.ts';
import { EXPIRED_TOKEN } from '../lib/plan/plan.ts';
import { expectMutationSuccess, expectStatus } from '../lib/checks/checks.ts';
import { sampleValid } from '../lib/payloads/bodies.ts';
import { caseSeed } from '../lib/checks/pbt.ts';
import { expectUnauthenticatedRefused } from '../lib/checks/broken-send.ts';
import { withUniqueMarker, type AuthMode } from '../lib/client/client.ts';

for (const ch of checksOf('authentication').filter((c) => c.variant !== EXPIRED_TOKEN)) {
  test(ch.title, describeCheck(ch), async ({ admin, as, refs, run, target, cleanup, profile }) => {
    await begin(ch);
    const ep = ch.endpoint!;
    const e = ep.entity;
    let auth: AuthMode;
    switch (ch.variant) {
      case 'no credentials': auth = { kind: 'none' }; break;
      case 'garbage bearer token': auth = { kind: 'raw', header: `Bearer ${randomBytes(24).toString('base64url')}` }; break;
      case 'Basic with a wrong password': auth = { kind: 'basic', password: `wrong-${randomBytes(6).toString('hex')}` }; break;
      case 'Basic with the right password': auth = { kind: 'basic' }; break;
      default: throw new Error(`unknown authentication variant "${ch.variant}"`);
    }
    const api = as(profile.admin, auth);
    const id = ep.op === 'update' ? target(e) : undefined;
    const body = () => withUniqueMarker(e, sampleValid(ep, refs, { seed: caseSeed(ch.title), id, marker: run.marker }));
    if (ch.variant === 'Basic with the right password') {
      const ex = ep.op === 'create' ? await api.create(e, body()) : await api.update(e, body());
      expectStatus(ex, 'authn.basic', 200, 'Basic with the right password must be accepted like a bearer token');
      const newId = expectMutationSuccess(ex, e, ep.op === 'create' ? 'created' : 'updated');
      if (ep.op === 'create') await admin.remove(e, newId);
      return;
    }
    await expectUnauthenticatedRefused({ admin, sender: api, ep, body, cleanup, targetId: id });
  });
}
