/**
 * Leave no trace: finds records that carry a run marker of this suite in one of their
 * marker fields and deletes them, children first (asset assignments, tasks, workspaces, coworkers).
 * Used at the start of every run (markers older than the profile's age) and by `npm run sweep`.
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
  log?: (line: string) => void;
}

export interface SweepResult {
  found: number;
  deleted: number;
  failed: number;
  byEntity: Record<string, number>;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Range filters take `YYYY-MM-DDTHH:mm` (nexudus-api.md §3.2). */
const rangeValue = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;

export async function sweep(admin: Api, o: SweepOptions): Promise<SweepResult> {
  const log = o.log ?? (() => {});
  const res: SweepResult = { found: 0, deleted: 0, failed: 0, byEntity: {} };
  const since = new Date(Date.now() - (o.lookBackDays ?? 30) * 86_400_000);
  for (const e of [...ENTITIES].sort((a, b) => a.deleteOrder - b.deleteOrder)) {
    const stale: number[] = [];
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
        if (!m || m === o.exceptMarker) continue;
        if (o.onlyMarker !== undefined ? m !== o.onlyMarker : (markerAgeMinutes(m) ?? 0) < o.olderThanMinutes) continue;
        if (typeof r.Id === 'number') stale.push(r.Id);
      }
      if (!j.HasNextPage) break;
    }
    res.found += stale.length;
    res.byEntity[e.name] = stale.length;
    if (!stale.length) continue;
    log(`${e.name}: ${stale.length} marked record(s) ${o.onlyMarker ? `of run ${o.onlyMarker}` : `older than ${o.olderThanMinutes} min`}${o.dryRun ? ' (dry run: kept)' : ''}`);
    if (o.dryRun) continue;
    for (const id of stale) {
      const ex = await admin.remove(e, id, { sweepMarked: true });
      if (ex.status === 200 || ex.status === 404) res.deleted++;
      else res.failed++;
    }
  }
  return res;
}
