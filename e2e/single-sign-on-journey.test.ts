import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createService } from '../src/accounts/services.repository.ts';
import { startDemoRelyingParty } from '../src/demo/demo-relying-party.tsx';
import { deliverBackchannelLogouts } from '../src/sso/backchannel-logout.worker.ts';
import { createOidcProviderHolder } from '../src/sso/oidc-provider.ts';
import { createTestAccount } from '../test/support/factories.ts';
import { buildTestApp, type TestApp } from '../test/support/test-app.ts';
import { assertAccessible } from './support/accessibility.ts';
import { chromiumAvailable, collectPageErrors, launchBrowser, screenshot } from './support/browser.ts';
import { freePort } from './support/server.ts';

const available = chromiumAvailable();
if (!available)
  console.log('# single sign-on e2e skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

/**
 * Single sign-on in Chromium, with the demo hosting panel (`sesame demo --serve` starts the same
 * one) as the relying party: panel → Sésame sign-in → consent → back to the panel with the claims;
 * « Applications connectées » withdraws the access (the panel is told by back-channel logout);
 * signing out from the panel goes through Sésame's logout page.
 */
describe('single sign-on in Chromium: the demo hosting panel signs in through Sésame', {
  skip: available ? false : 'Chromium is not installed',
}, () => {
  let server: TestApp;
  let baseUrl: string;
  let panel: Awaited<ReturnType<typeof startDemoRelyingParty>>;
  let browser: Browser;
  before(async () => {
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    server = await buildTestApp('pglite', { PUBLIC_URL: baseUrl });
    await server.app.listen({ port, host: '127.0.0.1' });
    panel = await startDemoRelyingParty(server.deps, { port: 0, host: '127.0.0.1', publicHost: 'localhost' });
    browser = await launchBrowser(['--host-resolver-rules=MAP localhost 127.0.0.1']);
  });
  after(async () => {
    await browser?.close();
    await panel?.close();
    await server?.close();
  });

  /** The page at 390 px wide: nothing sticks out sideways; then back to 1280 px. */
  async function fitsAt390(page: Page) {
    await page.setViewportSize({ width: 390, height: 900 });
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  async function newPage(width = 1280): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 } });
    const page = await context.newPage();
    return { page, errors: collectPageErrors(page) };
  }

  it('signs in to the panel with consent, lists and withdraws the access, signs out through Sésame', async () => {
    const { account, password } = await createTestAccount(server.deps, {
      email: `sso-e2e-${Date.now()}@example.org`,
    });
    await server.deps.db.transaction().execute((tx) =>
      createService(tx, {
        id: randomUUID(),
        accountId: account.id,
        kind: 'hosting',
        name: 'jeanne-lefevre.fr',
        panelUsername: 'jlefevre',
        createdAt: new Date(),
      }),
    );
    const { page, errors } = await newPage();

    await page.goto(`${panel.origin}/`);
    await page.getByRole('link', { name: 'Se connecter avec Sésame' }).click();
    await page.waitForURL(/\/login\?next=/);
    await page.getByLabel('Adresse e-mail').fill(account.email);
    await page.getByLabel('Mot de passe', { exact: false }).first().fill(password);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();

    await page
      .getByRole('heading', {
        name: 'Autoriser Panneau d’hébergement (démo) à accéder à votre compte\u00a0?',
      })
      .waitFor();
    assert.ok(await page.getByText('votre numéro client, le type de compte et vos services').isVisible());
    await assertAccessible(page, 'sso consent');
    await screenshot(page, 'sso-01-consent');
    await fitsAt390(page);
    await page.getByRole('button', { name: 'Autoriser' }).click();
    await page.waitForURL(`${panel.origin}/`);
    assert.equal(
      await page.locator('[data-claim="client_number"]').textContent(),
      JSON.stringify(account.clientNumber),
    );
    assert.equal(await page.locator('[data-claim="email"]').textContent(), JSON.stringify(account.email));
    assert.match((await page.locator('[data-service="jeanne-lefevre.fr"]').textContent()) ?? '', /jlefevre/);
    await screenshot(page, 'sso-02-demo-panel');

    // « Applications connectées »: listed, at 390 px too, then withdrawn.
    await page.goto(`${baseUrl}/account/applications`);
    const card = page.locator('[data-client-id]');
    assert.equal(await card.count(), 1);
    assert.match((await card.textContent()) ?? '', /Panneau d’hébergement \(démo\)/);
    await assertAccessible(page, 'connected applications');
    await screenshot(page, 'sso-03-applications');
    await fitsAt390(page);
    await page.getByRole('button', { name: 'Retirer l’accès de Panneau d’hébergement (démo)' }).click();
    await page.getByRole('status').filter({ hasText: 'a été retiré' }).waitFor();
    assert.equal(await page.locator('[data-client-id]').count(), 0);
    assert.equal(
      (await deliverBackchannelLogouts(server.deps, createOidcProviderHolder(server.deps))).delivered,
      1,
    );
    await page.goto(`${panel.origin}/`);
    assert.ok(
      await page.getByRole('link', { name: 'Se connecter avec Sésame' }).isVisible(),
      'the panel forgot the user',
    );

    // Signed in to Sésame already: no password, but the consent is asked again; then sign out from the panel.
    await page.getByRole('link', { name: 'Se connecter avec Sésame' }).click();
    await page.getByRole('button', { name: 'Autoriser' }).click();
    await page.waitForURL(`${panel.origin}/`);
    await page.getByRole('link', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { name: 'Déconnexion' }).waitFor();
    await assertAccessible(page, 'sso logout');
    await fitsAt390(page);
    await page.getByRole('button', { name: 'Oui, me déconnecter' }).click();
    await page.waitForURL(`${panel.origin}/`);
    await page.goto(`${baseUrl}/account`);
    await page.waitForURL(/\/login/);
    assert.deepEqual(errors, []);
  });

  it('shows an error page, never a redirect, for an unregistered redirect URI (390 px)', async () => {
    const { page, errors } = await newPage(390);
    const response = await page.goto(
      `${baseUrl}/oidc/auth?client_id=${panel.clientId}&response_type=code&scope=openid&redirect_uri=${encodeURIComponent('https://elsewhere.example/cb')}&code_challenge=${'a'.repeat(43)}&code_challenge_method=S256`,
    );
    assert.equal(response?.status(), 400);
    assert.equal(new URL(page.url()).origin, baseUrl);
    await page.getByRole('heading', { name: 'Connexion impossible' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390);
    await assertAccessible(page, 'sso error');
    // The page itself answers 400 (Chromium logs that); nothing else may go wrong on it.
    assert.deepEqual(
      errors.filter((error) => !error.includes('status of 400')),
      [],
    );
  });
});
