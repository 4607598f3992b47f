/** Codes of the automatic flags the product raises; each blocks approval until resolved. */
export const recoveryFlagCodes = [
  // The previous address objected during the objection window.
  'objection',
  // The new email is already the address of another fiche.
  'new_email_in_use',
  // The linked account matches none of the hints the claimant gave.
  'account_hint_mismatch',
  // The claimant's name differs from the holder (or contact) on the linked fiche.
  'claimant_name_mismatch',
  // The new email could not be given to the account at completion (taken in the meantime).
  'completion_failed',
] as const;
export type RecoveryFlagCode = (typeof recoveryFlagCodes)[number];

export type RecoveryFlag = {
  id: string;
  caseId: string;
  code: RecoveryFlagCode | string;
  details: Record<string, unknown>;
  raisedAt: Date;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  resolutionNote: string | null;
};
