/** Claims by the names `infoloop exp` takes. Add a claim: write its folder under claims/, add one line to the list. */
import { InfoloopError, suggest } from '../core/errors.js';
import { claim1 } from './claims/claim1/index.js';
import { claim2 } from './claims/claim2/index.js';
import { claim3 } from './claims/claim3/index.js';
import { claim4 } from './claims/claim4/index.js';
import type { ClaimDefinition } from './types.js';

export const claims: ClaimDefinition[] = [
  claim1,
  claim2,
  claim3,
  claim4,
];

export function claimNames(): string[] {
  return claims.map((claim) => claim.name);
}

/** One claim by name, or every claim for `all`. */
export function selectClaims(name: string): ClaimDefinition[] {
  if (name === 'all') return [...claims];
  const claim = claims.find((c) => c.name === name);
  if (!claim) throw new InfoloopError('E_UNKNOWN_NAME', `claim "${name}" is unknown`, suggest(name, [...claimNames(), 'all']));
  return [claim];
}
