import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../../e2e/support/server.ts';
import { createDatabase, type Db, migrateToLatest, pgliteDirFor } from '../../src/platform/db/database.ts';
import { databaseUrlFor, withAdminClient } from '../../test/support/database-templates.ts';

/**
 * What the benches share: a production `sesame serve --no-worker` process on 127.0.0.1, on PGlite in
 * a fresh data directory or on a throwaway PostgreSQL database (created from DATABASE_URL's server,
 * dropped at stop), seeded before it starts; its resident memory read from /proc.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));

let builtEntry: string | null = null;

/**
 * The server's entry point: the sources through tsx (`bin/sesame.mjs`, what `npm start` runs), or,
 * with `built`, `dist/cli.js` compiled once per run by `npm run build` (what the README advises
 * for production: about 80 MiB less resident).
 */
export function sesameEntry(built: boolean): string {
  if (!built) return path.join(root, 'bin/sesame.mjs');
  if (!builtEntry) {
    const build = spawnSync(process.execPath, ['scripts/build.mjs', 'dist'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
    builtEntry = path.join(root, 'dist/cli.js');
  }
  return builtEntry;
}

export type BenchServer = { baseUrl: string; child: ChildProcess; dataDir: string; stop(): Promise<void> };

/** An SMTP server that accepts and drops: production config requires a relay (the worker is off). */
export async function startSmtpSink(): Promise<{ port: number; close(): void }> {
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData: (s, _x, cb) => s.resume().on('end', () => cb()),
  });
  const port = await freePort();
  await new Promise<void>((resolve) => sink.listen(port, '127.0.0.1', resolve));
  return { port, close: () => sink.close() };
}

/**
 * Migrates and seeds a fresh database with `seed`, then starts the server on it. `env` is added to
 * the production environment (CLAMD_URL, …); `built`: run the compiled build (sesameEntry).
 */
export async function startSesameServer<T>(
  kind: 'pglite' | 'postgres',
  options: { smtpPort: number; seed: (db: Db) => Promise<T>; env?: NodeJS.ProcessEnv; built?: boolean },
): Promise<{ server: BenchServer; seeded: T }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sesame-bench-'));
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  if (kind === 'postgres') {
    const adminUrl = process.env.DATABASE_URL as string;
    const name = `sesame_bench_${randomBytes(4).toString('hex')}`;
    await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
    databaseUrl = databaseUrlFor(adminUrl, name);
    dropDatabase = () =>
      withAdminClient(adminUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      ).then(() => {});
  } else {
    mkdirSync(pgliteDirFor(dataDir), { recursive: true });
  }
  const db = createDatabase(
    databaseUrl ? { databaseUrl, pgliteDir: 'memory://' } : { pgliteDir: pgliteDirFor(dataDir) },
  );
  let seeded: T;
  try {
    await migrateToLatest(db);
    seeded = await options.seed(db);
  } finally {
    await db.destroy();
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'error',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: baseUrl,
    DATA_DIR: dataDir,
    TRUST_PROXY: 'true',
    SMTP_URL: `smtp://127.0.0.1:${options.smtpPort}`,
    ...options.env,
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  const child = spawn(process.execPath, [sesameEntry(options.built ?? false), 'serve', '--no-worker'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
  for (let i = 0; i < 300; i++) {
    const ready = await fetch(`${baseUrl}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (child.exitCode !== null) throw new Error(`sesame serve exited with ${child.exitCode}`);
    await sleep(100);
  }
  return {
    seeded,
    server: {
      baseUrl,
      child,
      dataDir,
      stop: () =>
        stopChild(child, async () => {
          await dropDatabase();
          rmSync(dataDir, { recursive: true, force: true });
        }),
    },
  };
}

/** Resident set size of a child process, in MiB (Linux /proc). */
export function rssMiB(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kib / 1024;
}

/** SIGTERM, SIGKILL after 12 s, then `cleanup`. */
export async function stopChild(child: ChildProcess, cleanup: () => unknown): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 12_000);
    await exited;
    clearTimeout(timer);
  }
  await cleanup();
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let addressCounter = 0;
/** A client address of its own per request, as many customers behind a trusted proxy. */
export function nextAddress(): string {
  addressCounter += 1;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}
