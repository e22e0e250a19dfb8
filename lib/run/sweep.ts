/**
 * Leave no trace: finds records that carry a run marker of this suite in one of their
 * marker fields and deletes them, children first (asset assignments, tasks, workspaces, coworkers).
 * Used at the start of every run (markers older than the profile's age) and by `npm run sweep` (also the
 * markers of local runs whose process is gone, whatever their age).
 * Only records whose marker field holds a marker are touched; nothing else on the tenant.
 */
import type { Api } from '../client/client.ts';
import { ENTITIES, resourcePath } from '../../api/catalogue/entities.ts';
import { findMarker, markerAgeMinutes } from '../client/marker.ts';

export interface SweepOptions {
  olderThanMinutes: number;
  /** look back this far by CreatedOn (default 30 days) */
  lookBackDays?: number;
  dryRun?: boolean;
  /** never delete markers of this run (the run sweeping itself at start) */
  exceptMarker?: string;
  /** only the records of this run's marker (`nxc-<run id>`), whatever their age: removing a young run's records is asked for by name */
  onlyMarker?: string;
  /** markers of runs known to have ended (a local run whose process is gone): removed whatever their age */
  goneMarkers?: ReadonlySet<string>;
  log?: (line: string) => void;
  /** only these entities (the run's covered ones, at its start); default every entity of the catalogue */
  entities?: ReadonlySet<string>;
}

/** Record Ids per run marker, then per entity (children first). */
export type IdsByRun = Record<string, Record<string, number[]>>;

export interface SweepResult {
  /** marked records to delete */
  found: number;
  deleted: number;
  failed: number;
  byEntity: Record<string, number>;
  /** what it deleted (a dry run: would delete) */
  removed: IdsByRun;
  /** marked records it left because their run may still be running (not with onlyMarker); the run sweeping itself is not listed */
  kept: IdsByRun;
}

const add = (to: IdsByRun, marker: string, entity: string, id: number) => ((to[marker] ??= {})[entity] ??= []).push(id);
export const countIds = (ids: IdsByRun): number => Object.values(ids).reduce((n, byE) => n + Object.values(byE).reduce((m, l) => m + l.length, 0), 0);

const pad = (n: number) => String(n).padStart(2, '0');
/** Range filters take `YYYY-MM-DDTHH:mm` (nexudus-api.md §3.2). */
const rangeValue = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;

export async function sweep(admin: Api, o: SweepOptions): Promise<SweepResult> {
  const log = o.log ?? (() => {});
  const res: SweepResult = { found: 0, deleted: 0, failed: 0, byEntity: {}, removed: {}, kept: {} };
  const since = new Date(Date.now() - (o.lookBackDays ?? 30) * 86_400_000);
  const why = o.onlyMarker ? `of run ${o.onlyMarker}` : `older than ${o.olderThanMinutes} min${o.goneMarkers?.size ? ' or of a run whose process is gone' : ''}`;
  for (const e of [...ENTITIES].filter((x) => !o.entities || o.entities.has(x.name)).sort((a, b) => a.deleteOrder - b.deleteOrder)) {
    const stale: { id: number; marker: string }[] = [];
    for (let page = 1; page <= 50; page++) {
      const ex = await admin.send('GET', resourcePath(e), {
        query: { page, size: 1000, [`from_${e.name}_CreatedOn`]: rangeValue(since), orderBy: 'Id' },
        label: `sweep: GET ${resourcePath(e)} page ${page}`,
      });
      if (ex.status !== 200) {
        log(`${e.name}: list answered ${ex.status}; skipped`);
        break;
      }
      const j = ex.json as { Records?: Record<string, unknown>[]; HasNextPage?: boolean };
      for (const r of j.Records ?? []) {
        const m = e.markerFields.map((f) => findMarker(r[f])).find(Boolean);
        if (!m || m === o.exceptMarker || typeof r.Id !== 'number') continue;
        const remove = o.onlyMarker !== undefined ? m === o.onlyMarker : o.goneMarkers?.has(m) || (markerAgeMinutes(m) ?? 0) >= o.olderThanMinutes;
        if (remove) stale.push({ id: r.Id, marker: m });
        else if (o.onlyMarker === undefined) add(res.kept, m, e.name, r.Id);
      }
      if (!j.HasNextPage) break;
    }
    res.found += stale.length;
    res.byEntity[e.name] = stale.length;
    if (!stale.length) continue;
    log(`${e.name}: ${stale.length} marked record(s) ${why}${o.dryRun ? ' (dry run: not deleted)' : ''}`);
    for (const { id, marker } of stale) {
      if (o.dryRun) {
        add(res.removed, marker, e.name, id);
        continue;
      }
      const ex = await admin.remove(e, id, { sweepMarked: true });
      if (ex.status === 200 || ex.status === 404) {
        res.deleted++;
        add(res.removed, marker, e.name, id);
      } else res.failed++;
    }
  }
  return res;
}
