import { recordAuditEvent } from '../audit/audit.service.ts';
import type { AuditAction, AuditDetails } from '../audit/audit.ts';
import type { Tx } from '../platform/db/database.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import type { RecoveryCase, RecoveryCaseEvent } from './case.ts';
import { insertRecoveryCaseEvent } from './case-timeline.repository.ts';
import type { DocumentKind } from './documents/document-kinds.ts';

/** Who acted on a case. The claimant has no account of their own: the audit log sees them as anonymous. */
export type RecoveryActor =
  | { type: 'claimant' }
  | { type: 'staff'; id: string }
  | { type: 'system' }
  | { type: 'previous_owner' };

/**
 * Inside the caller's transaction: writes the case's timeline entry and the audit event together,
 * so every transition is both readable on the case and proven in the hash-chained log.
 * `message` is shown to staff (and to the claimant when `visibleToClaimant`); it never goes to the audit log.
 */
export async function recordRecoveryEvent(
  tx: Tx,
  deps: Pick<Deps, 'clock'>,
  recoveryCase: Pick<RecoveryCase, 'id' | 'reference' | 'accountId' | 'status'>,
  input: {
    actor: RecoveryActor;
    action: AuditAction;
    meta: RequestMeta;
    message?: string | null;
    visibleToClaimant?: boolean;
    /** The piece the entry is about: the timeline names it (the audit details carry it too). */
    documentKind?: DocumentKind | null;
    details?: AuditDetails;
  },
): Promise<void> {
  const actorId = input.actor.type === 'staff' ? input.actor.id : null;
  const event: Omit<RecoveryCaseEvent, 'id'> & { caseId: string } = {
    caseId: recoveryCase.id,
    occurredAt: deps.clock.now(),
    actorType: input.actor.type,
    actorId,
    // The audit action without its domain prefix names the timeline entry (e.g. 'submitted').
    event: input.action.replace(/^(staff\.)?recovery\./, ''),
    message: input.message ?? null,
    visibleToClaimant: input.visibleToClaimant ?? false,
    documentKind: input.documentKind ?? null,
  };
  await insertRecoveryCaseEvent(tx, event);
  await recordAuditEvent(tx, deps.clock, {
    actor: {
      type: input.actor.type === 'staff' ? 'staff' : input.actor.type === 'system' ? 'system' : 'anonymous',
      id: actorId,
    },
    accountId: recoveryCase.accountId,
    action: input.action,
    ip: input.meta.ip,
    userAgent: input.meta.userAgent,
    details: { reference: recoveryCase.reference, status: recoveryCase.status, ...input.details },
  });
}
