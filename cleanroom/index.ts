// Clean-room emulator of a Nexudus Spaces REST API tenant.
// Written from the five seed endpoint pages and nexudus-api.md alone; see README.md in this folder.

import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { resolveKnobs, type Knobs, type PresetName } from './knobs.ts';
import { Tenant, type LogEntry, type PersonaDef } from './server.ts';

export type { Knobs } from './knobs.ts';
export { KNOB_NAMES, PRESETS, SILENT_POINTS, DEFAULT_KNOBS, KNOB_SPECS, parseKnobValue } from './knobs.ts';

export interface CleanroomOptions {
  preset?: PresetName;
  knobs?: Partial<Knobs>;
  port?: number;
  tokenLifetimeSeconds?: number;
}

export interface CleanroomTenant {
  url: string; // http://127.0.0.1:<port>
  profile: Record<string, unknown>;
  log: LogEntry[];
  close(): Promise<void>;
}

interface PersonaSpec extends PersonaDef {
  /** the spelling written into the profile (the profile format wants a capitalised action) */
  profileRoles?: string[];
}

const ENTITY_NAMES = ['CoworkerInventoryAsset', 'CoworkerTask', 'Coworker', 'Workspace'];
const roles = (entities: string[], actions: string[], lower = false): string[] =>
  entities.flatMap((e) => actions.map((a) => (lower ? `${e}-${a}`.toLowerCase() : `${e}-${a}`)));
/** 2020 spelling, lower-case entity; the action keeps its capital so the profile format accepts it */
const profileSpelling = (entities: string[], actions: string[]): string[] =>
  entities.flatMap((e) => actions.map((a) => `${e.toLowerCase()}-${a}`));

/** Persona names, e-mails and passwords are this emulator's own. The full administrator comes first. */
const PERSONAS: PersonaSpec[] = [
  { name: 'chief', username: 'chief.admin@cleanroom.test', password: 'Chief-Admin-7731', fullName: 'Chief Admin', fullAdmin: true, roles: [] },
  {
    name: 'maker', username: 'maker@cleanroom.test', password: 'Maker-Pass-2291', fullName: 'Morgan Maker',
    roles: roles(ENTITY_NAMES, ['Create']),
  },
  {
    // stored in the 2020 lower-case spelling (coworkertask-edit …); compared case-insensitively
    name: 'editor', username: 'editor@cleanroom.test', password: 'Editor-Pass-5510', fullName: 'Eddie Editor',
    roles: roles(ENTITY_NAMES, ['Edit'], true),
    profileRoles: profileSpelling(ENTITY_NAMES, ['Edit']),
  },
  {
    name: 'reader', username: 'reader@cleanroom.test', password: 'Reader-Pass-8842', fullName: 'Riley Reader',
    roles: roles(ENTITY_NAMES, ['List', 'Read']),
  },
  {
    name: 'taskowner', username: 'tasks@cleanroom.test', password: 'Tasks-Pass-3307', fullName: 'Tara Tasks',
    roles: roles(['CoworkerTask'], ['List', 'Read', 'Create', 'Edit', 'Delete']),
  },
  {
    name: 'wsowner', username: 'workspaces@cleanroom.test', password: 'Spaces-Pass-6124', fullName: 'Wes Workspace',
    roles: roles(['Workspace'], ['List', 'Read', 'Create', 'Edit', 'Delete'], true),
    profileRoles: profileSpelling(['Workspace'], ['List', 'Read', 'Create', 'Edit', 'Delete']),
  },
  { name: 'nobody', username: 'nobody@cleanroom.test', password: 'Nobody-Pass-4419', fullName: 'Nora Nobody', roles: [] },
];

const COUNTRY_ID = 1101;
const SIMPLE_TIME_ZONE_ID = 2017;
/** presets whose profile lists the fixtures; the others leave them to be discovered from the fixture lists */
const FIXTURES_IN_PROFILE: Record<string, boolean> = { default: true, minimal: false, maximal: true, 'other-way': false };

export async function startCleanroom(o: CleanroomOptions = {}): Promise<CleanroomTenant> {
  const preset = o.preset ?? 'default';
  const knobs = resolveKnobs(preset, o.knobs ?? {});
  if (o.tokenLifetimeSeconds !== undefined && (!Number.isInteger(o.tokenLifetimeSeconds) || o.tokenLifetimeSeconds < 1)) {
    throw new Error('tokenLifetimeSeconds must be an integer ≥ 1');
  }
  const tenant = new Tenant({
    knobs,
    tokenLifetimeSeconds: o.tokenLifetimeSeconds ?? knobs.expiresIn,
    personas: PERSONAS,
    countryId: COUNTRY_ID,
    simpleTimeZoneId: SIMPLE_TIME_ZONE_ID,
  });

  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    void tenant.handle(req, res);
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  const personas: Record<string, Record<string, unknown>> = {};
  for (const p of PERSONAS) {
    personas[p.name] = {
      username: p.username,
      password: p.password,
      ...(p.fullAdmin ? { fullAdmin: true } : { roles: p.profileRoles ?? p.roles }),
    };
  }
  const profile: Record<string, unknown> = {
    name: `cleanroom-${preset}`,
    baseUrl: url,
    allowWrites: true,
    personas,
    // the entities this tenant serves (it was written from the five seed pages): a run covers these
    entities: ENTITY_NAMES,
  };
  if (FIXTURES_IN_PROFILE[preset]) {
    profile.fixtures = {
      businessId: tenant.businesses[0].Id,
      inventoryAssetId: tenant.inventoryAssets[0].Id,
      responsibleId: tenant.adminUserId,
      coworkerId: tenant.fixtureCoworkerId,
      countryId: COUNTRY_ID,
      simpleTimeZoneId: SIMPLE_TIME_ZONE_ID,
    };
    profile.deniedStatus = 401;
  }
  if (o.tokenLifetimeSeconds !== undefined) profile.tokenLifetimeSeconds = o.tokenLifetimeSeconds;

  let closed: Promise<void> | null = null;
  return {
    url,
    profile,
    log: tenant.log,
    close(): Promise<void> {
      if (closed) return closed;
      closed = new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        for (const s of sockets) s.destroy();
      });
      return closed;
    },
  };
}
