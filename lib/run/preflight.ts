/**
 * Before any check: the tenant answers, and the personas' credentials work. Otherwise one
 * ConfigError naming the cause and the fix, which ends the run with exit code 2.
 */
import { Api, type ClientContext } from '../client/client.ts';
import { ConfigError } from '../config/errors.ts';
import type { Persona, Profile } from '../config/profile.ts';
import { TokenError } from '../client/tokens.ts';

/** The tenant answers, and every persona can log in (one message, exit 2). */
export async function preflight(ctx: ClientContext, profile: Profile, personas: Persona[] = profile.personas): Promise<void> {
  const anon = new Api(ctx, null, { kind: 'none' });
  const probe = await anon.send('GET', '/api/sys/businesses', { label: 'preflight: is the tenant there?' });
  if (probe.networkError === 'bad port' || /\bbad port\b/.test(probe.networkError ?? '')) {
    throw new ConfigError(`The tenant at ${profile.baseUrl} is unreachable: its port is one that fetch refuses to call (a reserved port such as 9, 25 or 6000).`, 'check baseUrl / NEXUDUS_BASE_URL: use the port the tenant listens on (for a local sandbox, the one `npm run sandbox -- --port 0` prints).');
  }
  if (probe.networkError) {
    throw new ConfigError(`The tenant at ${profile.baseUrl} is unreachable (${probe.networkError}).`, 'check baseUrl / NEXUDUS_BASE_URL, the network and any proxy; for a local sandbox start it with `npm run sandbox -- --port <n>`.');
  }
  if (probe.status >= 500) {
    throw new ConfigError(`The tenant at ${profile.baseUrl} answered ${probe.status} to GET /api/sys/businesses.`, 'the tenant is down or this is not a Nexudus API base URL; try again later or fix baseUrl.');
  }
  for (const p of personas) {
    try {
      await ctx.tokens.get(p);
    } catch (err) {
      if (err instanceof TokenError) {
        throw new ConfigError(`The credentials of persona "${p.name}" (${p.username}) do not work: POST /api/token answered ${err.status}.`, `correct the username/password of "${p.name}" in ${profile.path} (or the environment variable it names); the user also needs "API Access" enabled.`);
      }
      throw err;
    }
  }
}
