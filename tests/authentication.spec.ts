// nexudus-api.md §4: without credentials, with a garbage or expired bearer token, or with Basic and a
// wrong password, every endpoint answers 401 and does nothing; Basic with the right password works.
import { randomBytes } from 'node:crypto';
import { test, expect, begin, describeCheck } from '../lib/fixtures.ts';
import { checksOf } from '../lib/suite.ts';
import { expectDenied, expectMutationSuccess } from '../lib/checks.ts';
import { sampleValid } from '../lib/bodies.ts';
import { caseSeed } from '../lib/pbt.ts';
import { sendBroken } from '../lib/broken-send.ts';
import type { AuthMode } from '../lib/client.ts';

for (const ch of checksOf('authentication')) {
  test(ch.title, describeCheck(ch), async ({ admin, as, refs, run, target, cleanup, profile, expiredToken }) => {
    await begin(ch);
    const ep = ch.endpoint!;
    const e = ep.entity;
    const p = profile.admin;
    let auth: AuthMode;
    switch (ch.variant) {
      case 'no credentials': auth = { kind: 'none' }; break;
      case 'garbage bearer token': auth = { kind: 'raw', header: `Bearer ${randomBytes(24).toString('base64url')}` }; break;
      case 'Basic with a wrong password': auth = { kind: 'basic', password: `wrong-${randomBytes(6).toString('hex')}` }; break;
      case 'Basic with the right password': auth = { kind: 'basic' }; break;
      default:
        // expired: a real token, used after its lifetime (the profile says tokens are short-lived)
        auth = { kind: 'raw', header: `Bearer ${await expiredToken()}` };
    }
    const api = as(p, auth);
    if (ep.op === 'list') return expectDenied(await api.list(e, { page: 1, size: 1 }), 401);
    const id = ep.op === 'update' ? target(e) : undefined;
    const body = sampleValid(ep, refs, { seed: caseSeed(ch.title), id, marker: run.marker });
    if (ch.variant === 'Basic with the right password') {
      const ex = ep.op === 'create' ? await api.create(e, body) : await api.update(e, body);
      const newId = expectMutationSuccess(ex, e, ep.op === 'create' ? 'created' : 'updated');
      if (ep.op === 'create') await admin.remove(e, newId);
      return;
    }
    const { ex, effect } = await sendBroken(admin, api, ep, body, cleanup, id);
    expectDenied(ex, 401);
    expect(effect, 'an unauthenticated write must not create or change anything').toBeUndefined();
  });
}
