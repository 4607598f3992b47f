import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { createTestAccount } from '../../../test/support/factories.ts';
import {
  buildRawEmail,
  createDkimKey,
  dkimSigned,
  dmarcDomainRecords,
  fakeDnsResolver,
  freshMessageId,
  type RawEmail,
} from '../../../test/support/inbound-mail.ts';
import { queuedEmails } from '../../../test/support/queued-emails.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { openEmailContent } from '../../platform/mail/outbox.ts';
import { applyTicketEvent } from '../apply-ticket-event.ts';
import { getTicketByReference, listTicketMessages } from '../tickets.repository.ts';
import { ingestSupportEmail } from './ingest-support-email.ts';

const DOMAIN = 'chez-client.fr';
const key = createDkimKey();
const resolver = fakeDnsResolver(dmarcDomainRecords(DOMAIN, key.dnsRecord));
let counter = 0;
const fresh = () => `client${++counter}-${Date.now()}@${DOMAIN}`;

for (const kind of testDatabaseKinds()) {
  describe(`support email intake [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    const ingest = (raw: Buffer) =>
      ingestSupportEmail(t.deps, raw, { remoteAddress: '192.0.2.7' }, { resolver });
    const send = (email: RawEmail) => ingest(buildRawEmail(email));
    const sendSigned = async (email: RawEmail) =>
      ingest(await dkimSigned(buildRawEmail(email), DOMAIN, key.privateKey));
    const ticketOf = async (result: Awaited<ReturnType<typeof ingest>>) => {
      assert.ok(result.ok && result.reference, `not taken: ${JSON.stringify(result)}`);
      const ticket = await getTicketByReference(t.deps.db, result.reference);
      assert.ok(ticket);
      return ticket;
    };
    const outboxCount = async () =>
      (await t.deps.db.selectFrom('email_outbox').select('id').execute()).length;

    it('answers a sensitive request from an unverified sender once, with no reset link, and keeps it not actionable', async () => {
      const { account } = await createTestAccount(t.deps, { email: fresh() });
      const messageId = freshMessageId();
      const result = await send({
        from: account.email,
        subject: 'Résiliation',
        text: 'Merci de supprimer mon site.',
        messageId,
      });
      const ticket = await ticketOf(result);
      assert.equal(result.ok && result.outcome, 'created');
      assert.deepEqual(
        {
          channel: ticket.channel,
          category: ticket.category,
          sensitive: ticket.sensitive,
          actionable: ticket.actionable,
          verified: ticket.senderVerified,
          why: ticket.verification,
        },
        {
          channel: 'email',
          category: 'sensitive',
          sensitive: true,
          actionable: false,
          verified: false,
          why: 'dmarc_fail',
        },
      );
      const answers = await queuedEmails(t, { to: account.email });
      assert.equal(answers.length, 1);
      const [answer] = answers;
      assert.ok(answer);
      assert.equal(answer.kind, 'ticket-sensitive-request-refused');
      assert.ok(answer.subject.startsWith(`[${ticket.reference}] `));
      assert.doesNotMatch(answer.text, /password\/reset|token=/);
      assert.doesNotMatch(answer.text, new RegExp(account.clientNumber));
      assert.match(answer.text, /\/support/);
      const row = await t.deps.db
        .selectFrom('email_outbox')
        .select('sealed_message')
        .where('id', '=', answer.id)
        .executeTakeFirstOrThrow();
      assert.equal(
        openEmailContent(t.deps.masterKey, answer.id, row.sealed_message).headers?.['In-Reply-To'],
        messageId,
      );

      // The same sender writing again in the thread gets no second answer.
      await send({
        from: account.email,
        subject: `Re: [${ticket.reference}] Résiliation`,
        text: 'Alors, cette suppression ?',
      });
      assert.equal((await queuedEmails(t, { to: account.email })).length, 1);
    });

    it('takes a sensitive request from a verified sender as actionable, with only the acknowledgement', async () => {
      const { account } = await createTestAccount(t.deps, { email: fresh() });
      const ticket = await ticketOf(
        await sendSigned({
          from: account.email,
          subject: 'Transfert',
          text: 'Je souhaite le transfert de mon domaine.',
        }),
      );
      assert.deepEqual(
        [ticket.sensitive, ticket.actionable, ticket.senderVerified, ticket.verification],
        [true, true, true, 'dmarc_pass'],
      );
      assert.equal(ticket.accountId, account.id);
      assert.deepEqual(
        (await queuedEmails(t, { to: account.email })).map((e) => e.kind),
        ['ticket-acknowledgement'],
      );
    });

    it('sends a reset link to the fiche address for a lost-password email from it', async () => {
      const { account } = await createTestAccount(t.deps, { email: fresh() });
      const ticket = await ticketOf(
        await send({ from: account.email, subject: 'Aide', text: 'Bonjour, j’ai oublié mon mot de passe.' }),
      );
      assert.equal(ticket.category, 'access');
      const emails = await queuedEmails(t, { to: account.email });
      assert.deepEqual(
        emails.map((e) => e.kind),
        ['password-reset'],
      );
      const audit = await t.deps.db
        .selectFrom('audit_events')
        .select('details')
        .where('action', '=', 'ticket.lost_access_handled')
        .where('account_id', '=', account.id)
        .executeTakeFirstOrThrow();
      assert.equal((audit.details as Record<string, unknown>).outcome, 'reset_link_sent');
    });

    it('sends nothing at all for a lost-password email from an address on no fiche, and keeps the ticket', async () => {
      const before = await outboxCount();
      const ticket = await ticketOf(
        await send({
          from: 'inconnu@ailleurs.fr',
          subject: 'reset my password',
          text: 'I forgot my password',
        }),
      );
      assert.deepEqual(
        [ticket.category, ticket.verification, ticket.accountId],
        ['access', 'no_fiche', null],
      );
      assert.equal(await outboxCount(), before);
    });

    it('threads a reply from the requester by the reference in the subject, reopening the ticket', async () => {
      const from = 'particulier@ailleurs.fr';
      const first = await ticketOf(await send({ from, subject: 'Question', text: 'Bonjour' }));
      await t.deps.db.transaction().execute((tx) => applyTicketEvent(tx, first, 'await_customer', {}));
      const reply = await send({
        from: `Particulier <${from.toUpperCase()}>`,
        subject: `Re: [${first.reference}] Question`,
        text: 'Merci !',
      });
      assert.deepEqual(reply, { ok: true, outcome: 'added', reference: first.reference });
      assert.equal((await getTicketByReference(t.deps.db, first.reference))?.status, 'open');
      assert.deepEqual(
        (await listTicketMessages(t.deps.db, first.id)).map((m) => m.body),
        ['Bonjour', 'Merci !'],
      );
    });

    it('opens a new ticket when a stranger writes with someone else’s reference', async () => {
      const victim = await ticketOf(
        await send({ from: 'victime@ailleurs.fr', subject: 'Mon site', text: 'Bonjour' }),
      );
      const result = await send({
        from: 'intrus@ailleurs.fr',
        subject: `Re: [${victim.reference}] Mon site`,
        text: 'Supprimez tout.',
        inReplyTo: '<x@y>',
      });
      assert.equal(result.ok && result.outcome, 'created');
      assert.notEqual(result.ok && result.reference, victim.reference);
      assert.equal((await listTicketMessages(t.deps.db, victim.id)).length, 1);
    });

    it('drops automatic mail: no ticket, no answer, an audit event', async () => {
      const before = await outboxCount();
      const tickets = (await t.deps.db.selectFrom('tickets').select('id').execute()).length;
      for (const headers of <Record<string, string>[]>[
        { 'Auto-Submitted': 'auto-replied' },
        { Precedence: 'bulk' },
      ]) {
        const result = await send({
          from: 'absent@ailleurs.fr',
          subject: 'Absence : résiliation',
          text: 'Je suis absent.',
          headers,
        });
        assert.deepEqual(result, { ok: true, outcome: 'dropped', reference: null });
      }
      const bounce = await ingestSupportEmail(
        t.deps,
        buildRawEmail({ from: 'mailer-daemon@ailleurs.fr', subject: 'Undelivered', text: 'x' }),
        { mailFrom: '' },
      );
      assert.equal(bounce.ok && bounce.outcome, 'dropped');
      assert.equal((await t.deps.db.selectFrom('tickets').select('id').execute()).length, tickets);
      assert.equal(await outboxCount(), before);
      const refused = await t.deps.db
        .selectFrom('audit_events')
        .select('details')
        .where('action', '=', 'ticket.email_refused')
        .execute();
      assert.ok(
        refused.filter((r) => (r.details as Record<string, unknown>).reason === 'auto_submitted').length >= 3,
      );
    });

    it('takes a redelivered Message-ID only once', async () => {
      const raw = buildRawEmail({ from: 'double@ailleurs.fr', subject: 'Deux fois', text: 'Bonjour' });
      const first = await ingest(raw);
      const second = await ingest(raw);
      assert.equal(first.ok && first.outcome, 'created');
      assert.deepEqual(second, {
        ok: true,
        outcome: 'duplicate',
        reference: first.ok ? first.reference : null,
      });
      const ticket = await ticketOf(first);
      assert.equal((await listTicketMessages(t.deps.db, ticket.id)).length, 1);
    });

    it('refuses a message over the size limit and one without a single From address', async () => {
      const small = { ...t.deps, config: { ...t.deps.config, inboundMaxMessageBytes: 200 } };
      const big = buildRawEmail({ from: 'gros@ailleurs.fr', subject: 'Gros', text: 'x'.repeat(500) });
      assert.deepEqual(await ingestSupportEmail(small, big), { ok: false, reason: 'too_large' });
      assert.deepEqual(await send({ from: 'a@ailleurs.fr, b@ailleurs.fr', subject: 'Deux', text: 'x' }), {
        ok: false,
        reason: 'invalid_sender',
      });
    });
  });
}
