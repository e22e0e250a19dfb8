/**
 * Fixture discovery: Ids the profile leaves out are read from GET /api/sys/businesses,
 * /api/spaces/inventoryassets and /api/sys/users?User_Email=<admin username>. Country and time
 * zone come from the business record when it carries them.
 */
import type { Api } from '../client/client.ts';
import type { Profile } from '../config/profile.ts';
import { ConfigError } from '../config/errors.ts';
import { FIXTURE_LISTS } from '../../api/catalogue/endpoints.ts';

export type Fixtures = { businessId: number; inventoryAssetId: number; responsibleId: number; countryId: number; simpleTimeZoneId: number };

type Rec = Record<string, unknown>;

export async function discoverFixtures(admin: Api, p: Profile): Promise<Fixtures> {
  const f = { ...p.fixtures };
  const first = async (path: string, query: Record<string, string | number>, what: string): Promise<Rec> => {
    const ex = await admin.send('GET', path, { query: { page: 1, size: 1, ...query }, label: `discover ${what}: GET ${path}` });
    if (ex.status === 401) {
      throw new ConfigError(`Persona "${p.admin.name}" is marked fullAdmin but GET ${path} answered 401.`, `give ${p.admin.username} full unrestricted administrator rights and API access, or set fixtures.${what} in ${p.path}.`);
    }
    const rec = (ex.json as { Records?: Rec[] } | undefined)?.Records?.[0];
    if (ex.status !== 200 || !rec || typeof rec.Id !== 'number') {
      throw new ConfigError(`Could not discover ${what}: GET ${path} answered ${ex.status} with no record.`, `set fixtures.${what} in ${p.path}.`);
    }
    return rec;
  };
  if (f.businessId === undefined || f.countryId === undefined || f.simpleTimeZoneId === undefined) {
    const b = f.businessId === undefined
      ? await first(FIXTURE_LISTS.businesses.path, {}, 'businessId')
      : await first(FIXTURE_LISTS.businesses.path, { Business_Id: f.businessId }, 'businessId');
    f.businessId ??= b.Id as number;
    if (f.countryId === undefined) {
      if (typeof b.CountryId !== 'number') throw new ConfigError('Could not discover countryId: the business record has no CountryId.', `set fixtures.countryId in ${p.path}.`);
      f.countryId = b.CountryId;
    }
    if (f.simpleTimeZoneId === undefined) {
      if (typeof b.SimpleTimeZoneId !== 'number') throw new ConfigError('Could not discover simpleTimeZoneId: the business record has no SimpleTimeZoneId.', `set fixtures.simpleTimeZoneId in ${p.path}.`);
      f.simpleTimeZoneId = b.SimpleTimeZoneId;
    }
  }
  if (f.inventoryAssetId === undefined) f.inventoryAssetId = (await first(FIXTURE_LISTS.inventoryAssets.path, {}, 'inventoryAssetId')).Id as number;
  if (f.responsibleId === undefined) f.responsibleId = (await first(FIXTURE_LISTS.users.path, { User_Email: p.admin.username }, 'responsibleId')).Id as number;
  return f as Fixtures;
}
