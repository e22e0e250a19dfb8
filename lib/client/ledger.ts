/**
 * The ledger: every record the run creates is appended here (one JSON line, synchronously) before the
 * next request goes out, so teardown and `npm run sweep` can remove it even after a crash.
 * Workers of one run share the file; O_APPEND keeps lines whole.
 *
 * Beside it, the run's owner (out/run/<run id>/owner.json): the pid and host of the process that runs it,
 * written before the run creates anything, so `npm run sweep` can tell a crashed run from one in progress.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { markerOf } from './marker.ts';

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

/** Ledgers of runs (the sweeper's own, `sweep-<id>.jsonl`, are not runs). */
const RUN_ID_RE = /^\d{8}T\d{6}-[a-z0-9]{4}$/;

// ------------------------------------------------------------------ who owns a run

/** The process that runs a run (its Playwright runner, where global setup runs), written before the run creates anything. */
export interface RunOwner {
  runId: string;
  pid: number;
  host: string;
  /** Linux: the kernel's boot id and the process's start time (clock ticks after boot), so a pid reused after the run died is not taken for it */
  bootId?: string;
  startTicks?: number;
  startedAt: string;
}

export const runDir = (outDir: string, runId: string): string => join(outDir, 'run', runId);
export const runOwnerPath = (outDir: string, runId: string): string => join(runDir(outDir, runId), 'owner.json');

/** Linux: the boot id, and a process's start time and state from /proc (undefined elsewhere, or when it is gone). */
const bootId = (): string | undefined => readOr(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim());
function procStat(pid: number): { state: string; startTicks: number } | undefined {
  return readOr(() => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // after "pid (comm) ": state is field 3, starttime field 22
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: f[0]!, startTicks: Number(f[19]) };
  });
}
function readOr<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** Records this process as the owner of the run (out/run/<run id>/owner.json). */
export function writeRunOwner(outDir: string, runId: string, pid = process.pid): RunOwner {
  const owner: RunOwner = { runId, pid, host: hostname(), bootId: bootId(), startTicks: procStat(pid)?.startTicks, startedAt: new Date().toISOString() };
  mkdirSync(runDir(outDir, runId), { recursive: true });
  writeFileSync(runOwnerPath(outDir, runId), JSON.stringify(owner, null, 2) + '\n');
  return owner;
}

export function readRunOwner(outDir: string, runId: string): RunOwner | undefined {
  const p = runOwnerPath(outDir, runId);
  return existsSync(p) ? readOr(() => JSON.parse(readFileSync(p, 'utf8')) as RunOwner) : undefined;
}

/**
 * Whether a local run may still be running: `gone` only on evidence (its process is not alive on this host, or the
 * run wrote its summary); a run of another host, or one that recorded no owner, may still be running.
 */
export interface RunLiveness {
  state: 'gone' | 'running' | 'elsewhere' | 'unknown';
  /** in words, for the sweep's output */
  why: string;
}

export function runLiveness(outDir: string, runId: string, here = hostname()): RunLiveness {
  const o = readRunOwner(outDir, runId);
  if (existsSync(join(runDir(outDir, runId), 'summary.json'))) return { state: 'gone', why: 'the run ended (it wrote its summary)' };
  if (!o || typeof o.pid !== 'number') return { state: 'unknown', why: `no owner recorded in ${runOwnerPath(outDir, runId)}` };
  const who = `its process ${o.pid} on ${o.host}`;
  if (o.host !== here) return { state: 'elsewhere', why: `it ran on host ${o.host}, not on this one (${here}): whether it still runs cannot be seen from here` };
  const boot = bootId();
  if (o.bootId && boot && o.bootId !== boot) return { state: 'gone', why: `${who} is gone (the host has restarted since)` };
  try {
    process.kill(o.pid, 0);
  } catch (err) {
    // EPERM: the pid exists, under another user
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return { state: 'gone', why: `${who} is gone` };
  }
  const now = procStat(o.pid);
  if (now?.state === 'Z') return { state: 'gone', why: `${who} has exited` };
  if (now && o.startTicks !== undefined && now.startTicks !== o.startTicks) return { state: 'gone', why: `${who} is gone (the pid now belongs to another process)` };
  return { state: 'running', why: `${who} is still running` };
}

export interface LocalRun {
  runId: string;
  marker: string;
  /** its ledger, when it has one */
  ledger?: string;
  liveness: RunLiveness;
}

/** The runs this output folder knows of (out/run/<run id>/ and out/ledger/<run id>.jsonl), each with its liveness. */
export function localRuns(outDir: string): LocalRun[] {
  const ids = new Set<string>();
  const runs = join(outDir, 'run');
  if (existsSync(runs)) for (const d of readdirSync(runs)) if (RUN_ID_RE.test(d) && statSync(join(runs, d)).isDirectory()) ids.add(d);
  const ledgers = new Map<string, string>();
  for (const f of ledgerFiles(outDir)) {
    const id = basename(f, '.jsonl');
    if (RUN_ID_RE.test(id)) {
      ids.add(id);
      ledgers.set(id, f);
    }
  }
  return [...ids].sort().map((runId) => ({ runId, marker: markerOf(runId), ledger: ledgers.get(runId), liveness: runLiveness(outDir, runId) }));
}
