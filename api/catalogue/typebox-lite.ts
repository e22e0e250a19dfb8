/**
 * The few TypeBox builders the catalogue declares its fields with, as plain functions that build the
 * same objects TypeBox does (its default instance mode: options first, then the kind's own keys, the
 * `TypeBox.Kind` / `TypeBox.Optional` symbols). Importing TypeBox itself loads about 200 ES modules,
 * about a quarter of a second in every Playwright worker, and a worker starts after each failing check.
 * Build-time code (api/json-schemas.ts) still uses TypeBox on these objects; a self-test
 * (selftest/lib/typebox-lite.test.ts) keeps them equal to TypeBox's.
 */
import type { Type as TypeBox, TSchema, TOptional } from '@sinclair/typebox';

const Kind = Symbol.for('TypeBox.Kind');
export const OptionalKind = Symbol.for('TypeBox.Optional');

// TypeBox's CreateType: without options the schema itself, else the options with the kind's keys over them
const create = (schema: object, options?: object): never => (options !== undefined ? { ...options, ...schema } : schema) as never;

type Builders = Pick<typeof TypeBox, 'Integer' | 'Number' | 'String' | 'Boolean' | 'Array' | 'Unsafe'> & {
  Optional<T extends TSchema>(schema: T): TOptional<T>;
};

export const Type: Builders = {
  Integer: (options) => create({ [Kind]: 'Integer', type: 'integer' }, options),
  Number: (options) => create({ [Kind]: 'Number', type: 'number' }, options),
  String: (options) => create({ [Kind]: 'String', type: 'string' }, options),
  Boolean: (options) => create({ [Kind]: 'Boolean', type: 'boolean' }, options),
  Array: (items, options) => create({ [Kind]: 'Array', type: 'array', items }, options),
  Unsafe: (options = {}) => create({ [Kind]: (options as Record<symbol, unknown>)[Kind] ?? 'Unsafe' }, options),
  Optional: (schema) => create({ ...schema, [OptionalKind]: 'Optional' }),
};
