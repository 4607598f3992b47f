import type { AccountType } from '../../accounts/account.ts';
import type { RecoveryCase } from '../case.ts';
import {
  type DocumentKind,
  type RecoveryDocument,
  requiredDocumentKinds,
} from '../documents/document-kinds.ts';

/** Every requirement of a case: its documents, plus the verified new email and the sworn statement. */
export type RecoveryRequirement = DocumentKind | 'new_email_verified' | 'declaration';

export function recoveryRequirementsFor(type: AccountType): readonly RecoveryRequirement[] {
  return [...requiredDocumentKinds[type], 'new_email_verified', 'declaration'];
}

/** Which requirements a case meets, from its documents and fields. */
export function recoveryRequirementStatus(
  recoveryCase: Pick<RecoveryCase, 'accountType' | 'newEmailVerifiedAt' | 'declaration'>,
  documents: readonly Pick<RecoveryDocument, 'kind' | 'purgedAt'>[],
): { kind: RecoveryRequirement; satisfied: boolean }[] {
  const present = new Set(documents.filter((d) => d.purgedAt === null).map((d) => d.kind));
  return recoveryRequirementsFor(recoveryCase.accountType).map((kind) => ({
    kind,
    satisfied:
      kind === 'new_email_verified'
        ? recoveryCase.newEmailVerifiedAt !== null
        : kind === 'declaration'
          ? recoveryCase.declaration !== null
          : present.has(kind),
  }));
}
