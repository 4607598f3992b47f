import { constantTimeEqual, hashToken } from '../../platform/crypto/tokens.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { RecoveryCase, RecoveryCaseEvent } from '../case.ts';
import { listRecoveryCaseEvents } from '../case-timeline.repository.ts';
import { getRecoveryCaseCredentialByReference } from '../cases.repository.ts';
import type { RecoveryDocument } from '../documents/document-kinds.ts';
import { listRecoveryDocumentsByCase } from '../documents/documents.repository.ts';
import { normalizeRecoveryReference } from '../reference.ts';
import { type RecoveryRequirement, recoveryRequirementStatus } from './requirements.ts';

// Compared against when the reference is unknown, so both failures do the same work.
const NO_CASE_TOKEN_HASH = hashToken('no such recovery case');

/**
 * The case a claimant's token opens. Unknown reference and wrong token are the same NOT_FOUND, after
 * the same hash and constant-time comparison: nobody learns which references exist.
 */
export async function authenticateRecoveryCase(
  deps: Pick<Deps, 'db'>,
  reference: string,
  token: string | null | undefined,
): Promise<RecoveryCase> {
  const canonical = normalizeRecoveryReference(reference);
  const found = canonical ? await getRecoveryCaseCredentialByReference(deps.db, canonical) : null;
  const presented = hashToken(typeof token === 'string' ? token.slice(0, 256) : '');
  const matches = constantTimeEqual(presented, found?.caseTokenHash ?? NO_CASE_TOKEN_HASH);
  if (!found || !matches || !token) throw new AppError('NOT_FOUND');
  return found.recoveryCase;
}

export type RecoveryCaseView = {
  recoveryCase: RecoveryCase;
  requirements: { kind: RecoveryRequirement; satisfied: boolean }[];
  documents: RecoveryDocument[];
  events: RecoveryCaseEvent[];
};

/** What the claimant sees of their case: requirements, documents and the timeline meant for them. */
export async function getRecoveryCaseView(
  deps: Pick<Deps, 'db'>,
  recoveryCase: RecoveryCase,
): Promise<RecoveryCaseView> {
  const documents = (await listRecoveryDocumentsByCase(deps.db, recoveryCase.id)).filter(
    (d) => d.purgedAt === null,
  );
  const events = await listRecoveryCaseEvents(deps.db, recoveryCase.id, { claimantOnly: true });
  return {
    recoveryCase,
    requirements: recoveryRequirementStatus(recoveryCase, documents),
    documents,
    events,
  };
}

/** The unmet requirements of a case, in the order the claimant is asked. */
export function missingRequirements(view: Pick<RecoveryCaseView, 'requirements'>): RecoveryRequirement[] {
  return view.requirements.filter((r) => !r.satisfied).map((r) => r.kind);
}
