import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createTestAccount, STRONG_PASSWORD } from '../test/support/factories.ts';
import { assertAccessible } from './support/accessibility.ts';
import { chromiumAvailable, launchBrowser } from './support/browser.ts';
import { startTestServer } from './support/server.ts';

const available = chromiumAvailable();
if (!available)
  console.log('# accessibility checks skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

describe('accessibility of the customer pages (axe-core, WCAG 2.1 AA)', {
  skip: available ? false : 'Chromium is not installed',
}, () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;
  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sign-in page, empty and with an error', async () => {
    await page.goto(`${server.baseUrl}/login`);
    await assertAccessible(page, '/login');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').waitFor();
    await assertAccessible(page, '/login with errors');
  });

  it('fiche, edit form with errors, password change and sessions', async () => {
    const { account } = await createTestAccount(server.deps);
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('Adresse e-mail').fill(account.email);
    await page.getByLabel('Mot de passe', { exact: false }).first().fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/account$/);
    await assertAccessible(page, '/account');
    await page.goto(`${server.baseUrl}/account/edit`);
    await page.getByLabel('Téléphone').fill('12');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('alert').waitFor();
    await assertAccessible(page, '/account/edit with errors');
    await page.goto(`${server.baseUrl}/account/password`);
    await assertAccessible(page, '/account/password');
    await page.goto(`${server.baseUrl}/account/sessions`);
    await assertAccessible(page, '/account/sessions');
  });
});
