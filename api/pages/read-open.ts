/**
 * What one capture cannot settle, said in words: where it is cut, what a flattened copy lost,
 * enum references it cannot resolve, examples it does not show.
 */
import type { PageCapture } from './types.ts';

export function describeOpen(cap: PageCapture): string[] {
  const open: string[] = [];
  if (cap.completeHeader?.value === false) open.push(`cut: the header says the copy ends before the end of the page (line ${cap.completeHeader.at.line})`);
  if (cap.endsBefore) open.push(`cut: the text ends before ${cap.endsBefore}`);
  if (!cap.method) open.push('method: not stated');
  if (!cap.path) open.push('path: not stated');
  if (!cap.role) open.push('role: no role sentence');

  for (const [label, list] of [['required', cap.requiredList], ['optional', cap.optionalList]] as const) {
    if (!list) continue;
    if (list.cutAt) open.push(`${label} list cut at "${list.cutAt.value}" (line ${list.cutAt.at.line}): that entry and any after it are unknown`);
    else if (!list.ended) {
      const lastField = [...cap.fields].reverse().find((f) => f.required.value === (label === 'required'));
      const lastEntry = [...cap.flatEntries].reverse().find((e) => e.listedUnder === label);
      const last = lastField ? `${lastField.name} (line ${lastField.at.line})` : lastEntry ? `line ${lastEntry.description.at.line}` : undefined;
      open.push(last ? `${label} list cut after ${last}: entries after it are unknown` : `${label} list cut right after its heading (line ${list.at.line})`);
    }
  }
  if (!cap.requiredList && cap.endsBefore) open.push('fields: the capture ends before the Required Fields list');

  if (cap.kind === 'flattened' && cap.flatEntries.length) {
    const req = cap.flatEntries.filter((e) => e.listedUnder === 'required').length;
    const opt = cap.flatEntries.length - req;
    const named = cap.flatEntries.filter((e) => e.name).length;
    open.push(
      `flattened: field names, types and required flags are unknown (${req} required and ${opt} optional descriptions seen` +
        `${named ? `, ${named} with their name kept` : ''}; a flattened copy may drop lines, so these are not counts of fields)`,
    );
  }
  for (const f of cap.fields) if (f.cut) open.push(`field ${f.name} (line ${f.at.line}): the capture ends inside this entry`);
  for (const f of cap.fields) if (!f.type) open.push(`field ${f.name} (line ${f.at.line}): type not written`);

  const titled = new Set(cap.enums.map((e) => e.title?.value).filter((t): t is string => !!t));
  const untitled = cap.enums.filter((e) => !e.title).length;
  const refs = [...cap.fields.map((f) => f.enumRef), ...cap.flatEntries.map((e) => e.enumRef)].filter((r) => !!r);
  const seen = new Set<string>();
  for (const r of refs) {
    if (!r || seen.has(r.value) || titled.has(r.value)) continue;
    seen.add(r.value);
    if (!cap.hasEnumSection || cap.enums.length === 0) {
      open.push(`"See ${r.value} enum above" (line ${r.at.line}), but the capture shows no enum`);
    } else if (untitled) {
      open.push(`"See ${r.value} enum above" (line ${r.at.line}): the capture's ${untitled} enum table(s) lost their titles, so which one it is is unknown`);
    } else {
      open.push(`"See ${r.value} enum above" (line ${r.at.line}), but no enum table has that title`);
    }
  }
  for (const e of cap.enums) if (e.cut) open.push(`enum ${e.title?.value ?? 'table'} (line ${e.at.line}): the capture ends in or after it, values may be missing`);

  const has = (s: 200 | 400) => cap.responses.find((r) => r.status === s)?.example;
  if (cap.requiredList && !cap.requestExample && !cap.codeExample) open.push('request example: not shown');
  if (!has(200)) open.push('200 example: not shown');
  if (!has(400)) open.push('400 example: not shown');
  return open;
}
