import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { runArgon2 } from './argon2-queue.ts';

// Password hashing with argon2id. @node-rs/argon2 runs the work on libuv's thread pool, so a
// sign-in never blocks the event loop; every call goes through the per-process cap of
// argon2-queue.ts, so a burst cannot fill that pool (PasswordHashingBusyError beyond it).

/** OWASP's argon2id parameters: 19 MiB of memory, 2 passes, 1 lane. */
export const ARGON2_PARAMETERS = Object.freeze({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });

/** The longest password the policy accepts, in Unicode code points (see password-policy.ts). */
export const MAX_PASSWORD_LENGTH = 128;

/**
 * The hard cap, in UTF-8 bytes, on anything given to argon2. Far above the policy so legacy
 * passwords still verify, low enough that a huge request body is refused before any hashing.
 */
export const MAX_PASSWORD_BYTES = 1024;

// Algorithm.Argon2id and Version.V0x13 are ambient const enums, which isolatedModules forbids reading.
const ARGON2ID = 2;
const VERSION_0X13 = 1;
const hashOptions = { ...ARGON2_PARAMETERS, algorithm: ARGON2ID, version: VERSION_0X13 } as const;

const PHC_ARGON2 = /^\$(argon2(?:id|i|d))\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$/;

function exceedsHardCap(password: string): boolean {
  return Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES;
}

/**
 * Hashes a password with the current parameters; refuses one above the hard byte cap.
 * @example const stored = await hashPassword('Cheval-Agrafe-Batterie-42'); // "$argon2id$v=19$m=19456,t=2,p=1$…"
 */
export async function hashPassword(password: string): Promise<string> {
  // The policy already stops such passwords; this guards callers that skipped it.
  if (exceedsHardCap(password)) throw new RangeError(`Password longer than ${MAX_PASSWORD_BYTES} bytes`);
  return runArgon2(() => hash(password, hashOptions));
}

/**
 * Verifies a password against a stored PHC string. `needsRehash` is true when the password is
 * right but the hash was made with another algorithm, version or parameters, so the caller can
 * store a fresh hash at sign-in.
 */
export async function verifyPassword(
  storedHash: string,
  password: string,
): Promise<{ valid: boolean; needsRehash: boolean }> {
  if (exceedsHardCap(password)) {
    // Same work as a normal failure, so the answer's timing does not single out huge inputs.
    await verifyDummyPassword('');
    return { valid: false, needsRehash: false };
  }
  const valid = await runArgon2(() => verify(storedHash, password));
  // Only a correct password may be rehashed: there is nothing to upgrade from a wrong one.
  return { valid, needsRehash: valid && hashNeedsRehash(storedHash) };
}

/** True when a PHC string was not made with argon2id v=19 and the current m, t and p. */
export function hashNeedsRehash(storedHash: string): boolean {
  const match = PHC_ARGON2.exec(storedHash);
  if (!match) return true;
  const [, algorithm, version, m, t, p] = match;
  return (
    algorithm !== 'argon2id' ||
    version !== '19' ||
    Number(m) !== ARGON2_PARAMETERS.memoryCost ||
    Number(t) !== ARGON2_PARAMETERS.timeCost ||
    Number(p) !== ARGON2_PARAMETERS.parallelism
  );
}

let dummyHash: Promise<string> | null = null;

/**
 * Does the work of a real verification and throws the result away. Used for unknown emails so
 * that sign-in takes the same time whether or not the account exists.
 */
export async function verifyDummyPassword(password: string): Promise<void> {
  // Computed once, lazily: startup stays fast, and the random input means no password matches it.
  dummyHash ??= runArgon2(() => hash(randomBytes(32).toString('base64url'), hashOptions)).catch(
    (error: unknown) => {
      // A failed computation is not cached: the next call tries again.
      dummyHash = null;
      throw error;
    },
  );
  // A huge input is swapped for an empty one: same argon2 cost, without hashing the whole input.
  const stored = await dummyHash;
  await runArgon2(() => verify(stored, exceedsHardCap(password) ? '' : password));
}
