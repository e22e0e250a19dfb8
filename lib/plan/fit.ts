/**
 * Fits the checks into the run: what the command line selects, what a read-only target allows, what
 * cover mode runs by default, and a write budget that covers every write of the run (setup and
 * teardown included). Setup makes only the records the checks that run need, so a check's price is
 * its own writes plus the setup and teardown writes it is the first to need.
 */
import { ENTITIES, entityByName, type EntityDecl } from '../../api/catalogue/entities.ts';
import { EXPIRED_TOKEN, type Check, type Needs, type Plan, type PlanInput, type SetupMake } from './vocabulary.ts';
import { MAX_EXPIRY_WAIT_SECONDS, TOKEN_LIFETIME } from './not-run.ts';

/** Valid payloads of these entities refer to the run's two prerequisite coworkers. */
const needsPrereqs = (e: EntityDecl): boolean => e.needs.some((n) => n === 'coworkerId' || n === 'administratorId');

/** The records a check works on (see the specs: target(), run.tombstones, refs). */
export function needsOf(ch: Check): Needs {
  const ep = ch.endpoint;
  if (!ep) return { prereqs: false };
  const e = ep.entity;
  const builds = ch.kind !== 'reads' && ch.kind !== 'token' && ep.write && !(ch.kind === 'silent points' && !ch.cover);
  const n: Needs = { prereqs: builds && needsPrereqs(e) };
  const reads = ch.kind === 'reads' || (ch.kind === 'authorization' && !ep.write);
  const ofDeleted = (ch.kind === 'reads' || (ch.kind === 'silent points' && !ch.cover)) && ch.title.includes(' deleted');
  if (reads && (ep.op === 'get' || ep.op === 'batch') && !ofDeleted) n.readTarget = e.name;
  if (ofDeleted) n.tombstone = e.name;
  if (ch.cover?.rule === 'put-unknown-id') n.tombstone = e.name;
  if (ep.op === 'update' && ch.kind !== 'reads') n.writeTarget = e.name;
  // denied deletes and the refused plain DELETE aim at the run's own record, which must survive
  if ((ep.op === 'delete' || ep.op === 'runcommand') && (ch.allowed === false || !ch.persona) && ch.kind === 'authorization') n.writeTarget = e.name;
  return n;
}

