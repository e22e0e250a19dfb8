/** Minimal valid instances built from a schema's own required properties (for the schema tests only). */
import { allSchemas, type JsonSchema } from '../../api/json-schemas.ts';

const byId = new Map(allSchemas().map((s) => [s.$id as string, s]));
export const schemaById = (id: string): JsonSchema => {
  const s = byId.get(id);
  if (!s) throw new Error(`no schema ${id}`);
  return s;
};

/** A value that satisfies one property schema (the first allowed type, the first enum value). */
export function sampleValue(p: JsonSchema): unknown {
  if (Array.isArray(p.enum)) return p.enum.find((v) => v !== null);
  if (Array.isArray(p.anyOf)) return sampleValue(p.anyOf[0] as JsonSchema);
  const types = Array.isArray(p.type) ? p.type : [p.type];
  const t = types.find((x) => x !== 'null') ?? types[0];
  switch (t) {
    case 'integer': return typeof p.minimum === 'number' ? Math.max(1, p.minimum) : 1;
    case 'number': return typeof p.minimum === 'number' ? p.minimum : 1.5;
    case 'boolean': return false;
    case 'array': return [];
    case 'string':
      return p.format === 'date-time' || p.format === 'iso-date-time' ? '2025-01-15T10:30:00Z' : 'x';
    case 'object': return {};
    default: return null; // {} (any): null is accepted
  }
}

/** An object holding exactly the schema's required properties. */
export function minimalObject(id: string): Record<string, unknown> {
  const s = schemaById(id);
  const props = s.properties as Record<string, JsonSchema>;
  return Object.fromEntries((s.required as string[]).map((n) => [n, sampleValue(props[n])]));
}
