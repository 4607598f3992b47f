import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type Db, migrateToLatest } from '../../src/platform/db/database.ts';

export type DatabaseKind = 'pglite' | 'postgres';
export type TestDatabase = { kind: DatabaseKind; db: Db; url: string | undefined; destroy(): Promise<void> };

/** PGlite always; PostgreSQL too when DATABASE_URL is set. Tests run once per kind. */
export function testDatabaseKinds(): DatabaseKind[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/** A fresh, migrated database of the given kind, dropped again by destroy(). */
export async function createTestDatabase(
  kind: DatabaseKind,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  if (kind === 'pglite') {
    const db = createDatabase({ pgliteDir: 'memory://' });
    if (migrate) await migrateToLatest(db);
    return { kind, db, url: undefined, destroy: () => db.destroy() };
  }
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('DATABASE_URL is required for PostgreSQL tests');
  const name = `sesame_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = createDatabase({ databaseUrl: url.toString(), pgliteDir: 'memory://' });
  if (migrate) await migrateToLatest(db);
  return {
    kind,
    db,
    url: url.toString(),
    async destroy() {
      await db.destroy();
      await withAdminClient(adminUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      );
    },
  };
}

async function withAdminClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
