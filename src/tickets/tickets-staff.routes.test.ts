import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount } from '../../test/support/factories.ts';
import { queuedEmails } from '../../test/support/queued-emails.ts';
import { signedInStaff } from '../../test/support/staff.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';
import { noRequestMeta } from '../platform/deps.ts';
import { openEmailContent } from '../platform/mail/outbox.ts';
import { getTicketByReference } from './tickets.repository.ts';
import { openTicket } from './tickets.service.ts';

/** An emailed ticket as intake would store it (the inbound Message-ID kept for threading). */
async function emailTicket(
  t: TestApp,
  input: { accountId: string | null; from: string; verified: boolean; body?: string },
) {
  const rfcMessageId = `<${crypto.randomUUID()}@mail.example>`;
  const { ticket } = await t.deps.db.transaction().execute((tx) =>
    openTicket(
      tx,
      t.deps,
      {
        accountId: input.accountId,
        channel: 'email',
        category: 'general',
        subject: 'Re: Supprimer mon site',
        body: input.body ?? 'Merci de supprimer mon site.',
        requesterEmail: input.from,
        requesterName: null,
        serviceId: null,
        senderVerified: input.verified,
        verification: input.verified ? 'dmarc_pass' : 'dmarc_fail',
        email: { rfcMessageId, inReplyTo: null, fromAddress: input.from },
      },
      { type: 'anonymous', id: null, meta: noRequestMeta },
    ),
  );
  return { ticket, rfcMessageId };
}

