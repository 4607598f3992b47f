import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createTestAccount, STRONG_PASSWORD } from '../test/support/factories.ts';
import { createTestStaff, totpCodeAt } from '../test/support/staff.ts';
import { chromiumAvailable, launchBrowser } from './support/browser.ts';
import { startTestServer } from './support/server.ts';

const available = chromiumAvailable();
if (!available) console.log('# e2e skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

const viewports = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'mobile', width: 390, height: 844 },
];

describe('the back button after sign-out', { skip: available ? false : 'Chromium is not installed' }, () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const viewport of viewports) {
    it(`shows the customer sign-in page, not the fiche (${viewport.name})`, async () => {
      const { account } = await createTestAccount(server.deps, { lastName: 'Quéméner' });
      const context = await browser.newContext({ locale: 'fr-FR', viewport });
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/login`);
      await page.getByLabel('Adresse e-mail').fill(account.email);
      await page.getByLabel('Mot de passe', { exact: false }).first().fill(STRONG_PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL(/\/account$/);
      assert.match(await page.locator('main').innerText(), /Quéméner/);

      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.waitForURL(/\/login\?signedOut=1$/);
      await page.goBack();
      // The fiche was sent no-store, so Chromium asks again and is sent to sign-in.
      await page.waitForURL(/\/login\?next=%2Faccount$/);
      assert.doesNotMatch(await page.locator('body').innerText(), /Quéméner/);
      assert.equal(
        await page.getByRole('heading', { level: 1 }).innerText(),
        'Connexion à votre espace client',
      );
      await context.close();
    });

    it(`shows the staff sign-in page, not the account, and keeps ?next= (${viewport.name})`, async () => {
      const { account } = await createTestAccount(server.deps, { lastName: 'Kervella' });
      const agent = await createTestStaff(server.deps, 'agent');
      server.clock.advance(30_000); // a fresh TOTP step for each sign-in
      const context = await browser.newContext({ locale: 'fr-FR', viewport });
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/staff/accounts/${account.id}`);
      assert.match(page.url(), /\/staff\/login\?next=/);
      await page.getByLabel('Adresse e-mail').fill(agent.email);
      await page.getByLabel('Mot de passe', { exact: false }).first().fill(agent.password);
      await page
        .getByLabel('Code de vérification', { exact: false })
        .fill(await totpCodeAt(agent.secret, server.clock));
      await page.getByRole('button', { name: 'Se connecter' }).click();
      // The sign-in goes back where the agent was going.
      await page.waitForURL(new RegExp(`/staff/accounts/${account.id}$`));
      assert.match(await page.locator('main').innerText(), /Kervella/);

      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.waitForURL(/\/staff\/login\?signedOut=1$/);
      await page.goBack();
      await page.waitForURL(/\/staff\/login\?next=/);
      assert.doesNotMatch(await page.locator('body').innerText(), /Kervella/);
      await context.close();
    });
  }
});
