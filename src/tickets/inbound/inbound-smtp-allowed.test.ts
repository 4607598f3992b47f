import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { createTestAccount } from '../../../test/support/factories.ts';
import { buildRawEmail, fakeDnsResolver, sendRawBySmtp } from '../../../test/support/inbound-mail.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { ConfigError, loadConfig } from '../../config.ts';
import { getTicketByReference } from '../tickets.repository.ts';
import { startInboundSmtp } from './inbound-smtp.ts';

const SUPPORT = 'support@sesame.localhost';
const DOMAIN = 'client-relaye.fr';

describe('INBOUND_AUTHSERV_ID with the SMTP listener', () => {
  it('is refused at start without INBOUND_SMTP_ALLOWED_CLIENTS', () => {
    assert.throws(
      () => loadConfig({ INBOUND_AUTHSERV_ID: 'mx.sesame.test', INBOUND_SMTP_PORT: '2525' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.problems.some((p) => p.startsWith('INBOUND_SMTP_ALLOWED_CLIENTS')),
    );
    const allowed = { INBOUND_AUTHSERV_ID: 'mx.sesame.test', INBOUND_SMTP_PORT: '2525' };
    assert.ok(loadConfig({ ...allowed, INBOUND_SMTP_ALLOWED_CLIENTS: '127.0.0.1, 10.0.0.0/8' }));
    // The pipe alone (no listener) is the MTA by construction.
    assert.ok(loadConfig({ INBOUND_AUTHSERV_ID: 'mx.sesame.test' }));
    assert.throws(() => loadConfig({ INBOUND_SMTP_ALLOWED_CLIENTS: '10.0.0.0/40' }), ConfigError);
  });
});

for (const kind of testDatabaseKinds()) {
  describe(`inbound SMTP listener behind INBOUND_SMTP_ALLOWED_CLIENTS [${kind}]`, () => {
    let t: TestApp;
    let email: string;
    before(async () => {
      t = await buildTestApp(kind, {
        INBOUND_AUTHSERV_ID: 'mx.sesame.test',
        INBOUND_SMTP_ALLOWED_CLIENTS: '127.0.0.1',
      });
      email = (await createTestAccount(t.deps, { email: `jeanne@${DOMAIN}` })).account.email;
    });
    after(() => t.close());

    const message = () =>
      buildRawEmail({
        from: email,
        subject: 'Supprimer mon site',
        text: 'Bonjour, merci de supprimer mon site.',
        topHeaders: [`Authentication-Results: mx.sesame.test; dmarc=pass header.from=${DOMAIN}`],
      });

    it('trusts the MTA’s header on mail from an allowed client', async () => {
      const smtp = await startInboundSmtp(t.deps, {
        port: 0,
        host: '127.0.0.1',
        resolver: fakeDnsResolver({}),
      });
      try {
        const info = await sendRawBySmtp(smtp.port, message(), { from: email, to: SUPPORT });
        const reference = /Queued as (T-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(info.response)?.[1] ?? '';
        const ticket = await getTicketByReference(t.deps.db, reference);
        assert.equal(ticket?.senderVerified, true);
      } finally {
        await smtp.close();
      }
    });

    it('refuses any other client at connection time', async () => {
      const config = {
        ...t.deps.config,
        inboundSmtpAllowedClients: loadConfig({ INBOUND_SMTP_ALLOWED_CLIENTS: '10.9.9.9' })
          .inboundSmtpAllowedClients,
      };
      const smtp = await startInboundSmtp({ ...t.deps, config }, { port: 0, host: '127.0.0.1' });
      try {
        await assert.rejects(sendRawBySmtp(smtp.port, message(), { from: email, to: SUPPORT }), /554/);
      } finally {
        await smtp.close();
      }
    });
  });
}
