import { randomBytes } from 'node:crypto';
import { createDatabase, type Db, migrateToLatest } from '../../src/platform/db/database.ts';
import { openPgliteInMemory } from '../../src/platform/db/embedded-database.ts';
import {
  databaseTemplatesOfThisRun,
  databaseUrlFor,
  pgliteTemplateDataDir,
  withAdminClient,
} from './database-templates.ts';

export type DatabaseKind = 'pglite' | 'postgres';
export type TestDatabase = { kind: DatabaseKind; db: Db; url: string | undefined; destroy(): Promise<void> };

/** PGlite always; PostgreSQL too when DATABASE_URL is set. Tests run once per kind. */
export function testDatabaseKinds(): DatabaseKind[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * A fresh, migrated database of the given kind, dropped again by destroy(): a copy of this run's
 * migrated template when there is one (database-templates.ts), else migrated here. `migrate: false`
 * gives an empty database, for tests of the migrations themselves.
 */
export async function createTestDatabase(
  kind: DatabaseKind,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  const templates = migrate ? databaseTemplatesOfThisRun() : null;
  if (kind === 'pglite') {
    const db = templates
      ? openPgliteInMemory({ loadDataDir: await pgliteTemplateDataDir(templates) })
      : createDatabase({ pgliteDir: 'memory://' });
    if (migrate && !templates) await migrateToLatest(db);
    return { kind, db, url: undefined, destroy: () => db.destroy() };
  }
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('DATABASE_URL is required for PostgreSQL tests');
  const name = `sesame_test_${randomBytes(6).toString('hex')}`;
  const template = templates?.postgresDatabase;
  await withAdminClient(adminUrl, (client) =>
    client.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`),
  );
  const url = databaseUrlFor(adminUrl, name);
  const db = createDatabase({ databaseUrl: url, pgliteDir: 'memory://' });
  if (migrate && !template) await migrateToLatest(db);
  return {
    kind,
    db,
    url,
    async destroy() {
      await db.destroy();
      await withAdminClient(adminUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      );
    },
  };
}
