import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { queuedEmails } from '../test/support/queued-emails.ts';
import { assertAccessible } from './support/accessibility.ts';
import { chromiumAvailable, launchBrowser } from './support/browser.ts';
import { startTestServer } from './support/server.ts';

const available = chromiumAvailable();

describe('accessibility of the claimant recovery pages (axe-core, WCAG 2.1 AA)', {
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

  it('explanation, case form with errors, case page with a wrong code and a refused file, progress', async () => {
    await page.goto(`${server.baseUrl}/recovery`);
    await assertAccessible(page, '/recovery');
    await page.getByLabel('Association').check();
    await page.getByRole('button', { name: 'Commencer ma demande' }).click();
    await page.waitForURL(/\/recovery\/new\?type=association$/);
    await assertAccessible(page, '/recovery/new');
    await page.getByRole('button', { name: 'Créer mon dossier' }).click();
    await page.getByRole('alert').waitFor();
    await assertAccessible(page, '/recovery/new with errors');

    const newEmail = `presidence.${Date.now()}@example.net`;
    await page.getByLabel('Nom de domaine hébergé').fill('amis-du-lavoir.fr');
    await page.getByLabel('Nom de l’association').fill('Les Amis du Vieux Lavoir');
    await page.locator('#field-firstName').fill('Camille');
    await page.locator('#field-lastName').fill('Martin');
    await page.getByLabel('Nouvelle adresse e-mail').fill(newEmail);
    await page.getByRole('button', { name: 'Créer mon dossier' }).click();
    await page.waitForURL(/\/recovery\/cases\/R-/);
    await assertAccessible(page, 'case page (draft)');

    await page.getByLabel('Code reçu par e-mail').fill('000000');
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await page.getByRole('alert').waitFor();
    await assertAccessible(page, 'case page with a wrong code');

    const [email] = await queuedEmails(server, { to: newEmail, kind: 'recovery-code' });
    const code = /\b(\d{6})\b/.exec(email?.text ?? '')?.[1] ?? '';
    await page.getByLabel('Code reçu par e-mail').fill(code);
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await page.getByText(`Adresse confirmée\u00a0: ${newEmail}`).waitFor();
    await page.getByLabel('Fichier', { exact: false }).setInputFiles({
      name: 'note.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('pas un document'),
    });
    await page.getByRole('button', { name: 'Envoyer ce fichier' }).click();
    await page.getByRole('alert').waitFor();
    await assertAccessible(page, 'case page with a refused file');
  });
});
