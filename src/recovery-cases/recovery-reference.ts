import { randomInt } from 'node:crypto';

/**
 * Case references such as `R-7KQ2-M9XD`: short enough to read over the phone, random (40 bits) so
 * they reveal neither how many cases exist nor when one was opened. Crockford's alphabet without
 * I, L, O and U: nothing to confuse with 1, 0 or V, and no accidental words.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function createRecoveryReference(): string {
  const pick = () => ALPHABET[randomInt(0, ALPHABET.length)];
  const group = () => Array.from({ length: 4 }, pick).join('');
  return `R-${group()}-${group()}`;
}

/** Reads a reference as typed (spaces, lower case, O for 0…) into its canonical form; null when it cannot be a reference. */
export function normalizeRecoveryReference(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const match = /^R([0-9A-HJKMNP-TV-Z]{4})([0-9A-HJKMNP-TV-Z]{4})$/.exec(compact);
  if (match) return `R-${match[1]}-${match[2]}`;
  // Not one of ours as typed: looked up as is (upper case), so older or imported references still open.
  const plain = input.trim().toUpperCase();
  return /^[A-Z0-9-]{1,40}$/.test(plain) ? plain : null;
}
