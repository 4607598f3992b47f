import { hashToken } from '../platform/crypto/tokens.ts';
import { throttleAddress } from '../platform/net/client-address.ts';
import type { ThrottledKey } from '../platform/throttle/throttle.service.ts';

const MINUTE = 60_000;

export type SignInThrottle = {
  /** Every key one guess counts against. */
  keys: ThrottledKey[];
  /** Forgotten after a right password: the failures of this account from this IP (or device). */
  clearedOnSuccess: string[];
  /** Handed back after a right password: a success is not a failure. */
  refundedOnSuccess: string[];
  /** The keys about this account (not the IP's): what a password reset by the owner forgets. */
  accountKeys: string[];
};

/**
 * Sign-in throttling, per account and per IP:
 * - account from one IP: 5 free failures, then 1 s, 2 s, 4 s… up to 15 min — stops a guesser;
 * - account from anywhere: 20 free failures, capped at 1 min — slows a distributed attack while a
 *   stranger can never keep the real owner (on another IP) out for more than a minute; a browser
 *   that signed in to this account before (a valid device cookie, see device-cookie.ts) is not
 *   subject to it at all, and counts on its own device key instead (same policy as per IP);
 * - one IP on any accounts: 30 free failures, up to 15 min — stops password spraying.
 * IPv6 addresses count by /64 (see client-address.ts). The typed address is hashed into the key:
 * throttle rows hold no address and no mistyped password.
 */
export function signInThrottleKeys(
  scope: 'customer' | 'staff',
  emailKey: string,
  ip: string | null,
  trustedDevice: string | null = null,
): SignInThrottle {
  const account = hashToken(`${scope}:${emailKey}`);
  const address = throttleAddress(ip);
  const perAccountPolicy = {
    freeFailures: 5,
    baseDelayMs: 1000,
    maxDelayMs: 15 * MINUTE,
    windowMs: 60 * MINUTE,
  };
  const accountFromIp = { key: `${scope}-signin:account-ip:${account}:${address}`, policy: perAccountPolicy };
  const perIp = {
    key: `${scope}-signin:ip:${address}`,
    policy: { freeFailures: 30, baseDelayMs: 1000, maxDelayMs: 15 * MINUTE, windowMs: 60 * MINUTE },
  };
  const accountWide = trustedDevice
    ? { key: `${scope}-signin:device:${account}:${hashToken(trustedDevice)}`, policy: perAccountPolicy }
    : {
        key: `${scope}-signin:account:${account}`,
        policy: { freeFailures: 20, baseDelayMs: 1000, maxDelayMs: MINUTE, windowMs: 60 * MINUTE },
      };
  return {
    keys: [accountFromIp, accountWide, perIp],
    clearedOnSuccess: trustedDevice ? [accountFromIp.key, accountWide.key] : [accountFromIp.key],
    refundedOnSuccess: trustedDevice ? [perIp.key] : [accountWide.key, perIp.key],
    accountKeys: [accountFromIp.key, accountWide.key],
  };
}
