/**
 * The faker bridge (STYLE.md §2.6; fast-check blog 2024-07-18 "integrating faker"): every faker value is
 * derived from an integer that fast-check draws, so one fast-check seed replays the whole payload, and no
 * global `faker.seed()` is touched.
 *
 * Measured: `faker.seed()` re-seeds a Mersenne Twister (23 µs). A mulberry32 randomizer seeds with one
 * assignment, which makes per-field seeding cheap (≈28 µs for a 15-field record).
 */
import fc from 'fast-check';
// The package index loads every locale (~240 ms per process, and Playwright starts a worker after every
// failing check); the en entry point loads one. Its instance gives the class and the merged definitions.
import { faker as enFaker } from '@faker-js/faker/locale/en';
import type { Faker, Randomizer } from '@faker-js/faker';

/** mulberry32 (Tommy Ettinger, public domain): 32-bit state, O(1) seed. Faker calls `next` unbound, hence closures. */
function mulberry32(): Randomizer {
  let state = 0;
  return {
    next(): number {
      state = (state + 0x6d2b79f5) | 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    seed(seed: number | number[]): void {
      state = (Array.isArray(seed) ? seed.reduce((a, b) => Math.imul(a ^ b, 0x9e3779b1), 0) : seed) | 0;
    },
  };
}

const randomizer = mulberry32();
// One instance for the process: generation is synchronous, so seeding right before each call is safe.
const FakerClass = enFaker.constructor as typeof Faker;
const faker = new FakerClass({ locale: enFaker.rawDefinitions, randomizer });

/** Runs `fn` on the shared faker seeded with `seed`: same seed, same value. */
export function withFaker<T>(seed: number, fn: (f: Faker) => T): T {
  randomizer.seed(seed);
  return fn(faker);
}

/**
 * A fast-check arbitrary for a faker value. It shrinks through its seed (towards 0), which yields another
 * realistic value rather than a smaller one: shrinking stays deterministic, not minimal in length.
 */
export function fakerArb<T>(fn: (f: Faker) => T): fc.Arbitrary<T> {
  return fc.nat().map((seed) => withFaker(seed, fn));
}

export type { Faker };
