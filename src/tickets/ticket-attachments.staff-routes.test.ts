import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestPdf } from '../../test/support/documents.ts';
import { buildRawEmail, fakeDnsResolver, freshMessageId } from '../../test/support/inbound-mail.ts';
import { signedInStaff } from '../../test/support/staff.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';
import { STORED_FILE_CSP } from '../platform/http/stored-file-reply.ts';
import { ingestSupportEmail } from './inbound/ingest-support-email.ts';
import { listTicketAttachments } from './ticket-attachments.repository.ts';
import { getTicketByReference } from './tickets.repository.ts';

for (const kind of testDatabaseKinds()) {
  describe(`GET /api/v1/staff/tickets/{reference}/attachments/{id} [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    async function emailWithPdf(marker: string) {
      const raw = buildRawEmail({
        from: 'client@ailleurs.fr',
        subject: 'Facture contestée',
        text: 'Ci-joint la facture.',
        messageId: freshMessageId(),
        attachments: [
          { filename: 'facture.pdf', contentType: 'application/pdf', content: createTestPdf(marker) },
        ],
      });
      const result = await ingestSupportEmail(t.deps, raw, {}, { resolver: fakeDnsResolver({}) });
      assert.ok(result.ok && result.reference);
      const ticket = await getTicketByReference(t.deps.db, result.reference);
      assert.ok(ticket);
      const [attachment] = await listTicketAttachments(t.deps.db, ticket.id);
      assert.ok(attachment);
      return { ticket, attachment };
    }

    it('gives an agent the decrypted file as a sandboxed download and audits the view first', async () => {
      const marker = `Facture-${crypto.randomUUID()}`;
      const { ticket, attachment } = await emailWithPdf(marker);
      const { client, staff } = await signedInStaff(t.app, t.deps, 'agent');
      const response = await client.request({
        method: 'GET',
        url: `/api/v1/staff/tickets/${ticket.reference}/attachments/${attachment.id}`,
      });
      assert.equal(response.statusCode, 200);
      assert.ok(response.rawPayload.includes(Buffer.from(marker)), 'the PDF as it was sent');
      assert.equal(response.headers['content-type'], 'application/pdf');
      assert.match(
        String(response.headers['content-disposition']),
        /^attachment; filename="T-[0-9A-Z-]+-[0-9a-f]{8}\.pdf"$/,
      );
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
      assert.equal(response.headers['content-security-policy'], STORED_FILE_CSP);
      assert.equal(response.headers['cache-control'], 'no-store');
      const events = await t.deps.db
        .selectFrom('audit_events')
        .select(['actor_id', 'details'])
        .where('action', '=', 'staff.ticket.attachment_viewed')
        .execute();
      assert.deepEqual(
        events.map((e) => [e.actor_id, e.details.attachmentId]),
        [[staff.user.id, attachment.id]],
      );
    });

    it('answers 404 for an attachment of another ticket and 401 without a staff session', async () => {
      const first = await emailWithPdf('premier');
      const second = await emailWithPdf('second');
      const { client } = await signedInStaff(t.app, t.deps, 'agent');
      const crossed = await client.request({
        method: 'GET',
        url: `/api/v1/staff/tickets/${first.ticket.reference}/attachments/${second.attachment.id}`,
      });
      assert.equal(crossed.statusCode, 404);
      const anonymous = await createClient(t.app).request({
        method: 'GET',
        url: `/api/v1/staff/tickets/${first.ticket.reference}/attachments/${first.attachment.id}`,
      });
      assert.equal(anonymous.statusCode, 401);
    });
  });
}
