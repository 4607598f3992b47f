import type { Deps, RequestMeta } from '../../platform/deps.ts';
import { AppError, validationError } from '../../platform/http/errors.ts';
import type { UploadReader } from '../../platform/http/multipart-upload.ts';
import type { RecoveryCase } from '../case.ts';
import { recordRecoveryEvent } from '../case-events.ts';
import { lockRecoveryCaseById, updateRecoveryCase } from '../cases.repository.ts';
import {
  discardStoredDocument,
  type IntakenDocument,
  intakeDocumentStream,
} from '../documents/document-intake.ts';
import {
  type DocumentKind,
  type RecoveryDocument,
  uploadableDocumentKinds,
} from '../documents/document-kinds.ts';
import { insertRecoveryDocument, listRecoveryDocumentsByCase } from '../documents/documents.repository.ts';
import { claimantEditableStatuses } from './claimant-submit.service.ts';

/** Enough for every piece in several pages and a few replacements; more is a sign of abuse. */
export const MAX_DOCUMENTS_PER_CASE = 20;

function validateKind(recoveryCase: RecoveryCase, kind: unknown): { field: string; code: string } | null {
  // Required ∪ optional: an optional kind goes through the same intake, scan and limits.
  const allowed: readonly string[] = uploadableDocumentKinds(recoveryCase.accountType);
  if (typeof kind === 'string' && allowed.includes(kind)) return null;
  return { field: 'kind', code: kind ? 'recovery_kind_not_required' : 'required' };
}

/**
 * Adds a document of a required or optional kind while the claimant may still change the case (a
 * draft, or complements asked by support). The file is checked, re-encoded, encrypted and stored
 * while it is read (outside the transaction: that is slow work); then one transaction saves its
 * row and the event. When anything fails, the stored ciphertext is removed, so a refused upload
 * leaves nothing behind.
 */
export async function addRecoveryDocument(
  deps: Deps,
  input: { recoveryCase: RecoveryCase; readUpload: UploadReader },
  meta: RequestMeta,
): Promise<RecoveryDocument> {
  const { recoveryCase } = input;
  // Checked before reading the file, so a refused case costs no re-encoding and stores nothing.
  if (!claimantEditableStatuses.includes(recoveryCase.status)) throw new AppError('RECOVERY_STATE_CONFLICT');
  let intaken: IntakenDocument | null = null;
  try {
    const upload = await input.readUpload(async (file, fieldsBefore) => {
      // `kind` sent before the file (API.md's order): a wrong one is refused before any intake work.
      const kindError = 'kind' in fieldsBefore ? validateKind(recoveryCase, fieldsBefore.kind) : null;
      if (kindError) throw validationError([kindError]);
      intaken = await intakeDocumentStream(deps, { stream: file.stream, originalName: file.filename });
      return intaken;
    });
    const errors = [validateKind(recoveryCase, upload.fields.kind)].filter((e) => e !== null);
    // No file, or an empty one.
    if (!upload.file) errors.push({ field: 'file', code: 'required' });
    if (errors.length > 0) throw validationError(errors);
    return await saveRecoveryDocument(deps, {
      recoveryCase,
      kind: upload.fields.kind as DocumentKind,
      intaken: upload.file as IntakenDocument,
      meta,
    });
  } catch (error) {
    const stored = intaken as IntakenDocument | null;
    if (stored) await discardStoredDocument(deps, stored.storageKey);
    throw error;
  }
}

/** The row and its event, in one transaction, once the file is stored. */
async function saveRecoveryDocument(
  deps: Deps,
  input: { recoveryCase: RecoveryCase; kind: DocumentKind; intaken: IntakenDocument; meta: RequestMeta },
): Promise<RecoveryDocument> {
  const { recoveryCase, kind, intaken, meta } = input;
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
  return document;
}
