import { recordAuditEvent } from '../../audit/audit.service.ts';
import type { Deps, RequestMeta } from '../../platform/deps.ts';
import { AppError } from '../../platform/http/errors.ts';
import { assertStaffCan } from '../../staff/core/permissions.ts';
import { getRecoveryCaseByReference } from '../cases.repository.ts';
import { readStoredDocument, renderDocumentPreview } from '../documents/document-intake.ts';
import type { RecoveryDocument } from '../documents/document-kinds.ts';
import { getStoredRecoveryDocument } from '../documents/documents.repository.ts';
import type { ReviewStaff } from './review.service.ts';

/** Staff access to a case's documents: authorized, audited before a byte leaves, decrypted in memory. */

export type DocumentForStaff = { document: RecoveryDocument; reference: string; bytes: Buffer };

const extensions: Record<RecoveryDocument['mediaType'], string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

/** The download name: reference and kind only — the claimant's original name may hold anything. */
export function documentFileName(
  reference: string,
  document: Pick<RecoveryDocument, 'kind' | 'mediaType'>,
): string {
  return `${reference}-${document.kind}.${extensions[document.mediaType]}`;
}

async function openDocumentAsStaff(
  deps: Deps,
  staff: ReviewStaff,
  input: { reference: string; documentId: string; preview: boolean },
  meta: RequestMeta,
): Promise<DocumentForStaff> {
  assertStaffCan(staff.role, 'recovery.view_documents');
  const recoveryCase = await getRecoveryCaseByReference(deps.db, input.reference);
  if (!recoveryCase) throw new AppError('NOT_FOUND');
  // Unknown, of another case, or purged: the same 404.
  const stored = await getStoredRecoveryDocument(deps.db, recoveryCase.id, input.documentId);
  if (!stored) throw new AppError('NOT_FOUND');
  // Audited in its own committed transaction BEFORE decrypting and sending: a view that fails
  // half-way is still recorded, a view that is not recorded never happens.
  await deps.db.transaction().execute((tx) =>
    recordAuditEvent(tx, deps.clock, {
      actor: { type: 'staff', id: staff.id },
      accountId: recoveryCase.accountId,
      action: 'staff.recovery.document_viewed',
      ...meta,
      details: {
        reference: recoveryCase.reference,
        documentId: stored.id,
        kind: stored.kind,
        preview: input.preview,
      },
    }),
  );
  const key = { id: stored.id, storageKey: stored.storageKey, wrappedKey: stored.wrappedKey };
  const bytes = input.preview
    ? await renderDocumentPreview(deps, { ...key, mediaType: stored.mediaType })
    : await readStoredDocument(deps, key);
  const { storageKey: _s, wrappedKey: _w, ...document } = stored;
  return { document, reference: recoveryCase.reference, bytes };
}

/** The decrypted file of one document of a case, for a reviewer. */
export function readRecoveryDocumentAsStaff(
  deps: Deps,
  staff: ReviewStaff,
  reference: string,
  documentId: string,
  meta: RequestMeta,
): Promise<DocumentForStaff> {
  return openDocumentAsStaff(deps, staff, { reference, documentId, preview: false }, meta);
}

/** A PNG preview (image scaled down, first page of a PDF) of one document, for a reviewer. */
export function previewRecoveryDocumentAsStaff(
  deps: Deps,
  staff: ReviewStaff,
  reference: string,
  documentId: string,
  meta: RequestMeta,
): Promise<DocumentForStaff> {
  return openDocumentAsStaff(deps, staff, { reference, documentId, preview: true }, meta);
}
