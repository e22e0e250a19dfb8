/**
 * Enum tables of the Enums section, in the four shapes the captures keep them:
 * rendered (`ValueName` then `1Daily`), flattened (`Value Name 1 Daily 2 Weekly`), Markdown tables
 * (`| 1 | Daily |`) and MDX accordions. Rendered copies lose the table titles.
 */
import { cite, type Line } from './lines.ts';
import type { Cited, EnumTable, EnumValue } from './types.ts';

const TITLE = /^(e[A-Z]\w*)\??(?:\s+[—-]\s+(\w+)\s+values)?$/;
const ACCORDION = /<Accordion\s+title="([^"]*)"/;
const RENDERED_ROW = /^(-?\d+)([A-Za-z_]\w*)$/;
const MD_HEAD = /^\|\s*Value\s*\|\s*Name\s*\|$/;
const MD_SEPARATOR = /^\|[\s|:-]+\|$/;
const MD_ROW = /^\|\s*(-?\d+)\s*\|\s*([A-Za-z_]\w*)\s*\|$/;

interface Title {
  title: Cited<string>;
  field?: Cited<string>;
}

function parseTitle(file: string, line: Line, text: string): Title | undefined {
  const m = TITLE.exec(text.trim());
  if (!m) return undefined;
  const at = cite(file, line);
  return { title: { value: m[1], at }, field: m[2] ? { value: m[2], at } : undefined };
}

/**
 * Reads the tables in `lines` (the Enums section up to the Request Body). `capCut` says whether the
 * capture ends inside this region, which makes its last table possibly incomplete.
 */
export function readEnums(file: string, lines: Line[], capCut: boolean): EnumTable[] {
  const tables: EnumTable[] = [];
  let pending: Title | undefined;
  let current: EnumTable | undefined;
  const open = (line: Line): EnumTable => {
    const t: EnumTable = { title: pending?.title, field: pending?.field, values: [], at: cite(file, line), cut: false };
    pending = undefined;
    tables.push(t);
    return t;
  };
  const push = (t: EnumTable, line: Line, value: string, name: string): void => {
    const v: EnumValue = { name, value: Number(value), at: cite(file, line) };
    t.values.push(v);
  };
  for (const line of lines) {
    const text = line.text.trim();
    if (text === '') continue;
    const acc = ACCORDION.exec(text);
    if (acc) {
      current = undefined;
      pending = parseTitle(file, line, acc[1]);
      continue;
    }
    if (text.startsWith('</Accordion')) {
      current = undefined;
      continue;
    }
    if (text === 'ValueName' || MD_HEAD.test(text)) {
      current = open(line);
      continue;
    }
    const flat = /^Value Name\s+(.*)$/.exec(text);
    if (flat) {
      current = open(line);
      const pairs = flat[1].trim().split(/\s+/);
      for (let k = 0; k + 1 < pairs.length; k += 2) {
        if (/^-?\d+$/.test(pairs[k])) push(current, line, pairs[k], pairs[k + 1]);
      }
      if (pairs.length % 2 === 1) current.cut = true;
      current = undefined;
      continue;
    }
    if (current && MD_SEPARATOR.test(text)) continue;
    const md = MD_ROW.exec(text);
    if (current && md) {
      push(current, line, md[1], md[2]);
      continue;
    }
    const row = RENDERED_ROW.exec(text);
    if (current && row) {
      push(current, line, row[1], row[2]);
      continue;
    }
    const title = parseTitle(file, line, text);
    if (title) {
      current = undefined;
      // Markdown copies repeat a title line; keep the first citation
      if (!pending || pending.title.value !== title.title.value) pending = title;
      continue;
    }
    current = undefined;
  }
  // the text stops before the Request Body: the last table may have had more rows
  if (capCut && tables.length > 0) tables[tables.length - 1].cut = true;
  return tables;
}
