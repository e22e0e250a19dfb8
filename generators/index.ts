/**
 * Property-based payload generators: valid and broken request bodies for every create/update
 * endpoint of the catalogue, a cover plan for live runs, and the fast-check parameters. Pure: no I/O.
 */
export { validBody, fieldValue, idPool, type Body, type BodyOptions } from './valid.ts';
export {
  brokenBody, anyBroken, rulesFor, candidates, explainViolation, expectationFor,
  RULES, RULE_KEYWORDS, BLANKS, BAD_DATES, UNKNOWN_ID_MAX, UNKNOWN_ID_FLOOR,
  type Rule, type Expectation, type BrokenCase, type BrokenOptions, type Violation,
} from './broken.ts';
export {
  coverPlan, materialize, planSize, planSetupWrites, planCoverage, planSummary, requiredAssignment, caseSeed,
  DEFAULT_COVER_SEED, PLACEHOLDER_PUT_ID, type PlannedCase, type CoverOptions,
} from './cover.ts';
export { fcParams, replayHint, freshSeed, type FcOptions } from './params.ts';
export { fieldsOf, sendable, strictSchemaId, acceptedNames, isWrite, ORDERED_DATES, type FieldInfo, type FieldKind } from './model.ts';
export { realisticString, isoDateTime, isoSeconds, withOffset, SPICE, MIN_EPOCH_S, MAX_EPOCH_S } from './values.ts';
export { fakerArb, withFaker } from './faker.ts';
