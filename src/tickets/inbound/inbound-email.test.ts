import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildRawEmail } from '../../../test/support/inbound-mail.ts';
import { parseInboundEmail } from './inbound-email.ts';

describe('parseInboundEmail', () => {
  it('replaces NUL and other control characters that a message encodes (PostgreSQL refuses NUL)', async () => {
    const raw = buildRawEmail({
      from: '=?utf-8?q?Jea=00nne?= <jeanne@ailleurs.fr>',
      subject: '=?utf-8?q?Sujet=00avec=1Bnul?=',
      text: 'x',
      headers: { 'Content-Transfer-Encoding': 'quoted-printable' },
    });
    const email = await parseInboundEmail(
      Buffer.from(raw.toString().replace(/\r\n\r\nx/, '\r\n\r\nCorps=00ici')),
    );
    for (const text of [email.subject, email.body, email.fromName ?? ''])
      assert.ok(!text.includes('\u0000') && !text.includes('\u001b'), text);
    assert.equal(email.subject, 'Sujet\uFFFDavec\uFFFDnul');
  });
});
