import { hashToken } from '../platform/crypto/tokens.ts';
import type { ThrottledKey } from '../platform/throttle/throttle.service.ts';

const MINUTE = 60_000;

/**
 * Sign-in throttling, per account and per IP:
 * - account from one IP: 5 free failures, then 1 s, 2 s, 4 s… up to 15 min — stops a guesser;
 * - account from anywhere: 20 free failures, capped at 1 min — slows a distributed attack while a
 *   stranger can never keep the real owner (on another IP) out for more than a minute;
 * - one IP on any accounts: 30 free failures, up to 15 min — stops password spraying.
 * The typed address is hashed into the key: throttle rows hold no address and no mistyped password.
 */
export function signInThrottleKeys(
  scope: 'customer' | 'staff',
  emailKey: string,
  ip: string | null,
): ThrottledKey[] {
  const account = hashToken(`${scope}:${emailKey}`);
  const address = ip ?? 'unknown';
  return [
    {
      key: `${scope}-signin:account-ip:${account}:${address}`,
      policy: { freeFailures: 5, baseDelayMs: 1000, maxDelayMs: 15 * MINUTE, windowMs: 60 * MINUTE },
    },
    {
      key: `${scope}-signin:account:${account}`,
      policy: { freeFailures: 20, baseDelayMs: 1000, maxDelayMs: MINUTE, windowMs: 60 * MINUTE },
    },
    {
      key: `${scope}-signin:ip:${address}`,
      policy: { freeFailures: 30, baseDelayMs: 1000, maxDelayMs: 15 * MINUTE, windowMs: 60 * MINUTE },
    },
  ];
}
