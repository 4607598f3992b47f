import type { AccountType } from '../../accounts/account.ts';
import type { RecoveryCase, RecoveryChecklistEntry } from '../case.ts';

/**
 * The review checklist per account type, written from the provider's requirements. Each item must
 * be verified, with a note, before a case can be approved.
 */
export const checklistItemsByType: Readonly<Record<AccountType, readonly string[]>> = {
  individual: [
    'identity_document_valid',
    'identity_name_matches_fiche',
    'declaration_present',
    'letter_handwritten_signed',
    'letter_gives_new_email',
    'pieces_coherent',
  ],
  company: [
    'kbis_recent',
    'kbis_matches_fiche',
    'identity_document_valid',
    'identity_name_matches_fiche',
    'declaration_present',
    'letter_handwritten_signed',
    'letter_gives_new_email',
    'pieces_coherent',
  ],
  association: [
    'statutes_recent_name_president',
    'identity_document_valid',
    'identity_both_sides',
    'identity_name_matches_president',
    'declaration_present',
    'letter_handwritten_signed_by_president',
    'letter_gives_new_email',
    'pieces_coherent',
  ],
};

export type ChecklistView = {
  item: string;
  verified: boolean;
  note: string | null;
  staffId: string | null;
  updatedAt: Date | null;
};

/** Every item of the type's checklist, in order; items never touched are listed as unverified. */
export function checklistFor(
  recoveryCase: Pick<RecoveryCase, 'accountType'>,
  entries: readonly RecoveryChecklistEntry[],
): ChecklistView[] {
  const byItem = new Map(entries.map((e) => [e.item, e]));
  return checklistItemsByType[recoveryCase.accountType].map((item) => {
    const entry = byItem.get(item);
    return entry
      ? {
          item,
          verified: entry.verified,
          note: entry.note,
          staffId: entry.staffId,
          updatedAt: entry.updatedAt,
        }
      : { item, verified: false, note: null, staffId: null, updatedAt: null };
  });
}
