// Date handling for the clean-room tenant.
// Internally every date is a canonical UTC string "YYYY-MM-DDTHH:mm:ss.fffffff" (7 fractional digits, no zone),
// wrapped in CanonDate so that rendering and filtering can recognise it. Canonical strings sort lexicographically.

export class CanonDate {
  constructor(public readonly v: string) {}
}

export interface DateParseOptions {
  /** accept "+01:00"-style offsets (converted to UTC) */
  offsets: boolean;
  /** accept "2025-01-15" (midnight UTC) */
  dateOnly: boolean;
  /** accept "2025-01-15T10:30:00" without a zone (taken as UTC) */
  noZone: boolean;
}

const LENIENT: DateParseOptions = { offsets: true, dateOnly: true, noZone: true };

const RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,20}))?)?(Z|z|[+-]\d{2}:?\d{2})?)?$/;

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

function fromParts(d: Date, frac7: string): string {
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}` +
    `T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${frac7}`
  );
}

/** Parse an input date string; returns the canonical form, or null when it is not accepted. */
export function parseDate(input: string, o: DateParseOptions = LENIENT): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const m = RE.exec(input.trim());
  if (!m) return null;
  const [, Y, Mo, D, h, mi, se, frac, zone] = m;
  const isDateOnly = h === undefined;
  if (isDateOnly && !o.dateOnly) return null;
  if (!isDateOnly) {
    if (zone === undefined && !o.noZone) return null;
    if (zone !== undefined && zone.toUpperCase() !== 'Z' && !o.offsets) return null;
  }
  const y = Number(Y), mon = Number(Mo), day = Number(D);
  const H = h ? Number(h) : 0, Mi = mi ? Number(mi) : 0, S = se ? Number(se) : 0;
  if (y < 1 || mon < 1 || mon > 12 || day < 1 || day > 31 || H > 23 || Mi > 59 || S > 59) return null;
  const d = new Date(0);
  d.setUTCFullYear(y, mon - 1, day);
  d.setUTCHours(H, Mi, S, 0);
  if (d.getUTCDate() !== day || d.getUTCMonth() !== mon - 1) return null; // e.g. 2025-02-30
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2)), om = Number(digits.slice(2, 4));
    if (oh > 14 || om > 59) return null;
    d.setTime(d.getTime() - sign * (oh * 60 + om) * 60000);
  }
  const year = d.getUTCFullYear();
  if (!Number.isFinite(d.getTime()) || year < 1 || year > 9999) return null;
  const frac7 = (frac ?? '').slice(0, 7).padEnd(7, '0');
  return fromParts(d, frac7);
}

let lastSub = 0;
/** Now, canonical, with 7 fractional digits (ms + 4 sub-ms digits). */
export function nowCanonical(): string {
  const d = new Date();
  lastSub = (lastSub + 1 + Number(process.hrtime.bigint() % 97n)) % 10000;
  return fromParts(d, pad(d.getUTCMilliseconds(), 3) + pad(lastSub, 4));
}

export type DatePrecision = 'trimmed' | 0 | 7;

/** Render a canonical date: 7 digits, whole seconds, or trimmed trailing zeros (.NET "FFFFFFF"). */
export function formatDate(canon: string, precision: DatePrecision): string {
  const whole = canon.slice(0, 19);
  const frac = canon.slice(20, 27);
  if (precision === 7) return `${whole}.${frac}Z`;
  if (precision === 0) return `${whole}Z`;
  const t = frac.replace(/0+$/, '');
  return t ? `${whole}.${t}Z` : `${whole}Z`;
}
