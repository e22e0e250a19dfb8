/**
 * Mechanical checks on a merged declaration: the page contradicting itself, and whether its field
 * lists are complete enough to write a valid record.
 */
import { citeKey, requiredListComplete } from './merge-fields.ts';
import type { Contradiction, CurlExample, EndpointDeclaration, PageCapture } from './types.ts';

/** Counters and create-only switches are computed or one-off: listing them as required fields is suspicious. */
const COUNTER = /(Count|^CreateMultiple)$/;

export function fieldListsComplete(decl: EndpointDeclaration): boolean {
  return decl.captures.some((c) => requiredListComplete(c) && (c.optionalList ? c.optionalList.ended && !c.optionalList.cutAt : true) && !c.fields.some((f) => f.cut));
}

/** Names a 400 example blames: `"PropertyName": "X"` and `"Message": "X: ..."`, read from the text so a cut block still counts. */
export function blamed(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/"PropertyName"\s*:\s*"(\w+)"/g)) names.add(m[1]);
  for (const m of text.matchAll(/"Message"\s*:\s*"(\w+):/g)) names.add(m[1]);
  return [...names];
}

export function findContradictions(decl: EndpointDeclaration, links: Map<string, string>): Contradiction[] {
  const out: Contradiction[] = [];
  const byName = new Map(decl.fields.map((f) => [f.name, f]));
  const requiredIn = (c: PageCapture, name: string): boolean | undefined => {
    const own = c.fields.find((f) => f.name === name);
    if (own) return own.required.value;
    const f = byName.get(name);
    return c.fields.length === 0 && f?.required === true ? true : undefined;
  };

  for (const f of decl.fields) {
    const listed = f.readings.filter((r) => r.via === 'field-list' && r.required);
    if (COUNTER.test(f.name) && listed.length) {
      out.push({
        kind: 'counter-required',
        field: f.name,
        at: listed.map((r) => r.at),
        note: `${f.name} looks like a counter or create-only switch, yet is listed as required${decl.method === 'PUT' ? ' on an update page' : ''}`,
      });
    }
  }

  for (const c of decl.captures) {
    const examples: [string, CurlExample | undefined][] = [['request example', c.requestExample], ['code example', c.codeExample]];
    for (const [label, ex] of examples) {
      if (!ex) continue;
      for (const k of ex.body.keys) {
        if (/^null\b/.test(k.raw) && requiredIn(c, k.name)) {
          out.push({ kind: 'required-sent-null', field: k.name, at: [{ file: c.file, line: k.line }], note: `the ${label} sends the required field ${k.name} as null` });
        }
      }
      if (ex.body.cut) continue;
      const keys = new Set(ex.body.keys.map((k) => k.name));
      for (const f of c.fields) {
        if (f.required.value && !keys.has(f.name) && !f.cut) {
          out.push({ kind: 'required-omitted-from-example', field: f.name, at: [f.at, ex.body.at], note: `the ${label} leaves out the required field ${f.name}` });
        }
      }
      if (label === 'request example' && requiredListComplete(c)) {
        const required = new Set(c.fields.filter((f) => f.required.value).map((f) => f.name));
        for (const k of ex.body.keys) {
          if (!required.has(k.name)) {
            out.push({ kind: 'list-and-request-example-differ', field: k.name, at: [{ file: c.file, line: k.line }, c.requiredList!.at], note: `the request example sends ${k.name}, which the required list does not name` });
          }
        }
      }
    }
  }

  const complete = fieldListsComplete(decl);
  for (const ex of decl.examples.response400) {
    for (const name of blamed(ex.text)) {
      const known = byName.get(name);
      if (!known && complete) {
        out.push({ kind: 'example-400-names-unknown-field', field: name, at: [ex.at], note: `the 400 example names ${name}, which the page's complete field lists do not have` });
      }
    }
  }

  const untitled = decl.enums.some((e) => !e.title);
  for (const f of decl.fields) {
    if (f.enumRef && !f.enumValues && !untitled) {
      // cite the words "See eX enum above", where the capture keeps them
      const at = f.readings.filter((r) => r.enumRef).map((r) => {
        const own = decl.captures.find((c) => c.file === r.file)?.fields.find((x) => x.name === f.name && x.at.line === r.at.line);
        return own?.enumRef?.at ?? r.at;
      });
      out.push({ kind: 'enum-not-shown', field: f.name, at, note: `"See ${f.enumRef} enum above", but no capture of the page shows it` });
    }
  }
  // flattened entries tied to no field can point to an enum too
  for (const c of decl.captures) for (const e of c.flatEntries) {
    if (!e.enumRef || links.has(citeKey(e.description.at)) || untitled) continue;
    if (decl.enums.some((x) => x.title === e.enumRef!.value)) continue;
    if (out.some((o) => o.kind === 'enum-not-shown' && o.note.includes(e.enumRef!.value))) continue;
    out.push({ kind: 'enum-not-shown', field: '(unnamed)', at: [e.enumRef.at], note: `"See ${e.enumRef.value} enum above", but no capture of the page shows it` });
  }
  return out;
}

/**
 * Whether the declaration's field lists are complete enough to write a valid record: some capture
 * shows the whole required list with names, every capture cut inside its required list is covered by
 * a complete one, every field that may be required has a known type, and no flattened capture lists a
 * required entry that cannot be one of the known required fields.
 */
export function completeEnough(decl: EndpointDeclaration): { ok: boolean; why?: string } {
  const why: string[] = [];
  if (decl.completeRequiredLists.length === 0) why.push('no capture shows the whole required list with names');

  for (const c of decl.captures) {
    if (c.kind === 'flattened' || !c.requiredList || requiredListComplete(c)) continue;
    const extra = c.fields.filter((f) => f.required.value && !decl.fields.some((d) => d.name === f.name && d.required === true));
    if (extra.length) {
      why.push(`${c.file}'s required list is cut (line ${c.requiredList.at.line}) and names ${extra.map((f) => f.name).join(', ')}, which the complete lists do not require: its other required fields are unknown`);
    }
  }

  const maybeRequired = decl.fields.filter((f) => f.required === true || f.required === 'either');
  const untyped = maybeRequired.filter((f) => !f.type && !f.types).map((f) => f.name);
  const disputed = maybeRequired.filter((f) => f.types).map((f) => `${f.name} (${f.types!.join(' / ')})`);
  if (untyped.length) why.push(`type not stated for ${untyped.length} field(s) that may be required: ${untyped.join(', ')}`);
  if (disputed.length) why.push(`type disputed for ${disputed.join(', ')}`);

  const gap = unplacedRequiredEntry(decl);
  if (gap) why.push(gap);
  return why.length ? { ok: false, why: why.join('; ') } : { ok: true };
}

/**
 * A flattened required list keeps order. Between two entries tied to known fields, there cannot be
 * more untied entries than known required fields in the same stretch of a complete list.
 */
function unplacedRequiredEntry(decl: EndpointDeclaration): string | undefined {
  const reference = decl.captures
    .filter(requiredListComplete)
    .map((c) => c.fields.filter((f) => f.required.value).map((f) => f.name))
    .sort((a, b) => b.length - a.length)[0];
  if (!reference) return undefined;
  const linked = new Map<string, string>();
  for (const f of decl.fields) for (const r of f.readings) if (r.via === 'flattened-description' || r.via === 'flattened-name') linked.set(citeKey(r.at), f.name);
  for (const c of decl.captures) {
    if (c.kind !== 'flattened') continue;
    const entries = c.flatEntries.filter((e) => e.listedUnder === 'required');
    let refPos = -1;
    let loose: number[] = [];
    const check = (nextRef: number): string | undefined => {
      const room = reference.slice(refPos + 1, nextRef).filter((n) => !entries.some((e) => linked.get(citeKey(e.name?.at ?? e.description.at)) === n)).length;
      if (loose.length > room) return `${c.file} lists a required field at line ${loose[room]} that is none of the known required fields`;
      return undefined;
    };
    for (const e of entries) {
      const name = e.name?.value ?? linked.get(citeKey(e.description.at));
      const pos = name ? reference.indexOf(name) : -1;
      if (pos < 0) {
        if (!name) loose.push(e.description.at.line);
        continue;
      }
      const why = check(pos);
      if (why) return why;
      refPos = pos;
      loose = [];
    }
    const why = check(reference.length);
    if (why) return why;
  }
  return undefined;
}
