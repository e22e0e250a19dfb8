/**
 * What no endpoint page says, per entity: which entity a foreign key points to when its name does not say
 * it, and which fields a valid payload must leave out. Each entry names its own source. Everything else an
 * entity read from its page needs (fields, types, required sets, enums, role) comes from the page.
 */

export interface FieldOverride {
  /** the entity a foreign key points to, when the field's name (`<Entity>Id`) does not name it */
  target?: string;
  /** valid payloads never send it (a side effect on a live tenant, or a value no page describes) */
  never?: boolean;
  /** where this entry comes from */
  source: string;
}

export type EntityOverrides = Record<string, FieldOverride>;

const ADMIN_USER = 'the field describes "the administrator user" (its page\'s description); users are listed at /api/sys/users';
const COWORKER_NAV = 'its page describes it as a customer (coworker) of the tenant';

/** Per entity, per field. */
export const OVERRIDES: Record<string, EntityOverrides> = {
  CoworkerContract: { IssuedById: { target: 'User', source: ADMIN_USER } },
  Proposal: { IssuedById: { target: 'User', source: ADMIN_USER }, ResponsibleId: { target: 'User', source: ADMIN_USER } },
  Course: { HostId: { target: 'Coworker', source: COWORKER_NAV } },
  CoworkerNotification: { EntityId: { target: 'Coworker', source: 'the notification\'s EntityId names the record it is about; a customer is the one such record every run has' } },
};

/** Pages the catalogue does not read into an entity, each with why: the suite would write what it must not touch. */
export const NOT_READ: Record<string, string> = {
  User: "its records are the tenant's logins, and /api/sys/users is the fixture list the run discovers its administrator from: creating and editing users would touch real accounts",
};

/**
 * Entities the run creates itself, and the fixture a foreign key to any other entity takes from the profile
 * (fixtures.<camelName>Id). The five known fixture names keep their established spelling.
 */
export const KNOWN_REFS: Record<string, string> = {
  Business: 'businessId',
  Country: 'countryId',
  SimpleTimeZone: 'simpleTimeZoneId',
  User: 'responsibleId',
  Responsible: 'responsibleId',
  InventoryAsset: 'inventoryAssetId',
  Coworker: 'coworkerId',
  Administrator: 'administratorId',
};

/** The profile fixture a foreign key to `target` takes. */
export const refOf = (target: string): string => KNOWN_REFS[target] ?? `${target.charAt(0).toLowerCase()}${target.slice(1)}Id`;
