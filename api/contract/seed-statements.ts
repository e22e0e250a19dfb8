/**
 * Completeness the other way round: every statement of the seed pages maps to a clause the suite asserts
 * or records, or to a stated reason why no tenant check covers it. The pages come in two layouts (full
 * pages with field names; condensed pages with descriptions only), so each line is classified by the
 * section it sits in. A line that fits no rule maps to nothing: the self-test fails on it.
 */
import { documents, type DocName } from './sources.ts';
import type { ClauseId } from './clauses.ts';
import { entityByName, type EntityDecl } from '../catalogue/entities.ts';
import { meta } from '../catalogue/fields.ts';

/** The entity each seed page documents (docs/seeds/README.md). */
const ENTITY_OF: Record<string, string> = {
  'seed 000': 'CoworkerInventoryAsset', 'seed 001': 'CoworkerInventoryAsset', 'seed 002': 'CoworkerTask', 'seed 003': 'Coworker', 'seed 004': 'Workspace',
};

export interface SeedStatement {
  doc: DocName;
  line: number;
  text: string;
  /** the clause that covers the statement */
  clause?: ClauseId;
  /** why no tenant check covers it */
  notChecked?: string;
  /** a heading or layout line, not a statement */
  structure?: true;
}

type Section = 'head' | 'curl' | 'auth' | 'enums' | 'body' | 'required' | 'optional' | 'examples' | 'response' | 'r200' | 'r400';

const HEADINGS: Record<string, Section | null> = {
  Authentication: 'auth', Enums: 'enums', 'Request Body': 'body', 'Required Fields': 'required', 'Optional Fields': 'optional',
  'Code Examples': 'examples', Response: 'response', 'Example Response': null,
};

export const NOT_CHECKED = {
  example: 'the example request carries placeholder Ids (0, 87654321): it is validated against the request schema by the project\'s own tests, never sent to a tenant',
  sideEffect: 'never generated: writing it has side effects on a live tenant (welcome e-mails, payment, printing or access-control integrations), so the suite neither writes nor reads it back',
  inferred: 'never generated: no source spells the JSON name of this field (the page lost it), so the suite does not write it',
  modifier: 'a write-only list that edits another (AddedMembers edits Members): what a tenant does when both are sent is silent, so its effect is not compared',
  localTime: 'a local-time twin of a UTC field: how the two interact is silent, so it is not compared on read-back',
  unknownField: 'no field of the catalogue matches this line (the page lost the field name): not written',
  navigation: 'page navigation of the documentation site',
} as const;

