/**
 * The generic CRUD router: one set of handlers for every entity of the catalogue (paths, fields,
 * required sets, delete style, list projection all come from api/catalogue). Handlers return a
 * result instead of writing it, so the permission check can decide what the caller sees
 * (see the `denied-side-effect` fault).
 */
import type { TSchema } from '@sinclair/typebox';
import { ENTITIES, Coworker, resourcePath, type EntityDecl } from '../api/catalogue/entities.ts';
import type { Op } from '../api/catalogue/endpoints.ts';
import { enumValues, isIdList, jsonTypes, meta, isDateTime } from '../api/catalogue/fields.ts';
import { deny } from './auth.ts';
import { jsonBody } from './body.ts';
import { send, notFound, type Ctx } from './http.ts';
import { listEnvelope, type ListSpec } from './lists.ts';
import { allowed } from './permissions.ts';
import { nowIso, refTable, type Row, type Store, type FixtureTable } from './store.ts';
import { checkWrite, shiftDate, type FieldError } from './validation.ts';

export interface Result { status: number; body: unknown; headers?: Record<string, string> }

// ------------------------------------------------------------------------------------------ rendering

/** What an unset writable field reads as: null, false, [] or the enum's "not set" value. */
export function defaultFor(schema: TSchema): unknown {
  const types = jsonTypes(schema);
  if (types.includes('null')) return null;
  if (types.includes('array')) return [];
  if (types.includes('boolean')) return false;
  const values = enumValues(schema);
  if (values) {
    const names = meta(schema)['x-enum-names'] ?? {};
    const notSet = Object.entries(names).find(([, n]) => n === 'NotSet' || n === 'Undefined');
    return notSet ? Number(notSet[0]) : Math.min(...values); // Gender → NotSet, CoworkerType → Individual (docs defaults)
  }
  if (types.includes('integer') || types.includes('number')) return 0;
  return '';
}

const TO_STRING: Record<string, (r: Row) => string | null> = {
  CoworkerInventoryAsset: (r) => `#${r.Id}`,
  CoworkerTask: (r) => (r.Name as string) ?? null,
  Coworker: (r) => `${r.FullName ?? ''} - ${r.Email ?? ''}`,
  Workspace: (r) => (r.Name as string) ?? null,
};

/** Server-computed Coworker keys (nexudus-api.md §2.4) that no linked record provides. */
function coworkerComputed(r: Row, store: Store): Record<string, unknown> {
  const full = String(r.FullName ?? '').trim();
  const parts = full.split(/\s+/);
  const businesses = (r.Businesses as number[] | undefined) ?? [];
  return {
    AvatarFileName: null, BannerImageFileName: null, TeamNames: null, IsAdmin: false, IsTeamAdministrator: false,
    HasDueInvoices: false, CheckinSinceLastRenewal: 0, MinutesSinceLastRenewal: 0, TotalActiveContracts: 0,
    GuessedFirstName: parts[0] || null, GuessedLastName: parts.length > 1 ? parts.slice(1).join(' ') : null,
    BusinessNames: businesses.map((id) => store.get('businesses', id)?.Name).filter(Boolean).join(', ') || null,
  };
}

/**
 * A read-only `<Nav><Prop>` field is `<Prop>` of the record the `<Nav>` FK points at
 * (CoworkerFullName, InventoryAssetSku, ResponsibleFullName…); enum values become their names
 * (CoworkerCoworkerType "Individual", §8 #8) and numbers become strings where the schema says string.
 */
