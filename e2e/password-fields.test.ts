import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestAccount, OTHER_STRONG_PASSWORD, STRONG_PASSWORD } from '../test/support/factories.ts';
import { assertAccessible } from './support/accessibility.ts';
import { screenshot } from './support/browser.ts';
import { journeyViewports, serverAndBrowser, skipWithoutChromium } from './support/journey.ts';

describe('password fields in Chromium', { skip: skipWithoutChromium() }, () => {
  const env = serverAndBrowser();

  for (const viewport of journeyViewports) {
    it(`shows and hides the password, customer and staff sign-in (${viewport.name})`, async () => {
      const context = await env.browser.newContext({ locale: 'fr-FR', viewport });
      const page = await context.newPage();
      for (const url of ['/login', '/staff/login']) {
        await page.goto(`${env.server.baseUrl}${url}`);
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
      const { account } = await createTestAccount(env.server.deps);
      const context = await env.browser.newContext({ locale: 'fr-FR', viewport });
      const page = await context.newPage();
      await page.goto(`${env.server.baseUrl}/login?next=%2Faccount%2Fpassword`);
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
    const context = await env.browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${env.server.baseUrl}/login`);
    assert.equal(await page.getByRole('button', { name: 'Afficher le mot de passe' }).count(), 0);
    await context.close();
  });
});
