import type { Kysely } from 'kysely';

// Who closed a closed ticket: 'customer' (« Clore la demande » in the portal) or 'staff'; null while it
// is open. Tickets closed before this migration stay null (the staff pages then say « Clos », as before).
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tickets').addColumn('closed_by', 'text').execute();
}
