/**
 * The documented rate limits of a tenant (nexudus-api.md §5), as the client paces to them and the
 * sandbox enforces them.
 */
export type LimitName = 'writesPerMinute' | 'writesPerDay' | 'requestsPer100ms' | 'requestsPerMinute' | 'requestsPerHour';

export interface Limits {
  writesPerMinute: number;
  writesPerDay: number;
  requestsPer100ms: number;
  requestsPerMinute: number;
  requestsPerHour: number;
  /**
   * Windows widened from their usual length (a shard's share of a limit smaller than the shard
   * count): the count then holds per this many ms. Absent = the length the name says.
   */
  windowMs?: Partial<Record<LimitName, number>>;
}

/** The newer published table (S2 api-limitations). */
export const DOCUMENTED_LIMITS: Limits = {
  writesPerMinute: 60,
  writesPerDay: 5000,
  requestsPer100ms: 1,
  requestsPerMinute: 120,
  requestsPerHour: 5000,
};
