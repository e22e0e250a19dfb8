/** Shared by the generator self-tests: fixed refs, the write endpoints, and fast-check params from env. */
import { ENDPOINTS } from '../../api/catalogue/endpoints.ts';
import type { Refs } from '../../api/catalogue/fields.ts';
import { fcParams } from '../../generators/index.ts';

const KNOWN: Refs = {
  businessId: 11, inventoryAssetId: 12, responsibleId: 13, countryId: 1220, simpleTimeZoneId: 2023, coworkerId: 15, administratorId: 16,
};
/** Fixed refs; the fixtures of entities read from pages (resourceId…) get a fixed Id each too. */
export const REFS: Refs = new Proxy(KNOWN, { get: (t, k) => (typeof k === 'string' ? t[k] ?? 100 + k.length : undefined) });

/** The write endpoints of the declared entities. */
export const WRITE_ENDPOINTS = ENDPOINTS.filter((e) => (e.op === 'create' || e.op === 'update') && !e.entity.pages);
/** The write endpoints read from pages (the ones with a page of their own). */
export const PAGE_WRITE_ENDPOINTS = ENDPOINTS.filter((e) => (e.op === 'create' || e.op === 'update') && e.entity.pages && e.documented);

export const MARKER = 'nxc-selftest-0001';

/** FC_SEED / FC_PATH replay a reported failure (the generators themselves never read env). */
export function params(numRuns: number, title: string) {
  const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
  return fcParams({ seed, path: process.env.FC_PATH, numRuns, title });
}