export function fitPlan(checks: Check[], input: PlanInput, workers: number): Plan {
  const { mode } = input;
  const make: SetupMake = { prereqs: false, writeTargets: [], readTargets: [], tombstones: [], expiredToken: false, startSweep: false };
  const prereqsOf = (name: string) => needsPrereqs(entityByName(name));
  /** setup + teardown writes a check's needs add to what is made already (and what to make) */
  const extra = (n: Needs): { writes: number; apply: () => void } => {
    let writes = 0;
    const todo: (() => void)[] = [];
    let prereqs = n.prereqs;
    if (n.writeTarget && !make.writeTargets.includes(n.writeTarget)) {
      writes += 2 * workers; // one per worker slot, deleted at the end
      prereqs ||= prereqsOf(n.writeTarget);
      todo.push(() => make.writeTargets.push(n.writeTarget!));
    }
    if (n.tombstone && !make.tombstones.includes(n.tombstone)) {
      writes += 2; // created and deleted in setup
      prereqs ||= prereqsOf(n.tombstone);
      todo.push(() => make.tombstones.push(n.tombstone!));
    }
    if (prereqs && !make.prereqs) {
      writes += 4; // two coworkers, deleted at the end
      todo.push(() => (make.prereqs = true));
    }
    return { writes, apply: () => todo.forEach((f) => f()) };
  };

  let writes = 0;
  let skippedForBudget = 0;
  let skippedReadOnly = 0;
  let skippedSilent = 0;
  let skippedTokenLifetime = 0;
  let skippedUnfit = 0;
  // a short budget spreads over the endpoints: every endpoint's most important check first (by priority), then
  // every endpoint's second, and so on; checks of no endpoint (the token endpoint's) by priority alone
  const rank = new Map<Check, number>();
  const seen = new Map<string, number>();
  for (const ch of [...checks].sort((a, b) => a.priority - b.priority)) {
    const key = ch.endpoint?.id ?? '';
    seen.set(key, (seen.get(key) ?? 0) + 1);
    rank.set(ch, ch.endpoint ? seen.get(key)! : 0);
  }
  const ordered = [...checks].sort((a, b) => rank.get(a)! - rank.get(b)! || a.priority - b.priority);
  for (const ch of ordered) {
    if (input.selected && !input.selected.has(ch.title)) {
      ch.selected = false;
      continue;
    }
    if (ch.writes && !input.writesAllowed) {
      ch.skip = `read-only target: ${input.readOnlyReason ?? 'writes are not allowed'}`;
      skippedReadOnly++;
      continue;
    }
    // ruled out by the plan itself (a case that cannot be looked at)
    if (ch.skip) {
      skippedUnfit++;
      continue;
    }
    const unfit = ch.endpoint && input.writesPlannedOut?.get(ch.endpoint.entity.name);
    if (unfit && ch.writes) {
      ch.skip = unfit;
      skippedUnfit++;
      continue;
    }
    // a token that lapses only after the run could wait for it: the tenant cannot run the check (lib/run/global-setup.ts
    // corrects the plan from the tenant's expires_in)
    if (ch.variant === EXPIRED_TOKEN && !input.expiryCheck) {
      ch.skip = input.expirySkip ?? `${TOKEN_LIFETIME}: the tenant's tokens live longer than the run waits for one to lapse (${MAX_EXPIRY_WAIT_SECONDS} s)`;
      skippedTokenLifetime++;
      continue;
    }
    const more = extra(ch.needs);
    const price = ch.cost.writes + more.writes;
    // cover mode checks the documented contract in the fewest writes; a silent point is a recording, run when asked for or when a budget has room
    if (mode === 'cover' && ch.kind === 'silent points' && price > 0 && !input.silentPoints && input.budget === undefined) {
      ch.skip = `silent-point probe (${price} write${price === 1 ? '' : 's'}): cover mode runs these with --silent-points, or when --budget leaves room`;
      skippedSilent++;
      continue;
    }
    if (input.budget !== undefined && writes + price > input.budget) {
      ch.skip = `write budget ${input.budget}: it needs ${price} write${price === 1 ? '' : 's'}${more.writes ? ` (${more.writes} of them setup and teardown)` : ''}, ${input.budget - writes} left; raise --budget to run it`;
      skippedForBudget++;
      continue;
    }
    writes += price;
    more.apply();
  }

  const run = checks.filter((x) => x.selected && !x.skip);
  for (const ch of run) {
    if (ch.needs.readTarget && !make.writeTargets.includes(ch.needs.readTarget) && !make.readTargets.includes(ch.needs.readTarget)) make.readTargets.push(ch.needs.readTarget);
  }
  make.expiredToken = run.some((x) => x.variant === EXPIRED_TOKEN);
  const setupWrites = (make.prereqs ? 2 : 0) + make.writeTargets.length * workers + 2 * make.tombstones.length;
  make.startSweep = setupWrites > 0 && !input.noStartSweep;
  const teardownWrites = (make.prereqs ? 2 : 0) + make.writeTargets.length * workers;
  const setup = {
    // preflight's GET, discovery, the start sweep's list per entity, one list per record to read
    reads: 1 + input.discoveryReads + (make.startSweep ? (input.entities?.size ?? ENTITIES.length) : 0) + make.readTargets.length,
    writes: setupWrites,
    tokens: (input.signIns ?? input.personas.length) + (make.expiredToken ? 1 : 0),
    make,
  };
  const sum = (f: (c: Check) => number) => run.reduce((s, x) => s + f(x), 0);
  const totals = { reads: sum((x) => x.cost.reads), writes: sum((x) => x.cost.writes), tokens: sum((x) => x.cost.tokens ?? 0) };
  return {
    checks,
    setup,
    teardownWrites,
    totals: {
      ...totals,
      checks: run.length,
      run: { reads: totals.reads + setup.reads, writes: totals.writes + setup.writes + teardownWrites, tokens: totals.tokens + setup.tokens },
      selected: checks.filter((x) => x.selected).length,
      skippedForBudget,
      skippedReadOnly,
      skippedSilent,
      skippedTokenLifetime,
      skippedUnfit,
    },
  };
}
