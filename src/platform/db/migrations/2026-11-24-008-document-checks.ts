import type { Kysely } from 'kysely';

// Automatic document checks of recovery cases: evidence for the agent, never the decision. A
// failed check also raises a recovery flag, which only a supervisor can resolve.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('recovery_checks')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('recovery_cases.id').onDelete('cascade'))
    .addColumn('document_id', 'uuid', (c) => c.references('recovery_documents.id').onDelete('cascade'))
    .addColumn('check', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    // What the check read (a short excerpt, never the whole text) and the rule it applied.
    .addColumn('evidence', 'jsonb', (c) => c.notNull())
    .addColumn('checked_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recovery_checks_case_idx').on('recovery_checks').column('case_id').execute();
  // Set when the documents or the linked account change; the worker runs the checks and clears it.
  await db.schema.alterTable('recovery_cases').addColumn('checks_requested_at', 'timestamptz').execute();
}
