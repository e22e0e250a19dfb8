/**
 * Sandbox variations: conformant behaviour on points the docs leave open (nexudus-api.md §4-§6, §8),
 * different from the sandbox's defaults. A correct suite must stay green under each of them, so they
 * show it does not lean on the sandbox's own choices. Where each lives: throttle-* in index.ts (the
 * Throttle), latency in server.ts, fk-name-as-field in validation.ts (propertyName), put-unknown-id-400
 * in entities.ts (shared with the silent-point-drift fault), the rest in reshape.ts (the answers).
 */
export const VARIATIONS = {
  'throttle-409': 'Every n-th request (default 7) is throttled once in the documented form: 409, Retry-After 0, "You must wait before accessing this url again." (§5).',
  'throttle-429': 'Every n-th request (default 7) is throttled once in the live form: 429, "API calls quota exceeded! Wait 0 seconds before trying again." (§5).',
  'extra-fields': 'Extra properties on every record, envelope, list envelope and token answer (§1, §4: live answers carry more than the docs list).',
  'fk-name-as-field': 'Foreign-key errors name the field (CoworkerId) instead of the navigation name (Coworker), in PropertyName and in the Message prefix (§6: the navigation name is inferred).',
  'whole-second-dates': 'Every date-time in answers has whole seconds, no fractional digits (§6: "up to 7 fractional digits or whole seconds").',
  latency: 'Each answer is delayed by a random 1-12 ms, so concurrent answers can come back in another order.',
  'empty-401-body': '401 answers have an empty body (§4: the 401 body is silent).',
  'put-unknown-id-400': 'PUT on an unknown Id answers 400 with a validation envelope naming Id instead of 404 "Not found" (§6: silent); the same code as the silent-point-drift fault.',
} as const satisfies Record<string, string>;

export type VariationName = keyof typeof VARIATIONS;

export const VARIATION_NAMES = Object.keys(VARIATIONS) as VariationName[];

export const isVariationName = (s: string): s is VariationName => Object.hasOwn(VARIATIONS, s);

/** One line naming the bad name and where the list is, or undefined for a known variation. */
export const variationProblem = (name: string): string | undefined =>
  isVariationName(name) ? undefined : `unknown variation "${name}"; the list is in sandbox/README.md "Variations" (VARIATIONS in sandbox/variations.ts)`;

/** The enabled variations of one sandbox. */
export class Variations {
  private readonly set: ReadonlySet<VariationName>;
  constructor(names: readonly string[] = []) {
    for (const n of names) {
      const problem = variationProblem(n);
      if (problem) throw new Error(problem);
    }
    if (names.includes('throttle-409') && names.includes('throttle-429')) throw new Error('variations throttle-409 and throttle-429 exclude each other; choose one');
    this.set = new Set(names as VariationName[]);
  }
  on(name: VariationName): boolean {
    return this.set.has(name);
  }
  get any(): boolean {
    return this.set.size > 0;
  }
  /** the throttle form a throttle variation asks for */
  get throttleStatus(): 409 | 429 | undefined {
    return this.on('throttle-409') ? 409 : this.on('throttle-429') ? 429 : undefined;
  }
}
