import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, beforeEach, describe, it } from 'node:test';
import { systemClock } from '../../src/platform/clock.ts';
import { loadMasterKey } from '../../src/platform/crypto/master-key.ts';
import { createDatabase, migrateToLatest, pgliteDirFor } from '../../src/platform/db/database.ts';
import { mailDirFor } from '../../src/platform/mail/transports.ts';
import { enqueueTestEmail, waitFor } from '../support/mail.ts';

const bin = path.resolve('bin/sesame.mjs');
const root = mkdtempSync(path.join(tmpdir(), 'sesame-worker-cli-'));
let dataDir = '';

/** A DATA_DIR with a migrated embedded database, its key file and one queued email. */
async function prepareDataDir(): Promise<string> {
  const dir = mkdtempSync(path.join(root, 'data-'));
  const db = createDatabase({ pgliteDir: pgliteDirFor(dir) });
  await migrateToLatest(db);
  const masterKey = await loadMasterKey({ masterKey: undefined, dataDir: dir });
  await enqueueTestEmail({ db, clock: systemClock, masterKey });
  await db.destroy();
  return dir;
}

/** Starts `sesame …` on that DATA_DIR; resolves once it printed its start line. */
async function start(...args: string[]): Promise<{ child: ChildProcess; exited: Promise<number | null> }> {
  const { DATABASE_URL: _ignored, ...environment } = process.env;
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...environment, DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await waitFor(() => /running|listening/.test(output) || child.exitCode !== null, 120_000);
  assert.equal(child.exitCode, null, output);
  return { child, exited };
}

const mailFiles = () => (existsSync(mailDirFor(dataDir)) ? readdirSync(mailDirFor(dataDir)) : []);

describe('sesame worker and sesame serve [--no-worker]', () => {
  beforeEach(async () => {
    dataDir = await prepareDataDir();
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('sesame worker delivers the outbox and exits cleanly on SIGTERM', async () => {
    const { child, exited } = await start('worker');
    await waitFor(() => mailFiles().length === 1, 10_000);
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });

  it('sesame serve --no-worker leaves the outbox to a sesame worker, which runs beside it on the same embedded database', async () => {
    const split = await start('serve', '--no-worker');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.deepEqual(mailFiles(), []);
    // The server owns DATA_DIR/pg; the worker goes through its socket.
    const worker = await start('worker');
    await waitFor(() => mailFiles().length === 1, 60_000);
    worker.child.kill('SIGTERM');
    assert.equal(await worker.exited, 0);
    split.child.kill('SIGTERM');
    assert.equal(await split.exited, 0);
  });
});
