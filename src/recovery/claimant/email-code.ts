import { createHmac, hkdfSync, randomInt } from 'node:crypto';
import { constantTimeEqual } from '../../platform/crypto/tokens.ts';

/**
 * The 6-digit code that proves the claimant reads the new address. Six digits are guessable with
 * enough tries, so a code lives 10 minutes, takes 5 wrong answers at most, and a new one can only
 * be asked for sparingly (see claimant-throttle.ts): a few dozen guesses an hour out of a million.
 */

export const RECOVERY_CODE_TTL_MINUTES = 10;
export const RECOVERY_CODE_MAX_ATTEMPTS = 5;
/** A new code may not be sent within this many seconds of the last one. */
export const RECOVERY_CODE_RESEND_SECONDS = 60;

/** Six digits from the CSPRNG, leading zeros kept. */
export function createRecoveryEmailCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

// A key of its own, derived from the master key: a code HMAC reveals nothing of other secrets, and
// a stolen database alone cannot be brute-forced (a plain SHA-256 of six digits falls in a second).
function codeKey(masterKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'sesame:recovery-email-code:v1', 32));
}

/** HMAC-SHA256 of the code, bound to its case so one case's hash never fits another. */
export function hashRecoveryEmailCode(masterKey: Buffer, caseId: string, code: string): string {
  return createHmac('sha256', codeKey(masterKey)).update(`${caseId}:${code}`).digest('hex');
}

/** Compares a typed code with the stored HMAC in constant time. */
export function recoveryEmailCodeMatches(
  masterKey: Buffer,
  caseId: string,
  code: string,
  storedHash: string,
): boolean {
  return constantTimeEqual(hashRecoveryEmailCode(masterKey, caseId, code), storedHash);
}

export function recoveryCodeExpiry(now: Date): Date {
  return new Date(now.getTime() + RECOVERY_CODE_TTL_MINUTES * 60_000);
}