function denormalized(e: EntityDecl, r: Row, field: string, schema: TSchema, store: Store): unknown {
  let best: [string, TSchema] | undefined;
  for (const [name, s] of Object.entries(e.fields)) {
    const nav = meta(s)['x-nav'];
    if (nav && meta(s)['x-ref'] && field.startsWith(nav) && field.length > nav.length && (!best || nav.length > meta(best[1])['x-nav']!.length)) {
      best = [name, s];
    }
  }
  if (!best) return null;
  const table = refTable(meta(best[1])['x-ref']!);
  const linked = store.get(table, r[best[0]] as number);
  if (!linked) return null;
  const prop = field.slice(meta(best[1])['x-nav']!.length);
  let v = linked[prop];
  const linkedEntity = ENTITIES.find((x) => x.name === table);
  if (linkedEntity && v === undefined) v = renderRecord(linkedEntity, linked, store, 'record')[prop];
  const names = linkedEntity ? meta(linkedEntity.fields[prop] ?? ({} as TSchema))['x-enum-names'] : undefined;
  if (names && typeof v === 'number') v = names[String(v)] ?? String(v);
  // where the docs disagree (string or number, §8 #7) the sandbox answers the first reading the catalogue lists
  if (typeof v === 'number' && jsonTypes(schema)[0] === 'string') v = String(v);
  return v ?? null;
}

export function renderRecord(e: EntityDecl, r: Row, store: Store, kind: 'record' | 'list', omitUniqueId = false): Row {
  const out: Row = { Id: r.Id };
  if (!omitUniqueId) out.UniqueId = r.UniqueId;
  Object.assign(out, { CreatedOn: r.CreatedOn, UpdatedOn: r.UpdatedOn, UpdatedBy: r.UpdatedBy ?? null, IsNew: false, SystemId: r.SystemId ?? null });
  for (const [name, s] of Object.entries(e.fields)) {
    if (e.writeOnly?.includes(name)) continue;
    if (kind === 'list' && e.notInList?.includes(name)) continue;
    out[name] = r[name] === undefined ? defaultFor(s) : r[name];
  }
  const computed = e === Coworker ? coworkerComputed(r, store) : {};
  for (const [name, s] of Object.entries(e.readOnly)) {
    out[name] = name in computed ? computed[name] : denormalized(e, r, name, s, store);
  }
  out.ToStringText = TO_STRING[e.name]?.(r) ?? null;
  out.LocalizationDetails = null;
  out.CustomFields = null;
  return out;
}

// ------------------------------------------------------------------------------------------ envelopes

function success(ctx: Ctx, e: EntityDecl, verb: 'created' | 'updated', row: Row): Result {
  const faults = ctx.tenant.faults;
  return {
    status: verb === 'created' && faults.on('create-status-201') ? 201 : 200,
    body: {
      Status: faults.on('success-status-field-0') ? 0 : 200,
      Message: faults.on('success-message-wording') ? 'Record saved.' : `${e.name} was successfully ${verb}.`,
      Value: faults.on('success-envelope-no-id') ? null : { Id: row.Id },
      OpenInDialog: false, OpenInWindow: false, RedirectURL: null, JavaScript: null,
      UpdatedOn: row.UpdatedOn, UpdatedBy: row.UpdatedBy, Errors: null, WasSuccessful: !faults.on('success-was-successful-false'),
    },
  };
}

/** Delete / command answer: the mutation envelope with Value null (nexudus-api.md §3.2). */
function done(ctx: Ctx, message: string, ok = true): Result {
  return {
    status: 200,
    body: {
      Status: ok ? 200 : 400, Message: message, Value: null, OpenInDialog: false, OpenInWindow: false, RedirectURL: null,
      JavaScript: null, UpdatedOn: nowIso(), UpdatedBy: ctx.user?.username ?? null, Errors: null, WasSuccessful: ok,
    },
  };
}

