import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { createTestPdf, findFilesContaining } from '../../../test/support/documents.ts';
import {
  buildRawEmail,
  fakeDnsResolver,
  freshMessageId,
  sendRawBySmtp,
} from '../../../test/support/inbound-mail.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { messageIdFor } from '../../platform/mail/outbox.ts';
import { readStoredDocument } from '../../recovery/documents/document-intake.ts';
import { getTicketAttachmentForReading, listTicketAttachments } from '../ticket-attachments.repository.ts';
import { getTicketByReference, insertTicketMessage, listTicketMessages } from '../tickets.repository.ts';
import { type InboundSmtp, startInboundSmtp } from './inbound-smtp.ts';

// No internet in tests: a FAKE DNS that knows no domain (so every sender here is unverified).
const resolver = fakeDnsResolver({});
const SUPPORT = 'support@sesame.localhost';

for (const kind of testDatabaseKinds()) {
  describe(`inbound SMTP listener [${kind}]`, () => {
    let t: TestApp;
    let smtp: InboundSmtp;
    before(async () => {
      t = await buildTestApp(kind, { INBOUND_MAX_MESSAGE_BYTES: String(200 * 1024) });
      smtp = await startInboundSmtp(t.deps, { port: 0, host: '127.0.0.1', resolver });
    });
    after(async () => {
      await smtp.close();
      await t.close();
    });

    const deliver = (raw: Buffer, from = 'client@ailleurs.fr') =>
      sendRawBySmtp(smtp.port, raw, { from, to: SUPPORT });
    const referenceOf = (response: string) => {
      const match = /Queued as (T-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(response);
      assert.ok(match?.[1], `no reference in "${response}"`);
      return match[1];
    };

    it('opens a ticket and answers 250 with its reference; a reply by subject joins it', async () => {
      const info = await deliver(
        buildRawEmail({
          from: 'Jeanne <jeanne@ailleurs.fr>',
          subject: 'Mon site est lent',
          text: 'Bonjour,\nmon site est lent.',
        }),
      );
      const reference = referenceOf(info.response);
      assert.match(info.response, /^250 /);
      const ticket = await getTicketByReference(t.deps.db, reference);
      assert.ok(ticket);
      assert.deepEqual(
        [ticket.channel, ticket.requesterEmail, ticket.requesterName, ticket.subject],
        ['email', 'jeanne@ailleurs.fr', 'Jeanne', 'Mon site est lent'],
      );

      const reply = await deliver(
        buildRawEmail({
          from: 'jeanne@ailleurs.fr',
          subject: `RE: [${reference}] Mon site est lent`,
          text: 'Toujours lent.',
        }),
      );
      assert.equal(referenceOf(reply.response), reference);
      assert.deepEqual(
        (await listTicketMessages(t.deps.db, ticket.id)).map((m) => m.body),
        ['Bonjour,\nmon site est lent.', 'Toujours lent.'],
      );
    });

    it('threads a reply by In-Reply-To to the Message-ID of a staff email', async () => {
      const info = await deliver(
        buildRawEmail({ from: 'paul@ailleurs.fr', subject: 'Facture', text: 'Où est ma facture ?' }),
      );
      const ticket = await getTicketByReference(t.deps.db, referenceOf(info.response));
      assert.ok(ticket);
      const staffMessageId = messageIdFor(randomUUID(), t.deps.config.publicUrl);
      await t.deps.db.transaction().execute((tx) =>
        insertTicketMessage(tx, {
          id: randomUUID(),
          ticketId: ticket.id,
          authorType: 'staff',
          authorStaffId: null,
          channel: 'email',
          body: 'La voici.',
          rfcMessageId: staffMessageId,
          inReplyTo: null,
          fromAddress: null,
          senderVerified: null,
          verification: null,
          createdAt: t.clock.now(),
        }),
      );
      // A client that dropped the reference from the subject still threads by its headers.
      const reply = await deliver(
        buildRawEmail({
          from: 'paul@ailleurs.fr',
          subject: 'Re: Facture',
          text: 'Merci.',
          inReplyTo: staffMessageId,
          references: staffMessageId,
        }),
      );
      assert.equal(referenceOf(reply.response), ticket.reference);
      assert.deepEqual(
        (await listTicketMessages(t.deps.db, ticket.id)).map((m) => m.authorType),
        ['sender', 'staff', 'sender'],
      );
    });

    it('refuses recipients other than the support address with 550', async () => {
      const raw = buildRawEmail({
        from: 'x@ailleurs.fr',
        subject: 'x',
        text: 'x',
        to: 'ventes@sesame.localhost',
      });
      await assert.rejects(
        sendRawBySmtp(smtp.port, raw, { from: 'x@ailleurs.fr', to: 'ventes@sesame.localhost' }),
        (error: Error & { response?: string }) => {
          assert.match(
            error.response ?? error.message,
            /550 .*only receives mail for support@sesame\.localhost/,
          );
          return true;
        },
      );
    });

    it('refuses a message over the size limit with 552', async () => {
      const tickets = (await t.deps.db.selectFrom('tickets').select('id').execute()).length;
      const raw = buildRawEmail({ from: 'gros@ailleurs.fr', subject: 'Gros', text: 'x'.repeat(300 * 1024) });
      await assert.rejects(
        deliver(raw, 'gros@ailleurs.fr'),
        (error: Error & { response?: string; responseCode?: number }) => {
          assert.equal(error.responseCode, 552);
          return true;
        },
      );
      assert.equal((await t.deps.db.selectFrom('tickets').select('id').execute()).length, tickets);
    });

    it('stores an attached PDF encrypted and notes a refused attachment on the ticket', async () => {
      const marker = `Releve-${randomUUID()}`;
      const pdf = createTestPdf(marker);
      const raw = buildRawEmail({
        from: 'docs@ailleurs.fr',
        subject: 'Justificatifs',
        text: 'Ci-joint.',
        messageId: freshMessageId(),
        attachments: [
          { filename: 'releve.pdf', contentType: 'application/pdf', content: pdf },
          {
            filename: 'outil.exe',
            contentType: 'application/octet-stream',
            content: Buffer.from('MZ not a document'),
          },
        ],
      });
      const ticket = await getTicketByReference(
        t.deps.db,
        referenceOf((await deliver(raw, 'docs@ailleurs.fr')).response),
      );
      assert.ok(ticket);
      const attachments = await listTicketAttachments(t.deps.db, ticket.id);
      assert.deepEqual(
        attachments.map((a) => [a.originalName, a.mediaType]),
        [['releve.pdf', 'application/pdf']],
      );
      assert.deepEqual(await findFilesContaining(t.deps.config.dataDir, marker), []);
      const stored = await getTicketAttachmentForReading(t.deps.db, ticket.id, attachments[0]?.id ?? '');
      assert.ok(stored?.storageKey && stored.wrappedKey);
      const bytes = await readStoredDocument(t.deps, {
        id: stored.id,
        storageKey: stored.storageKey,
        wrappedKey: stored.wrappedKey,
      });
      assert.ok(bytes.includes(marker));
      const note = (await listTicketMessages(t.deps.db, ticket.id)).find((m) => m.authorType === 'system');
      assert.match(note?.body ?? '', /outil\.exe \(unsupported-media-type\)/);
    });
  });
}
