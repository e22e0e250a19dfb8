/** docs/contract.md for the embedded sandbox's profile in explore mode: what `npm run contract` writes and the drift test compares. */
import { loadProfile, SANDBOX_PROFILE_PATH } from '../config/profile.ts';
import { buildPlan } from '../plan/plan.ts';
import { planInputFor } from '../plan/suite.ts';
import { contractDocument } from './contract-document.ts';

export function contractText(): string {
  const profile = loadProfile(SANDBOX_PROFILE_PATH);
  // every entity, whatever NEXUDUS_ENTITIES says: the document is the catalogue's, not one run's
  const plan = buildPlan({ ...planInputFor(profile), entities: undefined, mode: 'explore', budget: undefined, writesAllowed: true }, 1);
  return contractDocument(plan.checks, profile.name);
}