/** 400 validation envelope; Message names the first error as `PropertyName: message` (§6). */
export function invalid(ctx: Ctx, errors: FieldError[]): Result {
  const faults = ctx.tenant.faults;
  if (faults.on('validation-500') && errors.some((x) => x.kind === 'required')) return SERVER_ERROR;
  let items = errors.map((x) => ({
    AttemptedValue: x.AttemptedValue,
    Message: x.kind === 'required' && faults.on('required-message-wording') ? 'may not be null' : x.Message,
    PropertyName: faults.on('property-name-lowercase') ? x.PropertyName.toLowerCase() : x.PropertyName,
  }));
  if (faults.on('first-error-only')) items = items.slice(0, 1);
  const first = items[0];
  return {
    status: faults.on('validation-status-422') ? 422 : 400,
    body: {
      Message: faults.on('top-message-format') ? first.Message : `${first.PropertyName}: ${first.Message}`,
      Value: null, Errors: faults.on('errors-missing') ? null : items, WasSuccessful: faults.on('was-successful-on-400'),
    },
  };
}

const NOT_FOUND: Result = { status: 404, body: 'Not found' };
/** The 2020 docs' 500 body (nexudus-api.md §6). */
const SERVER_ERROR: Result = { status: 500, body: { Message: 'An error has occurred.' } };

// ------------------------------------------------------------------------------------------ handlers

const HOUR_MS = 3_600_000;

const TRUNCATE_AT = 20;

/** Turns checked values into what is stored: Added/Removed deltas, and the data faults. */
function toStored(ctx: Ctx, e: EntityDecl, values: Record<string, unknown>, old: Row | undefined): Record<string, unknown> {
  const faults = ctx.tenant.faults;
  const v = { ...values };
  // Members + AddedMembers/RemovedMembers (and Coworker Businesses/Teams): the full list first, then the deltas (silent, §8 #12).
  for (const [name, s] of Object.entries(e.fields)) {
    if (!isIdList(s) || !(`Added${name}` in e.fields)) continue;
    const added = (v[`Added${name}`] as number[] | null | undefined) ?? [];
    const removed = (v[`Removed${name}`] as number[] | null | undefined) ?? [];
    delete v[`Added${name}`];
    delete v[`Removed${name}`];
    if (!added.length && !removed.length) continue;
    const base = Array.isArray(v[name]) ? (v[name] as number[]) : ((old?.[name] as number[] | undefined) ?? []);
    v[name] = [...new Set([...base, ...added])].filter((id) => !removed.includes(id));
  }
  if (faults.on('roundtrip-drops-notes') && 'Notes' in v) v.Notes = null;
  for (const [name, s] of Object.entries(e.fields)) {
    if (typeof v[name] !== 'string') continue;
    if (isDateTime(s)) {
      if (faults.on('date-shift')) v[name] = shiftDate(v[name] as string, HOUR_MS);
    } else if (faults.on('string-truncated')) v[name] = (v[name] as string).slice(0, TRUNCATE_AT);
  }
  return v;
}

function create(ctx: Ctx, e: EntityDecl, body: Record<string, unknown>): Result {
  const { store, faults } = ctx.tenant;
  const checked = checkWrite(e, body, 'create', ctx.tenant);
  if (checked.wrongTypeOnRequired && faults.on('wrong-type-500')) return SERVER_ERROR;
  if (checked.errors.length) {
    if (faults.on('failed-create-side-effect') && checked.errors.some((x) => x.kind === 'required')) {
      const row = store.put(e.name, { ...store.newBase(ctx.user?.username ?? null), ...toStored(ctx, e, checked.values, undefined) });
      ctx.ids.push(row.Id);
    }
    return invalid(ctx, checked.errors);
  }
  if (faults.on('create-500')) return SERVER_ERROR;
  const row = store.put(e.name, { ...store.newBase(ctx.user?.username ?? null), ...toStored(ctx, e, checked.values, undefined) });
  ctx.ids.push(row.Id);
  return success(ctx, e, 'created', row);
}

/**
 * Unknown Id on PUT is silent (nexudus-api.md §6): 404 "Not found" like GET/DELETE by default; 400 naming
 * Id under the `put-unknown-id-400` variation and the `silent-point-drift` fault (one behaviour, two names:
 * conformant, but not what the committed sandbox baselines recorded).
 */
