import { hashToken } from '../../platform/crypto/tokens.ts';
import type { ThrottledKey } from '../../platform/throttle/throttle.service.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Opening a case sends an email to a typed address, so every creation counts, whatever the hint:
 * - per IP: 10 an hour go through, then 1 min doubling up to 1 h (a sweep of fake cases stops);
 * - per new address: 3 an hour, then 5 min doubling up to 1 h (nobody floods a mailbox with codes).
 * A key's state counts requests already made: with `freeFailures: 2` the third request sets the
 * first delay, so the fourth within the hour waits. The address is hashed: throttle rows hold none.
 */
export function recoveryCreationThrottleKeys(newEmailNormalized: string, ip: string | null): ThrottledKey[] {
  return [
    {
      key: `recovery-create:email:${hashToken(`recovery:${newEmailNormalized}`)}`,
      policy: { freeFailures: 2, baseDelayMs: 5 * MINUTE, maxDelayMs: HOUR, windowMs: HOUR },
    },
    {
      key: `recovery-create:ip:${ip ?? 'unknown'}`,
      policy: { freeFailures: 9, baseDelayMs: MINUTE, maxDelayMs: HOUR, windowMs: HOUR },
    },
  ];
}

/** New codes for one case: 5 resends an hour; the fifth shuts the door for the rest of the hour. */
export function recoveryResendThrottleKey(caseId: string): ThrottledKey {
  return {
    key: `recovery-resend:case:${caseId}`,
    policy: { freeFailures: 4, baseDelayMs: HOUR, maxDelayMs: HOUR, windowMs: HOUR },
  };
}
