/**
 * The endpoint catalogue: every (entity, operation) the suite calls, derived from the entity
 * declarations. The five seed endpoints are flagged `seed`; the rest are the sibling verbs a real
 * test needs (nexudus-api.md §3). Roles follow `<Entity>-List|Read|Create|Edit|Delete` (§1).
 */
import { ENTITIES, resourcePath, requiredFields, type EntityDecl, type EntityName } from './entities.ts';

export type Op = 'list' | 'get' | 'batch' | 'create' | 'update' | 'delete' | 'runcommand';
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type RoleVerb = 'List' | 'Read' | 'Create' | 'Edit' | 'Delete';

export interface Endpoint {
  /** e.g. `PUT /api/crm/coworkertasks` (unique) */
  id: string;
  entity: EntityDecl;
  op: Op;
  method: Method;
  /** path template; `{id}` for get/delete */
  path: string;
  /** the role that grants it besides full unrestricted administrator */
  role: string;
  roleVerb: RoleVerb;
  /** one of the five endpoints this project was created from */
  seed: boolean;
  /** writes change tenant state; the live-tenant guard and budget count them */
  write: boolean;
  /** fields the request body requires (PUT includes Id) */
  required: string[];
  /**
   * the endpoint's own page is in the catalogue's sources, so its checks run: every endpoint of a declared
   * entity; of an entity read from its pages, the POST and PUT that have a page (the other verbs are the
   * siblings a test needs: create a record to update, read it back, delete it)
   */
  documented: boolean;
  /** schema $ids */
  requestSchema?: string;
  responseSchema: string;
  /** the official reference page (nexudus-api.md §0 S1/S2) */
  docUrl: string;
}

const SEEDS = new Set([
  'POST /api/spaces/coworkerinventoryassets',
  'PUT /api/spaces/coworkerinventoryassets',
  'PUT /api/crm/coworkertasks',
  'PUT /api/spaces/coworkers',
  'PUT /api/collaboration/workspaces',
]);

const ROLE_VERB: Record<Op, RoleVerb> = {
  list: 'List', get: 'Read', batch: 'Read', create: 'Create', update: 'Edit', delete: 'Delete', runcommand: 'Delete',
};

export const slug = (e: EntityDecl): string => e.name.toLowerCase();

function docUrl(e: EntityDecl, op: Op): string {
  const base = `https://developers.nexudus.com/rest-api/${e.module}`;
  switch (op) {
    case 'list': return `${base}/get-${e.collection}`;
    case 'get': return `${base}/get-${e.collection}-by-id`;
    case 'batch': return `${base}/get-${e.collection}-batch`;
    case 'create': return `${base}/post-${e.collection}`;
    case 'update': return `${base}/put-${e.collection}`;
    case 'delete': return `https://developers.nexudus.com/reference/delete-${e.name.toLowerCase()}`;
    case 'runcommand': return `https://developers.nexudus.com/reference/getting-started-with-your-api-1`;
  }
}

/** What a write requires: the page's own required set for an entity read from its pages, else the declaration's. */
function requiredOf(e: EntityDecl, method: 'POST' | 'PUT'): string[] {
  const page = e.pages?.[method] ?? (method === 'PUT' ? e.pages?.POST : e.pages?.PUT);
  if (page) return [...(method === 'PUT' ? ['Id'] : []), ...page.required];
  return [...(method === 'PUT' ? ['Id'] : []), ...requiredFields(e), ...(method === 'PUT' ? e.putRequiredExtra ?? [] : [])];
}

function endpointsOf(e: EntityDecl): Endpoint[] {
  const p = resourcePath(e);
  const s = slug(e);
  const mk = (op: Op, method: Method, path: string, extra: Partial<Endpoint>): Endpoint => {
    const id = `${method} ${path}`;
    return {
      id, entity: e, op, method, path,
      role: `${e.name}-${ROLE_VERB[op]}`, roleVerb: ROLE_VERB[op],
      seed: SEEDS.has(id), write: method !== 'GET', required: [],
      documented: !e.pages || (op === 'create' ? !!e.pages.POST : op === 'update' ? !!e.pages.PUT : true),
      responseSchema: 'envelope.mutation.json', docUrl: (op === 'create' ? e.pages?.POST?.url : op === 'update' ? e.pages?.PUT?.url : undefined) ?? docUrl(e, op),
      ...extra,
    };
  };
  const list: Endpoint[] = [
    mk('list', 'GET', p, { responseSchema: `${s}.list.json` }),
    mk('get', 'GET', `${p}/{id}`, { responseSchema: `${s}.record.json` }),
    mk('batch', 'GET', `${p}?id=[…]`, { responseSchema: `${s}.batch.json` }),
    mk('create', 'POST', p, { required: requiredOf(e, 'POST'), requestSchema: `${s}.post.json` }),
    mk('update', 'PUT', p, { required: requiredOf(e, 'PUT'), requestSchema: `${s}.put.json` }),
  ];
  if (e.deleteVia.kind === 'delete') list.push(mk('delete', 'DELETE', `${p}/{id}`, { responseSchema: 'envelope.delete.json' }));
  else list.push(mk('runcommand', 'POST', `${p}/runcommand`, { requestSchema: 'runcommand.request.json', responseSchema: 'envelope.delete.json' }));
  return list;
}

export const ENDPOINTS: readonly Endpoint[] = ENTITIES.flatMap(endpointsOf);

/** The five endpoints the project was created from. */
export const SEED_ENDPOINTS: readonly Endpoint[] = ENDPOINTS.filter((x) => x.seed);

export function endpoint(entity: EntityName | EntityDecl, op: Op): Endpoint {
  const name = typeof entity === 'string' ? entity : entity.name;
  const found = ENDPOINTS.find((x) => x.entity.name === name && x.op === op);
  if (!found) throw new Error(`no ${op} endpoint for ${name}`);
  return found;
}

/** The OAuth token endpoint (nexudus-api.md §4). */
export const TOKEN_ENDPOINT = {
  id: 'POST /api/token',
  method: 'POST' as const,
  path: '/api/token',
  docUrl: 'https://developers.nexudus.com/reference/get-bearer-token',
  responseSchema: 'token.response.json',
  errorSchema: 'oauth.error.json',
};

/** Fixture lists the suite reads to discover Ids (nexudus-api.md §3). */
export const FIXTURE_LISTS = {
  businesses: { path: '/api/sys/businesses', docUrl: 'https://developers.nexudus.com/rest-api/sys/get-businesses' },
  inventoryAssets: { path: '/api/spaces/inventoryassets', docUrl: 'https://developers.nexudus.com/rest-api/spaces/get-inventoryassets' },
  users: { path: '/api/sys/users', docUrl: 'https://developers.nexudus.com/reference/getting-started-with-your-api-1' },
} as const;

/** The one place the role for a request is decided (sandbox and suite both use it). */
export function roleFor(entity: EntityDecl, op: Op): string {
  return `${entity.name}-${ROLE_VERB[op]}`;
}
