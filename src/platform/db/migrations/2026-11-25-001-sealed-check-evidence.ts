import { type Kysely, sql } from 'kysely';

// What OCR read from identity documents (MRZ lines, names, birth dates) and the letters' text were
// kept in clear in recovery_checks.evidence and outlived the documents' purge. From now on the
// evidence is sealed with the master key (AES-256-GCM, see recovery/checks/check-evidence-seal.ts)
// and blanked by the purge. The clear rows cannot be sealed here (a migration has no key): the
// cases whose documents still exist are asked to run their checks again (the worker seals the new
// results), and the table is TRUNCATEd, which gives it new files — the old tuples do not linger in
// the heap until a vacuum, as an UPDATE or a DELETE would leave them.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`UPDATE recovery_cases SET checks_requested_at = now()
    WHERE documents_purged_at IS NULL AND id IN (SELECT case_id FROM recovery_checks)`.execute(db);
  await sql`TRUNCATE recovery_checks`.execute(db);
  await db.schema.alterTable('recovery_checks').dropColumn('evidence').execute();
  // Null once the case's documents are purged: the outcome stays, what was read goes.
  await db.schema.alterTable('recovery_checks').addColumn('sealed_evidence', 'text').execute();
  // Flags raised by failed checks copied the evidence's expected and found values (names, dates).
  await sql`UPDATE recovery_flags SET details = details - 'expected' - 'found' WHERE code LIKE 'check:%'`.execute(
    db,
  );
}
