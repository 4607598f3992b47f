import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random token of `bytes` bytes from the CSPRNG, base64url (32 bytes = 256 bits by default). */
export function createRandomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 of a token, hex: the only form in which tokens are stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time comparison of two strings of any length. */
export function constantTimeEqual(a: string, b: string): boolean {
  // Hashing first gives equal-length buffers, so timingSafeEqual never throws and length leaks nothing.
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}
