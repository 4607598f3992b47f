import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDatabase, migrateToLatest } from '../../src/platform/db/database.ts';

/**
 * A migrated PostgreSQL database built once per `npm test` run (scripts/test.mjs), copied by each
 * test with CREATE DATABASE … TEMPLATE instead of migrating an empty database again. A test
 * process finds it through SESAME_TEST_DATABASE_TEMPLATES; without it (one file run directly)
 * tests migrate as before. PGlite databases are still migrated per test: a PGlite started from a
 * dumped data directory (loadDataDir) left a timer running after close() and kept its test process
 * from exiting.
 */
export type DatabaseTemplates = {
  /** migrationsHash() when the template was built: a stale template is never copied. */
  migrations: string;
  /** A migrated PostgreSQL database nobody connects to. */
  postgresDatabase: string;
};

export const DATABASE_TEMPLATES_ENV = 'SESAME_TEST_DATABASE_TEMPLATES';

const migrationsDir = fileURLToPath(new URL('../../src/platform/db/migrations/', import.meta.url));

/** SHA-256 over the names and contents of the migration files. */
export function migrationsHash(): string {
  const hash = createHash('sha256');
  const files = readdirSync(migrationsDir)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .sort();
  for (const name of files) hash.update(`${name}\0`).update(readFileSync(path.join(migrationsDir, name)));
  return hash.digest('hex');
}

/** Builds the template on the server of `adminUrl`. */
export async function createDatabaseTemplates(adminUrl: string): Promise<DatabaseTemplates> {
  const migrations = migrationsHash();
  return { migrations, postgresDatabase: await createPostgresTemplate(adminUrl, migrations) };
}

async function createPostgresTemplate(adminUrl: string, migrations: string): Promise<string> {
  // Of this run only (another run may be using the same server), named after the migrations.
  const name = `sesame_template_${migrations.slice(0, 12)}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  try {
    const db = createDatabase({ databaseUrl: databaseUrlFor(adminUrl, name), pgliteDir: 'memory://' });
    try {
      await migrateToLatest(db);
    } finally {
      await db.destroy();
    }
    // CREATE DATABASE … TEMPLATE refuses a source with other sessions: from now on nobody connects.
    await withAdminClient(adminUrl, (client) =>
      client.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`),
    );
    return name;
  } catch (error) {
    await dropPostgresTemplate(adminUrl, name);
    throw error;
  }
}

export function dropDatabaseTemplates(templates: DatabaseTemplates, adminUrl: string) {
  return dropPostgresTemplate(adminUrl, templates.postgresDatabase);
}

function dropPostgresTemplate(adminUrl: string, name: string) {
  return withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

let templatesOfThisRun: DatabaseTemplates | null | undefined;

/** The templates of this `npm test` run, or null when there are none or the migrations changed since. */
export function databaseTemplatesOfThisRun(): DatabaseTemplates | null {
  if (templatesOfThisRun !== undefined) return templatesOfThisRun;
  const value = process.env[DATABASE_TEMPLATES_ENV];
  const templates = value ? (JSON.parse(value) as DatabaseTemplates) : null;
  templatesOfThisRun = templates?.migrations === migrationsHash() ? templates : null;
  return templatesOfThisRun;
}

export function databaseUrlFor(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdminClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
