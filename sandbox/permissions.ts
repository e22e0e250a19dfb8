/**
 * Who may do what: full unrestricted administrator, or the `<Entity>-<Verb>` role that the catalogue's
 * `roleFor` names (the one place the role is decided; the suite uses the same function).
 */
import { roleFor, type Op } from '../lib/catalogue/endpoints.ts';
import type { EntityDecl } from '../lib/catalogue/entities.ts';
import type { Plants } from './plants.ts';
import type { Persona } from './seed-data.ts';

export function allowed(user: Persona | null, entity: EntityDecl, op: Op, plants: Plants): boolean {
  if (!user) return false;
  if (op === 'create' && plants.on('create-role-not-honoured') && !user.fullAdmin) return false;
  if (op === 'update' && plants.on('edit-role-ignored')) return true;
  if ((op === 'get' || op === 'batch') && plants.on('read-role-ignored')) return true;
  if ((op === 'delete' || op === 'runcommand') && plants.on('delete-role-ignored')) return true;
  return user.fullAdmin || user.roles.has(roleFor(entity, op));
}
