import type { Deps } from '../deps.ts';
import { listReferencedStorageKeys } from './stored-documents.repository.ts';

export type OrphanSweepReport = { orphans: number; unfinishedWrites: number };

const BATCH = 500;

/**
 * Removes stored documents that no row points at, and half-written files, when written before
 * `before`. A document is stored (encrypted) before its row is inserted, so a process killed in
 * between leaves a file nothing will ever read or purge. Only ciphertext is ever on disk, so this
 * is about not keeping what retention promised to delete, not about secrecy.
 *
 * Safe only for files no running process may still be about to reference: at the start of the
 * embedded database's owner, before it serves anyone, every earlier file qualifies; on PostgreSQL,
 * where other instances write at the same time, the caller passes a time well in the past.
 */
export async function sweepOrphanedDocuments(
  deps: Pick<Deps, 'db' | 'storage'>,
  before: Date,
): Promise<OrphanSweepReport> {
  const { storage } = deps;
  const unfinishedWrites = await storage.removeUnfinishedWrites(before);
  let orphans = 0;
  let batch: string[] = [];
  const sweepBatch = async () => {
    const referenced = await listReferencedStorageKeys(deps.db, batch);
    for (const key of batch) {
      if (referenced.has(key)) continue;
      await storage.delete(key);
      orphans += 1;
    }
    batch = [];
  };
  for await (const object of storage.list()) {
    if (object.modifiedAt >= before) continue;
    batch.push(object.key);
    if (batch.length >= BATCH) await sweepBatch();
  }
  await sweepBatch();
  return { orphans, unfinishedWrites };
}
