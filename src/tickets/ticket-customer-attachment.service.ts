import type { Account } from '../accounts/account.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { AppError, tooManyRequests } from '../platform/http/errors.ts';
import type { UploadReader } from '../platform/http/multipart-upload.ts';
import { consumeThrottleAttempt } from '../platform/throttle/throttle.service.ts';
import { discardStoredDocument, intakeDocumentStream } from '../recovery/documents/document-intake.ts';
import type { TicketAttachment } from './ticket.ts';
import { insertTicketAttachment } from './ticket-attachments.repository.ts';
import { getTicketByReference, lockTicketById } from './tickets.repository.ts';
import { appendTicketMessage } from './tickets.service.ts';

const HOUR = 3_600_000;

/**
 * The customer attaches a file to their ticket from the portal: the same intake as recovery documents
 * and emailed attachments (PDF/JPEG/PNG by content, images re-encoded, encrypted PDFs refused, clamd
 * when configured, encrypted at rest), then, in one transaction, a customer message naming the file
 * (which, like any customer message, puts the ticket back in support's queue) and the attachment row.
 * 30 files an hour per account. Another account's ticket is NOT_FOUND, like a missing one.
 */
export async function attachFileAsCustomer(
  deps: Deps,
  account: Pick<Account, 'id'>,
  reference: string,
  readUpload: UploadReader,
  meta: RequestMeta,
): Promise<TicketAttachment> {
  const found = await getTicketByReference(deps.db, reference);
  if (!found || found.accountId !== account.id) throw new AppError('NOT_FOUND');
  const key = {
    key: `ticket-attach:account:${account.id}`,
    policy: { freeFailures: 29, baseDelayMs: HOUR, maxDelayMs: HOUR, windowMs: HOUR },
  };
  const admitted = await consumeThrottleAttempt(deps.db, deps.clock, [key]);
  if (!admitted.ok) throw tooManyRequests(admitted.retryAfterMs / 1000);
  // Before the transaction, while the file arrives: checks, re-encoding and the scan are slow.
  const upload = await readUpload((file) =>
    intakeDocumentStream(deps, { stream: file.stream, originalName: file.filename }),
  );
  const document = upload.file;
  if (!document) throw new AppError('VALIDATION_FAILED', { errors: [{ field: 'file', code: 'required' }] });
  try {
    return await deps.db.transaction().execute(async (tx) => {
      const ticket = await lockTicketById(tx, found.id);
      if (!ticket) throw new AppError('NOT_FOUND');
      const now = deps.clock.now();
      const name = document.originalName ?? document.id;
      const { message, ticket: moved } = await appendTicketMessage(
        tx,
        now,
        ticket,
        { authorType: 'customer', channel: 'portal', body: `📎 ${name}` },
        'customer_message',
      );
      const attachment = await insertTicketAttachment(tx, {
        id: document.id,
        ticketId: ticket.id,
        messageId: message.id,
        originalName: document.originalName,
        mediaType: document.mediaType,
        size: document.size,
        scanStatus: document.scanStatus,
        storageKey: document.storageKey,
        wrappedKey: document.wrappedKey,
        createdAt: now,
      });
      await recordAuditEvent(tx, deps.clock, {
        actor: { type: 'customer', id: account.id },
        accountId: account.id,
        action: 'ticket.message_added',
        ip: meta.ip,
        userAgent: meta.userAgent,
        details: {
          reference: ticket.reference,
          channel: 'portal',
          from: ticket.status,
          to: moved.status,
          attachmentId: attachment.id,
          mediaType: attachment.mediaType,
          size: attachment.size,
        },
      });
      return attachment;
    });
  } catch (error) {
    // No ciphertext left without a row that could read or purge it.
    await discardStoredDocument(deps, document.storageKey).catch(() => {});
    throw error;
  }
}
