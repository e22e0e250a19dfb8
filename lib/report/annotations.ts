/**
 * Report metadata derived from the plan, so specs never import Allure: Playwright annotations
 * (`epic`, `feature`, `story`, `severity`) become Allure labels, `reference` an Allure link, and
 * `persona`, `rule`, `field`, `seed`, `credentials` Allure parameters (reporters/allure.ts); tags drive
 * `--grep`, and the HTML report shows the same annotations. Declared here rather than sent from the
 * test at run time: every runtime Allure call is a report step with a captured stack in the worker.
 * The exchanges (attachments) are added by the `exchanges` fixture in lib/checks/fixtures.ts.
 */
import type { Check } from '../plan/plan.ts';

export const SEVERITY: Record<Check['kind'], 'blocker' | 'critical' | 'normal' | 'minor'> = {
  'round trip': 'critical',
  'required fields': 'critical',
  authorization: 'blocker',
  authentication: 'blocker',
  token: 'critical',
  reads: 'normal',
  'silent points': 'minor',
};

/** The endpoint column of the conformance matrix. */
export function featureOf(ch: Check): string {
  return ch.endpoint ? ch.endpoint.id : 'POST /api/token';
}

/** Annotations that become Allure parameters (reporters/allure.ts), in this order. */
export const PARAMETER_ANNOTATIONS = ['persona', 'rule', 'field', 'seed', 'credentials', 'clauses', 'observed', 'notice'] as const;

export function meta(ch: Check): { tag: string[]; annotation: { type: string; description: string }[] } {
  const a = (type: string, description: string | undefined) => (description ? [{ type, description }] : []);
  return {
    tag: [...new Set([...ch.tags, ...(ch.endpoint ? [`@${ch.endpoint.entity.name}`] : ['@token'])])],
    annotation: [
      { type: 'epic', description: ch.endpoint ? ch.endpoint.entity.module : 'auth' },
      { type: 'feature', description: featureOf(ch) },
      { type: 'story', description: ch.kind },
      { type: 'severity', description: SEVERITY[ch.kind] },
      ...a('reference', ch.endpoint?.docUrl),
      ...a('persona', ch.persona),
      ...a('rule', ch.cover?.rule),
      ...a('field', ch.cover?.fields.length ? ch.cover.fields.join(', ') : undefined),
      ...a('seed', ch.cover ? String(ch.cover.seed) : undefined),
      ...a('credentials', ch.variant),
      // the rules this check asserts or records, by clause id (docs/contract.md gives each one's source)
      ...a('clauses', ch.clauses.join(', ')),
    ],
  };
}
