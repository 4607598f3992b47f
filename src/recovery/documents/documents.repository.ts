import type { DbOrTx, Tx } from '../../platform/db/database.ts';
import type { RecoveryDocumentRow } from '../../platform/db/schema.ts';
import type { RecoveryDocument } from './document-kinds.ts';

/** All SQL of recovery_documents. The wrapped key and storage key leave this file only through `getStoredDocument…`. */

export function toRecoveryDocument(row: RecoveryDocumentRow): RecoveryDocument {
  return {
    id: row.id,
    caseId: row.case_id,
    kind: row.kind,
    mediaType: row.media_type,
    size: row.size,
    originalName: row.original_name,
    pageCount: row.page_count,
    scanStatus: row.scan_status,
    uploadedAt: row.uploaded_at,
    purgedAt: row.purged_at,
  };
}

export type NewRecoveryDocument = RecoveryDocument & { storageKey: string; wrappedKey: string };

export async function insertRecoveryDocument(tx: Tx, d: NewRecoveryDocument): Promise<void> {
  await tx
    .insertInto('recovery_documents')
    .values({
      id: d.id,
      case_id: d.caseId,
      kind: d.kind,
      media_type: d.mediaType,
      size: d.size,
      original_name: d.originalName,
      page_count: d.pageCount,
      scan_status: d.scanStatus,
      storage_key: d.storageKey,
      wrapped_key: d.wrappedKey,
      uploaded_at: d.uploadedAt,
      purged_at: null,
    })
    .execute();
}

export async function listRecoveryDocumentsByCase(db: DbOrTx, caseId: string): Promise<RecoveryDocument[]> {
  const rows = await db
    .selectFrom('recovery_documents')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('uploaded_at', 'asc')
    .execute();
  return rows.map(toRecoveryDocument);
}

/** A document of a case with what is needed to read it; null when unknown, of another case, or purged. */
export async function getStoredRecoveryDocument(
  db: DbOrTx,
  caseId: string,
  documentId: string,
): Promise<(RecoveryDocument & { storageKey: string; wrappedKey: string }) | null> {
  const row = await db
    .selectFrom('recovery_documents')
    .selectAll()
    .where('id', '=', documentId)
    .where('case_id', '=', caseId)
    .where('purged_at', 'is', null)
    .executeTakeFirst();
  if (!row || row.storage_key === null || row.wrapped_key === null) return null;
  return { ...toRecoveryDocument(row), storageKey: row.storage_key, wrappedKey: row.wrapped_key };
}

/** Storage keys of a case's documents not yet purged; for the purge. */
export async function listStorageKeysOfCase(
  db: DbOrTx,
  caseId: string,
): Promise<{ id: string; storageKey: string }[]> {
  const rows = await db
    .selectFrom('recovery_documents')
    .select(['id', 'storage_key'])
    .where('case_id', '=', caseId)
    .where('purged_at', 'is', null)
    .execute();
  return rows.flatMap((r) => (r.storage_key ? [{ id: r.id, storageKey: r.storage_key }] : []));
}

/** Forgets where a case's documents were and their keys (metadata stays); returns how many. */
export async function markRecoveryDocumentsPurged(tx: Tx, caseId: string, now: Date): Promise<number> {
  const result = await tx
    .updateTable('recovery_documents')
    .set({ storage_key: null, wrapped_key: null, purged_at: now })
    .where('case_id', '=', caseId)
    .where('purged_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
