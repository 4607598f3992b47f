import { recordAuditEvent } from '../audit/audit.service.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import {
  getPendingEmailChangeRequestOfAccount,
  invalidateEmailChangeRequestsOfAccount,
} from './email-change.repository.ts';
import type { EmailChangeRequest } from './email-change.ts';

/** The change of address the fiche waits for (newest link still usable), or null. */
export async function getPendingEmailChange(
  deps: Deps,
  accountId: string,
): Promise<EmailChangeRequest | null> {
  return getPendingEmailChangeRequestOfAccount(deps.db, accountId, deps.clock.now());
}

export type EmailChangeCancellation = { ok: true } | { ok: false; reason: 'nothing_pending' };

/**
 * « Annuler la modification »: every confirmation link of the account still awaiting use dies, in one
 * compare-and-set UPDATE. Of a cancel and a confirmation racing, exactly one wins: the confirmation's
 * UPDATE (used_at) and this one (invalidated_at) both require the other stamp to be empty, so the
 * second to reach the row matches nothing — the fiche either changed (and this answers nothing_pending)
 * or kept its address (and the link answers invalid-token).
 */
export async function cancelEmailChange(
  deps: Deps,
  accountId: string,
  meta: RequestMeta,
): Promise<EmailChangeCancellation> {
  return deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    // Read for the audit event only; the UPDATE below decides.
    const pending = await getPendingEmailChangeRequestOfAccount(tx, accountId, now);
    const cancelled = await invalidateEmailChangeRequestsOfAccount(tx, accountId, now);
    if (cancelled === 0) return { ok: false, reason: 'nothing_pending' } as const;
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'customer', id: accountId },
      accountId,
      action: 'email_change.cancelled',
      ...meta,
      details: { newEmail: pending?.newEmail ?? null, cancelled },
    });
    return { ok: true } as const;
  });
}
