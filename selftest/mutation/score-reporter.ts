/**
 * Prints the mutation score at the end of a self-test run that included mutation runs, and writes it
 * to selftest-results/mutation-score.{json,md}: documented faults caught by their own clause / total, drift
 * faults caught as drift / total (scored apart, never mixed into the documented score), the faults that went red
 * only for the wrong reason, false alarms / green runs, and for each fault the check and clause that caught it.
 * Reads the `mutation-outcome` attachment of each run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import type { MutationOutcome } from './runs.ts';

export interface Score {
  /** faults that break a documented clause: caught = a failing check named one of the fault's clauses */
  documented: { total: number; caught: number };
  /** faults that only move a silent point: caught = drift on that silent point against a fresh clean baseline */
  drift: { total: number; caught: number };
  /** faults not caught that went red all the same, for another reason: they do not count */
  wrongReason: string[];
  greenRuns: { total: number; falseAlarms: number };
  outcomes: MutationOutcome[];
}

const isDrift = (o: MutationOutcome) => o.category === 'drift';

export function score(outcomes: MutationOutcome[]): Score {
  const faults = outcomes.filter((o) => o.expect === 'red');
  const documented = faults.filter((o) => !isDrift(o));
  const drift = faults.filter(isDrift);
  const green = outcomes.filter((o) => o.expect === 'green');
  return {
    documented: { total: documented.length, caught: documented.filter((o) => o.asExpected).length },
    drift: { total: drift.length, caught: drift.filter((o) => o.asExpected).length },
    wrongReason: faults.filter((o) => !o.asExpected && (o.wrongReason ?? o.failed).length > 0).map((o) => o.id),
    greenRuns: { total: green.length, falseAlarms: green.filter((o) => !o.asExpected).length },
    outcomes,
  };
}

const pct = (a: number, b: number) => (b ? `${Math.round((a / b) * 1000) / 10}%` : 'n/a');
type Failure = MutationOutcome['failed'][number];
const why = (f: Failure) => `${f.kind ?? '?'}${f.clause ? ` [${f.clause}]` : ''}`;

/** The headline: one line per figure (the documented score, the drift score, the wrong reasons, the false alarms). */
export function headline(s: Score): string[] {
  return [
    `documented faults: ${s.documented.caught}/${s.documented.total} caught by their own clause (${pct(s.documented.caught, s.documented.total)})`,
    `drift faults: ${s.drift.caught}/${s.drift.total} caught as drift`,
    `caught for the wrong reason: ${s.wrongReason.length ? `${s.wrongReason.length} (not counted): ${s.wrongReason.join(', ')}` : 'none'}`,
    `false alarms: ${s.greenRuns.falseAlarms}/${s.greenRuns.total} green runs`,
  ];
}

export function scoreLines(s: Score): string[] {
  const lines = headline(s);
  for (const o of s.outcomes.filter((x) => x.expect === 'green')) {
    lines.push(`  ${o.asExpected ? 'green' : 'FALSE ALARM'}  ${o.id} (${o.passed} checks passed, ${o.seconds} s)`);
    for (const f of o.failed.slice(0, 5)) lines.push(`      ${f.title}: ${f.error}`);
  }
  const faults = s.outcomes.filter((x) => x.expect === 'red');
  for (const o of [...faults.filter((x) => !isDrift(x)), ...faults.filter(isDrift)]) {
    const wrong = o.wrongReason ?? [];
    const state = o.asExpected ? 'caught' : wrong.length || o.failed.length ? 'WRONG REASON' : 'MISSED';
    const runs = (o.suiteRuns ?? 1) > 1 ? `, ${o.suiteRuns} runs` : '';
    const by = o.caughtBy;
    lines.push(`  ${state}  ${o.id} [${o.category}]${by ? ` by [${by.clause}]` : ` (its clauses: ${o.clauses?.join(', ') || 'none'})`} (${o.seconds} s${runs})`);
    if (by) lines.push(`      by: ${by.title}`, `          ${by.error}`);
    for (const f of wrong.slice(0, 4)) lines.push(`      wrong reason, ${why(f)}: ${f.title}`, `          ${f.error}`);
    if (wrong.length > 4) lines.push(`      and ${wrong.length - 4} more of the wrong reason`);
    if (o.note) lines.push(`      note: ${o.note}`);
  }
  return lines;
}

function markdown(s: Score): string {
  const result = (o: MutationOutcome) => {
    if (o.expect === 'green') return o.asExpected ? 'green' : '**false alarm**';
    if (o.asExpected) return `caught${o.caughtBy?.clause ? ` by \`${o.caughtBy.clause}\`` : ''}`;
    return (o.wrongReason ?? o.failed).length ? '**wrong reason**' : '**missed**';
  };
  const checks = (o: MutationOutcome) => {
    const shown = o.caughtBy ? [o.caughtBy] : (o.wrongReason ?? o.failed).slice(0, 2);
    return shown.map((f) => `${f.title}${f === o.caughtBy ? '' : ` (${why(f)})`}`.replace(/\|/g, '\\|')).join('<br>') || '—';
  };
  const rows = s.outcomes.map((o) => `| ${o.id} | ${o.category ?? o.kind} | ${o.expect} | ${result(o)} | ${checks(o)} | ${o.seconds} |`);
  return [
    `# Mutation score`,
    '',
    ...headline(s).map((l) => `${l}  `),
    '',
    '| run | category | expected | result | caught by (or the failures of the wrong reason) | seconds |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

export default class ScoreReporter implements Reporter {
  private outcomes: MutationOutcome[] = [];
  constructor(private readonly o: { outputDir?: string } = {}) {}

  printsToStdio(): boolean {
    return true;
  }

  onTestEnd(_test: TestCase, result: TestResult): void {
    const a = result.attachments.find((x) => x.name === 'mutation-outcome' && x.body);
    if (a?.body) this.outcomes.push(JSON.parse(a.body.toString('utf8')) as MutationOutcome);
  }

  onEnd(): void {
    if (!this.outcomes.length) return;
    const order = (o: MutationOutcome) => ['clean', 'variation', 'fault'].indexOf(o.kind);
    const s = score(this.outcomes.sort((a, b) => order(a) - order(b) || a.id.localeCompare(b.id)));
    const dir = this.o.outputDir ?? 'selftest-results';
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'mutation-score.json'), JSON.stringify(s, null, 2));
    writeFileSync(join(dir, 'mutation-score.md'), markdown(s));
    console.log(`\n${scoreLines(s).join('\n')}\n(also in ${join(dir, 'mutation-score.md')})`);
  }
}
