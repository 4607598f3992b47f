import type { Kysely } from 'kysely';

// Which piece a timeline entry is about (« Pièce d’identité (recto) ajoutée »), so the claimant's
// history and staff's name it. Nullable: most entries are about no piece, and entries written before
// this migration stay without (their pages say « Fichier reçu », as they did); matching them to
// their documents by order would guess wrong on concurrent uploads, so no backfill.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('recovery_case_events').addColumn('document_kind', 'text').execute();
}
