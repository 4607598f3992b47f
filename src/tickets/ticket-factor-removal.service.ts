import { getAccountById } from '../accounts/accounts.repository.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { AppError } from '../platform/http/errors.ts';
import { enqueueFactorChangeNotice, getFactorState, hasAnyFactor } from '../second-factor/factor-state.ts';
import { removeEverySecondFactor } from '../second-factor/remove-second-factors.ts';
import { assertStaffCan } from '../staff/core/permissions.ts';
import type { StaffUser } from '../staff/core/staff.ts';
import { getTicketByReference, lockTicketById } from './tickets.repository.ts';

/**
 * A supervisor removes every second factor of a customer who lost them, from a ticket whose
 * sender is verified (signed in to the portal, or an email that passed DMARC for the address on
 * file) — the only staff path besides a recovery case's completion. Staff never see a secret;
 * the action is audited and the fiche's address is told. Refused when the ticket has no account,
 * an unverified sender, or the account has no factor.
 */
export async function removeFactorsFromTicket(
  deps: Deps,
  staff: StaffUser,
  reference: string,
  meta: RequestMeta,
): Promise<void> {
  assertStaffCan(staff.role, 'accounts.remove_factors');
  const found = await getTicketByReference(deps.db, reference);
  if (!found) throw new AppError('NOT_FOUND');
  await deps.db.transaction().execute(async (tx) => {
    const ticket = await lockTicketById(tx, found.id);
    if (!ticket) throw new AppError('NOT_FOUND');
    if (!ticket.accountId || !ticket.senderVerified) throw new AppError('CONFLICT');
    const account = await getAccountById(tx, ticket.accountId);
    if (!account) throw new AppError('NOT_FOUND');
    if (!hasAnyFactor(await getFactorState(tx, account.id))) throw new AppError('CONFLICT');
    const removed = await removeEverySecondFactor(tx, account.id, deps.clock.now());
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'staff', id: staff.id },
      accountId: account.id,
      action: 'mfa.factors_removed_by_staff',
      ...meta,
      details: {
        ticket: ticket.reference,
        totpRemoved: removed.totp,
        passkeysRemoved: removed.passkeys,
        unusedRecoveryEntriesRemoved: removed.recoveryCodes,
      },
    });
    await enqueueFactorChangeNotice(tx, deps, account, { kind: 'removed_by_support' }, true);
  });
}
