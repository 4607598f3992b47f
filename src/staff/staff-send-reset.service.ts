import { lockAccountById } from '../accounts/accounts.repository.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import { issuePasswordResetLink } from '../password-reset/password-reset.service.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { AppError } from '../platform/http/errors.ts';
import { assertStaffCan } from './core/permissions.ts';
import type { StaffUser } from './core/staff.ts';

/**
 * "New access to the email on file": support sends the ordinary reset link to the address stored
 * on the fiche. The caller gives an account id and nothing else — no address, no password — so
 * staff can neither redirect the link nor learn the password. The token, the queued email and the
 * audit event commit together.
 */
export async function sendResetLinkToEmailOnFile(
  deps: Deps,
  staff: Pick<StaffUser, 'id' | 'role'>,
  accountId: string,
  meta: RequestMeta,
): Promise<void> {
  assertStaffCan(staff.role, 'accounts.send_reset');
  await deps.db.transaction().execute(async (tx) => {
    // Locked so that an email change confirmed at the same moment cannot slip between read and send.
    const account = await lockAccountById(tx, accountId);
    if (!account) throw new AppError('NOT_FOUND');
    const { superseded } = await issuePasswordResetLink(tx, deps, account);
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'staff', id: staff.id },
      accountId,
      action: 'staff.reset_link_sent',
      ...meta,
      details: { superseded },
    });
  });
}
