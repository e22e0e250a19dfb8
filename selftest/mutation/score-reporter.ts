/**
 * Prints the mutation score at the end of a self-test run that included mutation runs, and writes it
 * to selftest-results/mutation-score.{json,md}: faults caught / total, false alarms / green runs,
 * and for each fault the checks that caught it. Reads the `mutation-outcome` attachment of each run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import type { MutationOutcome } from './runs.ts';

export interface Score {
  faults: { total: number; caught: number };
  greenRuns: { total: number; falseAlarms: number };
  outcomes: MutationOutcome[];
}

export function score(outcomes: MutationOutcome[]): Score {
  const faults = outcomes.filter((o) => o.expect === 'red');
  const green = outcomes.filter((o) => o.expect === 'green');
  return {
    faults: { total: faults.length, caught: faults.filter((o) => o.asExpected).length },
    greenRuns: { total: green.length, falseAlarms: green.filter((o) => !o.asExpected).length },
    outcomes,
  };
}

const pct = (a: number, b: number) => (b ? `${Math.round((a / b) * 1000) / 10}%` : 'n/a');

export function scoreLines(s: Score): string[] {
  const lines = [
    `mutation score: ${s.faults.caught}/${s.faults.total} faults caught (${pct(s.faults.caught, s.faults.total)}) · false alarms: ${s.greenRuns.falseAlarms}/${s.greenRuns.total} green runs`,
  ];
  for (const o of s.outcomes.filter((x) => x.expect === 'green')) {
    lines.push(`  ${o.asExpected ? 'green' : 'FALSE ALARM'}  ${o.id} (${o.passed} checks passed, ${o.seconds} s)`);
    for (const f of o.failed.slice(0, 5)) lines.push(`      ${f.title}: ${f.error}`);
  }
  for (const o of s.outcomes.filter((x) => x.expect === 'red')) {
    const by = o.failed[0];
    lines.push(`  ${o.asExpected ? 'caught' : 'MISSED'}  ${o.id} [${o.category}] (${o.seconds} s)`);
    if (by) lines.push(`      by: ${by.title}`, `          ${by.error}`);
    for (const f of o.failed.slice(1, 4)) lines.push(`      and: ${f.title}`);
    if (o.failed.length > 4) lines.push(`      and ${o.failed.length - 4} more`);
  }
  return lines;
}

function markdown(s: Score): string {
  const rows = s.outcomes.map((o) => `| ${o.id} | ${o.category ?? o.kind} | ${o.expect} | ${o.asExpected ? (o.expect === 'red' ? 'caught' : 'green') : o.expect === 'red' ? '**missed**' : '**false alarm**'} | ${o.failed.slice(0, 2).map((f) => f.title.replace(/\|/g, '\\|')).join('<br>') || '—'} | ${o.seconds} |`);
  return [
    `# Mutation score`,
    '',
    scoreLines(s)[0],
    '',
    '| run | category | expected | result | caught by (first failing checks) | seconds |',
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
