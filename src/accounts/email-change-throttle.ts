import type { ThrottledKey } from '../platform/throttle/throttle.service.ts';

const MINUTE = 60_000;

/**
 * Email change requests per account: every request sends an email to an address the customer
 * typed, so each one counts. Five an hour go straight through, then 1 min doubling up to 1 h.
 * (Wrong passwords are throttled separately, with the sign-in keys.)
 */
export function emailChangeRequestThrottleKey(accountId: string): ThrottledKey {
  return {
    key: `email-change:account:${accountId}`,
    policy: { freeFailures: 4, baseDelayMs: MINUTE, maxDelayMs: 60 * MINUTE, windowMs: 60 * MINUTE },
  };
}
