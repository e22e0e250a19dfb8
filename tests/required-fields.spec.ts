// Seed pages (400 example) / nexudus-api.md §6: a required field missing, null or empty is answered 400 with
// the failure envelope, an Errors item per field ("is a required field", either PropertyName spelling), a
// "PropertyName: message" summary, and nothing is created or changed. What the sources leave open (blank
// text, wrong JSON types, unparseable dates, non-lists) is not asserted here: tests/silent-points.spec.ts
// records it against the tenant's baseline.
import fc from 'fast-check';
import { test, begin, describeCheck } from '../lib/checks/fixtures.ts';
import { checksOf } from '../lib/plan/suite.ts';
import { materializeCase } from '../lib/payloads/cover.ts';
import { expectRejectedWithoutEffect } from '../lib/checks/broken-send.ts';
import { brokenBody, rulesFor, expectationFor } from '../generators/broken.ts';
import { runProperty } from '../lib/checks/pbt.ts';
import { markerValue } from '../lib/client/client.ts';

for (const ch of checksOf('required fields')) {
  test(ch.title, describeCheck(ch), async ({ admin, refs, run, target, cleanup }, testInfo) => {
    await begin(ch);
    const ep = ch.endpoint!;
    const id = ep.op === 'update' ? target(ep.entity) : undefined;
    if (ch.cover) {
      const bc = materializeCase(ch.cover, refs, { id, marker: run.marker });
      await test.step(bc.how, () => expectRejectedWithoutEffect(admin, ep, bc, cleanup, id));
      return;
    }
    // explore mode: any documented violation, drawn and shrunk by fast-check
    const rules = rulesFor(ep).filter((r) => expectationFor(r, ['x']).kind !== 'undocumented');
    // a POST body left with no marker field could not be looked for afterwards: such draws are not made
    const arb = fc.oneof(...rules.map((r) => brokenBody(ep, refs, r, { id, marker: run.marker })))
      .filter((bc) => ep.method !== 'POST' || markerValue(ep.entity, bc.body) !== undefined);
    await runProperty(testInfo, run, arb, ch.numRuns ?? 1, (bc) => expectRejectedWithoutEffect(admin, ep, bc, cleanup, id));
  });
}
