/**
 * Fields from several captures of one page: every statement about a field becomes a reading, and
 * the readings decide the field (agreeing readings hold, disagreeing ones make `required: 'either'`).
 *
 * A flattened capture's entry is tied to a field only by its name, when the capture kept it, or by a
 * description identical (after normalising) to exactly one named field's description in another
 * capture of the same page. Anything else stays unidentified.
 */
import { normalizeText } from './lines.ts';
import type { Cite, DeclaredField, FieldReading, FlatEntry, PageCapture, UnidentifiedEntry } from './types.ts';

/** Descriptions compare without the "See eX enum above." pointer, which one generation adds. */
export function descriptionKey(s: string): string {
  return normalizeText(s.replace(/\s*See e\w+\?? enum above\.?/g, '')).replace(/\.+$/, '').toLowerCase();
}

export interface FieldMerge {
  fields: DeclaredField[];
  unidentified: UnidentifiedEntry[];
  /** The field each flattened entry is tied to, by `file:line`. */
  links: Map<string, string>;
}

export function citeKey(c: Cite): string {
  return `${c.file}:${c.line}`;
}

/** A required list shown to its end, with names: the reading "not required" follows for fields it leaves out. */
export function requiredListComplete(c: PageCapture): boolean {
  return c.kind !== 'flattened' && !!c.requiredList?.ended && !c.requiredList.cutAt && !c.fields.some((f) => f.cut && f.required.value);
}

export function mergeFields(captures: PageCapture[]): FieldMerge {
  const byName = new Map<string, FieldReading[]>();
  const add = (name: string, r: FieldReading): void => {
    const list = byName.get(name) ?? [];
    list.push(r);
    byName.set(name, list);
  };

  for (const c of captures) {
    for (const f of c.fields) {
      add(f.name, {
        file: c.file,
        via: 'field-list',
        at: f.at,
        required: f.required.value,
        type: f.type?.value,
        nullable: f.nullable?.value,
        description: f.description?.value,
        enumRef: f.enumRef?.value,
      });
    }
    for (const k of c.requestExample?.body.keys ?? []) {
      add(k.name, { file: c.file, via: 'request-example', at: { file: c.file, line: k.line }, required: true });
    }
    for (const e of c.flatEntries) {
      if (!e.name) continue;
      add(e.name.value, { file: c.file, via: 'flattened-name', at: e.name.at, required: e.listedUnder === 'required', description: e.description.value, enumRef: e.enumRef?.value });
    }
  }

  // flattened entries tied by an identical description to exactly one named field
  const named: { key: string; name: string; cut: boolean }[] = [];
  for (const c of captures) for (const f of c.fields) {
    if (f.description) named.push({ key: descriptionKey(f.description.value), name: f.name, cut: f.cut });
  }
  const links = new Map<string, string>();
  const unidentified: UnidentifiedEntry[] = [];
  for (const c of captures) {
    const seen = new Map<string, number>();
    for (const e of c.flatEntries) seen.set(descriptionKey(e.description.value), (seen.get(descriptionKey(e.description.value)) ?? 0) + 1);
    for (const e of c.flatEntries) {
      if (e.name) {
        links.set(citeKey(e.description.at), e.name.value);
        continue;
      }
      const k = descriptionKey(e.description.value);
      const names = new Set(named.filter((n) => sameText(k, e.cut, n.key, n.cut)).map((n) => n.name));
      if (names.size === 1 && seen.get(k) === 1) {
        const name = [...names][0];
        links.set(citeKey(e.description.at), name);
        add(name, flatReading(c.file, e));
      } else {
        unidentified.push({ description: e.description.value, listedUnder: e.listedUnder, at: e.description.at });
      }
    }
  }

  for (const c of captures) {
    for (const k of c.codeExample?.body.keys ?? []) add(k.name, { file: c.file, via: 'code-example', at: { file: c.file, line: k.line } });
  }

  // what a complete list leaves out is, for that capture, not required
  for (const c of captures) {
    const listed = new Set([...c.fields.map((f) => f.name), ...c.flatEntries.map((e) => e.name?.value).filter((n): n is string => !!n)]);
    const request = c.requestExample?.body;
    const requestKeys = new Set(request?.keys.map((k) => k.name));
    for (const [name, readings] of byName) {
      if (requiredListComplete(c) && !listed.has(name)) {
        readings.push({ file: c.file, via: 'required-list-omits', at: c.requiredList!.at, required: false });
      }
      if (request && !request.cut && !requestKeys.has(name) && !listed.has(name)) {
        readings.push({ file: c.file, via: 'request-example-omits', at: request.at, required: false });
      }
    }
  }

  const fields = [...byName].map(([name, readings]) => declare(name, readings));
  return { fields, unidentified, links };
}

/** Identical text; or, where a capture cut one of them off, one is the start of the other (and long enough to tell). */
function sameText(a: string, aCut: boolean, b: string, bCut: boolean): boolean {
  if (a === b) return true;
  if (!aCut && !bCut) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= MIN_PREFIX && long.startsWith(short) && (short === a ? aCut : bCut);
}

const MIN_PREFIX = 20;

function flatReading(file: string, e: FlatEntry): FieldReading {
  return {
    file,
    via: 'flattened-description',
    at: e.description.at,
    required: e.listedUnder === 'required',
    description: e.description.value,
    enumRef: e.enumRef?.value,
  };
}

function declare(name: string, readings: FieldReading[]): DeclaredField {
  const req = new Set(readings.map((r) => r.required).filter((r): r is boolean => r !== undefined));
  const types = [...new Set(readings.map((r) => r.type).filter((t): t is string => !!t))];
  const at: Cite[] = [];
  for (const r of readings) if (!at.some((a) => citeKey(a) === citeKey(r.at))) at.push(r.at);
  const first = <K extends keyof FieldReading>(k: K): FieldReading[K] | undefined =>
    (readings.find((r) => r.via === 'field-list' && r[k] !== undefined) ?? readings.find((r) => r[k] !== undefined))?.[k];
  const field: DeclaredField = {
    name,
    required: req.size === 0 ? undefined : req.size === 2 ? 'either' : [...req][0],
    type: types.length === 1 ? types[0] : undefined,
    at,
    readings,
  };
  if (types.length > 1) field.types = types;
  if (readings.some((r) => r.nullable)) field.nullable = true;
  const description = first('description');
  if (description) field.description = description;
  const enumRef = first('enumRef');
  if (enumRef) field.enumRef = enumRef;
  return field;
}
