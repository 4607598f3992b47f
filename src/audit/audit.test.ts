import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from '../../test/support/database.ts';
import { createManualClock, MINUTE } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import { listAuditEventsForAccount, recordAuditEvent } from './audit.service.ts';
import { type AuditEventInput, type AuditHashedFields, computeAuditHash } from './audit.ts';
import { chainAuditEvents, verifyAuditChain } from './audit-chain.service.ts';
import { runAuditVerify } from './audit-verify.command.ts';

const clock = createManualClock();

function signinFailed(overrides: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    actor: { type: 'anonymous', id: null },
    accountId: null,
    action: 'signin.failed',
    ip: '203.0.113.7',
    userAgent: 'Mozilla/5.0',
    // Keys of different lengths, out of order: jsonb hands them back reordered.
    details: { reason: 'bad_password', attempt: 3, remembered: false, z: null },
    ...overrides,
  };
}

async function recordInOwnTransaction(db: Db, event = signinFailed()): Promise<void> {
  await db.transaction().execute((tx) => recordAuditEvent(tx, clock, event));
}

async function recordMany(db: Db, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) await recordInOwnTransaction(db);
}

async function listSeqs(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('audit_events').select('seq').orderBy('seq').execute();
  return rows.map((row) => String(row.seq));
}

/** What `sesame audit verify` does: chain what has committed, then check. */
async function chainAndVerify(db: Db) {
  await chainAuditEvents(db);
  return verifyAuditChain(db, clock);
}

// Only a superuser can do this; it is what the hash chain exists to catch.
async function withTriggerDisabled(db: Db, tamper: () => Promise<unknown>): Promise<void> {
  await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`.execute(db);
  await tamper();
  await sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete`.execute(db);
}

function captureOutput() {
  const lines = { log: [] as string[], error: [] as string[] };
  return { lines, out: { log: (l: string) => lines.log.push(l), error: (l: string) => lines.error.push(l) } };
}

