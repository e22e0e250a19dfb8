/**
 * Who may do what: full unrestricted administrator, or the `<Entity>-<Verb>` role that the catalogue's
 * `roleFor` names (the one place the role is decided; the suite uses the same function).
 */
import { roleFor, type Op } from '../api/catalogue/endpoints.ts';
import type { EntityDecl } from '../api/catalogue/entities.ts';
import type { Faults } from './faults.ts';
import type { Persona } from './seed-data.ts';

export function allowed(user: Persona | null, entity: EntityDecl, op: Op, faults: Faults): boolean {
  if (!user) return false;
  if (op === 'create' && faults.on('create-role-not-honoured') && !user.fullAdmin) return false;
  if (op === 'create' && faults.on('create-role-ignored')) return true;
  if (op === 'list' && faults.on('list-role-ignored')) return true;
  if (op === 'update' && faults.on('edit-role-ignored')) return true;
  if ((op === 'get' || op === 'batch') && faults.on('read-role-ignored')) return true;
  if ((op === 'delete' || op === 'runcommand') && faults.on('delete-role-ignored')) return true;
  const checked = op === 'update' && faults.on('edit-checks-create-role') ? 'create' : op;
  return user.fullAdmin || user.roles.has(roleFor(entity, checked).toLowerCase());
}
