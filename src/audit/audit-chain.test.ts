import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from '../../test/support/database.ts';
import { holdTransactionOpen } from '../../test/support/transactions.ts';
import { createManualClock } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import { recordAuditEvent } from './audit.service.ts';
import type { AuditEventInput } from './audit.ts';
import { tryLockAuditChainer } from './audit-chain.repository.ts';
import { AUDIT_UNCHAINED_BOUND_MS, chainAuditEvents, verifyAuditChain } from './audit-chain.service.ts';
import { startAuditChainer } from './audit-chainer.worker.ts';

const clock = createManualClock();
const SECOND = 1_000;

function signout(details: AuditEventInput['details'] = {}): AuditEventInput {
  return {
    actor: { type: 'system', id: null },
    accountId: null,
    action: 'signout',
    ip: null,
    userAgent: null,
    details,
  };
}

function recordInOwnTransaction(db: Db, details: AuditEventInput['details'] = {}): Promise<void> {
  return db.transaction().execute((tx) => recordAuditEvent(tx, clock, signout(details)));
}

/** Seqs in chain order, and the unchained ones apart. */
async function listChain(db: Db): Promise<{ chained: string[]; unchained: string[]; positions: string[] }> {
  const rows = await db
    .selectFrom('audit_events')
    .select(['seq', 'chain_position'])
    .orderBy('chain_position')
    .orderBy('seq')
    .execute();
  return {
    chained: rows.filter((r) => r.chain_position !== null).map((r) => String(r.seq)),
    unchained: rows.filter((r) => r.chain_position === null).map((r) => String(r.seq)),
    positions: rows.filter((r) => r.chain_position !== null).map((r) => String(r.chain_position)),
  };
}

