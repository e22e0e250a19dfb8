/**
 * Reads one capture of a Nexudus REST API endpoint page (the site's text template, with or without
 * the capture header, or its MDX source) into the facts it states, each cited by file and line.
 * Pure and deterministic: the same text and file name give the same result.
 */
import { cite, findHeading, toLines, type Line } from './lines.ts';
import { readEnums } from './read-enums.ts';
import { looksRendered, readFlattenedList, readMdxList, readRenderedList, type ListRegion } from './read-fields.ts';
import { readCurlExamples, readResponseSection } from './read-examples.ts';
import { describeOpen } from './read-open.ts';
import type { CaptureKind, Cited, HttpMethod, PageCapture } from './types.ts';

const METHOD = /^(GET|POST|PUT|DELETE|PATCH)$/;
const ROLE_SENTENCE = /The authenticated user must be a full unrestricted administrator or have the \W*([A-Za-z]+)-(List|Read|Edit|Create|Delete)\W* role\./;
const TITLE = /^(?:#\s+)?(Update|Create|Delete|Get|List|Search)\s+([A-Z]\w*)$/;
const UPDATES_SENTENCE = /\b(?:Updates an existing|Creates a new|Create a new|Update an existing) `?([A-Z]\w*)`? record\b/;
/** The site's page URL: /rest-api/<module>/<verb>-<entities>, optionally with .md. */
const PAGE_URL = /\/rest-api\/(\w+)\/(get|post|put|delete|patch)-(\w+?)(?:\.mdx?)?\/?$/;

function isMdx(body: Line[]): boolean {
  return body.some((l) => /^\s*<(ParamField|Note|Accordion)\b/.test(l.text) || /^#{1,3} \S/.test(l.text));
}

/** The rendered header `PUT` `/` `api` `/` `spaces` `/` `coworkers`, one word a line. */
function splitPath(file: string, body: Line[]): { method?: Cited<HttpMethod>; path?: Cited<string> } {
  for (let i = 0; i + 6 < body.length && i < 40; i++) {
    const w = body.slice(i, i + 7).map((l) => l.text.trim());
    if (METHOD.test(w[0]) && w[1] === '/' && w[2] === 'api' && w[3] === '/' && w[5] === '/') {
      return { method: { value: w[0] as HttpMethod, at: cite(file, body[i]) }, path: { value: `/api/${w[4]}/${w[6]}`, at: cite(file, body[i + 1]) } };
    }
  }
  return {};
}

function urlPath(url: string): string | undefined {
  const m = /^https?:\/\/[^/]+(\/api\/[^\s?#"']+)/.exec(url);
  return m ? m[1].replace(/\/$/, '') : undefined;
}

export function readPage(text: string, file: string): PageCapture {
  const { header, body } = toLines(text, file);
  const cap: PageCapture = {
    file,
    kind: 'flattened',
    source: header.source,
    captureNote: header.captureNote,
    completeHeader: header.completeHeader,
    cut: false,
    enums: [],
    hasEnumSection: false,
    fields: [],
    flatEntries: [],
    responses: [],
    open: [],
  };

  const iEnums = findHeading(body, 'Enums');
  const iBody = findHeading(body, 'Request Body');
  const iReq = findHeading(body, 'Required Fields', Math.max(0, iBody));
  const iOpt = iReq >= 0 ? findHeading(body, 'Optional Fields', iReq) : -1;
  const iCode = findHeading(body, 'Code Examples', Math.max(iReq, iOpt, 0));
  const iResp = findHeading(body, 'Response', Math.max(iCode, 0));
  const i200 = iResp >= 0 ? findHeading(body, '200', iResp) : -1;
  const i400 = i200 >= 0 ? findHeading(body, '400', i200) : -1;
  const top = body.slice(0, [iEnums, iBody].filter((i) => i >= 0).reduce((a, b) => Math.min(a, b), body.length));

  // what the page says it is: method, path, title, entity, role
  const curls = readCurlExamples(file, body);
  cap.requestExample = curls.request;
  cap.codeExample = curls.code;
  const split = splitPath(file, body);
  const lone = top.find((l) => METHOD.test(l.text.trim()));
  const fromUrl = cap.source ? PAGE_URL.exec(cap.source.value) : null;
  const methods: Cited<string>[] = [
    split.method,
    curls.request?.method,
    curls.code?.method,
    lone ? { value: lone.text.trim(), at: cite(file, lone) } : undefined,
    fromUrl && cap.source ? { value: fromUrl[2].toUpperCase(), at: cap.source.at } : undefined,
  ].filter((m): m is Cited<string> => !!m);
  const paths: Cited<string>[] = [
    split.path,
    ...[curls.request?.url, curls.code?.url].map((u) => (u && urlPath(u.value) ? { value: urlPath(u.value)!, at: u.at } : undefined)),
    fromUrl && cap.source ? { value: `/api/${fromUrl[1]}/${fromUrl[3]}`, at: cap.source.at } : undefined,
  ].filter((p): p is Cited<string> => !!p);
  if (methods.length) cap.method = methods[0] as Cited<HttpMethod>;
  if (paths.length) {
    cap.path = paths[0];
    cap.module = { value: paths[0].value.split('/')[2], at: paths[0].at };
  }
  for (const [what, list] of [['method', methods], ['path', paths]] as const) {
    const other = list.find((m) => m.value !== list[0].value);
    if (other) cap.open.push(`${what} stated two ways: ${list[0].value} (line ${list[0].at.line}) and ${other.value} (line ${other.at.line})`);
  }

  for (const l of body) {
    const m = ROLE_SENTENCE.exec(l.text);
    if (m) {
      cap.role = { sentence: { value: m[0].replace(/[*`]/g, ''), at: cite(file, l) }, name: { value: `${m[1]}-${m[2]}`, at: cite(file, l) } };
      break;
    }
  }
  const titleLine = top.find((l) => TITLE.test(l.text.trim()));
  if (titleLine) cap.title = { value: titleLine.text.trim().replace(/^#\s+/, ''), at: cite(file, titleLine) };
  const sentence = body.find((l) => UPDATES_SENTENCE.test(l.text));
  const entities: Cited<string>[] = [
    titleLine ? { value: TITLE.exec(titleLine.text.trim())![2], at: cite(file, titleLine) } : undefined,
    cap.role ? { value: cap.role.name.value.replace(/-\w+$/, ''), at: cap.role.name.at } : undefined,
    sentence ? { value: UPDATES_SENTENCE.exec(sentence.text)![1], at: cite(file, sentence) } : undefined,
  ].filter((e): e is Cited<string> => !!e);
  if (entities.length) cap.entity = entities[0];
  const otherEntity = entities.find((e) => e.value !== entities[0].value);
  if (otherEntity) cap.open.push(`entity named two ways: ${entities[0].value} (line ${entities[0].at.line}) and ${otherEntity.value} (line ${otherEntity.at.line})`);

  // enums: the section runs from its heading to the Request Body
  cap.hasEnumSection = iEnums >= 0;
  if (iEnums >= 0) cap.enums = readEnums(file, body.slice(iEnums + 1, iBody >= 0 ? iBody : body.length), iBody < 0);

  // field lists
  const listEnd = [iCode, iResp].filter((i) => i >= 0)[0] ?? body.length;
  const regions: ListRegion[] = [];
  if (iReq >= 0) {
    const end = iOpt >= 0 ? iOpt : listEnd;
    regions.push({ section: 'required', heading: body[iReq], lines: body.slice(iReq + 1, end), endsInside: end === body.length });
    cap.requiredList = { at: cite(file, body[iReq]), ended: end < body.length };
  }
  if (iOpt >= 0) {
    regions.push({ section: 'optional', heading: body[iOpt], lines: body.slice(iOpt + 1, listEnd), endsInside: listEnd === body.length });
    cap.optionalList = { at: cite(file, body[iOpt]), ended: listEnd < body.length };
  }
  const mdx = isMdx(body);
  const rendered = !mdx && (regions.some(looksRendered) || (regions.every((r) => nonEmpty(r) === 0) && !!split.path));
  cap.kind = (mdx ? 'mdx' : rendered ? 'rendered' : 'flattened') as CaptureKind;
  for (const r of regions) {
    const read = mdx ? readMdxList(file, r) : rendered ? readRenderedList(file, r) : readFlattenedList(file, r);
    cap.fields.push(...read.fields);
    cap.flatEntries.push(...read.entries);
    const list = r.section === 'required' ? cap.requiredList : cap.optionalList;
    if (list && read.cutAt) list.cutAt = read.cutAt;
  }

  for (const f of cap.fields) {
    const table = cap.enums.find((e) => f.enumRef && e.title?.value === f.enumRef.value) ?? cap.enums.find((e) => e.field?.value === f.name);
    if (table) f.enumValues = table.values;
  }

  // responses
  if (i200 >= 0) cap.responses.push(readResponseSection(file, 200, body[i200], body.slice(i200 + 1, i400 >= 0 ? i400 : body.length)));
  if (i400 >= 0) cap.responses.push(readResponseSection(file, 400, body[i400], body.slice(i400 + 1)));

  // completeness: the header's word, and where the text itself stops
  const milestones: [string, number][] = [
    ['the Request Body section', iBody],
    ['the Code Examples section', iCode],
    ['the 200 response section', i200],
    ['the 400 response section', i400],
  ];
  const missing = milestones.find(([, i]) => i < 0);
  const example400 = cap.responses.find((r) => r.status === 400)?.example;
  // a flattened copy may drop JSON blocks and keep only their "Example Response" label: not a cut
  const dropped = i400 >= 0 && body.slice(i400 + 1).some((l) => /Example Response$/.test(l.text.trim()));
  if (missing) cap.endsBefore = missing[0];
  else if (example400?.cut) cap.endsBefore = 'the end of the 400 example';
  else if (!example400 && !(cap.kind === 'flattened' && dropped)) cap.endsBefore = 'the 400 example';
  cap.cut = cap.completeHeader?.value === false || cap.endsBefore !== undefined;

  cap.open.push(...describeOpen(cap));
  return cap;
}

function nonEmpty(r: ListRegion): number {
  return r.lines.filter((l) => l.text.trim() !== '').length;
}
