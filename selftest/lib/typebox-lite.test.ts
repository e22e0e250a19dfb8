/**
 * The catalogue's builders (api/catalogue/typebox-lite.ts) build what TypeBox builds: same keys in the
 * same order, same Kind / Optional symbols. Checked on sample calls, and on every field of the catalogue
 * rebuilt through TypeBox from its own options.
 */
import { test, expect } from '@playwright/test';
import { Type as TypeBox, Kind, OptionalKind, type TSchema } from '@sinclair/typebox';
import { Type as Lite } from '../../api/catalogue/typebox-lite.ts';
import { ENTITIES } from '../../api/catalogue/entities.ts';

/** Every own key (symbols too) in order, with its value, down the tree: what `toEqual` would not check. */
function layout(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  return Reflect.ownKeys(v).map((k) => [String(k), layout((v as Record<PropertyKey, unknown>)[k])]);
}

test('each builder makes what TypeBox makes', () => {
  const o = { description: 'd', 'x-gen': 'word', minimum: 1 };
  const pairs: [unknown, unknown][] = [
    [Lite.Integer(), TypeBox.Integer()],
    [Lite.Integer(o), TypeBox.Integer(o)],
    [Lite.Integer({ enum: [1, 2], description: 'e', 'x-enum-names': { 1: 'a', 2: 'b' } }), TypeBox.Integer({ enum: [1, 2], description: 'e', 'x-enum-names': { 1: 'a', 2: 'b' } })],
    [Lite.Number(o), TypeBox.Number(o)],
    [Lite.String({ format: 'date-time', ...o }), TypeBox.String({ format: 'date-time', ...o })],
    [Lite.Boolean(o), TypeBox.Boolean(o)],
    [Lite.Array(Lite.Integer(), o), TypeBox.Array(TypeBox.Integer(), o)],
    [Lite.Unsafe(), TypeBox.Unsafe()],
    [Lite.Unsafe({ type: ['integer', 'null'], ...o }), TypeBox.Unsafe({ type: ['integer', 'null'], ...o })],
    [Lite.Optional(Lite.String(o)), TypeBox.Optional(TypeBox.String(o))],
    [Lite.Optional(Lite.Unsafe({ type: ['string', 'null'] })), TypeBox.Optional(TypeBox.Unsafe({ type: ['string', 'null'] }))],
  ];
  for (const [lite, box] of pairs) expect(layout(lite)).toEqual(layout(box));
});

/** The field as TypeBox builds it from the field's own options (its string keys, in their order). */
function throughTypeBox(s: TSchema): TSchema {
  const options = Object.fromEntries(Object.entries(s));
  const { type: _type, items, ...rest } = options;
  const kind = s[Kind] as string;
  let out: TSchema;
  switch (kind) {
    case 'Integer': out = TypeBox.Integer(rest); break;
    case 'Number': out = TypeBox.Number(rest); break;
    case 'String': out = TypeBox.String(rest); break;
    case 'Boolean': out = TypeBox.Boolean(rest); break;
    case 'Array': out = TypeBox.Array(throughTypeBox(items as TSchema), rest); break;
    // an Unsafe schema's `type` is one of its options
    case 'Unsafe': out = TypeBox.Unsafe(options); break;
    default: throw new Error(`no builder for kind ${kind}`);
  }
  return (s as unknown as Record<symbol, unknown>)[OptionalKind] === 'Optional' ? TypeBox.Optional(out) : out;
}

test('every field of the catalogue is what TypeBox builds', () => {
  let n = 0;
  for (const e of ENTITIES) {
    for (const [name, s] of [...Object.entries(e.fields), ...Object.entries(e.readOnly)]) {
      expect(layout(s), `${e.name}.${name}`).toEqual(layout(throughTypeBox(s)));
      n++;
    }
  }
  expect(n).toBeGreaterThan(200);
});