for (const kind of testDatabaseKinds()) {
  describe(`staff ticket desk [${kind}]`, () => {
    let t: TestApp;
    let agent: Awaited<ReturnType<typeof signedInStaff>>;
    before(async () => {
      t = await buildTestApp(kind);
      agent = await signedInStaff(t.app, t.deps, 'agent');
    });
    after(() => t.close());

    it('answers 401 to a customer cookie or no session on staff routes', async () => {
      const { account, password } = await createTestAccount(t.deps);
      const customer = createClient(t.app);
      await customer.signIn(account.email, password);
      assert.equal((await customer.api('GET', '/api/v1/staff/tickets')).statusCode, 401);
      assert.equal(
        (await createClient(t.app).api('GET', '/api/v1/staff/tickets/T-0000-0000')).statusCode,
        401,
      );
    });

    it('filters the queue by status, channel and assignment', async () => {
      const { account } = await createTestAccount(t.deps);
      const a = await emailTicket(t, { accountId: account.id, from: account.email, verified: true });
      const b = await emailTicket(t, { accountId: null, from: 'forger@evil.example', verified: false });
      const refs = async (query: string) =>
        (await agent.client.staffApi('GET', `/api/v1/staff/tickets${query}`))
          .json()
          .tickets.map((x: { reference: string }) => x.reference);
      assert.ok((await refs('?channel=email')).includes(a.ticket.reference));
      assert.ok(!(await refs('?channel=portal')).includes(a.ticket.reference));
      const assigned = await agent.client.staffApi(
        'POST',
        `/api/v1/staff/tickets/${a.ticket.reference}/assign`,
        {},
      );
      assert.equal(assigned.statusCode, 200);
      assert.equal(assigned.json().assignedStaffId, agent.staff.user.id);
      assert.deepEqual(await refs('?assigned=me'), [a.ticket.reference]);
      await agent.client.staffApi('POST', `/api/v1/staff/tickets/${b.ticket.reference}/status`, {
        status: 'closed',
      });
      assert.ok(!(await refs('')).includes(b.ticket.reference));
      assert.ok((await refs('?status=closed')).includes(b.ticket.reference));
      const listed = (await agent.client.staffApi('GET', '/api/v1/staff/tickets?status=all')).json().tickets;
      const entry = listed.find((x: { reference: string }) => x.reference === b.ticket.reference);
      assert.equal(entry.senderVerified, false);
      assert.equal(entry.actionable, false);
      assert.equal(entry.verification, 'dmarc_fail');
      const page = await agent.client.request({ method: 'GET', url: '/staff/tickets?status=all' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /DMARC en échec/);
    });

    it('shows the thread (audited), replies by email with threading headers, and the portal sees it', async () => {
      const { account, password } = await createTestAccount(t.deps);
      const customer = createClient(t.app);
      await customer.signIn(account.email, password);
      const { reference } = (
        await customer.api('POST', '/api/v1/tickets', {
          subject: 'Ma boîte mail',
          body: 'Elle ne marche plus',
          category: 'access',
        })
      ).json();
      const view = await agent.client.staffApi('GET', `/api/v1/staff/tickets/${reference}`);
      assert.equal(view.statusCode, 200);
      assert.equal(view.json().messages[0].verification, 'portal');
      const viewed = await t.deps.db
        .selectFrom('audit_events')
        .select('details')
        .where('action', '=', 'staff.ticket.viewed')
        .execute();
      assert.ok(viewed.some((e) => JSON.stringify(e.details).includes(reference)));

      const first = await agent.client.staffApi('POST', `/api/v1/staff/tickets/${reference}/reply`, {
        body: 'Essayez ceci.',
      });
      assert.equal(first.statusCode, 201);
      // A customer reply by email (as intake would store it), then a second answer threads on it.
      const ticketRow = await t.deps.db
        .selectFrom('tickets')
        .selectAll()
        .where('reference', '=', reference)
        .executeTakeFirstOrThrow();
      assert.equal(ticketRow.status, 'waiting_customer');
      const inboundId = `<${crypto.randomUUID()}@example.org>`;
      await t.deps.db
        .insertInto('ticket_messages')
        .values({
          id: crypto.randomUUID(),
          ticket_id: ticketRow.id,
          author_type: 'sender',
          author_staff_id: null,
          channel: 'email',
          body: 'Toujours en panne',
          rfc_message_id: inboundId,
          in_reply_to: null,
          from_address: account.email,
          sender_verified: true,
          verification: 'dmarc_pass',
          created_at: new Date(t.clock.now().getTime() + 1000),
        })
        .execute();
      t.clock.advance(2000);
      await agent.client.staffApi('POST', `/api/v1/staff/tickets/${reference}/reply`, {
        body: 'Seconde réponse.',
      });

      const emails = await queuedEmails(t, { kind: 'ticket-reply', to: account.email });
      assert.equal(emails.length, 2);
      assert.equal(emails[1]?.subject, `[${reference}] Ma boîte mail`);
      assert.match(emails[1]?.text ?? '', /Seconde réponse\./);
      assert.match(emails[1]?.text ?? '', new RegExp(`/support/${reference}`));
      const row = await t.deps.db
        .selectFrom('email_outbox')
        .selectAll()
        .where('id', '=', emails[1]?.id ?? '')
        .executeTakeFirstOrThrow();
      const headers = openEmailContent(t.deps.masterKey, row.id, row.sealed_message).headers;
      assert.equal(headers['In-Reply-To'], inboundId);
      const firstMessageId = `<${emails[0]?.id}@${t.deps.config.publicUrl.hostname}>`;
      assert.equal(headers.References, `${firstMessageId} ${inboundId}`);
      assert.equal(headers['Reply-To'], t.deps.config.supportEmail);
      const stored = await t.deps.db
        .selectFrom('ticket_messages')
        .select('rfc_message_id')
        .where('author_type', '=', 'staff')
        .where('ticket_id', '=', ticketRow.id)
        .execute();
      assert.ok(stored.some((m) => m.rfc_message_id === firstMessageId));

      const thread = (await customer.api('GET', `/api/v1/tickets/${reference}`)).json();
      assert.deepEqual(
        thread.messages.map((m: { author: string; body: string }) => [m.author, m.body]).slice(-1),
        [['support', 'Seconde réponse.']],
      );
      assert.doesNotMatch(JSON.stringify(thread), new RegExp(agent.staff.user.id));
    });

    it('moves status by the transition rules and refuses a reply on a closed ticket', async () => {
      const { account } = await createTestAccount(t.deps);
      const { ticket } = await emailTicket(t, { accountId: account.id, from: account.email, verified: true });
      const url = `/api/v1/staff/tickets/${ticket.reference}`;
      assert.equal(
        (await agent.client.staffApi('POST', `${url}/status`, { status: 'closed' })).json().status,
        'closed',
      );
      assert.equal((await agent.client.staffApi('POST', `${url}/reply`, { body: 'x' })).statusCode, 409);
      assert.equal(
        (await agent.client.staffApi('POST', `${url}/status`, { status: 'open' })).json().status,
        'open',
      );
      assert.equal(
        (await agent.client.staffApi('POST', `${url}/status`, { status: 'bogus' })).statusCode,
        422,
      );
      const changed = await t.deps.db
        .selectFrom('audit_events')
        .select('details')
        .where('action', '=', 'staff.ticket.status_changed')
        .execute();
      assert.ok(changed.filter((e) => JSON.stringify(e.details).includes(ticket.reference)).length >= 2);
    });

    it('refuses a status the table does not lead to: a closed ticket is reopened before it waits', async () => {
      const { account } = await createTestAccount(t.deps);
      const { ticket } = await emailTicket(t, { accountId: account.id, from: account.email, verified: true });
      const url = `/api/v1/staff/tickets/${ticket.reference}/status`;
      assert.equal((await agent.client.staffApi('POST', url, { status: 'closed' })).statusCode, 200);
      const refused = await agent.client.staffApi('POST', url, { status: 'waiting_customer' });
      assert.equal(refused.statusCode, 409);
      assert.equal((await getTicketByReference(t.deps.db, ticket.reference))?.status, 'closed');
      const page = await agent.client.request({ method: 'GET', url: `/staff/tickets/${ticket.reference}` });
      assert.doesNotMatch(page.body, /<option value="waiting_customer"/);
    });

    it('sends new access to the fiche address only, never for a non-actionable ticket', async () => {
      const { account } = await createTestAccount(t.deps);
      const forged = 'someone@evil.example';
      const verified = await emailTicket(t, {
        accountId: account.id,
        from: account.email,
        verified: true,
        body: 'J’ai perdu mon mot de passe',
      });
      const sent = await agent.client.staffApi(
        'POST',
        `/api/v1/staff/tickets/${verified.ticket.reference}/send-access`,
      );
      assert.equal(sent.statusCode, 202);
      assert.equal((await queuedEmails(t, { kind: 'password-reset', accountId: account.id })).length, 1);
      assert.equal(
        (await queuedEmails(t, { kind: 'password-reset', accountId: account.id }))[0]?.to,
        account.email,
      );

      const unverified = await emailTicket(t, { accountId: account.id, from: forged, verified: false });
      const refused = await agent.client.staffApi(
        'POST',
        `/api/v1/staff/tickets/${unverified.ticket.reference}/send-access`,
      );
      assert.equal(refused.statusCode, 409);
      assert.equal((await queuedEmails(t, { to: forged })).length, 0);
      const page = await agent.client.request({
        method: 'GET',
        url: `/staff/tickets/${unverified.ticket.reference}`,
      });
      assert.match(page.body, /Demande sensible d’un expéditeur non vérifié/);
      assert.doesNotMatch(page.body, /send-access/);
    });
  });
}
