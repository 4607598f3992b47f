import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { noRequestMeta } from '../src/platform/deps.ts';
import { createPortalTicket } from '../src/tickets/tickets-portal.service.ts';
import { createTestAccount } from '../test/support/factories.ts';
import { seedRecoveryCase } from '../test/support/recovery.ts';
import { createTestStaff, totpCodeAt } from '../test/support/staff.ts';
import { assertAccessible } from './support/accessibility.ts';
import { chromiumAvailable, collectPageErrors, launchBrowser, screenshot } from './support/browser.ts';
import { startTestServer } from './support/server.ts';

const available = chromiumAvailable();
if (!available)
  console.log('# staff e2e skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

describe('staff journey in Chromium', { skip: available ? false : 'Chromium is not installed' }, () => {
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

  async function signIn(page: Page, staff: { email: string; password: string; secret: string }) {
    await page.getByLabel('Adresse e-mail').fill(staff.email);
    await page.getByLabel('Mot de passe', { exact: false }).first().fill(staff.password);
    // The code an authenticator app would show now, computed from the enrolment secret.
    await page
      .getByLabel('Code de vérification', { exact: false })
      .fill(await totpCodeAt(staff.secret, server.clock));
    await page.getByRole('button', { name: 'Se connecter' }).click();
  }

  it('an agent signs in with a TOTP code, finds an account, sends the reset link and sees the audit event', async () => {
    const { account } = await createTestAccount(server.deps, { firstName: 'Maëlle', lastName: 'Fournier' });
    const agent = await createTestStaff(server.deps, 'agent');
    // Open work on the account: the page lists it with links.
    const { recoveryCase } = await seedRecoveryCase(server.deps, {
      status: 'in_review',
      accountId: account.id,
    });
    const ticket = await createPortalTicket(
      server.deps,
      account,
      { subject: 'Certificat SSL expiré', body: 'Bonjour, mon certificat a expiré.', category: 'general' },
      noRequestMeta,
    );
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    const errors = collectPageErrors(page);

    await page.goto(`${server.baseUrl}/staff/accounts`);
    assert.match(page.url(), /\/staff\/login\?next=%2Fstaff%2Faccounts$/);
    await assertAccessible(page, '/staff/login');
    await screenshot(page, 'staff-01-login');
    await signIn(page, agent);
    await page.waitForURL(/\/staff\/accounts$/);
    // The nav shows only what an agent may open: no audit log, no team.
    const nav = page.getByRole('navigation', { name: 'Navigation du back-office' });
    assert.equal(await nav.getByRole('link', { name: 'Journal d’audit' }).count(), 0);
    assert.equal(await nav.getByRole('link', { name: 'Équipe' }).count(), 0);

    await page.getByRole('searchbox', { name: 'Rechercher un compte' }).fill('maëlle fourn');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('link', { name: account.clientNumber }).waitFor();
    await assertAccessible(page, '/staff/accounts?q=…');
    await screenshot(page, 'staff-02-search');
    await page.getByRole('link', { name: account.clientNumber }).click();
    await page.waitForURL(new RegExp(`/staff/accounts/${account.id}$`));
    assert.match(await page.locator('main').innerText(), new RegExp(account.email));
    await assertAccessible(page, '/staff/accounts/{id}');

    await page
      .getByRole('button', { name: 'Envoyer un lien de réinitialisation à l’adresse de la fiche' })
      .click();
    await page.waitForURL(/\?resetSent=1$/);
    assert.match(await page.getByRole('status').innerText(), /Le lien de réinitialisation a été envoyé/);
    const event = page.locator('tr[data-action="staff.reset_link_sent"]');
    assert.equal(await event.count(), 1);
    // In words: what happened and who did it, by name.
    assert.match(await event.innerText(), /Lien de réinitialisation envoyé par le support/);
    assert.match(await event.innerText(), new RegExp(agent.user.name));
    assert.doesNotMatch(await event.innerText(), /staff\.reset_link_sent|staff:/);
    assert.match(
      await page.locator('tr[data-action="staff.account.viewed"]').first().innerText(),
      new RegExp(`Fiche consultée\\s+${agent.user.name}`),
    );
    await screenshot(page, 'staff-03-account-reset-sent');

    // The open recovery case and the open ticket, each a link to its page.
    const cases = page.getByRole('region', { name: 'Dossiers de récupération en cours' });
    assert.match(await cases.innerText(), /En cours d’examen/);
    await cases.getByRole('link', { name: recoveryCase.reference }).click();
    await page.waitForURL(new RegExp(`/staff/recovery/${recoveryCase.reference}$`));
    await page.goBack();
    const tickets = page.getByRole('region', { name: 'Tickets ouverts' });
    await tickets.getByRole('link', { name: 'Certificat SSL expiré' }).click();
    await page.waitForURL(new RegExp(`/staff/tickets/${ticket.reference}$`));
    assert.deepEqual(errors, [], 'no console error or CSP violation');
    await context.close();
  });

  it('an admin reads the audit log, and re-enrols a member whose QR code is shown once', async () => {
    const admin = await createTestStaff(server.deps, 'admin');
    const member = await createTestStaff(server.deps, 'agent');
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    server.clock.advance(30_000); // a fresh TOTP step, whatever the other journey used
    await page.goto(`${server.baseUrl}/staff/login`);
    await signIn(page, admin);
    await page.waitForURL(/\/staff\/accounts$/);

    await page.getByRole('link', { name: 'Journal d’audit' }).click();
    await page.locator('tr[data-action="staff.signin.succeeded"]').first().waitFor();
    await assertAccessible(page, '/staff/audit');
    await screenshot(page, 'staff-04-audit');

    await page.getByRole('link', { name: 'Équipe' }).click();
    await assertAccessible(page, '/staff/team');
    await page.getByRole('button', { name: `Nouveau code TOTP pour ${member.user.name}` }).click();
    const qr = page.getByRole('img', { name: `QR code d’enrôlement TOTP pour ${member.email}` });
    await qr.waitFor();
    assert.match((await qr.getAttribute('src')) ?? '', /^data:image\/png;base64,/);
    assert.match(await page.locator('[data-totp-secret]').innerText(), /^[A-Z2-7]{32}$/);
    await assertAccessible(page, 'TOTP enrolment');
    await screenshot(page, 'staff-05-enrolment');
    assert.deepEqual(errors, [], 'no console error or CSP violation');
    await context.close();
  });
});
