/**
 * Planted bugs (Schemathesis' `planted_bug()`, STYLE.md §2.9): each one breaks exactly one documented
 * rule, only when enabled, so the meta tests can prove the suite goes red. The hooks sit at the point
 * of the rule they break (grep for the name).
 */
export const PLANTS = {
  'accept-missing-required': 'A missing or null required field is accepted and the record is created.',
  'required-message-wording': 'Errors[].Message says "may not be null" instead of "is a required field".',
  'first-error-only': 'Only the first violated field gets an Errors item.',
  'property-name-lowercase': 'Errors[].PropertyName is lower-cased, matching neither the field nor the navigation name.',
  'top-message-format': 'The top-level Message lacks the "PropertyName: " prefix.',
  'validation-status-422': 'Validation failures answer HTTP 422 instead of 400.',
  'success-message-wording': 'The success Message is "Record saved." instead of "<Entity> was successfully created/updated.".',
  'success-envelope-no-id': 'The success envelope has Value null instead of {Id}.',
  'put-merges': 'PUT keeps omitted optional fields instead of clearing them (no full replace).',
  'roundtrip-drops-notes': 'Notes fields are not stored (read back as null).',
  'date-shift': 'Stored dates are shifted by one hour.',
  'denied-403': 'Denied requests answer 403 instead of 401.',
  'edit-role-ignored': 'PUT is allowed to any authenticated user, with or without the -Edit role.',
  'create-role-not-honoured': 'A holder of the -Create role (not full admin) is denied POST.',
  'denied-side-effect': 'A denied write is performed, then answered 401.',
  'anonymous-list': 'GET list works without credentials.',
  'expired-token-accepted': 'An expired access token is still accepted.',
  'basic-auth-rejected': 'Basic authentication with the right password answers 401.',
  'token-wrong-password-401': 'A wrong password at /api/token answers 401 instead of 400 invalid_grant.',
  'refresh-broken': 'The refresh_token grant always answers 400 invalid_grant.',
  'wrong-type-500': 'A wrong JSON type on a required field answers 500.',
  'wrong-type-accepted': 'Wrong JSON types are coerced and accepted.',
  'list-envelope-no-totals': 'The list envelope lacks TotalItems.',
  'record-missing-uniqueid': 'Records lack UniqueId.',
  'coworker-plain-delete': 'A plain DELETE on /api/spaces/coworkers/{id} answers 200 and deletes.',
  'failed-create-side-effect': 'A POST answered 400 for a missing required field still creates the record.',
  'read-role-ignored': 'GET one and GET batch are allowed to any authenticated user, with or without the -Read role.',
  'delete-role-ignored': 'DELETE and runcommand COWORKER_DELETE are allowed to any authenticated user, with or without the -Delete role.',
  'unknown-get-200': 'GET one of an Id that does not exist answers 200 with an empty object instead of 404.',
  'batch-list-envelope': 'GET batch ?id=[…] answers the list envelope instead of a JSON array of records.',
  'bad-date-accepted': 'An unparseable date is accepted (stored as null) instead of rejected naming the field.',
  'unsupported-grant-wrong-error': 'An unknown grant_type answers 400 {"error":"invalid_request"} instead of unsupported_grant_type.',
  'basic-any-password': 'Basic authentication accepts any password for a known user.',
  'silent-put-unknown-id-variant':
    'PUT with an unknown Id answers 400 (validation envelope naming Id) instead of the default 404 "Not found" (a silent point; proves baselines catch drift).',
} as const satisfies Record<string, string>;

export type PlantName = keyof typeof PLANTS;

export const PLANT_NAMES = Object.keys(PLANTS) as PlantName[];

export const isPlantName = (s: string): s is PlantName => Object.hasOwn(PLANTS, s);

/** The enabled plants of one sandbox; `on(name)` is the hook every rule asks. */
export class Plants {
  private readonly set: ReadonlySet<PlantName>;
  constructor(names: readonly PlantName[] = []) {
    for (const n of names) if (!isPlantName(n)) throw new Error(`unknown plant "${n}"; known: ${PLANT_NAMES.join(', ')}`);
    this.set = new Set(names);
  }
  on(name: PlantName): boolean {
    return this.set.has(name);
  }
}
