import type { Deps, RequestMeta } from '../../platform/deps.ts';
import { AppError, validationError } from '../../platform/http/errors.ts';
import type { RecoveryCase } from '../case.ts';
import { recordRecoveryEvent } from '../case-events.ts';
import { lockRecoveryCaseById, updateRecoveryCase } from '../cases.repository.ts';
import { discardStoredDocument, intakeDocument } from '../documents/document-intake.ts';
import {
  type DocumentKind,
  type RecoveryDocument,
  uploadableDocumentKinds,
} from '../documents/document-kinds.ts';
import { insertRecoveryDocument, listRecoveryDocumentsByCase } from '../documents/documents.repository.ts';
import { claimantEditableStatuses } from './claimant-submit.service.ts';

/** Enough for every piece in several pages and a few replacements; more is a sign of abuse. */
export const MAX_DOCUMENTS_PER_CASE = 20;

/**
 * Adds a document of a required or optional kind while the claimant may still change the case (a
 * draft, or complements asked by support). The file is checked, re-encoded, encrypted and stored
 * first (outside the transaction: that is slow work); then one transaction saves its row and the
 * event. When that fails, the stored ciphertext is removed, so a refused upload leaves nothing behind.
 */
export async function addRecoveryDocument(
  deps: Deps,
  input: {
    recoveryCase: RecoveryCase;
    kind: unknown;
    file: { filename: string | null; bytes: Buffer } | null;
  },
  meta: RequestMeta,
): Promise<RecoveryDocument> {
  const { recoveryCase } = input;
  // Required ∪ optional: an optional kind goes through the same intake, scan and limits.
  const allowed: readonly string[] = uploadableDocumentKinds(recoveryCase.accountType);
  const errors = [];
  if (typeof input.kind !== 'string' || !allowed.includes(input.kind))
    errors.push({ field: 'kind', code: input.kind ? 'recovery_kind_not_required' : 'required' });
  if (!input.file || input.file.bytes.length === 0) errors.push({ field: 'file', code: 'required' });
  if (errors.length > 0) throw validationError(errors);
  // Checked before the intake too, so a refused case costs no re-encoding and stores nothing.
  if (!claimantEditableStatuses.includes(recoveryCase.status)) throw new AppError('RECOVERY_STATE_CONFLICT');
  const kind = input.kind as DocumentKind;
  const file = input.file as { filename: string | null; bytes: Buffer };

  const intaken = await intakeDocument(deps, { bytes: file.bytes, originalName: file.filename });
  const document: RecoveryDocument = {
    id: intaken.id,
    caseId: recoveryCase.id,
    kind,
    mediaType: intaken.mediaType,
    size: intaken.size,
    originalName: intaken.originalName,
    pageCount: intaken.pageCount,
    scanStatus: intaken.scanStatus,
    uploadedAt: deps.clock.now(),
    purgedAt: null,
  };
  try {
    await deps.db.transaction().execute(async (tx) => {
      const locked = await lockRecoveryCaseById(tx, recoveryCase.id);
      if (!locked || !claimantEditableStatuses.includes(locked.status))
        throw new AppError('RECOVERY_STATE_CONFLICT');
      const existing = await listRecoveryDocumentsByCase(tx, locked.id);
      if (existing.length >= MAX_DOCUMENTS_PER_CASE)
        throw validationError([{ field: 'file', code: 'recovery_too_many_documents' }]);
      await insertRecoveryDocument(tx, {
        ...document,
        storageKey: intaken.storageKey,
        wrappedKey: intaken.wrappedKey,
      });
      await updateRecoveryCase(tx, locked.id, {
        last_activity_at: document.uploadedAt,
        updated_at: document.uploadedAt,
      });
      await recordRecoveryEvent(tx, deps, locked, {
        actor: { type: 'claimant' },
        action: 'recovery.document_added',
        meta,
        visibleToClaimant: true,
        documentKind: kind,
        details: { kind, documentId: document.id, mediaType: document.mediaType, size: document.size },
      });
    });
  } catch (error) {
    await discardStoredDocument(deps, intaken.storageKey);
    throw error;
  }
  return document;
}
