import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { createTestPdf, createTestPng, multipartBody } from '../../../test/support/documents.ts';
import { queuedEmails, tokenFromLink } from '../../../test/support/queued-emails.ts';
import { freshEmail, freshIp, latestCode } from '../../../test/support/recovery-claimant.ts';
import { buildTestApp, createClient, type TestApp } from '../../../test/support/test-app.ts';
import { getRecoveryCaseByReference } from '../cases.repository.ts';
import { recoveryCookieName } from './claimant-pages.routes.tsx';

const csrfOf = (html: string) => {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no CSRF field on the page');
  return match[1];
};

function assertProtected(response: { headers: Record<string, unknown> }) {
  assert.equal(response.headers['referrer-policy'], 'no-referrer');
  assert.equal(response.headers['cache-control'], 'no-store');
}

for (const kind of testDatabaseKinds()) {
  describe(`GET /recovery and /recovery/new [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    it('explains the procedure and each type’s documents in French, and lets the claimant choose the type', async () => {
      const page = await createClient(t.app).request({ method: 'GET', url: '/recovery' });
      assert.equal(page.statusCode, 200);
      assertProtected(page);
      assert.match(page.body, /<html lang="fr"/);
      for (const words of [
        'Kbis de moins de 3',
        'recto et verso',
        'courrier manuscrit',
        'action="/recovery/new"',
      ])
        assert.ok(page.body.includes(words), words);
      const english = await t.app.inject({
        method: 'GET',
        url: '/recovery',
        headers: { 'accept-language': 'en' },
      });
      assert.ok(english.body.includes('Recover access to your account'));
    });

    it('sends an unknown type back to the choice, and shows the company fields for a company', async () => {
      const client = createClient(t.app);
      const unknown = await client.request({ method: 'GET', url: '/recovery/new?type=robot' });
      assert.equal(unknown.statusCode, 303);
      assert.equal(unknown.headers.location, '/recovery');
      const company = await client.request({ method: 'GET', url: '/recovery/new?type=company' });
      assert.equal(company.statusCode, 200);
      assert.ok(company.body.includes('name="legalName"'));
      assert.ok(company.body.includes('name="siren"'));
      assert.equal(company.body.includes('name="associationName"'), false);
    });
  });

  describe(`claimant journey through the pages [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind, { PUBLIC_URL: 'https://espace.example.fr' });
    });
    after(() => t.close());

    it('creates a company case, confirms the email, uploads, declares and submits, with errors shown in words', async () => {
      const client = createClient(t.app, 'Mozilla/5.0 test', freshIp());
      const form = await client.request({ method: 'GET', url: '/recovery/new?type=company' });
      const csrf = csrfOf(form.body);
      const newEmail = freshEmail();
      const fields = {
        _csrf: csrf,
        accountType: 'company',
        clientNumber: '',
        domain: 'boulangerie-martin.fr',
        formerEmail: '',
        legalName: 'Boulangerie Martin SARL',
        siren: '',
        firstName: 'Camille',
        lastName: 'Martin',
        newEmail,
      };

      const invalid = await client.request({
        method: 'POST',
        url: '/recovery/new',
        form: { ...fields, domain: '', legalName: '' },
      });
      assert.equal(invalid.statusCode, 422);
      assert.ok(invalid.body.includes('id="error-summary"'));
      assert.ok(invalid.body.includes('href="#field-clientNumber"'));
      assert.ok(invalid.body.includes('href="#field-legalName"'));

      const created = await client.request({ method: 'POST', url: '/recovery/new', form: fields });
      assert.equal(created.statusCode, 303);
      const location = String(created.headers.location);
      const reference = /^\/recovery\/cases\/(R-[0-9A-Z]{4}-[0-9A-Z]{4})\?notice=created$/.exec(
        location,
      )?.[1];
      assert.ok(reference, location);
      const cookie = created.cookies.find((c) => c.name === recoveryCookieName(t.deps.config));
      assert.equal(cookie?.secure, true);
      assert.equal(cookie?.path, '/recovery');
      assert.equal(cookie?.httpOnly, true);
      assert.equal(cookie?.sameSite, 'Lax');
      const base = `/recovery/cases/${reference}`;

      const workspace = await client.request({ method: 'GET', url: location });
      assert.equal(workspace.statusCode, 200);
      assertProtected(workspace);
      assert.ok(workspace.body.includes(`action="${base}/verify-email"`));
      assert.ok(workspace.body.includes('Kbis'));

      const wrong = await client.request({
        method: 'POST',
        url: `${base}/verify-email`,
        form: { _csrf: csrf, code: '000000' === (await latestCode(t, newEmail)) ? '111111' : '000000' },
      });
      assert.equal(wrong.statusCode, 400);
      assert.ok(wrong.body.includes('Ce code est incorrect'));

      const verified = await client.request({
        method: 'POST',
        url: `${base}/verify-email`,
        form: { _csrf: csrf, code: await latestCode(t, newEmail) },
      });
      assert.equal(verified.statusCode, 303);

      const upload = (kindName: string, bytes: Buffer, contentType = 'image/png') => {
        // _csrf first, then kind, then the file: no CSRF header, as a browser without JS sends it.
        const { payload, headers } = multipartBody([
          { name: '_csrf', value: csrf },
          { name: 'kind', value: kindName },
          { name: 'file', filename: 'piece', contentType, bytes },
        ]);
        return client.request({ method: 'POST', url: `${base}/documents`, payload, headers });
      };
      const refused = await upload('kbis', Buffer.from('just text, not a document'));
      assert.equal(refused.statusCode, 415);
      assert.ok(refused.body.includes('role="alert"'));
      assert.equal(refused.body.includes('"type":'), false);
      assert.equal((await upload('kbis', createTestPdf('Kbis'), 'application/pdf')).statusCode, 303);
      assert.equal((await upload('identity_front', await createTestPng('Carte'))).statusCode, 303);
      assert.equal((await upload('signed_letter', await createTestPng('Lettre'))).statusCode, 303);

      const incomplete = await client.request({
        method: 'POST',
        url: `${base}/submit`,
        form: { _csrf: csrf },
      });
      assert.equal(incomplete.statusCode, 409);
      assert.ok(incomplete.body.includes('Le dossier est incomplet'));

      const unticked = await client.request({
        method: 'POST',
        url: `${base}/declaration`,
        form: { _csrf: csrf, fullName: 'Camille Martin' },
      });
      assert.equal(unticked.statusCode, 422);
      assert.ok(unticked.body.includes('href="#field-accepted"'));
      const declared = await client.request({
        method: 'POST',
        url: `${base}/declaration`,
        form: { _csrf: csrf, accepted: 'on', fullName: 'Camille Martin' },
      });
      assert.equal(declared.statusCode, 303);

      const submitted = await client.request({
        method: 'POST',
        url: `${base}/submit`,
        form: { _csrf: csrf },
      });
      assert.equal(submitted.statusCode, 303);
      const progress = await client.request({ method: 'GET', url: String(submitted.headers.location) });
      assert.equal(progress.statusCode, 200);
      assert.ok(progress.body.includes('envoyé, en attente d’examen'));
      assert.ok(progress.body.includes('Dossier envoyé à notre équipe'));
      assert.equal(progress.body.includes(`action="${base}/documents"`), false);
      const stored = await getRecoveryCaseByReference(t.deps.db, reference);
      assert.equal(stored?.status, 'submitted');
      assert.equal(stored?.declaration?.userAgent, 'Mozilla/5.0 test');

      // The emailed link opens the case in another browser, then leaves the address bar.
      const [opening] = await queuedEmails(t, { to: newEmail, kind: 'recovery-case-opened' });
      const token = tokenFromLink(opening?.text ?? '');
      const other = createClient(t.app);
      const landing = await other.request({ method: 'GET', url: `${base}/access?token=${token}` });
      // A click first: opening the link sets no cookie (a planted link cannot adopt this browser).
      assert.equal(landing.statusCode, 200);
      assert.equal(
        landing.cookies.length <= 1 &&
          !landing.cookies.some((c) => c.name === recoveryCookieName(t.deps.config)),
        true,
      );
      assert.equal(landing.headers['referrer-policy'], 'no-referrer');
      assert.ok(landing.body.includes('Ouvrir mon dossier'));
      const access = await other.request({
        method: 'POST',
        url: `${base}/access`,
        form: { _csrf: csrfOf(landing.body), token },
      });
      assert.equal(access.statusCode, 303);
      assert.equal(access.headers.location, base);
      assertProtected(access);
      assert.equal((await other.request({ method: 'GET', url: base })).statusCode, 200);
    });

    it('shows the creation throttle on the form page in words, with Retry-After', async () => {
      const client = createClient(t.app, 'Mozilla/5.0 test', freshIp());
      const csrf = csrfOf(
        (await client.request({ method: 'GET', url: '/recovery/new?type=individual' })).body,
      );
      const newEmail = freshEmail();
      const fields = {
        _csrf: csrf,
        accountType: 'individual',
        clientNumber: 'C-1',
        firstName: 'A',
        lastName: 'B',
        newEmail,
      };
      for (let i = 0; i < 3; i++)
        assert.equal(
          (await client.request({ method: 'POST', url: '/recovery/new', form: fields })).statusCode,
          303,
        );
      const blocked = await client.request({ method: 'POST', url: '/recovery/new', form: fields });
      assert.equal(blocked.statusCode, 429);
      assert.ok(Number(blocked.headers['retry-after']) > 0);
      assert.ok(blocked.body.includes('Trop de tentatives'));
      assert.ok(blocked.body.includes('name="newEmail"'));
    });

    it('shows the same "case not found" page for a wrong link, a wrong cookie and an unknown reference', async () => {
      const client = createClient(t.app);
      const pages = [
        await client.request({ method: 'GET', url: '/recovery/cases/R-0000-0000/access?token=abc' }),
        await client.request({
          method: 'GET',
          url: '/recovery/cases/R-0000-0000',
          headers: { cookie: `${recoveryCookieName(t.deps.config)}=abc` },
        }),
        await client.request({ method: 'GET', url: '/recovery/cases/R-0000-0000' }),
      ];
      for (const page of pages) {
        assert.equal(page.statusCode, 404);
        assert.ok(page.body.includes('Dossier introuvable'));
      }
    });
  });
}
