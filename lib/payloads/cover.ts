/**
 * The deterministic broken-payload cases the plan turns into tests (generators' cover mode). The plan
 * is built before any Id is known, so it is drawn with placeholder refs; each test rebuilds its case
 * from the same seed with the run's real refs, marker and PUT target (`materializeCase`).
 */
import type { Endpoint } from '../../api/catalogue/endpoints.ts';
import { REF_NAMES, type Refs } from '../../api/catalogue/fields.ts';
import fc from 'fast-check';
import { ENDPOINTS } from '../../api/catalogue/endpoints.ts';
import { coverPlan } from '../../generators/cover.ts';
import { brokenBody } from '../../generators/broken.ts';
import type { BrokenCase, Expectation, Rule } from '../../generators/broken.ts';
import { timed } from './gen-clock.ts';
import { env } from '../config/env.ts';

export interface CoverCase {
  endpoint: string;
  rule: Rule;
  fields: string[];
  seed: number;
  expect: Expectation;
  /** the title tail: `<condition> → <outcome>` */
  title: string;
}

const KNOWN_PLACEHOLDERS: Record<string, number> = Object.fromEntries(REF_NAMES.map((r, i) => [r, 1000 + i]));
// any other ref (a page entity's fixture) gets a stable placeholder too: the plan is drawn before Ids are known
const PLACEHOLDER_REFS = new Proxy(KNOWN_PLACEHOLDERS, { get: (t, k) => (typeof k === 'string' ? t[k] ?? 2000 + [...k].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 997, 7) : undefined) }) as Refs;

const CONDITION: Record<Rule, (f: string[]) => string> = {
  'required-missing': (f) => `without required ${f.join(', ')}`,
  'required-null': (f) => `with required ${f.join(', ')} null`,
  'required-empty': (f) => `with required ${f.join(', ')} empty`,
  'required-blank': (f) => `with required ${f.join(', ')} whitespace-only`,
  'required-several': (f) => `without required ${f.join(' and ')} together`,
  'wrong-type': (f) => `with required ${f.join(', ')} of the wrong JSON type`,
  'bad-date': (f) => `with ${f.join(', ')} an unparseable date`,
  'id-list-not-list': (f) => `with Id list ${f.join(', ')} not a list`,
  'optional-wrong-type': (f) => `with optional ${f.join(', ')} of the wrong JSON type`,
  'enum-out-of-range': (f) => `with ${f.join(', ')} out of its enum`,
  'fk-unknown': (f) => `with ${f.join(', ')} pointing at no record`,
  'assigned-to-before-from': () => 'with AssignedTo before AssignedFrom',
  'extra-field': (f) => `with an unknown field ${f.join(', ')}`,
  'put-unknown-id': () => 'with an Id that does not exist',
  'date-offset': (f) => `with ${f.join(', ')} carrying a non-Z offset`,
};

function outcome(x: Expectation): string {
  if (x.kind === 'required') return `400 "is a required field" for ${x.fields.join(', ')}, nothing changed`;
  return 'recorded against the baseline';
}

/** What a process hands its children: the cases it drew for the endpoints in `key`. */
interface Handed {
  pid: number;
  key: string;
  cases: CoverCase[];
}

// past 32 K characters (Windows; 128 KB on Linux) an environment variable makes starting any child
// process fail: larger cases are not handed on. Today's take 24 K.
const HAND_ON_MAX = 30_000;
let drawnHere: string | undefined;

/**
 * The cover cases for `eps`. Drawing them is most of what building the plan costs, and every Playwright
 * worker builds it (one starts after each failing check): the runner hands the cases it drew to its
 * workers through the environment, as global setup hands them the run state. A process started by
 * any other process draws its own.
 */
export function coverCases(eps: readonly Endpoint[]): CoverCase[] {
  const key = eps.map((ep) => ep.id).join(', ');
  for (const json of [drawnHere, env.handedCoverCases]) {
    const h = json === undefined ? undefined : JSON.parse(json) as Handed;
    if (h?.key === key && (h.pid === process.pid || h.pid === process.ppid)) return h.cases;
  }
  const cases = drawCases(eps);
  drawnHere = JSON.stringify({ pid: process.pid, key, cases } satisfies Handed);
  if (drawnHere.length <= HAND_ON_MAX) process.env.NEXUDUS_COVER_CASES = drawnHere;
  return cases;
}

function drawCases(eps: readonly Endpoint[]): CoverCase[] {
  return coverPlan(eps, PLACEHOLDER_REFS).map((p) => ({
    endpoint: p.endpoint,
    rule: p.rule,
    fields: p.fields,
    seed: p.seed,
    expect: p.case.expect,
    title: `${CONDITION[p.rule](p.fields)} → ${outcome(p.case.expect)}`,
  }));
}

export function materializeCase(c: CoverCase, refs: Refs, o: { id?: number; marker: string }): BrokenCase {
  // the planned fields are passed in: what a seed draws may depend on the refs' values
  const ep = ENDPOINTS.find((x) => x.id === c.endpoint)!;
  const b = timed(() => fc.sample(brokenBody(ep, refs, c.rule, { ...o, fields: c.fields }), { seed: c.seed, numRuns: 1 })[0]);
  if (JSON.stringify(b.fields) !== JSON.stringify(c.fields)) {
    throw new Error(`cover case ${c.endpoint} ${c.rule} drew [${b.fields}] with real refs but [${c.fields}] when planned`);
  }
  return b;
}
