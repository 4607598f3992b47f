import { recordAuditEvent } from '../audit/audit.service.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { AppError } from '../platform/http/errors.ts';
import { readStoredDocument } from '../recovery/documents/document-intake.ts';
import { assertStaffCan } from '../staff/core/permissions.ts';
import type { StaffUser } from '../staff/core/staff.ts';
import type { TicketAttachment } from './ticket.ts';
import { getTicketAttachmentForReading } from './ticket-attachments.repository.ts';
import { getTicketByReference } from './tickets.repository.ts';

/**
 * A file attached to an emailed ticket, decrypted for a staff member. The view is audited (and
 * committed) before a byte is decrypted, as for recovery documents.
 */
export async function readTicketAttachmentAsStaff(
  deps: Deps,
  staff: StaffUser,
  reference: string,
  attachmentId: string,
  meta: RequestMeta,
): Promise<{ reference: string; attachment: TicketAttachment; bytes: Buffer }> {
  assertStaffCan(staff.role, 'tickets.view');
  const ticket = await getTicketByReference(deps.db, reference);
  const stored = ticket ? await getTicketAttachmentForReading(deps.db, ticket.id, attachmentId) : null;
  if (!ticket || !stored?.storageKey || !stored.wrappedKey) throw new AppError('NOT_FOUND');
  await deps.db.transaction().execute((tx) =>
    recordAuditEvent(tx, deps.clock, {
      actor: { type: 'staff', id: staff.id },
      accountId: ticket.accountId,
      action: 'staff.ticket.attachment_viewed',
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: { reference: ticket.reference, attachmentId: stored.id, mediaType: stored.mediaType },
    }),
  );
  const bytes = await readStoredDocument(deps, {
    id: stored.id,
    storageKey: stored.storageKey,
    wrappedKey: stored.wrappedKey,
  });
  const { storageKey: _key, wrappedKey: _wrapped, ...attachment } = stored;
  return { reference: ticket.reference, attachment, bytes };
}
