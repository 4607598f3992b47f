import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, testDatabaseKinds } from '../../../test/support/database.ts';
import { databaseTemplatesOfThisRun } from '../../../test/support/database-templates.ts';
import { migrateToLatest } from './database.ts';
import { migrations } from './migrations/index.ts';

// Test databases are copies of a template migrated once per `npm test` run: a copy must be as
// good as a database migrated here, on each kind, or every other test would run on a stale schema.
for (const kind of testDatabaseKinds()) {
  describe(`test databases [${kind}]`, () => {
    it('hold every migration, and two copies are independent of each other', async () => {
      if (!databaseTemplatesOfThisRun())
        console.log('# no template in this run: the databases are migrated here');
      const [first, second] = await Promise.all([createTestDatabase(kind), createTestDatabase(kind)]);
      try {
        assert.deepEqual(await migrateToLatest(first.db), [], 'nothing left to apply');
        const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(first.db);
        assert.deepEqual(applied.rows.map((row) => row.name).sort(), Object.keys(migrations).sort());
        await first.db
          .insertInto('throttles')
          .values({ key: 'template-test', failures: 1, window_started_at: new Date(), blocked_until: null })
          .execute();
        const seen = await second.db
          .selectFrom('throttles')
          .select('key')
          .where('key', '=', 'template-test')
          .execute();
        assert.equal(seen.length, 0, 'a write to one copy is not in the other');
      } finally {
        await Promise.all([first.destroy(), second.destroy()]);
      }
    });
  });
}
