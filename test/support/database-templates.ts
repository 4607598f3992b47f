import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import pg from 'pg';
import { createDatabase, migrateToLatest } from '../../src/platform/db/database.ts';
import { PGLITE_EXTENSIONS } from '../../src/platform/db/embedded-database.ts';
import {
  createGatedPgliteDialect,
  createPgliteSessionGate,
} from '../../src/platform/db/pglite-session-gate.ts';
import type { Database } from '../../src/platform/db/schema.ts';

/**
 * Migrated databases built once per `npm test` run (scripts/test.mjs), copied by each test instead
 * of migrating an empty database again: PGlite's start from an empty cluster (initdb) and the
 * migrations are most of an integration test's set-up. A test process finds them through
 * SESAME_TEST_DATABASE_TEMPLATES; without it (one file run directly) tests migrate as before.
 */
export type DatabaseTemplates = {
  /** migrationsHash() when the templates were built: a stale template is never copied. */
  migrations: string;
  /** A tarball of a migrated PGlite data directory (PGlite.dumpDataDir). */
  pgliteDataDir: string;
  /** A migrated PostgreSQL database nobody connects to, or null without DATABASE_URL. */
  postgresDatabase: string | null;
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

/** Builds the templates in `dir` (and on the server of `adminUrl`, when given). */
export async function createDatabaseTemplates(
  dir: string,
  adminUrl: string | undefined,
): Promise<DatabaseTemplates> {
  const migrations = migrationsHash();
  const [pglite, postgres] = await Promise.allSettled([
    createPgliteTemplate(path.join(dir, `pglite-${migrations.slice(0, 16)}.tar`)),
    adminUrl ? createPostgresTemplate(adminUrl, migrations) : null,
  ]);
  if (pglite.status === 'rejected') {
    // Nothing of a failed build is left behind on the server.
    if (postgres.status === 'fulfilled' && postgres.value && adminUrl)
      await dropPostgresTemplate(adminUrl, postgres.value);
    throw pglite.reason;
  }
  if (postgres.status === 'rejected') throw postgres.reason;
  return { migrations, pgliteDataDir: pglite.value, postgresDatabase: postgres.value };
}

async function createPgliteTemplate(file: string): Promise<string> {
  // PGlite itself rather than openPgliteInMemory: the dump needs the instance.
  const pglite = new PGlite('memory://', { extensions: PGLITE_EXTENSIONS });
  const db = new Kysely<Database>({
    dialect: createGatedPgliteDialect({ pglite, gate: createPgliteSessionGate() }),
  });
  try {
    await migrateToLatest(db);
    const dump = await pglite.dumpDataDir('none');
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
    return file;
  } finally {
    await db.destroy();
  }
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

/** Drops the PostgreSQL template (the caller removes the directory holding the PGlite one). */
export async function dropDatabaseTemplates(templates: DatabaseTemplates, adminUrl: string | undefined) {
  if (templates.postgresDatabase && adminUrl)
    await dropPostgresTemplate(adminUrl, templates.postgresDatabase);
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

let pgliteDataDir: Promise<Blob> | null = null;

/** The PGlite template's tarball, read once per test process. */
export function pgliteTemplateDataDir(templates: DatabaseTemplates): Promise<Blob> {
  pgliteDataDir ??= readFile(templates.pgliteDataDir).then((bytes) => new Blob([bytes]));
  return pgliteDataDir;
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
