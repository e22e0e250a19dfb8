// Seed pages (400 example) / nexudus-api.md §6: a required field missing, null, empty or blank is answered
// 400 with the failure envelope, an Errors item per field ("is a required field", either PropertyName
// spelling), a "PropertyName: message" summary, and nothing is created or changed. Wrong JSON types,
// unparseable dates and non-lists are rejected naming the field. Never a 5xx.
import fc from 'fast-check';
import { test, begin, describeCheck } from '../lib/checks/fixtures.ts';
import { checksOf } from '../lib/plan/suite.ts';
import { materializeCase } from '../lib/payloads/cover.ts';
import { expectRejectedWithoutEffect } from '../lib/checks/broken-send.ts';
import { brokenBody, rulesFor, expectationFor } from '../generators/broken.ts';
import { runProperty } from '../lib/checks/pbt.ts';

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
    const arb = fc.oneof(...rules.map((r) => brokenBody(ep, refs, r, { id, marker: run.marker })));
    await runProperty(testInfo, run, arb, ch.numRuns ?? 1, (bc) => expectRejectedWithoutEffect(admin, ep, bc, cleanup, id));
  });
}
