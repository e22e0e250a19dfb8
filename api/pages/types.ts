/**
 * What a documentation page capture says, and what several captures of one page say together.
 * Every fact carries the file and 1-based line where its words start; a fact no capture states is
 * left undefined (open), never filled in from a likely value.
 */

export interface Cite {
  file: string;
  line: number;
}

/** One statement in one capture. */
export interface Cited<T> {
  value: T;
  at: Cite;
}

/** One fact as merged from several captures: every capture that states it is cited. */
export interface Stated<T> {
  value: T;
  at: Cite[];
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/**
 * `rendered`: the site's text with field names, types and `required` markers; `flattened`: text that
 * kept descriptions but lost names and types; `mdx`: the Markdown/MDX source with `<ParamField>` tags.
 */
export type CaptureKind = 'rendered' | 'flattened' | 'mdx';

export interface EnumValue {
  name: string;
  value: number;
  at: Cite;
}

export interface EnumTable {
  /** e.g. `eBookingRepeatCycle`; undefined when the capture lost the table's title. */
  title?: Cited<string>;
  /** The field named in a title like `eBookingRepeatCycle — Repeats values`. */
  field?: Cited<string>;
  values: EnumValue[];
  at: Cite;
  /** The capture ends inside this table. */
  cut: boolean;
}

/** A request field as a rendered or MDX capture lists it. */
export interface PageField {
  name: string;
  /** Where the name is written. */
  at: Cite;
  /** The type as written: string, integer, number, boolean, integer[], ... */
  type?: Cited<string>;
  /** Listed under Required Fields (cited at its `required` marker) or Optional Fields (cited at that heading). */
  required: Cited<boolean>;
  /** Only when the page says so: a description mentioning null, or an enum reference written `eX?`. */
  nullable?: Cited<boolean>;
  description?: Cited<string>;
  /** `eX` from "See eX enum above." */
  enumRef?: Cited<string>;
  /** The values of this capture's enum table titled `eX`, or titled `... — <name> values`. */
  enumValues?: EnumValue[];
  /** The capture ends inside this entry: its description (or, in MDX, its tag) may be incomplete. */
  cut: boolean;
}

/** A field entry of a flattened capture: only its description (and sometimes its name) survived. */
export interface FlatEntry {
  description: Cited<string>;
  listedUnder: 'required' | 'optional';
  /** The name when the capture kept it on the line before the description. */
  name?: Cited<string>;
  enumRef?: Cited<string>;
  cut: boolean;
}

export interface JsonKey {
  name: string;
  line: number;
  /** The value text as written, without a trailing comma. */
  raw: string;
}

export interface JsonBlock {
  text: string;
  at: Cite;
  /** Parsed when the block is complete and valid JSON. */
  value?: unknown;
  /** Top-level keys in order, with the line each is written on. */
  keys: JsonKey[];
  /** The capture ends before the block closes. */
  cut: boolean;
}

export interface CurlExample {
  method?: Cited<string>;
  url?: Cited<string>;
  body: JsonBlock;
}

export interface ResponseRow {
  /** Undefined in flattened captures, which keep only the description. */
  field?: string;
  type?: string;
  description: string;
  at: Cite;
}

export interface ResponseSection {
  status: 200 | 400;
  at: Cite;
  rows: ResponseRow[];
  example?: JsonBlock;
}

export interface FieldList {
  /** Line of the `Required Fields` / `Optional Fields` heading. */
  at: Cite;
  /** A later section follows, so the capture shows the list to its end (a flattened list may still drop lines). */
  ended: boolean;
  /** The last name-like fragment when the capture ends inside the list. */
  cutAt?: Cited<string>;
}

export interface PageCapture {
  file: string;
  kind: CaptureKind;
  source?: Cited<string>;
  /** The `Capture:` header line: what kind of copy this is, in the capturer's words. */
  captureNote?: Cited<string>;
  /** The `Complete:` header line. */
  completeHeader?: Cited<boolean>;
  method?: Cited<HttpMethod>;
  path?: Cited<string>;
  module?: Cited<string>;
  entity?: Cited<string>;
  /** e.g. "Update Workspace". */
  title?: Cited<string>;
  /** The capture is cut: its header says so, or its text ends before the response sections. */
  cut: boolean;
  /** The first section the text ends before, when it does. */
  endsBefore?: string;
  role?: { sentence: Cited<string>; name: Cited<string> };
  enums: EnumTable[];
  /** The capture has an `Enums` heading. */
  hasEnumSection: boolean;
  requiredList?: FieldList;
  optionalList?: FieldList;
  /** Rendered and MDX captures. */
  fields: PageField[];
  /** Flattened captures. */
  flatEntries: FlatEntry[];
  /** The request panel's `curl --request ... --data '...'` (newer pages: lists exactly the required keys). */
  requestExample?: CurlExample;
  /** The Code Examples section's `curl -X ... -d '...'`. */
  codeExample?: CurlExample;
  responses: ResponseSection[];
  /** What this capture cannot settle, in words. */
  open: string[];
}

/** How a reading about a field came about. */
export type ReadingVia =
  | 'field-list'
  | 'required-list-omits'
  | 'request-example'
  | 'request-example-omits'
  | 'flattened-name'
  | 'flattened-description'
  | 'code-example';

export interface FieldReading {
  file: string;
  via: ReadingVia;
  at: Cite;
  required?: boolean;
  type?: string;
  nullable?: boolean;
  description?: string;
  enumRef?: string;
}

export interface DeclaredField {
  name: string;
  /** `'either'`: captures disagree, and both readings must pass; undefined: no capture says. */
  required: boolean | 'either' | undefined;
  /** Undefined when no capture states it, or when captures disagree (see `types`). */
  type?: string;
  /** Every type any capture writes, when more than one. */
  types?: string[];
  nullable?: boolean;
  description?: string;
  enumRef?: string;
  enumValues?: EnumValue[];
  at: Cite[];
  readings: FieldReading[];
}

export interface DeclaredEnum {
  title?: string;
  field?: string;
  /** Each value cited where the first capture to show it writes it. */
  values: EnumValue[];
  at: Cite[];
}

export interface Disagreement {
  field: string;
  aspect: 'required' | 'type';
  readings: { value: string; at: Cite[]; via: ReadingVia[] }[];
}

export type ContradictionKind =
  | 'required-sent-null'
  | 'required-omitted-from-example'
  | 'example-400-names-unknown-field'
  | 'counter-required'
  | 'enum-not-shown'
  | 'list-and-request-example-differ';

/** A page contradicting itself, found mechanically. */
export interface Contradiction {
  kind: ContradictionKind;
  field: string;
  at: Cite[];
  note: string;
}

/** A flattened entry no named field could be tied to. */
export interface UnidentifiedEntry {
  description: string;
  listedUnder: 'required' | 'optional';
  at: Cite;
}

export interface EndpointDeclaration {
  method?: HttpMethod;
  path?: string;
  module?: string;
  entity?: string;
  /** Statements of method, path and entity, with every citation. */
  stated: {
    method: Stated<string>[];
    path: Stated<string>[];
    entity: Stated<string>[];
  };
  files: string[];
  role?: { name: string; sentence: string; at: Cite[] };
  fields: DeclaredField[];
  enums: DeclaredEnum[];
  /** Captures whose required list is shown to its end with names: a field list, or a complete request example. */
  completeRequiredLists: Cite[];
  unidentified: UnidentifiedEntry[];
  examples: {
    request: CurlExample[];
    code: CurlExample[];
    response200: JsonBlock[];
    response400: JsonBlock[];
  };
  responseRows: { status: 200 | 400; rows: ResponseRow[] }[];
  disagreements: Disagreement[];
  contradictions: Contradiction[];
  /** Every capture is cut. */
  cut: boolean;
  open: string[];
  captures: PageCapture[];
}
