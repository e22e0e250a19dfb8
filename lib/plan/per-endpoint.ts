/**
 * What a run writes per endpoint under test, setup and teardown included: a check's own writes go to its
 * endpoint; the records setup makes for an entity (write targets, made and deleted; tombstones) go to that
 * entity's PUT (or its first write endpoint); the two prerequisite coworkers are shared and counted apart.
 */
import type { Plan } from './vocabulary.ts';

export interface EndpointWrites {
  endpoint: string;
  writes: number;
}

export function writesPerEndpoint(plan: Plan, workers: number): { endpoints: EndpointWrites[]; shared: number } {
  const by = new Map<string, number>();
  const run = plan.checks.filter((c) => c.selected && !c.skip && c.endpoint && c.cost.writes > 0);
  for (const c of run) by.set(c.endpoint!.id, (by.get(c.endpoint!.id) ?? 0) + c.cost.writes);
  const entityEndpoint = (name: string) => {
    const eps = [...by.keys()].filter((id) => run.some((c) => c.endpoint!.id === id && c.endpoint!.entity.name === name));
    return eps.find((id) => id.startsWith('PUT ')) ?? eps[0];
  };
  const { make } = plan.setup;
  for (const name of make.writeTargets) {
    const id = entityEndpoint(name);
    if (id) by.set(id, by.get(id)! + 2 * workers);
  }
  for (const name of make.tombstones) {
    const id = entityEndpoint(name);
    if (id) by.set(id, by.get(id)! + 2);
  }
  const endpoints = [...by].map(([endpoint, writes]) => ({ endpoint, writes })).sort((a, b) => b.writes - a.writes || a.endpoint.localeCompare(b.endpoint));
  return { endpoints, shared: make.prereqs ? 4 : 0 };
}

/** `writes per endpoint (setup and teardown included): 45 endpoints, median 12, most 19 (PUT /api/spaces/bookings)` */
export function perEndpointLine(plan: Plan, workers: number): string | undefined {
  const { endpoints, shared } = writesPerEndpoint(plan, workers);
  if (!endpoints.length) return undefined;
  const sorted = endpoints.map((x) => x.writes).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const top = endpoints[0]!;
  return `  writes per endpoint (setup and teardown included): ${endpoints.length} endpoint${endpoints.length === 1 ? '' : 's'}, median ${median}, most ${top.writes} (${top.endpoint})${shared ? `; ${shared} shared (the two prerequisite coworkers, made and deleted)` : ''}`;
}
