import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestAccount, STRONG_PASSWORD } from '../test/support/factories.ts';
import { createTestStaff } from '../test/support/staff.ts';
import {
  journeyViewports,
  serverAndBrowser,
  skipWithoutChromium,
  submitStaffSignIn,
} from './support/journey.ts';

describe('the back button after sign-out', { skip: skipWithoutChromium() }, () => {
  const env = serverAndBrowser();

  for (const viewport of journeyViewports) {
    it(`shows the customer sign-in page, not the fiche (${viewport.name})`, async () => {
      const { account } = await createTestAccount(env.server.deps, { lastName: 'Quéméner' });
      const context = await env.browser.newContext({ locale: 'fr-FR', viewport });
      const page = await context.newPage();
      await page.goto(`${env.server.baseUrl}/login`);
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
      const { account } = await createTestAccount(env.server.deps, { lastName: 'Kervella' });
      const agent = await createTestStaff(env.server.deps, 'agent');
      env.server.clock.advance(30_000); // a fresh TOTP step for each sign-in
      const context = await env.browser.newContext({ locale: 'fr-FR', viewport });
      const page = await context.newPage();
      await page.goto(`${env.server.baseUrl}/staff/accounts/${account.id}`);
      assert.match(page.url(), /\/staff\/login\?next=/);
      await submitStaffSignIn(page, agent, env.server.clock);
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
