import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from '../../test/support/database.ts';
import { holdTransactionOpen } from '../../test/support/transactions.ts';
import { createManualClock } from '../platform/clock.ts';
import { createDatabase, type Db } from '../platform/db/database.ts';
import { recordAuditEvent } from './audit.service.ts';
import { tryLockAuditChainer } from './audit-chain.repository.ts';
import { AUDIT_UNCHAINED_BOUND_MS, chainAuditEvents } from './audit-chain.service.ts';
import { runAuditVerify } from './audit-verify.command.ts';

const clock = createManualClock();
const SECOND = 1_000;

function recordInOwnTransaction(db: Db): Promise<void> {
  return db.transaction().execute((tx) =>
    recordAuditEvent(tx, clock, {
      actor: { type: 'system', id: null },
      accountId: null,
      action: 'signout',
      ip: null,
      userAgent: null,
    }),
  );
}

function captureOutput() {
  const lines = { log: [] as string[], error: [] as string[] };
  return { lines, out: { log: (l: string) => lines.log.push(l), error: (l: string) => lines.error.push(l) } };
}

/** The same database through a session where every transaction is read-only, as on a replica. */
async function openReadOnly(t: TestDatabase): Promise<{ db: Db; close(): Promise<void> }> {
  if (t.url === undefined) {
    // PGlite is one session: make it read-only for the test's span.
    await sql`SET default_transaction_read_only = on`.execute(t.db);
    return {
      db: t.db,
      close: async () => void (await sql`SET default_transaction_read_only = off`.execute(t.db)),
    };
  }
  const url = new URL(t.url);
  url.searchParams.set('options', '-c default_transaction_read_only=on');
  const db = createDatabase({ databaseUrl: url.toString(), pgliteDir: 'memory://' });
  return { db, close: () => db.destroy() };
}

for (const kind of testDatabaseKinds()) {
  // Two transactions open at once need two sessions: PGlite has one and runs transactions in turn.
  const concurrentSessions = { skip: kind === 'pglite' ? 'PGlite runs one transaction at a time' : false };

  describe(`sesame audit verify on ${kind}`, () => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await createTestDatabase(kind);
    });
    afterEach(async () => {
      await t.destroy();
    });

    it('chains first, then says how many events it verified', async () => {
      for (let i = 0; i < 3; i += 1) await recordInOwnTransaction(t.db);
      const { lines, out } = captureOutput();
      assert.equal(await runAuditVerify({ db: t.db, clock }, out), 0);
      assert.deepEqual(lines, { log: ['audit chain OK: 3 events'], error: [] });
    });

    it(
      'waits for a running chainer, then reports recent unchained events as OK',
      concurrentSessions,
      async () => {
        await recordInOwnTransaction(t.db);
        const stuck = await holdTransactionOpen(t.db, (tx) => tryLockAuditChainer(tx));
        try {
          await recordInOwnTransaction(t.db);
          const { lines, out } = captureOutput();
          assert.equal(await runAuditVerify({ db: t.db, clock }, out, { chainerWaitMs: 100 }), 0);
          assert.deepEqual(lines, {
            log: ['audit chain OK: 0 events', '2 events recorded just now, not chained yet'],
            error: [],
          });
        } finally {
          await stuck.commit();
        }
      },
    );

    it(
      'fails with a clear message when events stay unchained past the bound',
      concurrentSessions,
      async () => {
        await recordInOwnTransaction(t.db);
        await chainAuditEvents(t.db);
        await recordInOwnTransaction(t.db);
        const stuck = await holdTransactionOpen(t.db, (tx) => tryLockAuditChainer(tx));
        try {
          clock.advance(AUDIT_UNCHAINED_BOUND_MS + SECOND);
          const { lines, out } = captureOutput();
          assert.equal(await runAuditVerify({ db: t.db, clock }, out, { chainerWaitMs: 100 }), 1);
          assert.deepEqual(lines, {
            log: [],
            error: [
              'audit chain NOT LINKED: 1 event older than 60 s not chained (oldest #2); another chainer ' +
                'holds the chainer lock and is stuck (a sesame worker or serve?); 1 event verified',
            ],
          });
        } finally {
          await stuck.commit();
        }
      },
    );

    it('prints why it could not chain, and still checks the chain', async () => {
      await recordInOwnTransaction(t.db);
      await chainAuditEvents(t.db);
      await recordInOwnTransaction(t.db);
      clock.advance(AUDIT_UNCHAINED_BOUND_MS + SECOND);
      const readOnly = await openReadOnly(t);
      const { lines, out } = captureOutput();
      try {
        assert.equal(await runAuditVerify({ db: readOnly.db, clock }, out, { chainerWaitMs: 0 }), 1);
      } finally {
        await readOnly.close();
      }
      assert.deepEqual(lines.log, []);
      assert.match(lines.error[0] ?? '', /^audit events could not be chained: .*read-only transaction/);
      assert.equal(
        lines.error[1],
        'audit chain NOT LINKED: 1 event older than 60 s not chained (oldest #2); this command could not ' +
          'chain them either (error above); 1 event verified',
      );
    });
  });
}
