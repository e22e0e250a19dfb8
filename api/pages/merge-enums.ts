/**
 * Enum tables of several captures: tables with one title merge; a table whose title was lost joins a
 * titled one only when their values are identical. Fields get the values of the enum they point to.
 */
import type { DeclaredEnum, DeclaredField, EnumTable, EnumValue, PageCapture } from './types.ts';

function valuesKey(values: EnumValue[]): string {
  return values.map((v) => `${v.value}=${v.name}`).join(',');
}

/** A cut table's last row may be partial: compare without it. */
function comparable(t: EnumTable): EnumValue[] {
  return t.cut ? t.values.slice(0, -1) : t.values;
}

function startsWith(full: EnumValue[], part: EnumValue[]): boolean {
  return part.length > 0 && part.every((v, i) => full[i] && full[i].value === v.value && full[i].name === v.name);
}

export function mergeEnums(captures: PageCapture[], fields: DeclaredField[]): { enums: DeclaredEnum[]; open: string[] } {
  const enums: DeclaredEnum[] = [];
  const tables = captures.flatMap((c) => c.enums);
  const plain = (t: EnumTable): EnumValue[] => [...t.values];
  for (const t of tables.filter((t) => t.title)) {
    const e = enums.find((x) => x.title === t.title!.value);
    if (!e) {
      enums.push({ title: t.title!.value, field: t.field?.value, values: t.cut ? plain(t).slice(0, -1) : plain(t), at: [t.at] });
      continue;
    }
    e.at.push(t.at);
    if (!t.cut && t.values.length > e.values.length) e.values = plain(t);
    if (!e.field && t.field) e.field = t.field.value;
  }
  for (const t of tables.filter((t) => !t.title)) {
    const part = comparable(t);
    const same = enums.find((e) => (t.cut ? startsWith(e.values, part) : valuesKey(e.values) === valuesKey(part)));
    if (same) {
      same.at.push(t.at);
      continue;
    }
    enums.push({ values: part, at: [t.at] });
  }

  const open: string[] = [];
  const untitled = enums.filter((e) => !e.title).length;
  for (const f of fields) {
    const e = (f.enumRef && enums.find((x) => x.title === f.enumRef)) || enums.find((x) => x.field === f.name && x.title);
    if (e) {
      f.enumValues = e.values;
      if (!f.enumRef && e.title) f.enumRef = e.title;
      continue;
    }
    if (f.enumRef) {
      open.push(
        untitled
          ? `${f.name}: "See ${f.enumRef} enum above", and no capture titles a table ${f.enumRef} (${untitled} untitled table(s) cannot be tied to it)`
          : `${f.name}: "See ${f.enumRef} enum above", but no capture shows that enum`,
      );
    }
  }
  return { enums, open };
}
