import { randomInt } from 'node:crypto';

/**
 * Human references such as `R-7KQ2-M9XD` (recovery cases) or `T-7KQ2-M9XD` (tickets): short enough
 * to read over the phone, random (40 bits) so they reveal neither how many exist nor when one was
 * made. Crockford's alphabet without I, L, O and U: nothing to confuse with 1, 0 or V, no accidental words.
 * @example createReference('R') // 'R-7KQ2-M9XD'
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** One group of the alphabet, for patterns that find references in text. */
export const REFERENCE_GROUP = '[0-9A-HJKMNP-TV-Z]{4}';

export function createReference(prefix: string): string {
  const pick = () => ALPHABET[randomInt(0, ALPHABET.length)];
  const group = () => Array.from({ length: 4 }, pick).join('');
  return `${prefix}-${group()}-${group()}`;
}
