/**
 * Areas the fake API server does not implement yet. Their cases run everywhere; on the fake a
 * failure counts as a known gap (not a regression) until the area lands and is removed here.
 */
import type { Area } from './types.js';

export const PENDING_ON_FAKE: Partial<Record<Area, string>> = {
  // Empty: apply, crd, gc and openapi landed in the fake. Add `area: 'reason'` for a new area.
};

export function pendingReason(area: Area): string | undefined {
  return PENDING_ON_FAKE[area];
}
