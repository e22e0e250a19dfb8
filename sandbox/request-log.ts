/** One entry per request, in memory and optionally appended to a JSON-lines file. */
import { appendFileSync } from 'node:fs';

export interface RequestLogEntry {
  time: string;
  method: string;
  path: string;
  /** the authenticated username, or null */
  user: string | null;
  status: number;
  /** record Ids the request created, updated, deleted or read */
  ids: number[];
}

export class RequestLog {
  readonly entries: RequestLogEntry[] = [];
  constructor(private readonly file?: string) {}

  add(e: RequestLogEntry): void {
    this.entries.push(e);
    // Sync append keeps lines in request order and the file complete when close() resolves.
    if (this.file) {
      try { appendFileSync(this.file, JSON.stringify(e) + '\n'); } catch { /* a bad log path must not break the tenant */ }
    }
  }
}
