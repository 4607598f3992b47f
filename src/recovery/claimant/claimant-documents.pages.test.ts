import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { createTestPng, multipartBody } from '../../../test/support/documents.ts';
import { seedRecoveryCase } from '../../../test/support/recovery.ts';
import { openCase, verifyCase } from '../../../test/support/recovery-claimant.ts';
import { buildTestApp, createClient, type TestApp } from '../../../test/support/test-app.ts';
import type { AccountType } from '../../accounts/account.ts';
import { getRecoveryCaseByReference } from '../cases.repository.ts';
import { recoveryCookieName } from './claimant-pages.routes.tsx';

const csrfOf = (html: string) => {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no CSRF field on the page');
  return match[1];
};

/** The kinds offered by the upload form's select, in order. */
const offeredKinds = (html: string) => {
  const select = /<select id="field-kind"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? '';
  return [...select.matchAll(/<option value="([a-z_]+)"/g)].map((m) => m[1]);
};

/** The "still missing" list of the submit step ('' when nothing is missing). */
const missingList = (html: string) =>
  /aria-labelledby="step-submit"[\s\S]*?<ul>([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';

for (const kind of testDatabaseKinds()) {
  describe(`GET /recovery/cases/{reference}: the optional back of the identity document [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    /** A browser holding the case cookie, as after creating the case or following the emailed link. */
    const browserOf = (caseToken: string, headers: Record<string, string> = {}) => {
      const client = createClient(t.app);
      client.jar[recoveryCookieName(t.deps.config)] = caseToken;
      return {
        client,
        page: (reference: string) =>
          client.request({ method: 'GET', url: `/recovery/cases/${reference}`, headers }),
      };
    };
    const openBrowserCase = async (type: AccountType, headers: Record<string, string> = {}) => {
      const opened = await openCase(t, type);
      return { opened, ...browserOf(opened.caseToken, headers) };
    };

    it('offers an individual the back after the front, marked optional, with what to send, never as missing', async () => {
      const { opened, client, page } = await openBrowserCase('individual');
      const html = (await page(opened.reference)).body;
      assert.deepEqual(offeredKinds(html), ['identity_front', 'identity_back', 'signed_letter']);
      assert.ok(
        html.includes('<option value="identity_back">Pièce d’identité (verso) — facultatif</option>'),
      );
      assert.match(html, /Pièce d’identité \(verso\) <span class="badge badge--optional">Facultatif<\/span>/);
      assert.ok(
        html.includes(
          'À joindre si votre pièce porte sa bande de lecture automatique au verso (carte d’identité depuis 2021, titre de séjour).',
        ),
      );
      assert.ok(missingList(html).includes('Pièce d’identité (recto)'));
      assert.equal(missingList(html).includes('verso'), false);

      // Sent through the page form like any piece: then shown as received.
      const { payload, headers } = multipartBody([
        { name: '_csrf', value: csrfOf(html) },
        { name: 'kind', value: 'identity_back' },
        {
          name: 'file',
          filename: 'verso.png',
          contentType: 'image/png',
          bytes: await createTestPng('verso'),
        },
      ]);
      const url = `/recovery/cases/${opened.reference}/documents`;
      const uploaded = await client.request({ method: 'POST', url, payload, headers });
      assert.equal(uploaded.statusCode, 303);
      const after = (await page(opened.reference)).body;
      assert.match(after, /Pièce d’identité \(verso\) <span class="badge">Reçu \(1\)<\/span>/);
      assert.equal(after.includes('badge--optional'), false);
      assert.equal(missingList(after).includes('verso'), false);
    });

    it('says it in English too, and for a company names the person on the record', async () => {
      const english = await openBrowserCase('individual', { 'accept-language': 'en' });
      const html = (await english.page(english.opened.reference)).body;
      assert.ok(html.includes('<option value="identity_back">Identity document (back) — optional</option>'));
      assert.ok(html.includes('carries its machine-readable zone on the back'));
      const company = await openBrowserCase('company');
      const companyHtml = (await company.page(company.opened.reference)).body;
      assert.deepEqual(offeredKinds(companyHtml), [
        'kbis',
        'identity_front',
        'identity_back',
        'signed_letter',
      ]);
      assert.ok(
        companyHtml.includes('la pièce d’identité de la personne indiquée sur la fiche porte sa bande'),
      );
    });

    it('keeps the back required, never optional, for an association', async () => {
      const { opened, page } = await openBrowserCase('association');
      const html = (await page(opened.reference)).body;
      assert.deepEqual(offeredKinds(html), ['statutes', 'identity_front', 'identity_back', 'signed_letter']);
      assert.equal(html.includes('facultatif'), false);
      assert.ok(missingList(html).includes('Pièce d’identité (verso)'));
    });

    it('offers the back when support asked for complements', async () => {
      const { recoveryCase, caseToken } = await seedRecoveryCase(t.deps, {
        accountType: 'individual',
        status: 'awaiting_claimant',
      });
      const html = (await browserOf(caseToken).page(recoveryCase.reference)).body;
      assert.ok(
        html.includes('<option value="identity_back">Pièce d’identité (verso) — facultatif</option>'),
      );
    });

    it('sends an individual case from the page without the back', async () => {
      const { opened, client, page } = await openBrowserCase('individual');
      await verifyCase(t, opened);
      const csrf = csrfOf((await page(opened.reference)).body);
      for (const k of ['identity_front', 'signed_letter']) {
        const { payload, headers } = multipartBody([
          { name: '_csrf', value: csrf },
          { name: 'kind', value: k },
          { name: 'file', filename: `${k}.png`, contentType: 'image/png', bytes: await createTestPng(k) },
        ]);
        const url = `/recovery/cases/${opened.reference}/documents`;
        assert.equal((await client.request({ method: 'POST', url, payload, headers })).statusCode, 303);
      }
      assert.ok((await page(opened.reference)).body.includes('Tout y est.'));
      const submitted = await client.request({
        method: 'POST',
        url: `/recovery/cases/${opened.reference}/submit`,
        form: { _csrf: csrf },
      });
      assert.equal(submitted.statusCode, 303);
      assert.equal((await getRecoveryCaseByReference(t.deps.db, opened.reference))?.status, 'submitted');
    });
  });
}
