/**
 * Report metadata derived from the plan, so specs never import Allure: Playwright annotations
 * (`epic`, `feature`, `story`, `severity`) become Allure labels, tags drive `--grep`, and the HTML
 * report shows the same annotations. Runtime details (parameters, links, attachments) are added by
 * the `exchanges` fixture in lib/fixtures.ts.
 */
import type { Check } from './plan.ts';

export const SEVERITY: Record<Check['kind'], 'blocker' | 'critical' | 'normal' | 'minor'> = {
  'round trip': 'critical',
  'required fields': 'critical',
  authorization: 'blocker',
  authentication: 'blocker',
  token: 'critical',
  reads: 'normal',
  'wrong types': 'normal',
  'silent points': 'minor',
};

/** The endpoint column of the conformance matrix. */
export function featureOf(ch: Check): string {
  return ch.endpoint ? ch.endpoint.id : 'POST /api/token';
}

export function meta(ch: Check): { tag: string[]; annotation: { type: string; description: string }[] } {
  return {
    tag: [...new Set([...ch.tags, ...(ch.endpoint ? [`@${ch.endpoint.entity.name}`] : ['@token'])])],
    annotation: [
      { type: 'epic', description: ch.endpoint ? ch.endpoint.entity.module : 'auth' },
      { type: 'feature', description: featureOf(ch) },
      { type: 'story', description: ch.kind },
      { type: 'severity', description: SEVERITY[ch.kind] },
    ],
  };
}
