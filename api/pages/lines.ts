/**
 * The page as numbered lines, and the small readers every part of a page needs: the capture header,
 * section headings, and JSON blocks (which may be cut).
 */
import type { Cite, Cited, JsonBlock, JsonKey } from './types.ts';

export interface Line {
  /** 1-based line number in the file. */
  n: number;
  text: string;
}

export interface Header {
  source?: Cited<string>;
  captureNote?: Cited<string>;
  completeHeader?: Cited<boolean>;
}

/** The capturer's notes about a copy (not page text) start like this. */
const CAPTURER_NOTE = /^\[provenance:/;

/**
 * Mintlify text copies glue a heading onto the end of the role sentence ("... role.Enums"); split it
 * off so the heading is found like any other. Both halves keep the file's line number.
 */
const GLUED_HEADING = /^(.*\brole\.)(Enums|Request Body)$/;

export function toLines(text: string, file: string): { header: Header; body: Line[] } {
  const raw = text.split(/\r?\n/);
  const header: Header = {};
  let i = 0;
  for (; i < Math.min(3, raw.length); i++) {
    const m = /^(Source|Capture|Complete):\s*(.*)$/.exec(raw[i]);
    if (!m) break;
    const at = { file, line: i + 1 };
    if (m[1] === 'Source') header.source = { value: m[2].trim(), at };
    else if (m[1] === 'Capture') header.captureNote = { value: m[2].trim(), at };
    else header.completeHeader = { value: /^yes\b/i.test(m[2].trim()), at };
  }
  const body: Line[] = [];
  for (; i < raw.length; i++) {
    const t = raw[i];
    if (CAPTURER_NOTE.test(t.trim())) continue;
    const g = GLUED_HEADING.exec(t.trim());
    if (g) {
      body.push({ n: i + 1, text: g[1] }, { n: i + 1, text: g[2] });
      continue;
    }
    body.push({ n: i + 1, text: t });
  }
  return { header, body };
}

/** A line's text as a heading: Markdown `#` marks dropped. */
export function headingText(line: Line): string {
  return line.text.replace(/^\s*#{1,6}\s+/, '').trim();
}

/** Index of the first line at or after `from` whose heading text is `name`; -1 when absent. */
export function findHeading(lines: Line[], name: string, from = 0): number {
  for (let i = Math.max(0, from); i < lines.length; i++) if (headingText(lines[i]) === name) return i;
  return -1;
}

export function cite(file: string, line: Line | number): Cite {
  return { file, line: typeof line === 'number' ? line : line.n };
}

/**
 * Reads a JSON block that starts at the first `{` of `lines[start]` (from column `col`), line by line,
 * until its braces balance. Returns the block and the index of its last line. A block the capture
 * cuts off is returned with `cut: true` and no parsed value.
 */
export function readJsonBlock(file: string, lines: Line[], start: number, col = 0): { block: JsonBlock; last: number } {
  let depth = 0;
  let inString = false;
  let escaped = false;
  const parts: string[] = [];
  const keys: JsonKey[] = [];
  let i = start;
  let closed = false;
  for (; i < lines.length && !closed; i++) {
    let t = lines[i].text;
    if (i === start) t = t.slice(t.indexOf('{', col));
    if (depth === 1 && !inString) {
      const k = /^\s*"([^"]+)"\s*:\s*(.*?)\s*,?\s*$/.exec(t);
      if (k) keys.push({ name: k[1], line: lines[i].n, raw: k[2] });
    }
    let end = t.length;
    for (let c = 0; c < t.length; c++) {
      const ch = t[c];
      if (inString) {
        if (escaped) escaped = false;
        else if (ch === '\\') escaped = true;
        else if (ch === '"') inString = false;
        continue;
      }
      if (ch === '"') inString = true;
      else if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') {
        depth--;
        if (depth === 0) {
          end = c + 1;
          closed = true;
          break;
        }
      }
    }
    parts.push(t.slice(0, end));
  }
  const text = parts.join('\n');
  const block: JsonBlock = { text, at: cite(file, lines[start]), keys, cut: !closed };
  if (closed) {
    try {
      block.value = JSON.parse(text);
    } catch {
      // a closed block that is not valid JSON keeps its text and keys; nothing is parsed from it
    }
  }
  return { block, last: i - 1 };
}

/** Collapses whitespace and typographic variants so two copies of one sentence compare equal. */
export function normalizeText(s: string): string {
  return s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\\([~*_`\\])/g, '$1')
    .replace(/[*`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
