import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount, STRONG_PASSWORD } from '../../test/support/factories.ts';
import {
  buildRawEmail,
  createDkimKey,
  dkimSigned,
  dmarcDomainRecords,
  fakeDnsResolver,
  freshMessageId,
  type RawEmail,
} from '../../test/support/inbound-mail.ts';
import { queuedEmails } from '../../test/support/queued-emails.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';
import { openEmailContent } from '../platform/mail/outbox.ts';
import { ingestSupportEmail } from './inbound/ingest-support-email.ts';

const DOMAIN = 'accuse-reception.fr';
const key = createDkimKey();
const resolver = fakeDnsResolver(dmarcDomainRecords(DOMAIN, key.dnsRecord));
let counter = 0;
const fresh = () => `client${++counter}-${Date.now()}@${DOMAIN}`;
const ACK = 'ticket-acknowledgement';

for (const kind of testDatabaseKinds()) {
  describe(`ticket acknowledgement [${kind}]`, () => {
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
    const acknowledgementAudits = async (accountId: string) =>
      (
        await t.deps.db
          .selectFrom('audit_events')
          .select('details')
          .where('account_id', '=', accountId)
          .where('action', '=', 'ticket.auto_reply_sent')
          .execute()
      ).filter((row) => (row.details as { kind?: string }).kind === 'acknowledgement');

    it('acknowledges a portal ticket to the fiche’s address, in its language, with the reference, subject and link', async () => {
      const { account } = await createTestAccount(t.deps, { email: fresh(), locale: 'en' });
      const client = createClient(t.app);
      await client.signIn(account.email, STRONG_PASSWORD);
      const created = await client.api('POST', '/api/v1/tickets', {
        subject: 'Mon site est lent',
        body: 'Bonjour, depuis ce matin tout est lent.',
        category: 'general',
      });
      assert.equal(created.statusCode, 201);
      const { reference } = created.json();
      const [ack, ...more] = await queuedEmails(t, { kind: ACK, accountId: account.id });
      assert.equal(more.length, 0);
      assert.equal(ack?.to, account.email);
      assert.equal(ack?.subject, `[${reference}] Mon site est lent`);
      assert.match(ack?.text ?? '', new RegExp(`filed under reference ${reference}`));
      assert.ok(ack?.text.includes(new URL(`/support/${reference}`, t.deps.config.publicUrl).toString()));
      assert.match(ack?.html ?? '', /<html/);
      assert.doesNotMatch(ack?.text ?? '', /tout est lent/, 'the message is not quoted');
      assert.equal((await acknowledgementAudits(account.id)).length, 1);
    });

    it('acknowledges a verified emailed ticket to the fiche’s address, threaded under the message', async () => {
      const { account } = await createTestAccount(t.deps, { email: fresh() });
      const messageId = freshMessageId();
      const result = await sendSigned({
        from: account.email.toUpperCase(),
        subject: 'Certificat SSL',
        text: 'Mon certificat a expiré.',
        messageId,
      });
      assert.ok(result.ok && result.outcome === 'created');
      const [ack] = await queuedEmails(t, { kind: ACK, accountId: account.id });
      assert.equal(ack?.to, account.email, 'the address as stored on the fiche, not as written in From');
      assert.equal(ack?.subject, `[${result.reference}] Certificat SSL`);
      assert.match(ack?.text ?? '', /Nous avons bien reçu votre demande/);
      const row = await t.deps.db
        .selectFrom('email_outbox')
        .select('sealed_message')
        .where('id', '=', ack?.id ?? '')
        .executeTakeFirstOrThrow();
      assert.equal(
        openEmailContent(t.deps.masterKey, ack?.id ?? '', row.sealed_message).headers?.['In-Reply-To'],
        messageId,
      );
    });

    it('an unverified From on a fiche: only the fiche’s address hears of it, without the stranger’s words, 3 an hour', async () => {
      const { account } = await createTestAccount(t.deps, { email: fresh() });
      for (let i = 0; i < 5; i++) {
        const result = await send({
          from: account.email,
          subject: `Cliquez ici http://phishing.example/${i}`,
          text: 'Votre compte sera fermé, connectez-vous sur http://phishing.example',
        });
        assert.ok(result.ok && result.outcome === 'created');
      }
      const acks = await queuedEmails(t, { kind: ACK, accountId: account.id });
      assert.equal(acks.length, 3, 'capped per account');
      for (const ack of acks) {
        assert.equal(ack.to, account.email);
        assert.match(ack.subject, /^\[T-[\w-]+\] Demande reçue$/);
        assert.doesNotMatch(ack.text + ack.html, /phishing/, 'nothing of the forged message is relayed');
        assert.match(ack.text, /Si vous n’avez écrit aucun message au support/);
      }
    });

    it('never writes to an address that is on no fiche, nor on a reply in a thread', async () => {
      const stranger = fresh();
      const before = (await queuedEmails(t, { kind: ACK })).length;
      const result = await sendSigned({ from: stranger, subject: 'Bonjour', text: 'Une question.' });
      assert.ok(result.ok && result.outcome === 'created');
      assert.equal((await queuedEmails(t, { to: stranger })).length, 0);

      const { account } = await createTestAccount(t.deps, { email: fresh() });
      const opened = await sendSigned({
        from: account.email,
        subject: 'Aide DNS',
        text: 'Ma zone ne répond plus.',
      });
      assert.ok(opened.ok && opened.reference);
      const reply = await sendSigned({
        from: account.email,
        subject: `Re: [${opened.reference}] Aide DNS`,
        text: 'Des nouvelles ?',
      });
      assert.ok(reply.ok && reply.outcome === 'added');
      assert.equal((await queuedEmails(t, { kind: ACK })).length, before + 1, 'only the new ticket');
    });

    it('a sensitive request from an unverified sender gets its own answer, not an acknowledgement', async () => {
      const { account } = await createTestAccount(t.deps, { email: fresh() });
      await send({ from: account.email, subject: 'Résiliation', text: 'Merci de supprimer mon site.' });
      assert.deepEqual(
        (await queuedEmails(t, { to: account.email })).map((e) => e.kind),
        ['ticket-sensitive-request-refused'],
      );
    });
  });
}
