import { createReference, REFERENCE_GROUP } from '../platform/crypto/references.ts';

/** Case references such as `R-7KQ2-M9XD` (see platform/crypto/references.ts). */
export function createRecoveryReference(): string {
  return createReference('R');
}

/** Reads a reference as typed (spaces, lower case, O for 0…) into its canonical form; null when it cannot be a reference. */
export function normalizeRecoveryReference(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const match = new RegExp(`^R(${REFERENCE_GROUP})(${REFERENCE_GROUP})$`).exec(compact);
  if (match) return `R-${match[1]}-${match[2]}`;
  // Not one of ours as typed: looked up as is (upper case), so older or imported references still open.
  const plain = input.trim().toUpperCase();
  return /^[A-Z0-9-]{1,40}$/.test(plain) ? plain : null;
}
