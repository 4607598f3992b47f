import type { DbOrTx } from '../db/database.ts';

/** The storage keys, among `keys`, that a row still points at (recovery documents and ticket attachments). */
export async function listReferencedStorageKeys(db: DbOrTx, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('recovery_documents')
    .select('storage_key')
    .where('storage_key', 'in', keys)
    .union(db.selectFrom('ticket_attachments').select('storage_key').where('storage_key', 'in', keys))
    .execute();
  return new Set(rows.flatMap((row) => (row.storage_key ? [row.storage_key] : [])));
}
