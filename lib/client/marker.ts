/**
 * Run markers: every record the run creates carries `nxc-<UTC timestamp>-<random>` in a text field
 * so that `npm run sweep` can find what a crashed run left. The timestamp gives its age.
 */
import { randomBytes } from 'node:crypto';

export const MARKER_RE = /nxc-(\d{8}T\d{6})-([a-z0-9]{4})/;

export function newRunId(now = new Date()): string {
  const ts = now.toISOString().replace(/[-:]/g, '').slice(0, 15); // 20261122T213000
  return `${ts}-${randomBytes(3).toString('hex').slice(0, 4)}`;
}

export const markerOf = (runId: string): string => `nxc-${runId}`;

export function markerAgeMinutes(text: string, now = Date.now()): number | undefined {
  const m = MARKER_RE.exec(text);
  if (!m) return undefined;
  const t = m[1];
  const iso = `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(9, 11)}:${t.slice(11, 13)}:${t.slice(13, 15)}Z`;
  return (now - Date.parse(iso)) / 60_000;
}

export function findMarker(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const m = MARKER_RE.exec(text);
  return m ? m[0] : undefined;
}