for (const kind of testDatabaseKinds()) {
  // Two transactions open at once need two sessions: PGlite has one and runs transactions in turn.
  const concurrentSessions = { skip: kind === 'pglite' ? 'PGlite runs one transaction at a time' : false };

  describe(`audit chainer on ${kind}`, () => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await createTestDatabase(kind);
    });
    afterEach(async () => {
      await t.destroy();
    });

    it('records 50 events from parallel transactions, then chains them into one chain', async () => {
      await Promise.all(Array.from({ length: 50 }, (_, i) => recordInOwnTransaction(t.db, { i })));
      assert.equal((await listChain(t.db)).unchained.length, 50, 'the request path chains nothing');
      assert.deepEqual(await chainAuditEvents(t.db), { chained: 50, skipped: false, backlog: false });
      const { chained, unchained, positions } = await listChain(t.db);
      assert.equal(chained.length, 50);
      assert.deepEqual(unchained, []);
      assert.deepEqual(
        positions,
        Array.from({ length: 50 }, (_, i) => String(i + 1)),
        'one position per event, none twice',
      );
      assert.deepEqual(await verifyAuditChain(t.db, clock), { ok: true, count: 50, unchained: 0 });
    });

    it('keeps one chain when writers and several chainers run at once', async () => {
      const writers = Array.from({ length: 60 }, (_, i) => recordInOwnTransaction(t.db, { i }));
      const chainers = Array.from({ length: 6 }, () => chainAuditEvents(t.db));
      await Promise.all([...writers, ...chainers]);
      await chainAuditEvents(t.db);
      assert.deepEqual(await verifyAuditChain(t.db, clock), { ok: true, count: 60, unchained: 0 });
    });

    it('lets two chainers run at once over several batches without forking the chain', async () => {
      await t.db.transaction().execute(async (tx) => {
        for (let i = 0; i < 1203; i += 1) await recordAuditEvent(tx, clock, signout({ i }));
      });
      const reports = await Promise.all([chainAuditEvents(t.db), chainAuditEvents(t.db)]);
      assert.equal(reports[0].chained + reports[1].chained, 1203, JSON.stringify(reports));
      assert.deepEqual(await verifyAuditChain(t.db, clock), { ok: true, count: 1203, unchained: 0 });
    });

    it('stops after maxBatches and says a backlog is left', async () => {
      await t.db.transaction().execute(async (tx) => {
        for (let i = 0; i < 501; i += 1) await recordAuditEvent(tx, clock, signout());
      });
      assert.deepEqual(await chainAuditEvents(t.db, { maxBatches: 1 }), {
        chained: 500,
        skipped: false,
        backlog: true,
      });
      assert.deepEqual(await chainAuditEvents(t.db), { chained: 1, skipped: false, backlog: false });
      assert.deepEqual(await verifyAuditChain(t.db, clock), { ok: true, count: 501, unchained: 0 });
    });

    it('chains nothing for a transaction that rolled back', async () => {
      const rolledBack = t.db.transaction().execute(async (tx) => {
        await recordAuditEvent(tx, clock, signout());
        throw new Error('the audited change failed');
      });
      await assert.rejects(rolledBack, /the audited change failed/);
      assert.deepEqual(await chainAuditEvents(t.db), { chained: 0, skipped: false, backlog: false });
      assert.deepEqual(await listChain(t.db), { chained: [], unchained: [], positions: [] });
      assert.deepEqual(await verifyAuditChain(t.db, clock), { ok: true, count: 0, unchained: 0 });
    });

    it('counts recent unchained events as OK, and fails on those older than the bound', async () => {
      await recordInOwnTransaction(t.db);
      await chainAuditEvents(t.db);
      await recordInOwnTransaction(t.db);
      await recordInOwnTransaction(t.db);
      assert.deepEqual(await verifyAuditChain(t.db, clock), { ok: true, count: 1, unchained: 2 });
      clock.advance(AUDIT_UNCHAINED_BOUND_MS + SECOND);
      await recordInOwnTransaction(t.db);
      assert.deepEqual(await verifyAuditChain(t.db, clock), {
        ok: false,
        count: 1,
        reason: 'unchained_too_long',
        stale: 2,
        oldestStaleSeq: '2',
      });
    });

    it('is run every interval by the worker job', async () => {
      const job = startAuditChainer({ db: t.db, log: pino({ level: 'silent' }) }, 20);
      try {
        await recordInOwnTransaction(t.db);
        await recordInOwnTransaction(t.db);
        for (let i = 0; i < 200 && (await listChain(t.db)).chained.length < 2; i += 1) await sleep(20);
      } finally {
        await job.stop();
      }
      assert.deepEqual(await verifyAuditChain(t.db, clock), { ok: true, count: 2, unchained: 0 });
    });

    it(
      'chains in commit order: an earlier seq that commits later is chained after',
      concurrentSessions,
      async () => {
        const late = await holdTransactionOpen(t.db, (tx) =>
          recordAuditEvent(tx, clock, signout({ late: true })),
        );
        await recordInOwnTransaction(t.db, { late: false });
        await chainAuditEvents(t.db);
        assert.deepEqual(await listChain(t.db), { chained: ['2'], unchained: [], positions: ['1'] });
        await late.commit();
        await chainAuditEvents(t.db);
        assert.deepEqual(await listChain(t.db), {
          chained: ['2', '1'],
          unchained: [],
          positions: ['1', '2'],
        });
        assert.deepEqual(await verifyAuditChain(t.db, clock), { ok: true, count: 2, unchained: 0 });
      },
    );

    it('skips a round while another chainer holds the lock', concurrentSessions, async () => {
      await recordInOwnTransaction(t.db);
      const other = await holdTransactionOpen(t.db, (tx) => tryLockAuditChainer(tx));
      assert.deepEqual(await chainAuditEvents(t.db), { chained: 0, skipped: true, backlog: false });
      await other.commit();
      assert.deepEqual(await chainAuditEvents(t.db), { chained: 1, skipped: false, backlog: false });
    });

    it('never makes a writer wait for a chainer holding the lock', concurrentSessions, async () => {
      const other = await holdTransactionOpen(t.db, (tx) => tryLockAuditChainer(tx));
      try {
        await Promise.race([
          recordInOwnTransaction(t.db),
          sleep(5_000).then(() => assert.fail('the writer waited for the chainer lock')),
        ]);
      } finally {
        await other.commit();
      }
    });
  });
}
