/**
 * What an entity declaration holds: written once by hand (./entities.ts) or read from its pages
 * (./page-entities.ts). Everything else (schemas, generators, sandbox, specs, OpenAPI) is derived from it.
 */
import type { TProperties } from '@sinclair/typebox';
import type { RefName } from './fields.ts';

/** An entity's name as its pages write it, e.g. `CoworkerTask`. */
export type EntityName = string;
/** The API module of its path, e.g. `spaces`. */
export type Module = string;

export interface EntityDecl<F extends TProperties = TProperties, R extends TProperties = TProperties> {
  name: EntityName;
  module: Module;
  /** lower-case plural resource name, e.g. `coworkertasks` */
  collection: string;
  /** writable fields; TypeBox `Optional` marks the ones POST does not require */
  fields: F;
  /** fields PUT additionally requires beyond POST's (besides Id); empty for all four today */
  putRequiredExtra?: string[];
  /** read-only fields of GET one / batch / list records */
  readOnly: R;
  /** read-only fields a tenant may omit (documented only partially) */
  readOnlyOptional?: boolean;
  /** fields returned by GET one but not by list (nexudus-api.md §1 "List vs single") */
  notInList?: string[];
  /** fields the write accepts but GET never returns */
  writeOnly?: string[];
  /** how a record is deleted: plain DELETE /{id} or a runcommand key (nexudus-api.md §3.1) */
  deleteVia: { kind: 'delete' } | { kind: 'runcommand'; key: string };
  /** text fields that carry the run marker, in order of preference (leave no trace) */
  markerFields: string[];
  /** fixture / prerequisite Ids a valid payload needs */
  needs: RefName[];
  /** teardown order: lower deletes first (asset assignments, tasks, workspaces, then coworkers) */
  deleteOrder: number;
  /** one sentence for docs and reports */
  summary: string;
  /** an entity read from its documentation pages: what each page (POST, PUT) states */
  pages?: { POST?: PageReading; PUT?: PageReading };
  /** page fields of no stated type: documented, never sent */
  untyped?: string[];
}

/** What one endpoint page states, for the catalogue: its required set, the fields captures disagree on, its role. */
export interface PageReading {
  url?: string;
  files: string[];
  /** required by the page (Id aside) */
  required: string[];
  /** captures disagree: never asserted as required, always sent */
  either: string[];
  role?: { name: string; sentence: string; at: string[] };
  /** the disagreements between captures, in words with their citations */
  disagreements: string[];
}
