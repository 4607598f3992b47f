import { createHash, randomBytes } from 'node:crypto';

/**
 * A customer's second factor: types and pure rules, no I/O.
 *
 * - One TOTP authenticator, active once a first code confirmed it (GitHub and Keycloak do the same).
 * - Passkeys (WebAuthn), several, named; discoverable, so one also signs in without the password.
 * - Ten recovery codes, shown once when the first factor is confirmed, regenerable; each works once.
 * - Sign-in with a factor is two steps: the password opens a *pending sign-in* (a short-lived
 *   cookie that is not a session), the factor turns it into a session.
 */

/** What a pending sign-in can be completed with. */
export type SecondFactorMethod = 'totp' | 'passkey' | 'recovery_code';

/** How a session was authenticated, as stored on it and shown on the sessions page. */
export type SessionAuthMethod =
  | 'password'
  | 'password+totp'
  | 'password+passkey'
  | 'password+recovery_code'
  | 'passkey';

export const RECOVERY_CODE_COUNT = 10;
/** A pending sign-in lasts five minutes: long enough to open an authenticator app, no more. */
export const PENDING_SIGN_IN_TTL_MS = 5 * 60_000;
/** The issuer authenticator apps show beside the code. */
export const CUSTOMER_TOTP_ISSUER = 'Sésame';

// Crockford-like alphabet without 0/O, 1/I/L: codes are read off paper and typed back.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** Ten codes like `K7QF-9M2X-HT4P` (60 bits each: hashing them with SHA-256 is enough, no argon2). */
export function createRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

/** The form a typed code is compared in: case, spaces and dashes do not matter. */
export function normalizeRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/** SHA-256 of the normalized code: what is stored and looked up (the code itself never is). */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256')
    .update(`recovery-code:${normalizeRecoveryCode(code)}`)
    .digest('hex');
}

/** The session's method after a second factor. */
export function sessionAuthMethodFor(method: SecondFactorMethod): SessionAuthMethod {
  return `password+${method}`;
}
