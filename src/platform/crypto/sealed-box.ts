import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Authenticated encryption of small secrets at rest (outbox bodies that carry links, later
 * document keys): AES-256-GCM with a fresh random 96-bit IV per seal.
 *
 * Format, all ASCII so it fits a text column: `v1.<key id>.<base64url(iv ‖ ciphertext ‖ tag)>`.
 * The version names the algorithm, so a later one can be added without guessing; the key id is
 * a short fingerprint of the key, so "sealed with another master key" (two instances with
 * different keys) is told apart from tampering.
 * @example const box = seal(key, 'secret', 'email_outbox:42'); open(key, box, 'email_outbox:42') // Buffer 'secret'
 */

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type SealedBoxFailure = 'malformed' | 'unknown-version' | 'wrong-key' | 'tampered';

/** Opening failed; the message names the reason and never holds key or plaintext. */
export class SealedBoxError extends Error {
  constructor(readonly reason: SealedBoxFailure) {
    super(`cannot open sealed box: ${reason}`);
    this.name = 'SealedBoxError';
  }
}

/** A 6-byte fingerprint of the key (SHA-256 of a label and the key): tells keys apart, reveals nothing. */
export function keyId(key: Buffer): string {
  return createHash('sha256')
    .update('sesame sealed-box key id\0')
    .update(key)
    .digest()
    .subarray(0, 6)
    .toString('base64url');
}

function assertKey(key: Buffer): void {
  if (key.length !== 32) throw new Error('a sealed-box key must be 32 bytes');
}

/**
 * Encrypts `plaintext`. `aad` binds the box to where it is stored (e.g. the row id), so a box
 * copied to another row does not open there.
 */
export function seal(key: Buffer, plaintext: Buffer | string, aad = ''): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const payload = Buffer.concat([iv, body, cipher.getAuthTag()]);
  return `${VERSION}.${keyId(key)}.${payload.toString('base64url')}`;
}

/** Decrypts a box made by `seal` with the same key and `aad`; throws SealedBoxError otherwise. */
export function open(key: Buffer, sealed: string, aad = ''): Buffer {
  assertKey(key);
  const parts = sealed.split('.');
  if (parts.length !== 3) throw new SealedBoxError('malformed');
  const [version, id, encoded = ''] = parts;
  if (version !== VERSION) throw new SealedBoxError('unknown-version');
  if (id !== keyId(key)) throw new SealedBoxError('wrong-key');
  const payload = Buffer.from(encoded, 'base64url');
  if (payload.length < IV_BYTES + TAG_BYTES) throw new SealedBoxError('malformed');
  const iv = payload.subarray(0, IV_BYTES);
  const tag = payload.subarray(payload.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([
      decipher.update(payload.subarray(IV_BYTES, payload.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    // GCM's tag check failed: the ciphertext, the IV or the aad was changed.
    throw new SealedBoxError('tampered');
  }
}
