import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createDatabase, pgliteDirFor } from './database.ts';
import { DatabaseInUseError } from './database-errors.ts';
import { lockPathFor, readPgliteHolder, tryLockPgliteDirectory } from './pglite-directory-lock.ts';

const root = mkdtempSync(path.join(tmpdir(), 'sesame-lock-'));
const freshDataDir = () => mkdtempSync(path.join(root, 'data-'));

type Holder = { child: ChildProcess; said: string; stop(): Promise<void> };

/** A real other process that tries to take the lock of `dataDir`, says whether it got it, and waits to be killed. */
async function startLockHolder(dataDir: string): Promise<Holder> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/hold-pglite-lock.ts', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const said = await new Promise<string>((resolve) =>
    child.stdout?.once('data', (chunk) => resolve(String(chunk))),
  );
  return {
    child,
    said: said.trim(),
    async stop() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

describe('the embedded database directory lock', () => {
  after(() => rmSync(root, { recursive: true, force: true }));

  it('refuses a second open of DATA_DIR/pg, even in the same process, naming the holder', async () => {
    const dataDir = freshDataDir();
    const db = createDatabase({
      pgliteDir: pgliteDirFor(dataDir),
      owner: { command: 'sesame serve', role: 'server' },
    });
    try {
      await sql`SELECT 1`.execute(db);
      assert.throws(
        () => createDatabase({ pgliteDir: pgliteDirFor(dataDir) }),
        (error: unknown) =>
          error instanceof DatabaseInUseError &&
          error.holder?.pid === process.pid &&
          error.message.includes(`process ${process.pid} (sesame serve, since `) &&
          !error.message.includes('\n'),
      );
      assert.equal(statSync(lockPathFor(dataDir)).mode & 0o777, 0o600);
      assert.equal(
        statSync(pgliteDirFor(dataDir)).mode & 0o777,
        0o700,
        'the database files are the owner’s only',
      );
    } finally {
      await db.destroy();
    }
    // Closed: the lock is free again and says nobody holds it.
    const again = createDatabase({ pgliteDir: pgliteDirFor(dataDir) });
    await sql`SELECT 1`.execute(again);
    await again.destroy();
    assert.equal(readPgliteHolder(lockPathFor(dataDir)), null);
  });

  it('is held by another process until that process is killed with SIGKILL, then free at once', async () => {
    const dataDir = freshDataDir();
    const holder = await startLockHolder(dataDir);
    assert.equal(holder.said, 'locked');
    try {
      const refused = tryLockPgliteDirectory(lockPathFor(dataDir), {
        command: 'sesame account create',
        role: 'command',
      });
      assert.equal(refused.ok, false);
      assert.equal(refused.ok ? null : refused.holder?.pid, holder.child.pid);
      assert.equal(refused.ok ? null : refused.holder?.command, 'sesame test-holder');
    } finally {
      await holder.stop();
    }
    // The lock file is still there with the dead holder's content: the kernel lock is what counts.
    assert.equal(readPgliteHolder(lockPathFor(dataDir))?.pid, holder.child.pid);
    const taken = tryLockPgliteDirectory(lockPathFor(dataDir), { command: 'sesame serve', role: 'server' });
    assert.equal(taken.ok, true);
    if (taken.ok) taken.lock.release();
  });

  it('lets exactly one of many concurrent openers of one directory in', async () => {
    const dataDir = freshDataDir();
    const holders = await Promise.all([1, 2, 3, 4].map(() => startLockHolder(dataDir)));
    try {
      assert.deepEqual(holders.map((h) => h.said).sort(), ['locked', 'refused', 'refused', 'refused']);
    } finally {
      await Promise.all(holders.map((h) => h.stop()));
    }
  });
});
