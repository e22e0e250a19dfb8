/**
 * The ledger: every record the run creates is appended here (one JSON line, synchronously) before the
 * next request goes out, so teardown and `npm run sweep` can remove it even after a crash.
 * Workers of one run share the file; O_APPEND keeps lines whole.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface LedgerLine {
  t: string;
  runId: string;
  event: 'created' | 'deleted';
  entity: string;
  id: number;
  marker?: string;
}

export const ledgerDir = (outDir: string): string => join(outDir, 'ledger');
export const ledgerPath = (outDir: string, runId: string): string => join(ledgerDir(outDir), `${runId}.jsonl`);

export class Ledger {
  private own = new Map<string, Set<number>>();
  private readBytes = 0;

  constructor(
    readonly path: string,
    readonly runId: string,
  ) {
    mkdirSync(dirname(path), { recursive: true });
  }

  record(event: LedgerLine['event'], entity: string, id: number, marker?: string): void {
    const line: LedgerLine = { t: new Date().toISOString(), runId: this.runId, event, entity, id, ...(marker ? { marker } : {}) };
    appendFileSync(this.path, JSON.stringify(line) + '\n');
    if (event === 'created') this.ids(entity).add(id);
  }

  private ids(entity: string): Set<number> {
    let s = this.own.get(entity);
    if (!s) this.own.set(entity, (s = new Set()));
    return s;
  }

  /** Did this run create the record (in any worker)? Re-reads the shared file on a miss. */
  isOwn(entity: string, id: number): boolean {
    if (this.ids(entity).has(id)) return true;
    this.refresh();
    return this.ids(entity).has(id);
  }

  private refresh(): void {
    if (!existsSync(this.path)) return;
    const text = readFileSync(this.path, 'utf8');
    for (const l of text.slice(this.readBytes).split('\n')) {
      if (!l.trim()) continue;
      const x = JSON.parse(l) as LedgerLine;
      if (x.event === 'created') this.ids(x.entity).add(x.id);
    }
    this.readBytes = text.length;
  }
}

/** Records created and not yet deleted, per ledger file. */
export function aliveRecords(path: string): LedgerLine[] {
  if (!existsSync(path)) return [];
  const alive = new Map<string, LedgerLine>();
  for (const l of readFileSync(path, 'utf8').split('\n')) {
    if (!l.trim()) continue;
    const x = JSON.parse(l) as LedgerLine;
    const k = `${x.entity}:${x.id}`;
    if (x.event === 'created') alive.set(k, x);
    else alive.delete(k);
  }
  return [...alive.values()];
}

export function ledgerFiles(outDir: string): string[] {
  const d = ledgerDir(outDir);
  return existsSync(d) ? readdirSync(d).filter((f) => f.endsWith('.jsonl')).map((f) => join(d, f)) : [];
}
