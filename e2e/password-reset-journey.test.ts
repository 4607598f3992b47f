import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { resolvePasswordResetRequests } from '../src/password-reset/password-reset.service.ts';
import { deliverDueEmails } from '../src/platform/mail/outbox.service.ts';
import { createFileTransport, mailDirFor } from '../src/platform/mail/transports.ts';
import { createTestAccount, OTHER_STRONG_PASSWORD, STRONG_PASSWORD } from '../test/support/factories.ts';
import { buildTestApp, type TestApp } from '../test/support/test-app.ts';
import { assertAccessible } from './support/accessibility.ts';
import { chromiumAvailable, collectPageErrors, launchBrowser, screenshot } from './support/browser.ts';

const available = chromiumAvailable();
if (!available)
  console.log('# reset e2e skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

/** A free loopback port: PUBLIC_URL must name the real port, since emailed links are built from it. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('forgotten password and email change in Chromium', {
  skip: available ? false : 'Chromium is not installed',
}, () => {
  let server: TestApp;
  let baseUrl: string;
  let dataDir: string;
  let browser: Browser;
  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'sesame-e2e-reset-'));
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    server = await buildTestApp('pglite', { DATA_DIR: dataDir, PUBLIC_URL: baseUrl });
    await server.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** What the worker does: the queued emails become .eml files, which /dev/mail reads. */
  async function deliverMail() {
    const transport = createFileTransport(mailDirFor(server.deps.config.dataDir));
    await resolvePasswordResetRequests(server.deps); // the forgot form's requests, as the worker resolves them
    await deliverDueEmails(server.deps, transport, { batchSize: 20, workerId: 'e2e' });
  }

  /** Opens the newest email with this subject in /dev/mail and follows its first link to this app. */
  async function followLinkInMail(page: Page, subject: string, to: string, screenshotName: string) {
    await page.goto(`${baseUrl}/dev/mail`);
    await page.getByRole('link', { name: subject }).first().click();
    assert.match(await page.locator('main').innerText(), new RegExp(to.replace(/[.+]/g, '\\$&')));
    await screenshot(page, screenshotName);
    await page.locator(`pre a[href^="${baseUrl}/"]`).first().click();
  }

  it('forgot password → email → link → new password → sign in', async () => {
    const { account } = await createTestAccount(server.deps, { firstName: 'Hélène', lastName: 'Garnier' });
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    const errors = collectPageErrors(page);

    await page.goto(`${baseUrl}/login`);
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.waitForURL(/\/password\/forgot$/);
    await assertAccessible(page, '/password/forgot');
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    await page.getByRole('alert').waitFor();
    assert.equal(await page.getByLabel('Adresse e-mail').getAttribute('aria-invalid'), 'true');
    await assertAccessible(page, '/password/forgot with errors');
    // Typed in capitals: the email still goes to the address as stored on the fiche.
    await page.getByLabel('Adresse e-mail').fill(account.email.toUpperCase());
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    await page.waitForURL(/\/password\/forgot\?sent=1$/);
    assert.match(
      await page.getByRole('status').innerText(),
      /Si cette adresse correspond à une fiche client/,
    );
    await screenshot(page, 'reset-01-forgot-sent');

    await deliverMail();
    await followLinkInMail(page, 'Choisissez un nouveau mot de passe', account.email, 'reset-02-mail');
    await page.waitForURL(/\/password\/reset\?token=/);
    assert.equal(
      await page.getByRole('heading', { level: 1 }).innerText(),
      'Choisir un nouveau mot de passe',
    );
    const resetUrl = page.url();
    await assertAccessible(page, '/password/reset');
    await page.getByLabel('Nouveau mot de passe', { exact: false }).first().fill('azerty');
    await page.getByLabel('Confirmez le nouveau mot de passe').fill('azerty');
    await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /12 caractères/);
    await assertAccessible(page, '/password/reset with errors');
    await screenshot(page, 'reset-03-policy-errors');
    await page.getByLabel('Nouveau mot de passe', { exact: false }).first().fill(OTHER_STRONG_PASSWORD);
    await page.getByLabel('Confirmez le nouveau mot de passe').fill(OTHER_STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
    await page.waitForURL(/\/password\/reset\?done=1$/);
    assert.match(await page.getByRole('status').innerText(), /Votre mot de passe a été changé/);
    await screenshot(page, 'reset-04-done');

    // The link served once: opening it again says so.
    await page.goto(resetUrl);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Lien invalide ou expiré');

    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Adresse e-mail').fill(account.email);
    await page.getByLabel('Mot de passe', { exact: false }).first().fill(OTHER_STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/account$/);
    assert.match(await page.locator('h1').innerText(), /Ma fiche client/);
    // The spent link answered 400 on purpose: Chromium reports that status as a console error.
    const unexpected = errors.filter((e) => !/status of 400\b/.test(e));
    assert.deepEqual(unexpected, [], 'no console error or CSP violation');
    await context.close();
  });

  it('changes the email from the fiche: link to the new address, button on the page, notice to the old one', async () => {
    const { account } = await createTestAccount(server.deps);
    const newEmail = `nouvelle.adresse.${Date.now()}@example.net`;
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Adresse e-mail').fill(account.email);
    await page.getByLabel('Mot de passe', { exact: false }).first().fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/account$/);

    await page.getByRole('link', { name: 'Changer mon adresse e-mail' }).click();
    await page.waitForURL(/\/account\/email$/);
    await assertAccessible(page, '/account/email');
    await page.getByLabel('Nouvelle adresse e-mail').fill(newEmail);
    await page.getByLabel('Mot de passe actuel').fill('Pas-Le-Bon-Mot-De-Passe-1');
    await page.getByRole('button', { name: 'Envoyer le lien de confirmation' }).click();
    await page.getByRole('alert').waitFor();
    assert.equal(await page.getByLabel('Mot de passe actuel').getAttribute('aria-invalid'), 'true');
    await assertAccessible(page, '/account/email with errors');
    await page.getByLabel('Mot de passe actuel').fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Envoyer le lien de confirmation' }).click();
    await page.waitForURL(/\/account\/email\?sent=1$/);
    await screenshot(page, 'email-change-01-sent');

    await deliverMail();
    await followLinkInMail(page, 'Confirmez votre nouvelle adresse e-mail', newEmail, 'email-change-02-mail');
    await page.waitForURL(/\/account\/email\/confirm\?token=/);
    assert.match(await page.locator('main').innerText(), new RegExp(newEmail.replace(/[.+]/g, '\\$&')));
    await assertAccessible(page, '/account/email/confirm');
    await screenshot(page, 'email-change-03-confirm');
    await page.getByRole('button', { name: 'Confirmer cette adresse' }).click();
    await page.waitForURL(/\/account\/email\/confirm\?done=1$/);
    await page.getByRole('link', { name: 'Retour à ma fiche' }).click();
    assert.match(await page.locator('main').innerText(), new RegExp(newEmail.replace(/[.+]/g, '\\$&')));

    await deliverMail();
    await page.goto(`${baseUrl}/dev/mail`);
    assert.match(await page.locator('tbody').innerText(), /L’adresse e-mail de votre fiche client a changé/);
    assert.deepEqual(errors, [], 'no console error or CSP violation');
    await context.close();
  });
});