for (const kind of testDatabaseKinds()) {
  describe(`audit log on ${kind}`, () => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await createTestDatabase(kind);
    });
    afterEach(async () => {
      await t.destroy();
    });

    it('verifies an empty log', async () => {
      assert.deepEqual(await chainAndVerify(t.db), { ok: true, count: 0, unchained: 0 });
    });

    it('verifies events recorded in transactions, with the right count', async () => {
      await recordMany(t.db, 3);
      await t.db.transaction().execute(async (tx) => {
        await recordAuditEvent(tx, clock, signinFailed({ action: 'signin.throttled' }));
        await recordAuditEvent(tx, clock, signinFailed({ action: 'signin.succeeded', details: {} }));
      });
      assert.deepEqual(await chainAndVerify(t.db), { ok: true, count: 5, unchained: 0 });
    });

    it('verifies across pages of 1000 rows', async () => {
      await t.db.transaction().execute(async (tx) => {
        for (let i = 0; i < 1001; i += 1) await recordAuditEvent(tx, clock, signinFailed());
      });
      assert.deepEqual(await chainAndVerify(t.db), { ok: true, count: 1001, unchained: 0 });
    });

    it('keeps one chain when 20 transactions record at once', async () => {
      await Promise.all(Array.from({ length: 20 }, () => recordInOwnTransaction(t.db)));
      assert.deepEqual(await chainAndVerify(t.db), { ok: true, count: 20, unchained: 0 });
    });

    it('leaves no row when the recording transaction rolls back, and the chain still verifies', async () => {
      await recordInOwnTransaction(t.db);
      const rolledBack = t.db.transaction().execute(async (tx) => {
        await recordAuditEvent(tx, clock, signinFailed({ action: 'password.changed' }));
        throw new Error('the change being audited failed');
      });
      await assert.rejects(rolledBack, /the change being audited failed/);
      await recordInOwnTransaction(t.db);
      assert.deepEqual(await listSeqs(t.db), ['1', '3'], 'the rolled-back event burnt seq 2');
      assert.deepEqual(await chainAndVerify(t.db), { ok: true, count: 2, unchained: 0 });
    });

    it('reports hash_mismatch at the row whose action was edited', async () => {
      await recordMany(t.db, 5);
      await chainAuditEvents(t.db);
      await withTriggerDisabled(t.db, () =>
        sql`UPDATE audit_events SET action = 'signout' WHERE seq = 3`.execute(t.db),
      );
      const result = await chainAndVerify(t.db);
      assert.deepEqual(result, { ok: false, count: 2, brokenAtSeq: '3', reason: 'hash_mismatch' });
    });

    it('reports chain_broken at the row after a deleted one', async () => {
      await recordMany(t.db, 5);
      await chainAuditEvents(t.db);
      await withTriggerDisabled(t.db, () => sql`DELETE FROM audit_events WHERE seq = 3`.execute(t.db));
      const result = await chainAndVerify(t.db);
      assert.deepEqual(result, { ok: false, count: 2, brokenAtSeq: '4', reason: 'chain_broken' });
    });

    it('reports chain_broken where two chained rows swapped places', async () => {
      await recordMany(t.db, 5);
      await chainAuditEvents(t.db);
      await withTriggerDisabled(t.db, async () => {
        // Through negative values, as the positions are unique: 2 → -2 → 4 and 4 → -4 → 2.
        await sql`UPDATE audit_events SET chain_position = -chain_position WHERE seq IN (2, 4)`.execute(t.db);
        await sql`UPDATE audit_events SET chain_position = 6 + chain_position WHERE seq IN (2, 4)`.execute(
          t.db,
        );
      });
      const result = await chainAndVerify(t.db);
      assert.deepEqual(result, { ok: false, count: 1, brokenAtSeq: '4', reason: 'chain_broken' });
    });

    it('reports chain_broken where a chained row was unchained to be chained again at the end', async () => {
      await recordMany(t.db, 3);
      await chainAuditEvents(t.db);
      await withTriggerDisabled(t.db, () =>
        sql`UPDATE audit_events SET chain_position = NULL, prev_hash = NULL, hash = NULL WHERE seq = 2`.execute(
          t.db,
        ),
      );
      const result = await chainAndVerify(t.db);
      assert.deepEqual(result, { ok: false, count: 1, brokenAtSeq: '3', reason: 'chain_broken' });
    });

    it('refuses UPDATE, DELETE and TRUNCATE while the triggers are enabled', async () => {
      await recordMany(t.db, 2);
      // Before chaining too: the one UPDATE allowed sets the chain columns and nothing else.
      await assert.rejects(
        sql`UPDATE audit_events SET action = 'signout', chain_position = seq, prev_hash = 'x', hash = 'y'`.execute(
          t.db,
        ),
        /append-only/,
      );
      await chainAuditEvents(t.db);
      await assert.rejects(sql`UPDATE audit_events SET action = 'signout'`.execute(t.db), /append-only/);
      await assert.rejects(
        sql`UPDATE audit_events SET hash = prev_hash WHERE seq = 2`.execute(t.db),
        /append-only/,
      );
      await assert.rejects(sql`DELETE FROM audit_events WHERE seq = 1`.execute(t.db), /append-only/);
      await assert.rejects(sql`TRUNCATE audit_events`.execute(t.db), /append-only/);
      assert.deepEqual(await chainAndVerify(t.db), { ok: true, count: 2, unchained: 0 });
    });

    it('refuses details whose keys could carry a secret, and writes nothing', async () => {
      for (const key of ['password', 'newPassword', 'reset_token', 'clientSecret', 'Cookie', 'totpCode']) {
        const event = signinFailed({ details: { [key]: 'x' } });
        await assert.rejects(recordInOwnTransaction(t.db, event), /must not carry secrets/);
      }
      assert.deepEqual(await listSeqs(t.db), []);
    });

    it('refuses to record outside a transaction, and records under any isolation level', async () => {
      // @ts-expect-error the compiler refuses a Db where a Tx is required; the runtime check backs it up
      await assert.rejects(recordAuditEvent(t.db, clock, signinFailed()), /inside a transaction/);
      assert.deepEqual(await listSeqs(t.db), []);
      // The write path reads nothing of the chain, so a stale snapshot cannot fork it.
      // Raw SQL rather than setIsolationLevel(), which Kysely's PGlite driver ignores.
      for (const level of [sql`REPEATABLE READ`, sql`SERIALIZABLE`]) {
        await t.db.transaction().execute(async (tx) => {
          await sql`SET TRANSACTION ISOLATION LEVEL ${level}`.execute(tx);
          await recordAuditEvent(tx, clock, signinFailed());
        });
      }
      assert.deepEqual(await chainAndVerify(t.db), { ok: true, count: 2, unchained: 0 });
    });

    it("lists an account's events newest first, up to the limit", async () => {
      const accountId = randomUUID();
      for (const action of ['account.created', 'signin.succeeded', 'signout'] as const) {
        clock.advance(MINUTE);
        await recordInOwnTransaction(t.db, signinFailed({ accountId: accountId.toUpperCase(), action }));
      }
      await recordInOwnTransaction(t.db, signinFailed({ accountId: randomUUID() }));
      const events = await listAuditEventsForAccount(t.db, accountId, 2);
      assert.deepEqual(
        events.map((e) => [e.action, e.accountId]),
        [
          ['signout', accountId],
          ['signin.succeeded', accountId],
        ],
      );
      const [newest] = events;
      assert.equal(newest?.occurredAt.getTime(), clock.now().getTime());
      assert.deepEqual(newest?.details, { reason: 'bad_password', attempt: 3, remembered: false, z: null });
      assert.deepEqual(await chainAndVerify(t.db), { ok: true, count: 4, unchained: 0 });
    });

    describe('sesame audit verify', () => {
      it('prints OK with the count and exits 0', async () => {
        await recordMany(t.db, 42);
        const { lines, out } = captureOutput();
        assert.equal(await runAuditVerify({ db: t.db, clock }, out), 0);
        assert.deepEqual(lines, { log: ['audit chain OK: 42 events'], error: [] });
      });

      it('prints where the chain broke and exits 1', async () => {
        await recordMany(t.db, 3);
        await chainAuditEvents(t.db);
        await withTriggerDisabled(t.db, () =>
          sql`UPDATE audit_events SET ip = NULL WHERE seq = 2`.execute(t.db),
        );
        const { lines, out } = captureOutput();
        assert.equal(await runAuditVerify({ db: t.db, clock }, out), 1);
        assert.deepEqual(lines, {
          log: [],
          error: ['audit chain BROKEN at event #2: hash mismatch (row edited); 1 event verified before it'],
        });
      });
    });
  });
}

