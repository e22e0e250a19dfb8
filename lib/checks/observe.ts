/**
 * Observations: what a tenant answers where no source guarantees anything (clause silent.record-fields and
 * the other recorded clauses). They never fail a check; they are annotations on the check (terminal list
 * reporter, Allure parameters, verdicts.json) so a reader sees the tenant's usual shape beside the guarantee.
 */
import type { TestInfo } from '@playwright/test';
import type { EntityDecl } from '../../api/catalogue/entities.ts';
import { BASE_FIELDS } from '../../api/catalogue/entities.ts';

export function recordObservation(testInfo: TestInfo, what: string, value: string): void {
  testInfo.annotations.push({ type: 'observed', description: `${what}: ${value}` });
}

/** The usual shape against the guarantee: documented fields the records lack, and fields no document names. */
export function fieldsObserved(e: EntityDecl, kind: 'record' | 'list-item', records: unknown[]): { missing: string[]; undocumented: string[] } {
  const seen = new Set<string>();
  for (const r of records) if (r && typeof r === 'object') for (const k of Object.keys(r)) seen.add(k);
  const documented = new Set([...BASE_FIELDS, ...Object.keys(e.fields), ...Object.keys(e.readOnly)]);
  const expectedHere = Object.keys(e.fields).filter((k) => !e.writeOnly?.includes(k) && (kind === 'record' || !e.notInList?.includes(k)));
  return {
    missing: records.length ? expectedHere.filter((k) => !seen.has(k)) : [],
    undocumented: [...seen].filter((k) => !documented.has(k)).sort(),
  };
}

export function recordFieldsObserved(testInfo: TestInfo, e: EntityDecl, kind: 'record' | 'list-item', records: unknown[]): void {
  const { missing, undocumented } = fieldsObserved(e, kind, records);
  if (missing.length) recordObservation(testInfo, `documented request fields this tenant's ${kind}s do not carry`, missing.join(', '));
  if (undocumented.length) recordObservation(testInfo, `fields this tenant's ${kind}s carry that no document names`, undocumented.join(', '));
}

const EXAMPLE_EXTRAS = ['OpenInDialog', 'OpenInWindow', 'RedirectURL', 'JavaScript', 'UpdatedOn', 'UpdatedBy'];

/** Clause silent.success-extras: the exact success Message and which keys of the example answer the tenant sends. */
export function recordSuccessShape(testInfo: TestInfo, json: unknown): void {
  if (!json || typeof json !== 'object') return;
  const j = json as Record<string, unknown>;
  recordObservation(testInfo, 'success Message', JSON.stringify(j.Message));
  const absent = EXAMPLE_EXTRAS.filter((k) => !(k in j));
  if (absent.length) recordObservation(testInfo, 'keys of the example success answer this tenant leaves out', absent.join(', '));
}
