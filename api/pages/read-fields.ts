/**
 * The Required Fields and Optional Fields lists, in the three forms a capture keeps them:
 * rendered (name, type, `required`, description on separate lines), flattened (descriptions only,
 * sometimes a long name kept on the line before), and MDX `<ParamField>` tags.
 */
import { cite, type Line } from './lines.ts';
import type { Cited, FlatEntry, PageField } from './types.ts';

const NAME = /^[A-Z][A-Za-z0-9_]*$/;
const TYPE = /^(string|integer|number|boolean|object|array|any|file|date|date-time|e[A-Z]\w*)(\[\])?$/;
const ENUM_REF = /See (e[A-Z]\w*)(\?)? enum above/;
/** A description that says the value can be null states that the field is nullable. */
const MENTIONS_NULL = /\bnull(able)?\b/i;

export type Section = 'required' | 'optional';

export interface ListRegion {
  section: Section;
  /** The heading line (citation for "listed under Optional Fields"). */
  heading: Line;
  lines: Line[];
  /** The capture's text ends inside this list. */
  endsInside: boolean;
}

export interface ReadFields {
  fields: PageField[];
  entries: FlatEntry[];
  cutAt?: Cited<string>;
}

function nonBlank(lines: Line[]): Line[] {
  return lines.filter((l) => l.text.trim() !== '');
}

function enumRefOf(file: string, line: Line, text: string): { ref?: Cited<string>; nullable: boolean } {
  const m = ENUM_REF.exec(text);
  return m ? { ref: { value: m[1], at: cite(file, line) }, nullable: m[2] === '?' } : { nullable: false };
}

function describe(file: string, f: PageField, line: Line): void {
  const text = line.text.trim();
  if (!f.description) f.description = { value: text, at: cite(file, line) };
  else f.description.value += ' ' + text;
  const e = enumRefOf(file, line, text);
  if (e.ref && !f.enumRef) f.enumRef = e.ref;
  if (!f.nullable && (e.nullable || MENTIONS_NULL.test(text))) f.nullable = { value: true, at: cite(file, line) };
}

/** Does this region hold rendered entries (a name line followed by a type line)? */
export function looksRendered(region: ListRegion): boolean {
  const ls = nonBlank(region.lines);
  for (let i = 0; i + 1 < ls.length; i++) if (NAME.test(ls[i].text.trim()) && TYPE.test(ls[i + 1].text.trim())) return true;
  return false;
}

export function readRenderedList(file: string, region: ListRegion): ReadFields {
  const ls = nonBlank(region.lines);
  const fields: PageField[] = [];
  let cutAt: Cited<string> | undefined;
  let cur: PageField | undefined;
  for (let i = 0; i < ls.length; i++) {
    const t = ls[i].text.trim();
    const next = ls[i + 1]?.text.trim();
    if (NAME.test(t) && next !== undefined && TYPE.test(next)) {
      cur = {
        name: t,
        at: cite(file, ls[i]),
        type: { value: next, at: cite(file, ls[i + 1]) },
        required: { value: region.section === 'required', at: cite(file, region.heading) },
        cut: false,
      };
      i++;
      if (ls[i + 1]?.text.trim() === 'required') {
        cur.required = { value: true, at: cite(file, ls[i + 1]) };
        i++;
      }
      fields.push(cur);
      continue;
    }
    // at the cut, a lone name (or a name and a partial type) is what is left of the next entry
    const residue = i === ls.length - 1 || (i === ls.length - 2 && /^[a-z[\]-]*$/.test(next ?? ''));
    if (region.endsInside && residue && NAME.test(t)) {
      cutAt = { value: t, at: cite(file, ls[i]) };
      break;
    }
    if (cur) describe(file, cur, ls[i]);
  }
  if (region.endsInside && !cutAt && cur) cur.cut = true;
  return { fields, entries: [], cutAt };
}

export function readFlattenedList(file: string, region: ListRegion): ReadFields {
  const ls = nonBlank(region.lines);
  const entries: FlatEntry[] = [];
  let name: Cited<string> | undefined;
  for (let i = 0; i < ls.length; i++) {
    const t = ls[i].text.trim();
    const next = ls[i + 1]?.text.trim();
    if (NAME.test(t) && next !== undefined && !NAME.test(next)) {
      name = { value: t, at: cite(file, ls[i]) };
      continue;
    }
    const e = enumRefOf(file, ls[i], t);
    entries.push({
      description: { value: t, at: cite(file, ls[i]) },
      listedUnder: region.section,
      name,
      enumRef: e.ref,
      cut: region.endsInside && i === ls.length - 1,
    });
    name = undefined;
  }
  return { fields: [], entries };
}

function attributes(s: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of s.matchAll(/([A-Za-z_][\w-]*)(?:=(?:"([^"]*)"|\{([^}]*)\}))?/g)) out.set(m[1], m[2] ?? m[3] ?? 'true');
  return out;
}

export function readMdxList(file: string, region: ListRegion): ReadFields {
  const fields: PageField[] = [];
  let cutAt: Cited<string> | undefined;
  let cur: PageField | undefined;
  let inside = false;
  for (const line of region.lines) {
    const t = line.text.trim();
    const tag = /^<ParamField\b(.*)$/.exec(t);
    if (tag) {
      const closed = /\/?>\s*(.*)$/.exec(tag[1]);
      const attrs = attributes(closed ? tag[1].slice(0, closed.index) : tag[1]);
      const name = attrs.get('body') ?? attrs.get('path') ?? attrs.get('query');
      if (!name) continue;
      const type = attrs.get('type');
      // a tag cut before its end cannot say whether `required` was written: the heading decides
      const required = closed ? attrs.has('required') && attrs.get('required') !== 'false' : region.section === 'required';
      cur = {
        name,
        at: cite(file, line),
        type: type ? { value: type, at: cite(file, line) } : undefined,
        required: { value: required, at: cite(file, closed || region.section === 'optional' ? line : region.heading) },
        cut: !closed,
      };
      if (type && /\bnull\b/.test(type)) cur.nullable = { value: true, at: cite(file, line) };
      fields.push(cur);
      inside = !!closed && !/\/>/.test(tag[1]);
      const rest = closed?.[1]?.replace(/<\/ParamField>\s*$/, '').trim();
      if (rest) describe(file, cur, { n: line.n, text: rest });
      if (/<\/ParamField>/.test(tag[1])) inside = false;
      continue;
    }
    if (/^<\/ParamField>/.test(t)) {
      inside = false;
      continue;
    }
    if (/^<P/.test(t) && t.length < '<ParamField'.length) {
      cutAt = { value: t, at: cite(file, line) };
      continue;
    }
    if (inside && cur && t !== '') describe(file, cur, { n: line.n, text: t.replace(/<\/ParamField>\s*$/, '') });
  }
  if (region.endsInside && cur && inside) cur.cut = true;
  return { fields, entries: [], cutAt };
}
