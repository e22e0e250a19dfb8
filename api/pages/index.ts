/**
 * Reads a folder of endpoint page captures into endpoint declarations: each `*.txt`, `*.md` or `*.mdx`
 * file is read, captures of one method and path are merged, and the result is sorted by path and method.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPage } from './read.ts';
import { mergeCaptures } from './merge.ts';
import type { EndpointDeclaration, PageCapture } from './types.ts';

export { readPage } from './read.ts';
export { mergeCaptures, completeEnough } from './merge.ts';
export { readRoles, rolesOf, ROLE_SUFFIXES, type RolesOverview, type RoleSuffix } from './roles.ts';
export type * from './types.ts';

/** The overview and the folder's notes are not endpoint pages. */
function isPageFile(name: string): boolean {
  return /\.(txt|md|mdx)$/i.test(name) && !/^README\.md$/i.test(name) && !name.startsWith('DOC_');
}

export function readCapturesDir(dir: string): PageCapture[] {
  return readdirSync(dir)
    .filter(isPageFile)
    .sort()
    .map((name) => readPage(readFileSync(join(dir, name), 'utf8'), name));
}

/** Captures grouped by method and path; a capture stating neither stands alone under its file name. */
export function groupCaptures(captures: PageCapture[]): PageCapture[][] {
  const groups = new Map<string, PageCapture[]>();
  for (const c of captures) {
    const key = c.method && c.path ? `${c.method.value} ${c.path.value}` : `file ${c.file}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()];
}

export function readPagesDir(dir: string): EndpointDeclaration[] {
  return groupCaptures(readCapturesDir(dir))
    .map(mergeCaptures)
    .sort((a, b) => (a.path ?? '').localeCompare(b.path ?? '') || (a.method ?? '').localeCompare(b.method ?? '') || a.files[0].localeCompare(b.files[0]));
}
