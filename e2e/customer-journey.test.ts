import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createTestAccount, OTHER_STRONG_PASSWORD, STRONG_PASSWORD } from '../test/support/factories.ts';
import { chromiumAvailable, collectPageErrors, launchBrowser, screenshot } from './support/browser.ts';
import { startTestServer } from './support/server.ts';

const available = chromiumAvailable();
if (!available) console.log('# e2e skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

describe('customer journey in Chromium', { skip: available ? false : 'Chromium is not installed' }, () => {
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

  it('signs in, edits the phone, changes the password, signs out the other sessions and signs out', async () => {
    const { account } = await createTestAccount(server.deps, { firstName: 'Élodie', lastName: 'Marchand' });
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    const errors = collectPageErrors(page);

    // The direct link goes through sign-in and comes back.
    await page.goto(`${server.baseUrl}/account/password`);
    assert.match(page.url(), /\/login\?next=%2Faccount%2Fpassword$/);
    await screenshot(page, '01-login');
    await page.getByLabel('Adresse e-mail').fill(account.email);
    await page.getByLabel('Mot de passe', { exact: false }).first().fill('Mauvais-Mot-De-Passe-1');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /Adresse e-mail ou mot de passe incorrect/);
    await page.getByLabel('Mot de passe', { exact: false }).first().fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/account\/password$/);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Changer mon mot de passe');

    // The fiche, then "Modifier ma fiche": a bad phone shows an error tied to the field, a good one is saved.
    await page.goto(`${server.baseUrl}/account`);
    await screenshot(page, '02-fiche');
    await page.getByRole('link', { name: 'Modifier ma fiche' }).click();
    await page.getByLabel('Téléphone').fill('06 12');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    assert.equal(await page.getByLabel('Téléphone').getAttribute('aria-invalid'), 'true');
    assert.match(await page.getByRole('alert').innerText(), /numéro de téléphone n’est pas valide/);
    await screenshot(page, '03-edit-error');
    await page.getByLabel('Téléphone').fill('06 98 76 54 32');
    // The country is chosen by name from the ISO 3166 list, France by default: nothing to type or cut.
    const country = page.getByLabel('Pays', { exact: false });
    assert.equal(await country.inputValue(), 'FR');
    await page.getByLabel('Adresse', { exact: false }).first().fill('12 rue des Tanneurs');
    await page.getByLabel('Code postal', { exact: false }).fill('1000');
    await page.getByLabel('Ville', { exact: false }).fill('Bruxelles');
    await country.selectOption({ label: 'Belgique' });
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/\/account\?saved=1$/);
    const fiche = await page.locator('main').innerText();
    assert.match(fiche, /06 98 76 54 32/);
    assert.match(fiche, /12 rue des Tanneurs, 1000 Bruxelles, Belgique/);

    // A change of address waits on the fiche for its link; « Annuler la modification » drops it.
    await page.getByRole('link', { name: 'Changer mon adresse e-mail' }).first().click();
    await page.getByLabel('Nouvelle adresse e-mail').fill(`nouvelle-${account.id}@example.net`);
    await page.getByLabel('Mot de passe actuel').fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Envoyer le lien de confirmation' }).click();
    await page.waitForURL(/\/account\/email\?sent=1$/);
    await page.goto(`${server.baseUrl}/account`);
    const pending = page.getByRole('region', { name: 'Changement d’adresse e-mail en attente' });
    assert.match(await pending.innerText(), new RegExp(`nouvelle-${account.id}@example.net`));
    await pending.getByRole('button', { name: 'Annuler la modification' }).click();
    await page.waitForURL(/\/account\?emailChange=cancelled$/);
    assert.match(
      await page.getByRole('status').innerText(),
      /La modification de l’adresse e-mail est annulée/,
    );
    assert.equal(await pending.count(), 0);

    // "Changer mon mot de passe" from the fiche: live feedback as the customer types, then the change.
    await page.getByRole('link', { name: 'Changer mon mot de passe' }).first().click();
    await page.getByLabel('Mot de passe actuel').fill(STRONG_PASSWORD);
    await page.getByLabel('Nouveau mot de passe', { exact: false }).first().fill('azerty');
    await page.locator('#field-newPassword-reasons li').first().waitFor();
    assert.match(await page.locator('#field-newPassword-reasons').innerText(), /12 caractères/);
    await screenshot(page, '04-password-feedback');
    await page.getByLabel('Nouveau mot de passe', { exact: false }).first().fill(OTHER_STRONG_PASSWORD);
    await page.getByLabel('Confirmez le nouveau mot de passe').fill(OTHER_STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Changer mon mot de passe' }).click();
    await page.waitForURL(/\/account\/password\?done=1$/);
    assert.match(await page.getByRole('status').innerText(), /Votre mot de passe a été changé/);

    // Sessions: a second browser signs in; « Déconnecter toutes les autres sessions » ends it, this one stays.
    const elsewhere = await browser.newContext({ locale: 'fr-FR' });
    const otherPage = await elsewhere.newPage();
    await otherPage.goto(`${server.baseUrl}/login`);
    await otherPage.getByLabel('Adresse e-mail').fill(account.email);
    await otherPage.getByLabel('Mot de passe', { exact: false }).first().fill(OTHER_STRONG_PASSWORD);
    await otherPage.getByRole('button', { name: 'Se connecter' }).click();
    await otherPage.waitForURL(/\/account$/);
    await page.getByRole('link', { name: 'Mes sessions' }).first().click();
    assert.equal(await page.locator('tbody tr').count(), 2);
    await page.getByRole('button', { name: 'Déconnecter toutes les autres sessions' }).click();
    await page.waitForURL(/\/account\/sessions\?revokedOthers=1$/);
    assert.match(
      await page.getByRole('status').innerText(),
      /Toutes vos autres sessions ont été déconnectées/,
    );
    assert.equal(await page.locator('tbody tr').count(), 1);
    assert.match(await page.locator('tbody').innerText(), /Cette session/);
    await otherPage.goto(`${server.baseUrl}/account`);
    assert.match(otherPage.url(), /\/login/, 'the other browser is signed out');
    await elsewhere.close();
    await screenshot(page, '05-sessions');

    // Switch to English and back, then sign out.
    await page.getByRole('button', { name: 'English' }).click();
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'My sessions');
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/login\?signedOut=1$/);
    assert.match(await page.getByRole('status').innerText(), /Vous êtes déconnecté/);
    await page.goto(`${server.baseUrl}/account`);
    assert.match(page.url(), /\/login\?next=%2Faccount$/);

    // The new password works, the old one does not.
    const signIn = async (password: string) =>
      (
        await fetch(`${server.baseUrl}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: account.email, password }),
        })
      ).status;
    assert.equal(await signIn(STRONG_PASSWORD), 401);
    assert.equal(await signIn(OTHER_STRONG_PASSWORD), 200);
    assert.deepEqual(errors, [], 'no console error or CSP violation');
    await context.close();
  });

  it('works with the keyboard alone and without JavaScript', async () => {
    const { account } = await createTestAccount(server.deps);
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.keyboard.press('Tab');
    assert.equal(await page.locator(':focus').innerText(), 'Aller au contenu');
    await page.getByLabel('Adresse e-mail').focus();
    await page.keyboard.type(account.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(STRONG_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/account$/);
    assert.match(await page.locator('h1').innerText(), /Ma fiche client/);
    await context.close();
  });
});
