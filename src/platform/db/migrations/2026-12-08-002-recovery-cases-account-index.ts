import type { Kysely } from 'kysely';

// The staff account page lists the account's open recovery cases: without this index, every look at
// a fiche would scan all cases.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('recovery_cases_account_idx')
    .on('recovery_cases')
    .column('account_id')
    .execute();
}
