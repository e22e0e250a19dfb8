/**
 * The documents every clause cites, shipped in the repository: the five seed pages (docs/seeds) and the
 * facts gathered from public sources (docs/sources/nexudus-api.md). A citation is a document and a
 * quote; the quote is looked up here, so a reader gets the line number and the self-tests catch a quote
 * that is not in the document.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const SEEDS_DIR = fileURLToPath(new URL('../../docs/seeds/', import.meta.url));
export const FACTS_PATH = fileURLToPath(new URL('../../docs/sources/nexudus-api.md', import.meta.url));

/** `seed 000` … `seed 004` (the seed page by its number) or `facts` (docs/sources/nexudus-api.md). */
export type DocName = 'seed 000' | 'seed 001' | 'seed 002' | 'seed 003' | 'seed 004' | 'facts';

export interface Citation {
  doc: DocName;
  /** words of the document, exactly as written there (whitespace-insensitive) */
  quote: string;
}

export interface ResolvedCitation extends Citation {
  /** repository path of the document */
  path: string;
  /** 1-based line of the quote's start */
  line: number;
  /** facts only: the section heading (`§6 Validation and error behaviour`) and the source tags of the row */
  section?: string;
  tags?: string[];
}

let cache: Map<DocName, { path: string; lines: string[] }> | undefined;

export function documents(): Map<DocName, { path: string; lines: string[] }> {
  if (cache) return cache;
  cache = new Map();
  for (const f of readdirSync(SEEDS_DIR).filter((x) => /^\d{3}_.*\.txt$/.test(x)).sort()) {
    cache.set(`seed ${f.slice(0, 3)}` as DocName, { path: `docs/seeds/${f}`, lines: readFileSync(join(SEEDS_DIR, f), 'utf8').split('\n') });
  }
  cache.set('facts', { path: 'docs/sources/nexudus-api.md', lines: readFileSync(FACTS_PATH, 'utf8').split('\n') });
  return cache;
}

/** The seed pages: the endpoint each one documents and its entity (docs/seeds/README.md). */
export type SeedDoc = Exclude<DocName, 'facts'>;
export const SEED_PAGES: Readonly<Record<SeedDoc, { endpoint: string; entity: string }>> = {
  'seed 000': { endpoint: 'PUT /api/spaces/coworkerinventoryassets', entity: 'CoworkerInventoryAsset' },
  'seed 001': { endpoint: 'POST /api/spaces/coworkerinventoryassets', entity: 'CoworkerInventoryAsset' },
  'seed 002': { endpoint: 'PUT /api/crm/coworkertasks', entity: 'CoworkerTask' },
  'seed 003': { endpoint: 'PUT /api/spaces/coworkers', entity: 'Coworker' },
  'seed 004': { endpoint: 'PUT /api/collaboration/workspaces', entity: 'Workspace' },
};
export const SEED_DOCS = Object.keys(SEED_PAGES) as SeedDoc[];

/** The seed page of an endpoint (`PUT /api/crm/coworkertasks` → `seed 002`), or undefined when it has none. */
export function pageOf(endpoint: string | undefined): SeedDoc | undefined {
  return endpoint === undefined ? undefined : SEED_DOCS.find((d) => SEED_PAGES[d].endpoint === endpoint);
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A document as one whitespace-squashed text, with the offset where each line starts in it. */
const texts = new Map<DocName, { text: string; starts: number[] }>();
function textOf(doc: DocName, lines: string[]): { text: string; starts: number[] } {
  let t = texts.get(doc);
  if (!t) {
    let text = '';
    const starts: number[] = [];
    for (const l of lines) {
      const q = squash(l);
      if (q && text) text += ' ';
      starts.push(text.length);
      text += q;
    }
    t = { text, starts };
    texts.set(doc, t);
  }
  return t;
}

const resolved = new Map<string, ResolvedCitation>();

/**
 * Finds the quote; throws when the document does not hold it (a broken citation is a bug of the suite). A quote
 * may span lines (seed pages break a field over name, type and description lines): the document is searched as
 * one text, and the citation's line is the one where the quoted words start.
 */
export function resolve(c: Citation): ResolvedCitation {
  const key = `${c.doc}\u0000${c.quote}`;
  const known = resolved.get(key);
  if (known) return { ...known, ...c };
  const d = documents().get(c.doc);
  if (!d) throw new Error(`citation of an unknown document "${c.doc}"`);
  const want = squash(c.quote);
  const { text, starts } = textOf(c.doc, d.lines);
  const at = want ? text.indexOf(want) : -1;
  if (at < 0) throw new Error(`${c.doc} (${d.path}) does not contain the quoted words: "${c.quote}"`);
  // the last line that starts at or before the match and has words of its own (blank lines take no room)
  let line = 0;
  for (let i = 0; i < starts.length; i++) {
    if (starts[i] > at) break;
    if (squash(d.lines[i])) line = i;
  }
  const out: ResolvedCitation = { ...c, path: d.path, line: line + 1 };
  if (c.doc === 'facts') {
    for (let i = line; i >= 0; i--) {
      const h = /^#{2,3} (\d+(?:\.\d+)?)\.? (.*)$/.exec(d.lines[i]);
      if (h) { out.section = `§${h[1]} ${h[2].trim()}`; break; }
    }
    const tags = d.lines[line].match(/\bS\d\b/g);
    if (tags) out.tags = [...new Set(tags)];
  }
  resolved.set(key, out);
  return { ...out };
}

/** `seed 000 line 26` / `nexudus-api.md §6 line 312 (S1, S7)`: how reports and failure messages name a source. */
export function cite(c: Citation): string {
  const r = resolve(c);
  if (r.doc === 'facts') return `nexudus-api.md ${r.section?.split(' ')[0] ?? ''} line ${r.line}${r.tags ? ` (${r.tags.join(', ')})` : ''}: "${c.quote}"`;
  return `${r.path} line ${r.line}: "${c.quote}"`;
}
