import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { resolvePasswordResetRequests } from '../src/password-reset/password-reset.service.ts';
import { HOUR } from '../src/platform/clock.ts';
import { deliverDueEmails } from '../src/platform/mail/outbox.service.ts';
import { createFileTransport, mailDirFor } from '../src/platform/mail/transports.ts';
import { completeDueRecoveryCases } from '../src/recovery/completion/completion.service.ts';
import { createTestAccount, OTHER_STRONG_PASSWORD, STRONG_PASSWORD } from '../test/support/factories.ts';
import { approvedRecoveryCase } from '../test/support/recovery-objection.ts';
import { totpCodeAt } from '../test/support/staff.ts';
import { buildTestApp, type TestApp } from '../test/support/test-app.ts';
import { assertAccessible } from './support/accessibility.ts';
import { chromiumAvailable, collectPageErrors, launchBrowser, screenshot } from './support/browser.ts';
import { freePort } from './support/server.ts';

const available = chromiumAvailable();
if (!available)
  console.log('# second-factor e2e skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

/**
 * Passkeys and TOTP in Chromium, with Chrome's own virtual authenticator (DevTools protocol
 * `WebAuthn.addVirtualAuthenticator`): the browser runs the real ceremony, nothing is mocked.
 * The relying party is `localhost` (WebAuthn refuses IP addresses), mapped to 127.0.0.1.
 */
describe('second factor in Chromium: passkeys, TOTP, recovery codes, reset and recovery', {
  skip: available ? false : 'Chromium is not installed',
}, () => {
  let server: TestApp;
  let baseUrl: string;
  let browser: Browser;
  before(async () => {
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    server = await buildTestApp('pglite', { PUBLIC_URL: baseUrl, RECOVERY_OBJECTION_HOURS: '24' });
    await server.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser(['--host-resolver-rules=MAP localhost 127.0.0.1']);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A page whose browser has a platform authenticator with user verification (a laptop's fingerprint reader). */
  async function pageWithAuthenticator(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    return { context, page, errors: collectPageErrors(page) };
  }

  async function signInWithPassword(page: Page, email: string, password: string) {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe', { exact: false }).first().fill(password);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  }

  async function signOut(page: Page) {
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/login\?signedOut=1$/);
  }

  async function addPasskey(page: Page, name: string, password: string | null) {
    await page.goto(`${baseUrl}/account/security`);
    const form = page.locator('form[data-passkey-register]');
    await form.getByLabel('Nom de la clé').fill(name);
    if (password) await form.getByLabel('Mot de passe actuel').fill(password);
    await form.getByRole('button', { name: 'Ajouter une clé d’accès' }).click();
  }

  it('adds a passkey, signs out, signs in with it alone, then uses it as the second factor', async () => {
    const { account } = await createTestAccount(server.deps, { firstName: 'Maëlle', lastName: 'Roussel' });
    const { context, page, errors } = await pageWithAuthenticator();
    await signInWithPassword(page, account.email, STRONG_PASSWORD);
    await page.waitForURL(/\/account$/);
    await page.goto(`${baseUrl}/account/security`);
    await assertAccessible(page, '/account/security without a factor');

    // Signed in a moment ago: no password asked (a sign-in of the last ten minutes is proof enough).
    await addPasskey(page, 'Ordinateur portable', null);
    const codes = page.locator('#passkey-codes [data-recovery-codes] li');
    await page.locator('#passkey-codes').waitFor({ state: 'visible' });
    assert.equal(await codes.count(), 10, 'the first factor comes with ten recovery codes, shown once');
    await screenshot(page, 'mfa-01-passkey-added');
    const stored = await server.deps.db
      .selectFrom('customer_passkeys')
      .select(['name', 'backed_up', 'sign_count'])
      .where('account_id', '=', account.id)
      .execute();
    assert.deepEqual(
      stored.map((s) => s.name),
      ['Ordinateur portable'],
    );
    await page.goto(`${baseUrl}/account/security`);
    assert.match(await page.locator('[data-passkey-name]').innerText(), /Ordinateur portable/);
    assert.equal(await page.locator('[data-mfa-state]').getAttribute('data-mfa-state'), 'on');
    await assertAccessible(page, '/account/security with a passkey');
    await screenshot(page, 'mfa-04-security-with-passkey');
    await signOut(page);

    // Password-less: the passkey alone (user verified by the authenticator).
    await page.getByRole('button', { name: 'Utiliser une clé d’accès' }).click();
    await page.waitForURL(/\/account$/);
    await page.goto(`${baseUrl}/account/sessions`);
    assert.match(await page.locator('main').innerText(), /Clé d’accès/);
    await signOut(page);

    // With the password: the passkey is now asked as the second factor.
    await signInWithPassword(page, account.email, STRONG_PASSWORD);
    await page.waitForURL(/\/login\/mfa/);
    await assertAccessible(page, '/login/mfa with a passkey');
    await screenshot(page, 'mfa-02-second-step');
    await page.getByRole('button', { name: 'Utiliser ma clé d’accès' }).click();
    await page.waitForURL(/\/account$/);
    const methods = await server.deps.db
      .selectFrom('sessions')
      .select('auth_method')
      .where('account_id', '=', account.id)
      .orderBy('created_at')
      .execute();
    assert.deepEqual(
      methods.map((m) => m.auth_method),
      ['password', 'passkey', 'password+passkey'],
    );
    assert.deepEqual(errors, [], 'no console error or CSP violation');
    await context.close();
  });

  it('enrols an authenticator app, signs in with a code, then with a recovery code', async () => {
    const { account } = await createTestAccount(server.deps);
    const { context, page, errors } = await pageWithAuthenticator();
    await signInWithPassword(page, account.email, STRONG_PASSWORD);
    await page.waitForURL(/\/account$/);
    await page.goto(`${baseUrl}/account/security`);
    const enable = page.locator('form[action="/account/security/totp"]');
    await enable.getByLabel('Mot de passe actuel').fill(STRONG_PASSWORD);
    await enable.getByRole('button', { name: 'Activer une application d’authentification' }).click();
    const secret = (await page.locator('[data-totp-secret]').innerText()).trim();
    assert.ok(await page.getByRole('img', { name: /QR code/ }).isVisible());
    await assertAccessible(page, '/account/security while enrolling');
    await page.getByLabel('Code affiché par l’application').fill(await totpCodeAt(secret, server.clock));
    await page.getByRole('button', { name: 'Confirmer' }).click();
    const recoveryCodes = await page.locator('[data-recovery-codes] li').allInnerTexts();
    assert.equal(recoveryCodes.length, 10);
    server.clock.advance(30_000);
    await signOut(page);

    await signInWithPassword(page, account.email, STRONG_PASSWORD);
    await page.waitForURL(/\/login\/mfa/);
    await assertAccessible(page, '/login/mfa with an app');
    await page.getByLabel('Code de l’application').fill(await totpCodeAt(secret, server.clock));
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.waitForURL(/\/account$/);
    await signOut(page);

    await signInWithPassword(page, account.email, STRONG_PASSWORD);
    await page.waitForURL(/\/login\/mfa/);
    await page.getByRole('link', { name: 'Utiliser un code de secours' }).click();
    await page.getByLabel('Code de secours').fill(recoveryCodes[0]?.trim().toLowerCase() ?? '');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.waitForURL(/\/account$/);
    const used = await server.deps.db
      .selectFrom('recovery_codes')
      .select('used_at')
      .where('account_id', '=', account.id)
      .where('used_at', 'is not', null)
      .execute();
    assert.equal(used.length, 1, 'the recovery code served once');
    assert.deepEqual(errors, [], 'no console error or CSP violation');
    await context.close();
  });

  /** What the worker does: the queued emails become .eml files, which /dev/mail reads. */
  async function deliverMail() {
    const transport = createFileTransport(mailDirFor(server.deps.config.dataDir));
    await resolvePasswordResetRequests(server.deps); // the forgot form's requests, as the worker resolves them
    await deliverDueEmails(server.deps, transport, { batchSize: 50, workerId: 'e2e' });
  }

  async function resetByMail(page: Page, email: string, newPassword: string) {
    await deliverMail();
    await page.goto(`${baseUrl}/dev/mail`);
    await page
      .getByRole('row')
      .filter({ hasText: email })
      .getByRole('link', { name: /hoisissez (un nouveau|votre) mot de passe/ })
      .first()
      .click();
    await page.locator(`pre a[href*="/password/reset?token="]`).first().click();
    await page.waitForURL(/\/password\/reset\?token=/);
    await page.getByLabel('Nouveau mot de passe', { exact: false }).first().fill(newPassword);
    await page.getByLabel('Confirmez le nouveau mot de passe').fill(newPassword);
    await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
    await page.waitForURL(/\/password\/reset\?done=1$/);
  }

  it('a reset by email link still asks for the passkey; a recovery completion removes it', async () => {
    const { account, password, newEmail } = await approvedRecoveryCase(server);
    const { context, page } = await pageWithAuthenticator();
    await signInWithPassword(page, account.email, password);
    await page.waitForURL(/\/account$/);
    await addPasskey(page, 'Téléphone', password);
    await page.locator('#passkey-codes').waitFor({ state: 'visible' });
    await signOut(page);

    await page.goto(`${baseUrl}/password/forgot`);
    await page.getByLabel('Adresse e-mail').fill(account.email);
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    await page.waitForURL(/\?sent=1$/);
    await resetByMail(page, account.email, OTHER_STRONG_PASSWORD);
    await signInWithPassword(page, account.email, OTHER_STRONG_PASSWORD);
    await page.waitForURL(/\/login\/mfa/, { timeout: 10_000 });
    await screenshot(page, 'mfa-03-reset-still-asks');

    // The objection window passes: the case completes, the documents proved who the claimant is.
    server.clock.advance(25 * HOUR);
    assert.ok((await completeDueRecoveryCases(server.deps)).completed >= 1);
    await resetByMail(page, newEmail, STRONG_PASSWORD);
    await signInWithPassword(page, newEmail, STRONG_PASSWORD);
    await page.waitForURL(/\/account$/);
    await page.goto(`${baseUrl}/account/security`);
    assert.equal(await page.locator('[data-mfa-state]').getAttribute('data-mfa-state'), 'off');
    assert.equal(await page.locator('[data-passkey]').count(), 0, 'the passkey is gone');
    await signOut(page);
    // The authenticator still holds the credential, but Sésame no longer knows it.
    await page.getByRole('button', { name: 'Utiliser une clé d’accès' }).click();
    await page.locator('#passkey-error-passwordless').waitFor({ state: 'visible' });
    assert.match(await page.locator('#passkey-error-passwordless').innerText(), /pas été acceptée/);
    assert.match(page.url(), /\/login/);
    await context.close();
  });

  it('one passkey assertion posted ten times at once opens one session (the challenge is single use)', async () => {
    const { account } = await createTestAccount(server.deps);
    const { context, page } = await pageWithAuthenticator();
    await signInWithPassword(page, account.email, STRONG_PASSWORD);
    await page.waitForURL(/\/account$/);
    await addPasskey(page, 'Clé de sécurité', null);
    await page.locator('#passkey-codes').waitFor({ state: 'visible' });
    await signOut(page);
    const sessionsBefore = await server.deps.db
      .selectFrom('sessions')
      .select('id')
      .where('account_id', '=', account.id)
      .execute();
    // A real assertion from the browser's ceremony, then the same answer raced ten times.
    const statuses = await page.evaluate(async () => {
      const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
      const headers = { 'content-type': 'application/json', 'x-csrf-token': csrf };
      const optionsAnswer = await fetch('/api/v1/auth/passkey/options', {
        method: 'POST',
        headers,
        body: '{}',
      });
      const { options } = await optionsAnswer.json();
      // biome-ignore lint/suspicious/noExplicitAny: the library's UMD global, loaded by the page, has no types here
      const lib = (window as any).SimpleWebAuthnBrowser;
      const response = await lib.startAuthentication({ optionsJSON: options });
      const body = JSON.stringify({ response });
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => fetch('/api/v1/auth/passkey', { method: 'POST', headers, body })),
      );
      return answers.map((a) => a.status);
    });
    assert.deepEqual(
      [...statuses].sort(),
      [200, 401, 401, 401, 401, 401, 401, 401, 401, 401],
      `statuses: ${statuses.join(', ')}`,
    );
    const sessionsAfter = await server.deps.db
      .selectFrom('sessions')
      .select('id')
      .where('account_id', '=', account.id)
      .execute();
    assert.equal(sessionsAfter.length - sessionsBefore.length, 1, 'exactly one new session');
    await context.close();
  });
});
