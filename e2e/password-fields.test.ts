import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createTestAccount, OTHER_STRONG_PASSWORD, STRONG_PASSWORD } from '../test/support/factories.ts';
import { assertAccessible } from './support/accessibility.ts';
import { chromiumAvailable, launchBrowser, screenshot } from './support/browser.ts';
import { startTestServer } from './support/server.ts';

const available = chromiumAvailable();
if (!available) console.log('# e2e skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

const viewports = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'mobile', width: 390, height: 844 },
];

describe('password fields in Chromium', { skip: available ? false : 'Chromium is not installed' }, () => {
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
    it(`shows and hides the password, customer and staff sign-in (${viewport.name})`, async () => {
      const context = await browser.newContext({ locale: 'fr-FR', viewport });
      const page = await context.newPage();
      for (const url of ['/login', '/staff/login']) {
        await page.goto(`${server.baseUrl}${url}`);
        const input = page.locator('input[name="password"]');
        await input.fill('Un-secret-à-vérifier-9');
        const toggle = page.getByRole('button', { name: 'Afficher le mot de passe' });
        await toggle.click();
        assert.equal(await input.getAttribute('type'), 'text', `${url}: shown`);
        await page.getByRole('button', { name: 'Masquer le mot de passe' }).click();
        assert.equal(await input.getAttribute('type'), 'password', `${url}: hidden again`);
        await assertAccessible(page, url);
      }
      await context.close();
    });

    it(`labels the strength meter and says « ok » in the success colour (${viewport.name})`, async () => {
      const { account } = await createTestAccount(server.deps);
      const context = await browser.newContext({ locale: 'fr-FR', viewport });
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/login?next=%2Faccount%2Fpassword`);
      await page.getByLabel('Adresse e-mail').fill(account.email);
      await page.locator('input[name="password"]').fill(STRONG_PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL(/\/account\/password$/);
      // Every password field of the page has its own toggle.
      assert.equal(await page.getByRole('button', { name: 'Afficher le mot de passe' }).count(), 3);

      const input = page.locator('#field-newPassword');
      await input.fill(OTHER_STRONG_PASSWORD);
      const ok = page.locator('.password-feedback__ok');
      await ok.waitFor();
      assert.equal(await ok.innerText(), 'Ce mot de passe respecte les règles.');
      assert.equal(
        await ok.evaluate((el) => getComputedStyle(el).color),
        'rgb(27, 110, 58)',
        'the success colour (--ok)',
      );
      const meter = page.getByLabel('Robustesse du mot de passe');
      assert.ok(await meter.isVisible(), 'the meter and its label are shown');
      assert.match(
        await page.locator('.password-strength').innerText(),
        /Robustesse du mot de passe\s+(Fort|Très fort)/,
      );
      await assertAccessible(page, '/account/password with feedback');
      await screenshot(page, `password-feedback-${viewport.name}`);
      await context.close();
    });
  }

  it('renders no toggle that would do nothing without JavaScript', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    assert.equal(await page.getByRole('button', { name: 'Afficher le mot de passe' }).count(), 0);
    await context.close();
  });
});
