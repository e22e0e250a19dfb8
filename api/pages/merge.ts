/**
 * Merges several captures of one endpoint page into one declaration. A fact one capture states and
 * no other contradicts holds, with every citation; where captures disagree both readings are kept;
 * what no capture states stays open.
 */
import { mergeFields, requiredListComplete } from './merge-fields.ts';
import { blamed, fieldListsComplete, findContradictions } from './checks.ts';
import { mergeEnums } from './merge-enums.ts';
import type { Cite, Cited, DeclaredField, Disagreement, EndpointDeclaration, HttpMethod, PageCapture, ReadingVia, ResponseRow, Stated } from './types.ts';

export { completeEnough } from './checks.ts';

function stated<T extends string>(items: (Cited<T> | undefined)[]): Stated<T>[] {
  const out: Stated<T>[] = [];
  for (const c of items) {
    if (!c) continue;
    const s = out.find((o) => o.value === c.value);
    if (s) s.at.push(c.at);
    else out.push({ value: c.value, at: [c.at] });
  }
  return out;
}

function disagreements(fields: DeclaredField[]): Disagreement[] {
  const out: Disagreement[] = [];
  for (const f of fields) {
    if (f.required === 'either') {
      const readings = [true, false].map((v) => {
        const rs = f.readings.filter((r) => r.required === v);
        return { value: v ? 'required' : 'not required', at: rs.map((r) => r.at), via: rs.map((r) => r.via) };
      });
      out.push({ field: f.name, aspect: 'required', readings });
    }
    if (f.types) {
      const readings = f.types.map((t) => {
        const rs = f.readings.filter((r) => r.type === t);
        return { value: t, at: rs.map((r) => r.at), via: rs.map((r) => r.via) as ReadingVia[] };
      });
      out.push({ field: f.name, aspect: 'type', readings });
    }
  }
  return out;
}

function responseRows(captures: PageCapture[]): { status: 200 | 400; rows: ResponseRow[] }[] {
  return ([200, 400] as const).map((status) => {
    const rows: ResponseRow[] = [];
    for (const c of captures) for (const s of c.responses) if (s.status === status) {
      for (const r of s.rows) if (!rows.some((x) => x.field === r.field && x.description === r.description)) rows.push(r);
    }
    return { status, rows };
  });
}

export function mergeCaptures(captures: PageCapture[]): EndpointDeclaration {
  const method = stated(captures.map((c) => c.method));
  const path = stated(captures.map((c) => c.path));
  const entity = stated(captures.map((c) => c.entity));
  const { fields, unidentified, links } = mergeFields(captures);
  const { enums, open: enumOpen } = mergeEnums(captures, fields);
  const roles = stated(captures.map((c) => c.role?.name));
  const decl: EndpointDeclaration = {
    method: method[0]?.value as HttpMethod | undefined,
    path: path[0]?.value,
    module: path[0]?.value.split('/')[2],
    entity: entity[0]?.value,
    stated: { method, path, entity },
    files: captures.map((c) => c.file),
    fields,
    enums,
    completeRequiredLists: captures.flatMap((c) => {
      const out: Cite[] = [];
      if (requiredListComplete(c)) out.push(c.requiredList!.at);
      else if (c.requestExample && !c.requestExample.body.cut) out.push(c.requestExample.body.at);
      return out;
    }),
    unidentified,
    examples: {
      request: captures.flatMap((c) => (c.requestExample ? [c.requestExample] : [])),
      code: captures.flatMap((c) => (c.codeExample ? [c.codeExample] : [])),
      response200: captures.flatMap((c) => c.responses.filter((r) => r.status === 200 && r.example).map((r) => r.example!)),
      response400: captures.flatMap((c) => c.responses.filter((r) => r.status === 400 && r.example).map((r) => r.example!)),
    },
    responseRows: responseRows(captures),
    disagreements: disagreements(fields),
    contradictions: [],
    cut: captures.length > 0 && captures.every((c) => c.cut),
    open: [],
    captures,
  };
  if (roles.length) {
    const sentence = captures.find((c) => c.role)!.role!.sentence.value;
    decl.role = { name: roles[0].value, sentence, at: roles[0].at };
  }
  decl.contradictions = findContradictions(decl, links);
  decl.open = describeOpen(decl, enumOpen, { method, path, entity, roles });
  return decl;
}

function describeOpen(
  decl: EndpointDeclaration,
  enumOpen: string[],
  statements: Record<'method' | 'path' | 'entity' | 'roles', Stated<string>[]>,
): string[] {
  const open: string[] = [];
  for (const [what, list] of Object.entries(statements)) {
    if (list.length === 0) open.push(`${what === 'roles' ? 'role' : what}: no capture states it`);
    if (list.length > 1) open.push(`${what}: captures disagree (${list.map((s) => `${s.value} at ${s.at.map(where).join(', ')}`).join('; ')})`);
  }
  if (decl.completeRequiredLists.length === 0) open.push('required fields: no capture shows the whole required list with names');
  for (const f of decl.fields) {
    const needed = f.required === true || f.required === 'either';
    if (needed && !f.type) open.push(`${f.name}: ${f.types ? `type disputed (${f.types.join(' / ')})` : 'type not stated'}`);
    if (f.required === undefined) open.push(`${f.name}: whether it is required is not stated (only the code example sends it)`);
  }
  if (decl.unidentified.length) {
    const req = decl.unidentified.filter((u) => u.listedUnder === 'required').length;
    open.push(`${decl.unidentified.length} flattened description(s) could not be tied to a named field (${req} of them listed as required)`);
  }
  open.push(...enumOpen);
  if (!fieldListsComplete(decl)) {
    const names = new Set(decl.examples.response400.flatMap((ex) => blamed(ex.text)));
    for (const n of names) if (!decl.fields.some((f) => f.name === n)) open.push(`the 400 example names ${n}, which no capture lists (no capture shows the whole field list to tell whether it exists)`);
  }
  if (decl.examples.request.length + decl.examples.code.length === 0) open.push('request example: no capture shows one');
  if (decl.examples.response200.length === 0) open.push('200 example: no capture shows one');
  if (decl.examples.response400.length === 0) open.push('400 example: no capture shows one');
  if (decl.cut) open.push('every capture of this page is cut');
  return open;
}

function where(c: Cite): string {
  return `${c.file}:${c.line}`;
}