const key = (t: string) => t.replace(/\. See .* enum above\.$/, '').replace(/\.$/, '').replace(/[\s’']/g, '').toLowerCase();

/** The catalogue field a line names or describes (seed pages list `Name`, its type, its description; condensed ones only the description). */
function fieldOfLine(e: EntityDecl, t: string): string | undefined {
  const k = key(t);
  const fields = Object.entries(e.fields);
  const exact = fields.find(([n, s]) => n.toLowerCase() === k || (meta(s).description && key(meta(s).description!) === k));
  if (exact) return exact[0];
  // "Create user account. Grants portal and app access…" describes CreateUser
  const prefix = fields.map(([n]) => n).filter((n) => n.length >= 8 && k.startsWith(n.toLowerCase())).sort((a, b) => b.length - a.length)[0];
  return prefix;
}

/** How a documented field is covered: written and read back, or why not. */
function fieldCoverage(e: EntityDecl, field: string | undefined, required: boolean): Pick<SeedStatement, 'clause' | 'notChecked'> {
  if (required) return { clause: 'required.status' };
  if (field === 'Id') return { clause: 'required.status' };
  const s = field ? e.fields[field] : undefined;
  if (!s) return { notChecked: NOT_CHECKED.unknownField };
  const m = meta(s);
  if (m['x-evidence'] === 'inferred') return { notChecked: NOT_CHECKED.inferred };
  if (m['x-send'] === 'never') return { notChecked: NOT_CHECKED.sideEffect };
  if (m['x-modifies'] || e.writeOnly?.includes(field!)) return { notChecked: NOT_CHECKED.modifier };
  if (m['x-local-time']) return { notChecked: NOT_CHECKED.localTime };
  return { clause: 'write.read-back' };
}
const PATH_WORDS = /^(PUT|POST|\/|api|spaces|crm|collaboration|coworkerinventoryassets|coworkertasks|coworkers|workspaces|Update Workspace)$/;
const SUCCESS_EXTRAS = /"(OpenInDialog|OpenInWindow|RedirectURL|JavaScript|UpdatedOn|UpdatedBy)"/;

/** The body fields the response tables describe, one row each (name, type, description; condensed pages keep the description only). */
type BodyField = 'Status' | 'Message' | 'Value' | 'WasSuccessful' | 'Errors';

/** The body field a line of a response table is about (`prev`: the row the line before was in); undefined for the example answers. */
function rowOf(t: string, prev: BodyField | undefined): BodyField | undefined {
  if (/^[{}[\]"]/.test(t)) return undefined;
  if (/^(Status|Message|Value|WasSuccessful|Errors)$/.test(t)) return t as BodyField;
  if (/^(integer|string|object|boolean|array|any|object\[\])$/.test(t)) return prev;
  if (/HTTP status code/.test(t)) return 'Status';
  if (/message confirming|A summary of the validation error/.test(t)) return 'Message';
  if (/Contains the Id|null on validation failure/.test(t)) return 'Value';
  if (/^(true|false) (if|when)\b/.test(t)) return 'WasSuccessful';
  if (/^null on success|validation errors|validation error message|property that failed validation/.test(t)) return 'Errors';
  return prev;
}

/**
 * Each row of a response table is a clause about that field of the answer's body, with the value its description
 * states: 200 — Status 200 (success.body-status), Message confirming the write (success.message), Value holding the
 * Id, WasSuccessful true, Errors null (success.envelope); 400 — Message "PropertyName: error message"
 * (failure.summary), Value null, Errors the list, WasSuccessful false (failure.envelope). The tables' headings
 * (200, 400) are the HTTP status.
 */
const ROW_CLAUSE: Record<'r200' | 'r400', Record<BodyField, ClauseId>> = {
  r200: { Status: 'success.body-status', Message: 'success.message', Value: 'success.envelope', WasSuccessful: 'success.envelope', Errors: 'success.envelope' },
  r400: { Status: 'failure.envelope', Message: 'failure.summary', Value: 'failure.envelope', WasSuccessful: 'failure.envelope', Errors: 'failure.envelope' },
};

function classify(t: string, section: Section, field?: string, e?: EntityDecl, row?: BodyField): Pick<SeedStatement, 'clause' | 'notChecked' | 'structure'> {
  if (t === 'Skip to main content') return { notChecked: NOT_CHECKED.navigation };
  switch (section) {
    case 'head':
      if (PATH_WORDS.test(t)) return { clause: 'success.status' }; // the method and path a valid write is answered 200 on
      if (/AttemptedValue|PropertyName/.test(t)) return { clause: 'failure.envelope' };
      if (/^[{}[\]]|^"/.test(t)) return { clause: 'success.envelope' }; // the answer skeleton
      return { clause: 'write.read-back' }; // what the endpoint does: creates / updates the record
    case 'curl':
      if (/Authorization: Basic/.test(t)) return { clause: 'authn.basic' };
      if (/Authorization: Bearer/.test(t)) return { clause: 'authn.required' };
      return { notChecked: NOT_CHECKED.example };
    case 'examples':
      return { notChecked: NOT_CHECKED.example };
    case 'auth':
      if (/full unrestricted administrator/.test(t)) return { clause: 'authz.allowed' };
      return { clause: 'authn.required' };
    case 'enums':
      return { clause: 'write.read-back' }; // the documented values the generators write and read back
    case 'body':
    case 'required':
      return { clause: 'required.status' };
    case 'optional':
      return fieldCoverage(e!, field, false);
    case 'response':
    case 'r200':
      if (/^200$/.test(t)) return { clause: 'success.status' };
      if (row) return { clause: ROW_CLAUSE.r200[row] };
      // the example answer, key by key
      if (/^"Status" ?: ?200\b/.test(t)) return { clause: 'success.body-status' };
      if (/"Message"/.test(t)) return { clause: 'success.message' };
      if (SUCCESS_EXTRAS.test(t)) return { clause: 'silent.success-extras' };
      return { clause: 'success.envelope' };
    case 'r400':
      if (/^400$/.test(t)) return { clause: 'required.status' };
      if (row) return { clause: ROW_CLAUSE.r400[row] };
      if (/"Message" ?: ?"\w+: /.test(t)) return { clause: 'failure.summary' };
      if (/"Message" ?: ?"is a required field"/.test(t)) return { clause: 'required.message' };
      if (/PropertyName/.test(t)) return { clause: 'required.errors' };
      return { clause: 'failure.envelope' };
  }
}

export function seedStatements(): SeedStatement[] {
  const out: SeedStatement[] = [];
  for (const [doc, d] of documents()) {
    if (doc === 'facts') continue;
    let section: Section = 'head';
    let beforeCurl: Section = 'head';
    const e = entityByName(ENTITY_OF[doc]);
    let field: string | undefined;
    let row: BodyField | undefined;
    d.lines.forEach((raw, i) => {
      const t = raw.trim();
      if (!t) return;
      const at = { doc, line: i + 1, text: t };
      if (t in HEADINGS) {
        const next = HEADINGS[t];
        if (next) section = next;
        return void out.push({ ...at, structure: true });
      }
      if (section === 'curl') {
        out.push({ ...at, ...classify(t, 'curl') });
        if (/^'$|}'$/.test(t)) section = beforeCurl;
        return;
      }
      if (t.startsWith('curl ')) {
        beforeCurl = section;
        section = 'curl';
        return void out.push({ ...at, ...classify(t, 'curl') });
      }
      if (t === '200' && (section === 'response' || section === 'examples')) section = 'r200';
      else if (t === '400' && (section === 'r200' || section === 'response')) section = 'r400';
      // a field's lines (name, type, "required", description) share the field's coverage
      if (section === 'optional') field = fieldOfLine(e, t) ?? (/^(string|integer|boolean|number|integer\[\])$/.test(t) ? field : undefined);
      row = section === 'r200' || section === 'r400' ? rowOf(t, t === '200' || t === '400' ? undefined : row) : undefined;
      out.push({ ...at, ...classify(t, section, field, e, row) });
    });
  }
  return out;
}