function unknownIdOnPut(ctx: Ctx, id: number): Result {
  const { faults, variations } = ctx.tenant;
  if (!faults.on('silent-point-drift') && !variations.on('put-unknown-id-400')) return NOT_FOUND;
  return invalid(ctx, [{ kind: 'reference', AttemptedValue: id, Message: 'does not exist', PropertyName: 'Id' }]);
}

function update(ctx: Ctx, e: EntityDecl, body: Record<string, unknown>): Result {
  const { store, faults } = ctx.tenant;
  const checked = checkWrite(e, body, 'update', ctx.tenant);
  if (checked.wrongTypeOnRequired && faults.on('wrong-type-500')) return SERVER_ERROR;
  const stamp = { UpdatedOn: nowIso(), UpdatedBy: ctx.user?.username ?? null };
  if (checked.errors.length) {
    const old = store.get(e.name, checked.values.Id as number);
    if (old && faults.on('failed-put-side-effect') && checked.errors.some((x) => x.kind === 'required')) {
      const { Id: _id, ...values } = toStored(ctx, e, checked.values, old);
      store.put(e.name, { ...old, ...values, ...stamp });
    }
    return invalid(ctx, checked.errors);
  }
  const id = checked.values.Id as number;
  const old = store.get(e.name, id);
  if (!old) return unknownIdOnPut(ctx, id);
  const { Id: _id, ...values } = toStored(ctx, e, checked.values, old);
  const keep = { Id: old.Id, UniqueId: old.UniqueId, CreatedOn: old.CreatedOn, SystemId: old.SystemId ?? null };
  // PUT is a full replace: what the body omits reads back as its default (nexudus-api.md §1).
  const row = (faults.on('put-merges') ? { ...old, ...values, ...keep, ...stamp } : { ...keep, ...stamp, ...values }) as Row;
  if (!faults.on('put-not-persisted')) store.put(e.name, row);
  ctx.ids.push(row.Id);
  return success(ctx, e, 'updated', row);
}

function remove(ctx: Ctx, e: EntityDecl, id: number): Result {
  const { store, faults } = ctx.tenant;
  if (!store.get(e.name, id)) return NOT_FOUND;
  if (!faults.on('delete-not-deleting')) store.delete(e.name, id);
  ctx.ids.push(id);
  return done(ctx, 'The record was deleted successfully.');
}

function runCommand(ctx: Ctx, e: EntityDecl, body: Record<string, unknown>): Result {
  const errors: FieldError[] = [];
  if (typeof body.Key !== 'string' || !body.Key.trim()) errors.push({ kind: 'required', AttemptedValue: body.Key ?? null, Message: 'is a required field', PropertyName: 'Key' });
  if (!Array.isArray(body.Ids) || !body.Ids.length || !body.Ids.every((x) => Number.isSafeInteger(x))) {
    errors.push({ kind: 'required', AttemptedValue: body.Ids ?? null, Message: 'is a required field', PropertyName: 'Ids' });
  }
  if (errors.length) return invalid(ctx, errors);
  const key = body.Key as string;
  const ids = [...new Set(body.Ids as number[])];
  if (e.deleteVia.kind !== 'runcommand' || key !== e.deleteVia.key) return done(ctx, `Unknown command: ${key}`, false);
  const store = ctx.tenant.store;
  if (ids.some((id) => !store.get(e.name, id))) return done(ctx, 'Not found', false); // HTTP 200 + WasSuccessful:false (§1.1)
  if (!ctx.tenant.faults.on('delete-not-deleting')) for (const id of ids) store.delete(e.name, id);
  ctx.ids.push(...ids);
  return done(ctx, 'The command was run successfully.');
}

// ------------------------------------------------------------------------------------------ routing

function parseIds(raw: string): number[] | null {
  const inner = raw.trim().replace(/^\[/, '').replace(/\]$/, '');
  if (!inner.trim()) return [];
  const parts = inner.split(',').map((s) => s.trim());
  if (!parts.every((p) => /^\d{1,15}$/.test(p))) return null;
  return [...new Set(parts.map(Number))];
}