describe('computeAuditHash', () => {
  const event: AuditHashedFields = {
    id: '8f0c6a1e-6a0b-4d8e-9d55-0d3c1f0b7a11',
    occurredAt: new Date('2026-01-15T09:00:00.123Z'),
    actorType: 'customer',
    actorId: 'a1',
    accountId: null,
    action: 'password.changed',
    ip: null,
    userAgent: null,
    details: { b: 1, a: 'x' },
  };

  it('is a SHA-256 hex digest that ignores the order of detail keys', () => {
    const hash = computeAuditHash('0'.repeat(64), event);
    assert.match(hash, /^[0-9a-f]{64}$/);
    assert.equal(computeAuditHash('0'.repeat(64), { ...event, details: { a: 'x', b: 1 } }), hash);
  });

  it('changes with the previous hash and with every field', () => {
    const hash = computeAuditHash('0'.repeat(64), event);
    assert.notEqual(computeAuditHash('1'.repeat(64), event), hash);
    assert.notEqual(computeAuditHash('0'.repeat(64), { ...event, occurredAt: new Date(1) }), hash);
    assert.notEqual(computeAuditHash('0'.repeat(64), { ...event, actorId: null }), hash);
    assert.notEqual(computeAuditHash('0'.repeat(64), { ...event, details: { a: 'x', b: '1' } }), hash);
  });
});
