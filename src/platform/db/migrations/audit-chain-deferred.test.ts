import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import {
  createTestDatabase,
  type TestDatabase,
  testDatabaseKinds,
} from '../../../../test/support/database.ts';
import { recordAuditEvent } from '../../../audit/audit.service.ts';
import { AUDIT_GENESIS_HASH, type AuditHashedFields, computeAuditHash } from '../../../audit/audit.ts';
import { chainAuditEvents, verifyAuditChain } from '../../../audit/audit-chain.service.ts';
import { createManualClock } from '../../clock.ts';
import { migrations } from './index.ts';

const clock = createManualClock();

/** Writes events the way the request path did before the migration: chained at insert, in seq order. */
async function insertChainedTheOldWay(database: TestDatabase, seqs: number[]): Promise<void> {
  let prevHash = AUDIT_GENESIS_HASH;
  for (const seq of seqs) {
    const fields: AuditHashedFields = {
      id: randomUUID(),
      occurredAt: clock.now(),
      actorType: 'system',
      actorId: null,
      accountId: null,
      action: 'signout',
      ip: null,
      userAgent: null,
      details: { seq },
    };
    const hash = computeAuditHash(prevHash, fields);
    await sql`INSERT INTO audit_events (seq, id, occurred_at, actor_type, action, details, prev_hash, hash)
      VALUES (${seq}, ${fields.id}, ${fields.occurredAt}, 'system', 'signout', ${JSON.stringify(fields.details)}::jsonb,
        ${prevHash}, ${hash})`.execute(database.db);
    prevHash = hash;
  }
  await sql`SELECT setval('audit_events_seq_seq', ${Math.max(...seqs)})`.execute(database.db);
}

for (const kind of testDatabaseKinds()) {
  describe(`migration 2026-12-07-005-audit-chain-deferred [${kind}]`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(kind, { migrate: false });
      const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });
      const { error } = await migrator.migrateTo('2026-12-07-004-openid-provider');
      if (error) throw error;
      // Seq 3 was burnt by a rolled-back transaction, as happens.
      await insertChainedTheOldWay(database, [1, 2, 4, 5]);
      const latest = await migrator.migrateToLatest();
      if (latest.error) throw latest.error;
    });
    after(() => database.destroy());

    it('keeps the events chained before it verifiable, each at the position of its seq', async () => {
      const rows = await database.db
        .selectFrom('audit_events')
        .select(['seq', 'chain_position'])
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        rows.map((r) => [String(r.seq), String(r.chain_position)]),
        [
          ['1', '1'],
          ['2', '2'],
          ['4', '4'],
          ['5', '5'],
        ],
      );
      assert.deepEqual(await verifyAuditChain(database.db, clock), { ok: true, count: 4, unchained: 0 });
    });

    it('chains new events after the old ones', async () => {
      await database.db.transaction().execute((tx) =>
        recordAuditEvent(tx, clock, {
          actor: { type: 'system', id: null },
          accountId: null,
          action: 'signout',
          ip: null,
          userAgent: null,
        }),
      );
      await chainAuditEvents(database.db);
      const newest = await database.db
        .selectFrom('audit_events')
        .select(['seq', 'chain_position'])
        .where('seq', '=', '6')
        .executeTakeFirstOrThrow();
      assert.equal(String(newest.chain_position), '6');
      assert.deepEqual(await verifyAuditChain(database.db, clock), { ok: true, count: 5, unchained: 0 });
    });

    it('chains an event that an instance of the previous release inserted with its own hashes', async () => {
      // What the old request path wrote during a rolling upgrade: hashes computed at insert, no position.
      await sql`INSERT INTO audit_events (id, occurred_at, actor_type, action, details, prev_hash, hash)
        VALUES (${randomUUID()}, ${clock.now()}, 'system', 'signout', '{}'::jsonb, ${AUDIT_GENESIS_HASH}, ${'f'.repeat(64)})`.execute(
        database.db,
      );
      assert.deepEqual(await chainAuditEvents(database.db), { chained: 1, skipped: false, backlog: false });
      assert.deepEqual(await verifyAuditChain(database.db, clock), { ok: true, count: 6, unchained: 0 });
    });

    it('refuses a chained row without its hashes', async () => {
      await assert.rejects(
        sql`INSERT INTO audit_events (id, occurred_at, actor_type, action, details, chain_position)
          VALUES (${randomUUID()}, ${clock.now()}, 'system', 'signout', '{}'::jsonb, 100)`.execute(
          database.db,
        ),
        /audit_events_chained_whole/,
      );
    });
  });
}
