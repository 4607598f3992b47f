import { closeSync, constants, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import nativeFs from 'fs-native-extensions';

/**
 * One owner per embedded database directory. The owner holds an exclusive OS lock on
 * `DATA_DIR/pg.lock` for as long as it has `DATA_DIR/pg` open. The lock belongs to the open file,
 * not to the file's presence: the kernel drops it when the process ends, however it ends (kill -9
 * included), so a lock file left behind by a crash never blocks the next start. On Linux it is an
 * open file description lock (fcntl F_OFD_SETLK, through fs-native-extensions), which also conflicts
 * between two opens inside one process, unlike classic POSIX record locks.
 *
 * The file's content says who holds it (pid, command, since when, whether it serves the socket),
 * for the one-line message of whoever finds it taken. The content is information only; the lock
 * decides.
 */

export type DatabaseRole = 'server' | 'worker' | 'command';

export type PgliteHolder = {
  pid: number;
  /** The command line, e.g. `sesame serve`. */
  command: string;
  role: DatabaseRole;
  since: string;
  /** True once the holder listens on the database socket for other processes. */
  serving: boolean;
};

export type PgliteDirectoryLock = {
  holder: PgliteHolder;
  /** Records that the holder now serves the database socket. */
  markServing(): void;
  /** Releases the lock (idempotent). */
  release(): void;
};

export type LockAttempt =
  | { ok: true; lock: PgliteDirectoryLock }
  | { ok: false; holder: PgliteHolder | null };

export function lockPathFor(dataDir: string): string {
  return path.join(dataDir, 'pg.lock');
}

/** Takes the lock at once or says who holds it; never waits. */
export function tryLockPgliteDirectory(
  lockPath: string,
  who: { command: string; role: DatabaseRole },
): LockAttempt {
  mkdirSync(path.dirname(lockPath), { recursive: true });
  // O_NOFOLLOW: a symlink planted at this path must not make us lock (and write) another file.
  const fd = openSync(lockPath, constants.O_RDWR | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
  let locked = false;
  try {
    locked = nativeFs.tryLock(fd);
  } finally {
    // Closing our own descriptor does not touch the holder's lock (it is on another open file).
    if (!locked) closeSync(fd);
  }
  if (!locked) return { ok: false, holder: readPgliteHolder(lockPath) };
  const holder: PgliteHolder = { pid: process.pid, ...who, since: new Date().toISOString(), serving: false };
  const write = () => {
    ftruncateSync(fd, 0);
    writeSync(fd, `${JSON.stringify(holder)}\n`, 0);
  };
  write();
  let released = false;
  return {
    ok: true,
    lock: {
      holder,
      markServing() {
        holder.serving = true;
        write();
      },
      release() {
        if (released) return;
        released = true;
        ftruncateSync(fd, 0);
        nativeFs.unlock(fd);
        closeSync(fd);
      },
    },
  };
}

/** What the lock file says about its holder; null when it says nothing usable (being written, or foreign). */
export function readPgliteHolder(lockPath: string): PgliteHolder | null {
  try {
    const value: unknown = JSON.parse(readFileSync(lockPath, 'utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const holder = value as Partial<PgliteHolder>;
    if (typeof holder.pid !== 'number' || typeof holder.command !== 'string') return null;
    return {
      pid: holder.pid,
      command: holder.command,
      role: holder.role === 'server' || holder.role === 'worker' ? holder.role : 'command',
      since: typeof holder.since === 'string' ? holder.since : '?',
      serving: holder.serving === true,
    };
  } catch {
    return null;
  }
}

/** "process 1234 (sesame serve, since 2026-11-25T10:00:00.000Z)", or a neutral phrase when unknown. */
export function describePgliteHolder(holder: PgliteHolder | null): string {
  return holder
    ? `process ${holder.pid} (${holder.command}, since ${holder.since})`
    : 'another process (it is just starting)';
}
