import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestPdf, multipartBody } from '../../test/support/documents.ts';
import { customerWithPortalTicket } from '../../test/support/portal-tickets.ts';
import { signedInStaff } from '../../test/support/staff.ts';
import { buildTestApp, type TestApp } from '../../test/support/test-app.ts';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

for (const kind of testDatabaseKinds()) {
  describe(`the customer attaches files in the portal [${kind}]`, () => {
    let t: TestApp;
    let agent: Awaited<ReturnType<typeof signedInStaff>>;
    before(async () => {
      t = await buildTestApp(kind);
      agent = await signedInStaff(t.app, t.deps, 'agent');
    });
    after(() => t.close());

    async function customerWithTicket() {
      const customer = await customerWithPortalTicket(t, {
        subject: 'Facture contestée',
        body: 'Bonjour, voici ma facture.',
        category: 'billing',
      });
      return { ...customer, csrf: await customer.client.refreshCsrf() };
    }

    const attachmentsOf = (reference: string) =>
      t.deps.db
        .selectFrom('ticket_attachments')
        .innerJoin('tickets', 'tickets.id', 'ticket_attachments.ticket_id')
        .select(['ticket_attachments.original_name', 'ticket_attachments.media_type'])
        .where('tickets.reference', '=', reference)
        .execute();

    it('POST /api/v1/tickets/{reference}/attachments stores a PDF encrypted, names it in the thread, staff see it', async () => {
      const { client, reference, csrf } = await customerWithTicket();
      const pdf = createTestPdf('facture-marker-7731');
      const { payload, headers } = multipartBody([
        { name: 'file', filename: 'facture.pdf', contentType: 'application/pdf', bytes: pdf },
      ]);
      const response = await client.request({
        method: 'POST',
        url: `/api/v1/tickets/${reference}/attachments`,
        payload,
        headers: { ...headers, 'x-csrf-token': csrf },
      });
      assert.equal(response.statusCode, 201, response.body);
      assert.equal(response.json().mediaType, 'application/pdf');
      assert.equal(response.json().name, 'facture.pdf');
      assert.deepEqual(await attachmentsOf(reference), [
        { original_name: 'facture.pdf', media_type: 'application/pdf' },
      ]);
      const staff = (await agent.client.staffApi('GET', `/api/v1/staff/tickets/${reference}`)).json();
      assert.ok(JSON.stringify(staff).includes('facture.pdf'), 'staff see the file on the ticket');
      const download = await agent.client.request({
        method: 'GET',
        url: `/api/v1/staff/tickets/${reference}/attachments/${response.json().id}`,
      });
      assert.equal(download.statusCode, 200);
      assert.ok(download.rawPayload.equals(pdf), 'staff download the very file, decrypted');
    });

    it('refuses a file that is not PDF, JPEG or PNG with 415 and keeps nothing; another account’s ticket is 404', async () => {
      const { client, reference, csrf } = await customerWithTicket();
      const { payload, headers } = multipartBody([
        {
          name: 'file',
          filename: 'script.pdf',
          contentType: 'application/pdf',
          bytes: Buffer.from('#!/bin/sh\necho'),
        },
      ]);
      const refused = await client.request({
        method: 'POST',
        url: `/api/v1/tickets/${reference}/attachments`,
        payload,
        headers: { ...headers, 'x-csrf-token': csrf },
      });
      assert.equal(refused.statusCode, 415);
      assert.deepEqual(await attachmentsOf(reference), []);

      const other = await customerWithTicket();
      const pdf = multipartBody([
        { name: 'file', filename: 'a.pdf', contentType: 'application/pdf', bytes: createTestPdf('x') },
      ]);
      const foreign = await other.client.request({
        method: 'POST',
        url: `/api/v1/tickets/${reference}/attachments`,
        payload: pdf.payload,
        headers: { ...pdf.headers, 'x-csrf-token': other.csrf },
      });
      assert.equal(foreign.statusCode, 404);
      assert.deepEqual(await attachmentsOf(reference), []);
    });

    it('« Joindre le fichier » on the thread page: _csrf first, a notice after; a bad file is said next to the field', async () => {
      const { client, reference } = await customerWithTicket();
      const page = await client.request({ method: 'GET', url: `/support/${reference}` });
      assert.match(page.body, /Joindre un fichier/);
      const good = multipartBody([
        { name: '_csrf', value: csrfOf(page.body) },
        {
          name: 'file',
          filename: 'releve.pdf',
          contentType: 'application/pdf',
          bytes: createTestPdf('releve'),
        },
      ]);
      const posted = await client.request({
        method: 'POST',
        url: `/support/${reference}/attachments`,
        payload: good.payload,
        headers: good.headers,
      });
      assert.equal(posted.statusCode, 303, posted.body);
      const after = await client.request({ method: 'GET', url: `/support/${reference}?attached=1` });
      assert.match(after.body, /Votre fichier est joint à la demande/);
      assert.match(after.body, /releve\.pdf/);

      const bad = multipartBody([
        { name: '_csrf', value: csrfOf(after.body) },
        { name: 'file', filename: 'notes.txt', contentType: 'text/plain', bytes: Buffer.from('bonjour') },
      ]);
      const refused = await client.request({
        method: 'POST',
        url: `/support/${reference}/attachments`,
        payload: bad.payload,
        headers: bad.headers,
      });
      assert.equal(refused.statusCode, 415);
      assert.match(refused.body, /id="field-file-error"/);
      assert.match(refused.body, /Ce type de contenu n’est pas accepté/);

      const noCsrf = multipartBody([
        { name: 'file', filename: 'a.pdf', contentType: 'application/pdf', bytes: createTestPdf('y') },
      ]);
      const forged = await client.request({
        method: 'POST',
        url: `/support/${reference}/attachments`,
        payload: noCsrf.payload,
        headers: noCsrf.headers,
      });
      assert.equal(forged.statusCode, 403);
      assert.equal((await attachmentsOf(reference)).length, 1);
    });
  });
}
