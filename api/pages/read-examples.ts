/**
 * The curl examples (the request panel's `--data` and the Code Examples' `-d`) and the 200/400
 * response sections: their table rows and example bodies.
 */
import { cite, headingText, readJsonBlock, type Line } from './lines.ts';
import type { Cited, CurlExample, ResponseRow, ResponseSection } from './types.ts';

const NAME = /^[A-Z][A-Za-z0-9_]*$/;
const TYPE = /^(string|integer|number|boolean|object|array|any)(\[\])?$/;

/** The curl command's method and URL, read backwards from the body's line up to the `curl` line. */
function curlHead(file: string, lines: Line[], bodyIndex: number): { method?: Cited<string>; url?: Cited<string> } {
  const out: { method?: Cited<string>; url?: Cited<string> } = {};
  for (let i = bodyIndex; i >= 0 && i >= bodyIndex - 8; i--) {
    const t = lines[i].text;
    const url = /(?:--url\s+|")(https?:\/\/[^\s"']+)/.exec(t);
    if (url && !out.url) out.url = { value: url[1], at: cite(file, lines[i]) };
    const m = /\bcurl\s+(?:--request|-X)\s+([A-Z]+)/.exec(t);
    if (m) {
      out.method = { value: m[1], at: cite(file, lines[i]) };
      break;
    }
  }
  return out;
}

export function readCurlExamples(file: string, lines: Line[]): { request?: CurlExample; code?: CurlExample } {
  const out: { request?: CurlExample; code?: CurlExample } = {};
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].text;
    const data = /^\s*--data\s+'\s*(\{.*)?$/.exec(t);
    if (data && !out.request) {
      const start = data[1] ? i : lines.findIndex((l, k) => k > i && l.text.trim().startsWith('{'));
      if (start < 0) continue;
      const { block, last } = readJsonBlock(file, lines, start, data[1] ? t.indexOf('{') : 0);
      out.request = { ...curlHead(file, lines, i), body: block };
      i = last;
      continue;
    }
    const d = /^\s*-d\s+'\{/.exec(t);
    if (d && !out.code) {
      const { block, last } = readJsonBlock(file, lines, i, t.indexOf('{'));
      out.code = { ...curlHead(file, lines, i), body: block };
      i = last;
    }
  }
  return out;
}

/** True for a line that ends the rows of a response section. */
function endsRows(t: string): boolean {
  return t.startsWith('{') || /Example Response$/.test(t) || t.startsWith('```');
}

/** Reads one response section: `lines` run from just after its `200`/`400` heading to its end. */
export function readResponseSection(file: string, status: 200 | 400, heading: Line, lines: Line[]): ResponseSection {
  const rows: ResponseRow[] = [];
  const section: ResponseSection = { status, at: cite(file, heading), rows };
  let i = 0;
  for (; i < lines.length; i++) {
    const t = lines[i].text.trim();
    if (t === '') continue;
    if (endsRows(t)) break;
    const field = /<ResponseField\s+name="([^"]+)"(?:\s+type="([^"]+)")?/.exec(t);
    if (field) {
      const row: ResponseRow = { field: field[1], type: field[2], description: '', at: cite(file, lines[i]) };
      while (i + 1 < lines.length && !/<\/ResponseField>|\/>\s*$/.test(lines[i].text)) {
        i++;
        const t2 = lines[i].text.replace(/<\/ResponseField>\s*$/, '').trim();
        if (t2) row.description = row.description ? `${row.description} ${t2}` : t2;
      }
      rows.push(row);
      continue;
    }
    if (/^<\/?ResponseField/.test(t)) continue;
    const next = lines[i + 1]?.text.trim();
    if (NAME.test(t) && next !== undefined && TYPE.test(next)) {
      const desc = lines[i + 2]?.text.trim() ?? '';
      rows.push({ field: t, type: next, description: desc, at: cite(file, lines[i]) });
      i += 2;
      continue;
    }
    if (rows.length && rows[rows.length - 1].field && !NAME.test(t)) {
      // a second description line of a rendered row
      rows[rows.length - 1].description += ' ' + t;
      continue;
    }
    rows.push({ description: t.replace(/Example Response$/, ''), at: cite(file, lines[i]) });
  }
  for (; i < lines.length; i++) {
    const brace = lines[i].text.indexOf('{');
    if (brace >= 0 && lines[i].text.slice(0, brace).trim() === '') {
      section.example = readJsonBlock(file, lines, i, brace).block;
      break;
    }
    if (headingText(lines[i]) === '400') break;
  }
  return section;
}