function navs(e: EntityDecl): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, s] of Object.entries(e.fields)) {
    const nav = meta(s)['x-nav'];
    if (nav) out[nav.toLowerCase()] = name;
  }
  return out;
}

const ROUTES = ENTITIES.map((e) => ({ e, path: resourcePath(e).toLowerCase(), spec: { prefix: e.name, navs: navs(e) } as ListSpec }));

function reply(ctx: Ctx, r: Result): void {
  const html = ctx.method === 'GET' && r.status === 200 && ctx.tenant.faults.on('reads-served-as-html');
  send(ctx, r.status, r.body, html ? { ...r.headers, 'content-type': 'text/html; charset=utf-8' } : r.headers);
}

function methodNotAllowed(ctx: Ctx, allow: string): void {
  send(ctx, 405, { Message: `The requested resource does not support http method '${ctx.method}'.` }, { allow });
}

/** Runs `op` if the user may; a denied write is only performed under the `denied-side-effect` fault. */
function guarded(ctx: Ctx, e: EntityDecl, op: Op, run: () => Result | undefined): void {
  const { faults } = ctx.tenant;
  const anonymousList = op === 'list' && !ctx.user && faults.on('anonymous-list');
  if (!ctx.user && !anonymousList) return deny(ctx);
  if (anonymousList || allowed(ctx.user, e, op, faults)) {
    const r = run();
    if (r) reply(ctx, r);
    return;
  }
  if (faults.on('put-target-vanishes') && op === 'update') {
    const id = (() => { try { return (JSON.parse(ctx.body.toString('utf8')) as { Id?: unknown }).Id; } catch { return undefined; } })();
    if (typeof id === 'number') ctx.tenant.store.delete(e.name, id);
  }
  if (faults.on('denied-side-effect') && op !== 'list' && op !== 'get' && op !== 'batch') {
    const r = run();
    if (r && r.status !== 200) return reply(ctx, r); // a body error still answers as such
  }
  deny(ctx);
}

