/**
 * What global setup learned and made, handed to the workers through a JSON file
 * (NEXUDUS_RUN_STATE). Nothing secret goes in here: personas are re-read from the profile, tokens
 * travel in the workers' environment.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Refs } from '../../api/catalogue/fields.ts';
import type { Limits } from '../client/limiter.ts';
import type { Mode } from '../config/env.ts';
import type { Plan } from '../plan/plan.ts';

export interface RunState {
  runId: string;
  marker: string;
  tenant: string;
  profilePath: string;
  baseUrl: string;
  isSandbox: boolean;
  /** the sandbox this run started itself (gone when the run ends): a replay starts its own */
  embeddedSandbox?: boolean;
  /** the entities the run covers; empty or absent: every entity */
  entities?: string[];
  mode: Mode;
  writesAllowed: boolean;
  /** why writes are off, when they are */
  readOnlyReason?: string;
  deniedStatus: number;
  limits?: Limits;
  tokenLifetimeSeconds?: number;
  refs: Refs | null;
  /** the tenant's fixture Ids (given in the profile or discovered) */
  fixtures: Record<string, number>;
  /** records PUT checks work on, one set per worker slot (parallelIndex) */
  targets: Record<number, Record<string, number>>;
  /** Ids of records this run created and deleted again: known not to exist, and ours */
  tombstones: Record<string, number>;
  /** selected checks that do not run, and why (budget, read-only target, cover mode's defaults) */
  skips: Record<string, string>;
  /** ledger file */
  ledgerPath: string;
  outDir: string;
  startedAt: string;
  planned: Plan['totals'];
  workers: number;
  suiteVersion: string;
  commit?: string;
}

export function writeRunState(path: string, s: RunState): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(s, null, 2));
}

export function readRunState(path: string): RunState {
  return JSON.parse(readFileSync(path, 'utf8')) as RunState;
}
