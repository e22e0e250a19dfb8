/** Shared by the generator self-tests: fixed refs, the write endpoints, and fast-check params from env. */
import { ENDPOINTS } from '../../api/catalogue/endpoints.ts';
import type { Refs } from '../../api/catalogue/fields.ts';
import { fcParams } from '../../generators/index.ts';

export const REFS: Refs = {
  businessId: 11, inventoryAssetId: 12, responsibleId: 13, countryId: 1220, simpleTimeZoneId: 2023, coworkerId: 15, administratorId: 16,
};

export const WRITE_ENDPOINTS = ENDPOINTS.filter((e) => e.op === 'create' || e.op === 'update');

export const MARKER = 'nxc-selftest-0001';

/** FC_SEED / FC_PATH replay a reported failure (the generators themselves never read env). */
export function params(numRuns: number, title: string) {
  const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
  return fcParams({ seed, path: process.env.FC_PATH, numRuns, title });
}
