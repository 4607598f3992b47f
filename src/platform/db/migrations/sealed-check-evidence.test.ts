import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import {
  createTestDatabase,
  type TestDatabase,
  testDatabaseKinds,
} from '../../../../test/support/database.ts';
import { migrations } from './index.ts';

const CASE_ID = '00000000-0000-4000-8000-000000000001';
const MRZ = 'P<FRADURANDEAU<<PAULIN<<<<<<<<<<<<<<<<<<<<<<';

for (const kind of testDatabaseKinds()) {
  describe(`migration 2026-11-25-001-sealed-check-evidence [${kind}]`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(kind, { migrate: false });
      const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });
      const { error } = await migrator.migrateTo('2026-11-24-008-document-checks');
      if (error) throw error;
      // A case checked before the migration: clear evidence, and a flag that copied it.
      await sql`INSERT INTO recovery_cases (id, reference, case_token_hash, account_type, status, locale,
          claimant_first_name, claimant_last_name, new_email, new_email_normalized, created_at, updated_at, last_activity_at)
        VALUES (${CASE_ID}, 'R-TEST-0001', 'hash', 'individual', 'in_review', 'fr', 'Paulin', 'Durandeau',
          'p@example.org', 'p@example.org', now(), now(), now())`.execute(database.db);
      await sql`INSERT INTO recovery_checks (id, case_id, "check", outcome, evidence, checked_at)
        VALUES (gen_random_uuid(), ${CASE_ID}, 'identity_mrz_found', 'pass',
          ${JSON.stringify({ rule: 'r', read: MRZ })}::jsonb, now())`.execute(database.db);
      await sql`INSERT INTO recovery_flags (id, case_id, code, details, raised_at)
        VALUES (gen_random_uuid(), ${CASE_ID}, 'check:identity_name_matches',
          ${JSON.stringify({ subject: 's', expected: 'Jeanne', found: 'PAULIN DURANDEAU' })}::jsonb, now())`.execute(
        database.db,
      );
      const latest = await migrator.migrateToLatest();
      if (latest.error) throw latest.error;
    });
    after(() => database.destroy());

    it('drops the clear evidence, asks for the checks again and strips the flags', async () => {
      const checks = await sql<{ n: string }>`SELECT count(*) AS n FROM recovery_checks`.execute(database.db);
      assert.equal(Number(checks.rows[0]?.n), 0);
      const requested = await sql<{ at: Date | null }>`
        SELECT checks_requested_at AS at FROM recovery_cases WHERE id = ${CASE_ID}`.execute(database.db);
      assert.ok(requested.rows[0]?.at, 'the worker will run the checks again and seal them');
      const flags = await sql<{ details: unknown }>`SELECT details FROM recovery_flags`.execute(database.db);
      assert.deepEqual(
        flags.rows.map((r) => (typeof r.details === 'string' ? JSON.parse(r.details) : r.details)),
        [{ subject: 's' }],
      );
      const columns = await sql<{ column_name: string }>`
        SELECT column_name FROM information_schema.columns WHERE table_name = 'recovery_checks'`.execute(
        database.db,
      );
      const names = columns.rows.map((c) => c.column_name);
      assert.ok(names.includes('sealed_evidence') && !names.includes('evidence'));
    });
  });
}
