import { randomUUID } from 'node:crypto';
import type { Tx } from '../../platform/db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/http/errors.ts';
import {
  discardStoredDocument,
  type IntakenDocument,
  intakeDocument,
  sanitizeOriginalName,
} from '../../recovery/documents/document-intake.ts';
import { insertTicketAttachment } from '../ticket-attachments.repository.ts';
import { insertTicketMessage } from '../tickets.repository.ts';
import { type InboundAttachment, MAX_ATTACHMENTS } from './inbound-email.ts';

/**
 * Email attachments go through the same intake as recovery documents (PDF/JPEG/PNG by content,
 * images re-encoded, encrypted PDFs refused, clamd scan, encrypted at rest). A refused file is not
 * kept; support sees its name and why in a system note on the ticket.
 */

export type RefusedAttachment = { name: string; reason: string };
export type IntakenAttachments = { accepted: IntakenDocument[]; refused: RefusedAttachment[] };

/** Before the transaction (scanning and re-encoding are slow). Throws only SCANNER_UNAVAILABLE, a transient failure. */
export async function intakeEmailAttachments(
  deps: Pick<Deps, 'config' | 'masterKey' | 'log' | 'storage'>,
  attachments: readonly InboundAttachment[],
): Promise<IntakenAttachments> {
  const result: IntakenAttachments = { accepted: [], refused: [] };
  try {
    for (const [index, attachment] of attachments.entries()) {
      const name = sanitizeOriginalName(attachment.filename) ?? `#${index + 1}`;
      if (index >= MAX_ATTACHMENTS) {
        result.refused.push({ name, reason: 'too_many_attachments' });
        continue;
      }
      try {
        result.accepted.push(
          await intakeDocument(deps, { bytes: attachment.content, originalName: attachment.filename }),
        );
      } catch (error) {
        if (!(error instanceof AppError) || error.code === 'SCANNER_UNAVAILABLE') throw error;
        result.refused.push({ name, reason: error.type });
      }
    }
  } catch (error) {
    await discardEmailAttachments(deps, result);
    throw error;
  }
  return result;
}

/** When the intake transaction fails: no ciphertext is left without a row. */
export async function discardEmailAttachments(
  deps: Pick<Deps, 'storage'>,
  intaken: IntakenAttachments,
): Promise<void> {
  for (const document of intaken.accepted) {
    await discardStoredDocument(deps, document.storageKey).catch(() => {});
  }
}

/** Inside the intake transaction: the rows of accepted files, and a system note naming the refused ones. */
export async function saveEmailAttachments(
  tx: Tx,
  deps: Pick<Deps, 'clock'>,
  target: { ticketId: string; messageId: string },
  intaken: IntakenAttachments,
): Promise<void> {
  const now = deps.clock.now();
  for (const document of intaken.accepted) {
    await insertTicketAttachment(tx, {
      id: document.id,
      ticketId: target.ticketId,
      messageId: target.messageId,
      originalName: document.originalName,
      mediaType: document.mediaType,
      size: document.size,
      scanStatus: document.scanStatus,
      storageKey: document.storageKey,
      wrappedKey: document.wrappedKey,
      createdAt: now,
    });
  }
  if (intaken.refused.length === 0) return;
  // Stored data, read by staff (French back office); the reason codes are the problem types.
  const lines = intaken.refused.map((file) => `- ${file.name} (${file.reason})`);
  await insertTicketMessage(tx, {
    id: randomUUID(),
    ticketId: target.ticketId,
    authorType: 'system',
    authorStaffId: null,
    channel: 'email',
    body: `Pièces jointes refusées (non conservées)\u00a0:\n${lines.join('\n')}`,
    rfcMessageId: null,
    inReplyTo: null,
    fromAddress: null,
    senderVerified: null,
    verification: null,
    // Just after the message it is about, so the thread reads in order.
    createdAt: new Date(now.getTime() + 1),
  });
}
