import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { deliverDueEmails } from '../src/platform/mail/outbox.service.ts';
import { createFileTransport, mailDirFor } from '../src/platform/mail/transports.ts';
import { createTestStaff, totpCodeAt } from '../test/support/staff.ts';
import { buildTestApp, type TestApp } from '../test/support/test-app.ts';
import { assertAccessible } from './support/accessibility.ts';
import { chromiumAvailable, collectPageErrors, launchBrowser, screenshot } from './support/browser.ts';

const available = chromiumAvailable();
if (!available)
  console.log('# staff team e2e skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

/** A free loopback port: PUBLIC_URL must name the real port, since emailed links are built from it. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const AGENT_PASSWORD = 'Horizon-Balise-Tamarin-93';

describe('the team managed from the back office, in Chromium', {
  skip: available ? false : 'Chromium is not installed',
}, () => {
  let server: TestApp;
  let baseUrl: string;
  let dataDir: string;
  let browser: Browser;
  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'sesame-e2e-team-'));
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

  async function signIn(page: Page, email: string, password: string, code: string) {
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe', { exact: false }).first().fill(password);
    await page.getByLabel('Code de vérification', { exact: false }).fill(code);
    await page.getByRole('button', { name: 'Se connecter' }).click();
  }

  it('admin adds an agent → the agent enrols from /dev/mail → signs in → disabled → back to sign-in', async () => {
    const admin = await createTestStaff(server.deps, 'admin');
    const agentEmail = `recrue-${Date.now()}@support.example`;
    const adminContext = await browser.newContext({ locale: 'fr-FR' });
    const adminPage = await adminContext.newPage();
    const adminErrors = collectPageErrors(adminPage);
    await adminPage.goto(`${baseUrl}/staff/team`);
    await signIn(adminPage, admin.email, admin.password, await totpCodeAt(admin.secret, server.clock));
    // Sign-in keeps where the admin was going.
    await adminPage.waitForURL(/\/staff\/team$/);
    await assertAccessible(adminPage, '/staff/team');
    await adminPage.getByLabel('Nom', { exact: false }).fill('Camille Recrue');
    await adminPage.locator('#field-email').fill(agentEmail);
    await adminPage.locator('#field-role').selectOption('agent');
    await adminPage.getByRole('button', { name: 'Ajouter et envoyer le lien' }).click();
    await adminPage.waitForURL(/notice=created$/);
    assert.match(
      await adminPage.locator(`tr[data-staff-email="${agentEmail}"]`).innerText(),
      /En attente d’activation/,
    );
    await screenshot(adminPage, 'team-01-added');
    // On a phone the page fits its width (the back-office navigation wraps) and each cell says what it is.
    await adminPage.setViewportSize({ width: 390, height: 844 });
    assert.equal(await adminPage.evaluate(() => document.documentElement.scrollWidth), 390);
    const cellLabels = await adminPage
      .locator(`tr[data-staff-email="${agentEmail}"] td`)
      .evaluateAll((cells) => cells.map((cell) => getComputedStyle(cell, '::before').content));
    assert.ok(cellLabels.includes('"Dernière connexion : "'), cellLabels.join(' | '));
    await adminPage.setViewportSize({ width: 1280, height: 800 });

    // The worker delivers; the agent reads the mail in /dev/mail and follows the link.
    await deliverDueEmails(server.deps, createFileTransport(mailDirFor(server.deps.config.dataDir)), {
      batchSize: 20,
      workerId: 'e2e',
    });
    const agentContext = await browser.newContext({ locale: 'fr-FR' });
    const agentPage = await agentContext.newPage();
    const agentErrors = collectPageErrors(agentPage);
    await agentPage.goto(`${baseUrl}/dev/mail`);
    await agentPage
      .getByRole('link', { name: /Activez votre accès au back-office Sésame/ })
      .first()
      .click();
    await agentPage.locator(`pre a[href^="${baseUrl}/staff/enrol/open"]`).first().click();
    await agentPage.getByRole('button', { name: 'Continuer' }).click();
    await agentPage.waitForURL(/\/staff\/enrol$/);
    await assertAccessible(agentPage, '/staff/enrol');
    const secret = (await agentPage.locator('[data-totp-secret]').innerText()).trim();
    await agentPage.getByLabel('Nouveau mot de passe', { exact: false }).fill(AGENT_PASSWORD);
    await agentPage
      .getByLabel('Code de vérification', { exact: false })
      .fill(await totpCodeAt(secret, server.clock));
    await agentPage.getByRole('button', { name: 'Activer mon accès' }).click();
    await agentPage.waitForURL(/\/staff\/login\?enrolled=1$/);
    // The enrolment code is spent: the sign-in uses the next one.
    await signIn(agentPage, agentEmail, AGENT_PASSWORD, await totpCodeAt(secret, server.clock, 1));
    await agentPage.waitForURL(/\/staff\/accounts$/);

    await adminPage.goto(`${baseUrl}/staff/team`);
    await adminPage.getByRole('button', { name: 'Désactiver Camille Recrue' }).click();
    await adminPage.waitForURL(/notice=disabled$/);
    assert.match(await adminPage.locator(`tr[data-staff-email="${agentEmail}"]`).innerText(), /Désactivé/);

    // The agent's open page: its next navigation lands on the sign-in.
    await agentPage.getByRole('link', { name: 'Mon accès' }).click();
    await agentPage.waitForURL(/\/staff\/login\?next=%2Fstaff%2Fme$/);
    await screenshot(agentPage, 'team-02-disabled-agent');
    assert.deepEqual(adminErrors, [], 'no console error or CSP violation (admin)');
    assert.deepEqual(agentErrors, [], 'no console error or CSP violation (agent)');
    await adminContext.close();
    await agentContext.close();
  });
});
