import type { Db, Tx } from '../../src/platform/db/database.ts';

/**
 * Opens a transaction that does `work`, then stays open until `commit()` is called: for tests of what
 * other sessions see meanwhile. PostgreSQL only: PGlite runs one transaction at a time, so a second
 * one started before `commit()` would wait for ever.
 * @example const open = await holdTransactionOpen(db, (tx) => recordAuditEvent(tx, clock, input)); … await open.commit();
 */
export async function holdTransactionOpen(db: Db, work: (tx: Tx) => Promise<unknown>) {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let ready: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const done = db.transaction().execute(async (tx) => {
    await work(tx);
    ready();
    await released;
  });
  await Promise.race([started, done]);
  return {
    async commit() {
      release();
      await done;
    },
  };
}
