import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from '../../test/support/database.ts';
import { sourceFilesMatching } from '../../test/support/source-files.ts';
import { createManualClock } from '../platform/clock.ts';
import { noRequestMeta } from '../platform/deps.ts';
import { applyTicketEvent } from './apply-ticket-event.ts';
import {
  nextTicketStatus,
  staffStatusChoices,
  staffStatusEvent,
  ticketEvents,
  ticketStatuses,
} from './ticket.ts';
import { getTicketByReference, lockTicketById, type TicketChanges } from './tickets.repository.ts';
import { openTicket } from './tickets.service.ts';

// @ts-expect-error a ticket's status is not a field to change: only applyTicketEvent moves it
const statusIsNoChange: TicketChanges = { status: 'closed' };
void statusIsNoChange;

describe('applyTicketEvent', () => {
  it('is the only code that moves a ticket: no other UPDATE of tickets names the status', () => {
    assert.deepEqual(sourceFilesMatching(/\btransitionTicket\b/), [
      'src/tickets/apply-ticket-event.ts',
      'src/tickets/tickets.repository.ts',
    ]);
    const updates = sourceFilesMatching(/updateTable\('tickets'\)/).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/updateTable\('tickets'\)[^;]*;/g)].map((m) => m[0]),
    );
    assert.ok(updates.length >= 2, 'the scan found the UPDATE statements');
    assert.equal(updates.filter((statement) => /\.set\([^)]*\bstatus\b/.test(statement)).length, 1);
  });

  it("offers staff only the statuses the table leads to, each through one of staff's events", () => {
    assert.deepEqual(staffStatusChoices('open'), ['open', 'waiting_customer', 'closed']);
    assert.deepEqual(staffStatusChoices('waiting_customer'), ['waiting_customer', 'open', 'closed']);
    assert.deepEqual(staffStatusChoices('closed'), ['closed', 'open']);
    assert.equal(staffStatusEvent('closed', 'waiting_customer'), null);
    assert.equal(staffStatusEvent('open', 'closed'), 'close');
  });

  for (const kind of testDatabaseKinds()) {
    describe(`on ${kind}`, () => {
      let database: TestDatabase;
      const clock = createManualClock(new Date('2026-12-01T09:00:00Z'));
      before(async () => {
        database = await createTestDatabase(kind);
      });
      after(() => database.destroy());

      async function ticketIn(status: (typeof ticketStatuses)[number]) {
        return database.db.transaction().execute(async (tx) => {
          const { ticket } = await openTicket(tx, { clock }, newTicket(), {
            type: 'anonymous',
            id: null,
            meta: noRequestMeta,
          });
          // Set up through the table itself: every status is reachable from open.
          const event = status === 'open' ? null : status === 'closed' ? 'close' : 'await_customer';
          return event ? ((await applyTicketEvent(tx, ticket, event, {})) ?? ticket) : ticket;
        });
      }

      it('makes exactly the transitions of the table, and writes nothing for any other pair', async () => {
        for (const status of ticketStatuses) {
          for (const event of ticketEvents) {
            const ticket = await ticketIn(status);
            assert.equal(ticket.status, status);
            const moved = await database.db.transaction().execute(async (tx) => {
              const locked = await lockTicketById(tx, ticket.id);
              if (!locked) throw new Error('ticket missing');
              return applyTicketEvent(tx, locked, event, { updated_at: clock.now() });
            });
            const expected = nextTicketStatus(status, event);
            assert.equal(moved?.status ?? null, expected, `${status} on ${event}`);
            const stored = await getTicketByReference(database.db, ticket.reference);
            assert.equal(stored?.status, expected ?? status, `${status} on ${event}, as stored`);
          }
        }
      });
    });
  }
});

function newTicket() {
  return {
    accountId: null,
    channel: 'email' as const,
    category: 'general' as const,
    subject: 'État',
    body: 'Bonjour',
    requesterEmail: 'jeanne@example.org',
    requesterName: null,
    serviceId: null,
    senderVerified: false,
    verification: 'no_fiche',
    email: { rfcMessageId: null, inReplyTo: null, fromAddress: 'jeanne@example.org' },
  };
}
