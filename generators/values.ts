/**
 * Realistic values, one arbitrary per kind of field (api/catalogue/fields.ts `GenKind`, dates, numbers).
 * Strings come from faker; free text is spiced with unicode, emoji and quotes by fast-check, so that part
 * shrinks away first. E-mails and URLs only use the reserved example.com / example.org domains (RFC 2606).
 */
import fc from 'fast-check';
import type { GenKind } from '../api/catalogue/fields.ts';
import { fakerArb } from './faker.ts';

// ------------------------------------------------------------------------------------------ dates

/** Valid request dates stay in 2000-01-01 … 2035-01-01 (UTC, whole seconds). */
export const MIN_EPOCH_S = Date.UTC(2000, 0, 1) / 1000;
export const MAX_EPOCH_S = Date.UTC(2035, 0, 1) / 1000;
const DAY_S = 86_400;

/** `2025-01-15T10:30:00Z` (nexudus-api.md §6: request bodies carry ISO-8601 UTC with Z). */
export function isoSeconds(epochS: number): string {
  return new Date(epochS * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function epochOf(iso: string): number {
  return Date.parse(iso) / 1000;
}

/** Any single date stops a day short of the range's end, so an end date after it still fits. */
export const epochSeconds = (): fc.Arbitrary<number> => fc.integer({ min: MIN_EPOCH_S, max: MAX_EPOCH_S - DAY_S });
export const isoDateTime = (): fc.Arbitrary<string> => epochSeconds().map(isoSeconds);
/** Midnight UTC of a day between 1940 and 2005: a plausible date of birth of an adult customer. */
export const birthDate = (): fc.Arbitrary<string> =>
  fc.integer({ min: Date.UTC(1940, 0, 1) / 86_400_000, max: Date.UTC(2005, 11, 31) / 86_400_000 }).map((d) => isoSeconds(d * 86_400));

/** Seconds to add to an anchor date for an end date: 1 s … ≈3 years. */
export const durationSeconds = (): fc.Arbitrary<number> => fc.integer({ min: 1, max: 3 * 365 * DAY_S });

/** The end of a period `seconds` after `fromIso`, kept inside the sane range and strictly after it. */
export function isoAfter(fromIso: string, seconds: number): string {
  const from = epochOf(fromIso);
  return isoSeconds(Math.max(from + 1, Math.min(from + seconds, MAX_EPOCH_S)));
}

/** The start of a period `seconds` before `toIso` (for AssignedTo < AssignedFrom probes). */
export function isoBefore(toIso: string, seconds: number): string {
  const to = epochOf(toIso);
  return isoSeconds(Math.min(to - 1, Math.max(to - seconds, MIN_EPOCH_S)));
}

/** The same instant written with an offset instead of Z, e.g. `2025-01-15T12:30:00+02:00`. */
export function withOffset(iso: string, offset: string): string {
  const m = /^([+-])(\d\d):(\d\d)$/.exec(offset);
  if (!m) throw new Error(`bad offset ${offset}`);
  const minutes = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  const local = new Date(Date.parse(iso) + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, '');
  return `${local}${offset}`;
}

export const DATE_OFFSETS = ['+02:00', '+01:00', '-05:00', '+05:30'] as const;

// ------------------------------------------------------------------------------------------ strings

/** Fragments a tenant must store and return unchanged: accents, CJK, RTL, emoji (incl. ZWJ), quotes. */
export const SPICE = [
  ' — Ünïcødé façade',
  ' 日本語のメモ',
  ' مرحبا',
  ' 🚀🎉',
  ' 👩‍💻 ok',
  ' "double quotes"',
  " l'apostrophe",
  ' back\\slash',
  ' ½ € £ ©',
] as const;

const spice = (): fc.Arbitrary<string> => fc.option(fc.constantFrom(...SPICE), { nil: '', freq: 2 });

/** Names faker's en locale never yields (apostrophes, diacritics, non-Latin scripts). */
const DIVERSE_NAMES = ["Siobhán O'Brien", 'Zoë Ñúñez-García', 'Łukasz Żółć', '李小龙', 'Renée d’Arc', 'Ngozi Okonjo-Iweala', 'Björk Guðmundsdóttir'];

const asciiLocal = (s: string): string => s.normalize('NFKD').replace(/[^A-Za-z0-9]/g, '').toLowerCase() || 'user';

function stringKind(kind: GenKind): fc.Arbitrary<string> {
  switch (kind) {
    case 'personName':
      return fc.oneof({ arbitrary: fakerArb((f) => f.person.fullName()), weight: 6 }, { arbitrary: fc.constantFrom(...DIVERSE_NAMES), weight: 1 });
    case 'companyName':
      return fakerArb((f) => f.company.name());
    case 'email':
      return fakerArb((f) => {
        const local = `${asciiLocal(f.person.firstName())}.${asciiLocal(f.person.lastName())}${f.number.int({ min: 1, max: 99_999 })}`;
        return `${local}@${f.helpers.arrayElement(['example.com', 'example.org'])}`;
      });
    case 'phone':
      return fakerArb((f) => f.phone.number({ style: f.helpers.arrayElement(['human', 'national', 'international'] as const) }));
    case 'address':
      return fakerArb((f) => f.location.streetAddress({ useFullAddress: f.datatype.boolean() }));
    case 'postcode':
      return fakerArb((f) => f.location.zipCode());
    case 'city':
      return fakerArb((f) => f.location.city());
    case 'state':
      return fakerArb((f) => f.location.state());
    case 'word':
      return fakerArb((f) => f.lorem.word());
    case 'title':
      return fc.tuple(fakerArb((f) => f.company.catchPhrase()), spice()).map(([t, s]) => `${t}${s}`);
    case 'text':
      return fc.tuple(fakerArb((f) => f.lorem.sentences({ min: 1, max: 3 })), spice(), spice()).map(([t, a, b]) => `${t}${a}${b}`);
    case 'url':
      return fakerArb((f) => `https://${f.internet.domainWord()}.${f.helpers.arrayElement(['example.com', 'example.org'])}/${f.lorem.slug()}`);
    case 'handle':
      return fakerArb((f) => f.internet.username());
    case 'guid':
      return fakerArb((f) => f.string.uuid());
    case 'code':
      return fakerArb((f) => f.string.alphanumeric({ length: { min: 6, max: 12 }, casing: 'upper' }));
    case 'salutation':
      return fakerArb((f) => f.person.prefix());
    case 'tags':
      return fakerArb((f) => f.lorem.words({ min: 1, max: 4 }).split(' ').join(','));
    case 'birthDate':
      return birthDate();
    case 'dateText':
      return isoDateTime();
  }
}

const cache = new Map<GenKind, fc.Arbitrary<string>>();

/** A realistic, non-blank string of the given kind. */
export function realisticString(kind: GenKind | undefined): fc.Arbitrary<string> {
  const k = kind ?? 'word';
  let a = cache.get(k);
  if (!a) cache.set(k, (a = stringKind(k)));
  return a;
}

// ------------------------------------------------------------------------------------------ numbers

/** A decimal in [min, max] with up to `decimals` digits (no NaN, no -0, no float noise). */
export function decimal(min: number, max: number, decimals = 2): fc.Arbitrary<number> {
  const f = 10 ** decimals;
  return fc.integer({ min: Math.ceil(min * f), max: Math.floor(max * f) }).map((n) => (n === 0 ? 0 : n / f));
}
