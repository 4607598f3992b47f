import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from '../../test/support/database.ts';
import { createManualClock } from '../platform/clock.ts';
import { migrateToLatest } from '../platform/db/database.ts';
import { getTicketByRfcMessageId, insertTicketMessage, listTicketMessages } from './tickets.repository.ts';
import { openTicket } from './tickets.service.ts';

for (const kind of testDatabaseKinds()) {
  describe(`ticket messages [${kind}]`, () => {
    let database: TestDatabase;
    const clock = createManualClock(new Date('2026-11-24T10:00:00Z'));
    before(async () => {
      database = await createTestDatabase(kind);
      await migrateToLatest(database.db);
    });
    after(() => database.destroy());

    it('reads messages written at the same instant in the order they were written', async () => {
      const ids = await database.db.transaction().execute(async (tx) => {
        const { ticket, message } = await openTicket(
          tx,
          { clock },
          {
            accountId: null,
            channel: 'email',
            category: 'general',
            subject: 'Même instant',
            body: 'premier',
            requesterEmail: 'jeanne@example.org',
            requesterName: null,
            serviceId: null,
            senderVerified: false,
            verification: 'no_fiche',
            email: {
              rfcMessageId: '<first@example.org>',
              inReplyTo: null,
              fromAddress: 'jeanne@example.org',
            },
          },
          { type: 'anonymous', id: null, meta: { ip: null, userAgent: null } },
        );
        // Ten more messages on the same clock tick, with ids that sort in no particular order.
        const later = [];
        for (let i = 1; i <= 10; i++) {
          const written = await insertTicketMessage(tx, {
            id: crypto.randomUUID(),
            ticketId: ticket.id,
            authorType: i % 2 ? 'staff' : 'sender',
            authorStaffId: null,
            channel: 'email',
            body: `message ${i}`,
            rfcMessageId: `<m${i}@example.org>`,
            inReplyTo: null,
            fromAddress: null,
            senderVerified: null,
            verification: null,
            createdAt: clock.now(),
          });
          later.push(written.id);
        }
        return { ticketId: ticket.id, all: [message.id, ...later] };
      });
      const messages = await listTicketMessages(database.db, ids.ticketId);
      assert.deepEqual(
        messages.map((m) => m.id),
        ids.all,
      );
      const found = await getTicketByRfcMessageId(database.db, ['<m3@example.org>', '<nothing@example.org>']);
      assert.equal(found?.id, ids.ticketId);
    });
  });
}
