/**
 * The roles overview page: the five role suffixes every entity has, the worked example, and where the
 * full list is served. Roles themselves are `{Entity}-{Suffix}`.
 */
import { cite, toLines } from './lines.ts';
import type { Cite, Cited } from './types.ts';

export const ROLE_SUFFIXES = ['List', 'Read', 'Edit', 'Create', 'Delete'] as const;
export type RoleSuffix = (typeof ROLE_SUFFIXES)[number];

export interface RolesOverview {
  /** Each suffix with what it grants, as the page's table states it. */
  suffixes: { suffix: RoleSuffix; grants: string; at: Cite }[];
  /** "every entity in the system has exactly five roles". */
  fivePerEntity?: Cited<string>;
  /** The page's example, e.g. Booking with Booking-List ... Booking-Delete. */
  example?: { entity: string; roles: string[]; at: Cite };
  /** `GET /api/security/roles`. */
  listEndpoint?: { method: string; path: string; at: Cite };
  cut: boolean;
}

export function readRoles(text: string, file: string): RolesOverview {
  const { header, body } = toLines(text, file);
  const out: RolesOverview = { suffixes: [], cut: header.completeHeader?.value === false };
  for (const line of body) {
    const t = line.text.trim();
    // the table comes as `{EntityName}-ListSearch and list records` or as `| {EntityName}-List | Search ... |`
    const row = /^\|?\s*\{EntityName\}-(List|Read|Edit|Create|Delete)\s*\|?\s*([^|]+?)\s*\|?$/.exec(t);
    if (row && !out.suffixes.some((s) => s.suffix === row[1])) out.suffixes.push({ suffix: row[1] as RoleSuffix, grants: row[2], at: cite(file, line) });
    const five = /Every entity in the system has exactly five roles[^:.]*/.exec(t);
    if (five && !out.fivePerEntity) out.fivePerEntity = { value: five[0], at: cite(file, line) };
    const ex = /the (\w+) entity has the following roles: ([\w\-, ]+?)(?:,)? and (\w+-\w+)\./.exec(t);
    if (ex && !out.example) out.example = { entity: ex[1], roles: [...ex[2].split(/,\s*/).filter(Boolean), ex[3]], at: cite(file, line) };
    const get = /^(GET)\s+(\/api\/security\/roles)\b/.exec(t);
    if (get && !out.listEndpoint) out.listEndpoint = { method: get[1], path: get[2], at: cite(file, line) };
  }
  return out;
}

/** The five role names of an entity. */
export function rolesOf(entity: string): string[] {
  return ROLE_SUFFIXES.map((s) => `${entity}-${s}`);
}