/** Handles entity routes; returns false when the path is not one of them. */
export function entityRoutes(ctx: Ctx): boolean {
  for (const { e, path, spec } of ROUTES) {
    if (ctx.path === path) {
      switch (ctx.method) {
        case 'GET': {
          const rawIds = ctx.url.searchParams.get('id');
          if (rawIds !== null) {
            guarded(ctx, e, 'batch', () => {
              const ids = parseIds(rawIds);
              if (!ids) return invalid(ctx, [{ kind: 'type', AttemptedValue: rawIds, Message: 'is not valid', PropertyName: 'id' }]);
              const rows = ids.map((id) => ctx.tenant.store.get(e.name, id)).filter((r): r is Row => !!r);
              ctx.ids.push(...rows.map((r) => r.Id));
              const records = rows.map((r) => renderRecord(e, r, ctx.tenant.store, 'record', ctx.tenant.faults.on('record-missing-uniqueid')));
              if (ctx.tenant.faults.on('batch-list-envelope')) return { status: 200, body: listEnvelope(records, new URLSearchParams(), spec, ctx.tenant.faults) };
              return { status: 200, body: records };
            });
            return true;
          }
          guarded(ctx, e, 'list', () => {
            const { store, faults } = ctx.tenant;
            const filterPrefix = `${spec.prefix.toLowerCase()}_`;
            if (faults.on('lookup-500') && [...ctx.url.searchParams.keys()].some((k) => k.toLowerCase().startsWith(filterPrefix))) return SERVER_ERROR;
            const rows = [...store.table(e.name).values()].map((r) => renderRecord(e, r, store, 'list', faults.on('record-missing-uniqueid')));
            const env = listEnvelope(rows, ctx.url.searchParams, spec, faults);
            ctx.ids.push(...(env.Records as Row[]).map((r) => r.Id));
            return { status: 200, body: env };
          });
          return true;
        }
        case 'POST':
          guarded(ctx, e, 'create', () => { const b = jsonBody(ctx); return b && create(ctx, e, b); });
          return true;
        case 'PUT':
          guarded(ctx, e, 'update', () => { const b = jsonBody(ctx); return b && update(ctx, e, b); });
          return true;
        default:
          methodNotAllowed(ctx, 'GET, POST, PUT');
          return true;
      }
    }
    if (ctx.path === `${path}/runcommand` && e.deleteVia.kind === 'runcommand') {
      if (ctx.method !== 'POST') { methodNotAllowed(ctx, 'POST'); return true; }
      guarded(ctx, e, 'runcommand', () => { const b = jsonBody(ctx); return b && runCommand(ctx, e, b); });
      return true;
    }
    const m = ctx.path.startsWith(path + '/') ? /^(\d{1,15})$/.exec(ctx.path.slice(path.length + 1)) : null;
    if (m) {
      const id = Number(m[1]);
      const plainDelete = e.deleteVia.kind === 'delete' || ctx.tenant.faults.on('coworker-plain-delete');
      if (ctx.method === 'GET') {
        guarded(ctx, e, 'get', () => {
          const row = ctx.tenant.store.get(e.name, id);
          if (!row) return ctx.tenant.faults.on('unknown-get-200') ? { status: 200, body: {} } : NOT_FOUND;
          ctx.ids.push(id);
          return { status: 200, body: renderRecord(e, row, ctx.tenant.store, 'record', ctx.tenant.faults.on('record-missing-uniqueid')) };
        });
      } else if (ctx.method === 'DELETE' && plainDelete) {
        guarded(ctx, e, 'delete', () => remove(ctx, e, id));
      } else {
        // Coworkers have no plain DELETE (nexudus-api.md §3.1, §8 #13): 405, before any auth check.
        methodNotAllowed(ctx, plainDelete ? 'GET, DELETE' : 'GET');
      }
      return true;
    }
  }
  return false;
}

// ------------------------------------------------------------------------------------------ fixture lists

const FIXTURES: { path: string; table: FixtureTable; spec: ListSpec }[] = [
  { path: '/api/sys/businesses', table: 'businesses', spec: { prefix: 'Business', navs: { country: 'CountryId', simpletimezone: 'SimpleTimeZoneId' } } },
  { path: '/api/spaces/inventoryassets', table: 'inventoryAssets', spec: { prefix: 'InventoryAsset', navs: { business: 'BusinessId' } } },
  { path: '/api/sys/users', table: 'users', spec: { prefix: 'User', navs: {} } },
];

const fixtureRow = (r: Row): Row => ({ ...r, ToStringText: r.ToStringText ?? null, LocalizationDetails: null, CustomFields: null });

/** Fixture lists (and GET one) need authentication only, no role (README). */
export function fixtureRoutes(ctx: Ctx): boolean {
  for (const f of FIXTURES) {
    const one = ctx.path.startsWith(f.path + '/') ? /^(\d{1,15})$/.exec(ctx.path.slice(f.path.length + 1)) : null;
    if (ctx.path !== f.path && !one) continue;
    if (ctx.method !== 'GET') { methodNotAllowed(ctx, 'GET'); return true; }
    if (!ctx.user) { deny(ctx); return true; }
    const table = ctx.tenant.store.table(f.table);
    if (one) {
      const row = table.get(Number(one[1]));
      if (!row) notFound(ctx);
      else { ctx.ids.push(row.Id); send(ctx, 200, fixtureRow(row)); }
      return true;
    }
    const env = listEnvelope([...table.values()].map(fixtureRow), ctx.url.searchParams, f.spec, ctx.tenant.faults);
    ctx.ids.push(...(env.Records as Row[]).map((r) => r.Id));
    send(ctx, 200, env);
    return true;
  }
  return false;
}
