import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AccountType } from '../../src/accounts/account.ts';
import { shutdownOcr } from '../../src/recovery/checks/ocr.ts';
import { completeDueRecoveryCases } from '../../src/recovery/completion/completion.service.ts';
import { ocrbFontSkipReason } from '../../test/support/fonts.ts';
import { queuedEmails } from '../../test/support/queued-emails.ts';
import { createTestStaff } from '../../test/support/staff.ts';
import { buildTestApp, type TestApp } from '../../test/support/test-app.ts';
import { assertAccessible } from './accessibility.ts';
import { chromiumAvailable, collectPageErrors, launchBrowser, screenshot } from './browser.ts';
import { submitStaffSignIn } from './journey.ts';

/**
 * The steps of the recovery journeys (claimant, agent, previous owner, new owner), shared by the
 * three e2e/recovery-journey-*.test.ts files. Every step goes through the pages as a person would.
 */

export type RecoveryServer = TestApp & { baseUrl: string; browser: Browser; docsDir: string };

/** A free loopback port: PUBLIC_URL must name the real port, since emailed links are built from it. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** The app on a real port (PostgreSQL when DATABASE_URL is set, else PGlite), and Chromium. */
export async function startRecoveryServer(): Promise<RecoveryServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const test = await buildTestApp(process.env.DATABASE_URL ? 'postgres' : 'pglite', { PUBLIC_URL: baseUrl });
  await test.app.listen({ port, host: '127.0.0.1' });
  const docsDir = mkdtempSync(path.join(tmpdir(), 'sesame-e2e-recovery-'));
  return { ...test, baseUrl, browser: await launchBrowser(), docsDir };
}

/**
 * Why a recovery journey cannot run here, or false: it needs Chromium, and the OCR-B font the
 * automatic checks read the specimens' MRZ with.
 */
export function recoveryJourneySkip(): string | false {
  return chromiumAvailable() ? ocrbFontSkipReason() : 'Chromium is not installed';
}

export async function stopRecoveryServer(server: RecoveryServer | undefined): Promise<void> {
  await server?.browser.close();
  await server?.close();
  if (server) rmSync(server.docsDir, { recursive: true, force: true });
  // The checks' OCR worker thread would keep the process alive.
  await shutdownOcr();
}

/** Axe, then a screenshot named recovery-<type>-NN-<what>. */
export async function checkpoint(page: Page, name: string): Promise<void> {
  await assertAccessible(page, name);
  await screenshot(page, name);
}

/** A fresh French browser context with its page and the list of its console errors. */
export async function openPage(
  server: RecoveryServer,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await server.browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  return { context, page, errors: collectPageErrors(page) };
}

/** Writes a document to the temp dir and returns its path (setInputFiles takes real files). */
export function writeDocument(server: RecoveryServer, name: string, bytes: Buffer): string {
  const file = path.join(server.docsDir, name);
  writeFileSync(file, bytes);
  return file;
}

/** The newest queued email of `kind` to `to`; fails when there is none. */
export async function lastEmail(server: RecoveryServer, to: string, kind: string) {
  const emails = await queuedEmails(server, { to, kind });
  const email = emails.at(-1);
  assert.ok(email, `an email "${kind}" was queued for ${to}`);
  return email;
}

/** The first link of the email to this app whose path starts with `pathPrefix`. */
export function linkIn(server: RecoveryServer, text: string, pathPrefix: string): string {
  const escaped = `${server.baseUrl}${pathPrefix}`.replace(/[.?+/]/g, '\\$&');
  const match = new RegExp(`${escaped}[^\\s>"]*`).exec(text);
  assert.ok(match, `the email holds a link to ${pathPrefix}`);
  return match[0];
}

export type ClaimantInput = {
  type: AccountType;
  typeLabel: 'Particulier' | 'Société' | 'Association';
  fields: Record<string, string>;
  newEmail: string;
};

/** /recovery → type → form → the case page in draft; returns the case reference. */
export async function openCase(page: Page, server: RecoveryServer, input: ClaimantInput, shot: string) {
  await page.goto(`${server.baseUrl}/recovery`);
  await assertAccessible(page, '/recovery');
  await page.getByLabel(input.typeLabel, { exact: true }).check();
  await page.getByRole('button', { name: 'Commencer ma demande' }).click();
  await page.waitForURL(new RegExp(`/recovery/new\\?type=${input.type}$`));
  await assertAccessible(page, `/recovery/new (${input.type})`);
  for (const [id, value] of Object.entries(input.fields)) await page.locator(`#field-${id}`).fill(value);
  await page.getByLabel('Nouvelle adresse e-mail').fill(input.newEmail);
  await page.getByRole('button', { name: 'Créer mon dossier' }).click();
  await page.waitForURL(/\/recovery\/cases\/[^/?]+\?notice=created$/);
  const reference = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');
  assert.match(await page.locator('main').innerText(), /État du dossier\s*:\s*en cours de constitution/);
  await checkpoint(page, `${shot}-case-draft`);
  return reference;
}

/** Types the 6-digit code received at the new address. */
export async function confirmNewEmail(page: Page, server: RecoveryServer, newEmail: string) {
  const email = await lastEmail(server, newEmail, 'recovery-code');
  const code = /\b(\d{6})\b/.exec(email.text)?.[1];
  assert.ok(code, 'the code email holds a 6-digit code');
  await page.getByLabel('Code reçu par e-mail').fill(code);
  await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
  await page.waitForURL(/\?notice=verified$/);
  await page.getByText(`Adresse confirmée\u00a0: ${newEmail}`).waitFor();
  // Once confirmed, the address receives the link that brings the claimant back to the case.
  const opened = await lastEmail(server, newEmail, 'recovery-case-opened');
  const reference = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');
  return linkIn(server, opened.text, `/recovery/cases/${reference}/access?token=`);
}

/** Chooses the document in the select (by its French label), the file, and sends it. */
export async function uploadDocument(page: Page, kindLabel: string, file: string) {
  await page.getByLabel('Quelle pièce envoyez-vous').selectOption({ label: kindLabel });
  await page.getByLabel('Fichier', { exact: true }).setInputFiles(file);
  await page.getByRole('button', { name: 'Envoyer ce fichier' }).click();
  await page.waitForURL(/\?notice=document-added$/);
  assert.match(await page.getByRole('status').innerText(), /Fichier bien reçu/);
}

/** The sworn statement, then "Envoyer mon dossier"; the page then says « envoyé ». */
export async function declareAndSubmit(page: Page, fullName: string, shot: string) {
  await page.getByLabel('Je fais cette déclaration sur l’honneur').check();
  await page.getByLabel('Vos prénom et nom complets').fill(fullName);
  await page.getByRole('button', { name: 'Enregistrer ma déclaration' }).click();
  await page.waitForURL(/\?notice=declaration$/);
  assert.match(await page.locator('main').innerText(), /Tout y est/);
  await checkpoint(page, `${shot}-case-ready`);
  await page.getByRole('button', { name: 'Envoyer mon dossier' }).click();
  await page.waitForURL(/\?notice=submitted$/);
  assert.match(await page.locator('main').innerText(), /État du dossier\s*:\s*envoyé, en attente d’examen/);
  await checkpoint(page, `${shot}-case-submitted`);
}

export type SignedInStaff = Awaited<ReturnType<typeof createTestStaff>> & { page: Page; errors: string[] };

/** A staff member of `role` signs in with password and TOTP, in a context of their own. */
export async function staffSignsIn(
  server: RecoveryServer,
  role: 'agent' | 'supervisor',
): Promise<SignedInStaff> {
  const staff = await createTestStaff(server.deps, role);
  const { page, errors } = await openPage(server);
  // A fresh TOTP step for every sign-in: a code is accepted once.
  server.clock.advance(30_000);
  await page.goto(`${server.baseUrl}/staff/login`);
  await submitStaffSignIn(page, staff, server.clock);
  await page.waitForURL(/\/staff\/accounts$/);
  return { ...staff, page, errors };
}

/** « Récupérations » in the nav, then the case's line in the queue. */
export async function openCaseFromQueue(page: Page, reference: string, shot: string) {
  await page
    .getByRole('navigation', { name: 'Navigation du back-office' })
    .getByRole('link', { name: 'Récupérations' })
    .click();
  await page.waitForURL(/\/staff\/recovery$/);
  const row = page.locator('tr', { has: page.getByRole('link', { name: reference, exact: true }) });
  assert.equal(await row.count(), 1, 'the case is in the queue');
  await checkpoint(page, `${shot}-queue`);
  await row.getByRole('link', { name: reference, exact: true }).click();
  await page.waitForURL(new RegExp(`/staff/recovery/${reference}$`));
  return row;
}

export async function takeCase(page: Page, label = 'Prendre le dossier') {
  await page.getByRole('button', { name: label }).click();
  await page.waitForURL(/\?done=assigned$/);
  assert.match(await page.locator('h1').innerText(), /En cours d’examen/);
}

/** Links the case to the account: from a suggestion, or through the search form. */
export async function linkAccount(page: Page, clientNumber: string, via: { search?: string } = {}) {
  if (via.search) {
    const search = page.getByRole('form', { name: /Rechercher une fiche/ });
    await search.getByRole('searchbox').fill(via.search);
    await search.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/\?q=/);
  }
  // A fiche both suggested and found is listed twice: take the line that says how it was found.
  const line = page
    .locator('section[aria-labelledby="link-title"] li')
    .filter({ hasText: via.search ? 'résultat de la recherche' : 'indiqué' });
  await line.getByRole('button', { name: `Rattacher le dossier au compte ${clientNumber}` }).click();
  await page.waitForURL(/\?done=linked$/);
  assert.match(await page.locator('main').innerText(), new RegExp(clientNumber));
}

/** The first document's preview is an image that really loaded (decoded, non-zero width). */
export async function assertPreviewLoads(page: Page, kind: string) {
  const img = page.getByRole('img', { name: `Aperçu\u00a0: ${kind}` }).first();
  await img.scrollIntoViewIfNeeded();
  await page.waitForFunction(
    (el) => el instanceof HTMLImageElement && el.complete,
    await img.elementHandle(),
  );
  const width = await img.evaluate((el) => (el as HTMLImageElement).naturalWidth);
  assert.ok(width > 0, `the preview of « ${kind} » loads`);
}

/** Every checklist item still unverified (optionally all but `except`) set to « Oui » with a note. */
export async function verifyChecklist(page: Page, except: string[] = []) {
  const items = await page
    .locator('form input[type=hidden][name=item]')
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  assert.ok(items.length >= 6, 'the checklist has its items');
  for (const item of items.filter((i) => !except.includes(i))) {
    const form = page.locator('form', { has: page.locator(`input[name=item][value="${item}"]`) });
    await form.getByLabel('Oui').check();
    await form.getByLabel('Note (obligatoire)').fill(`Vérifié sur pièce : ${item}.`);
    await form.getByRole('button', { name: 'Enregistrer ce point' }).click();
    await page.waitForURL(/\?done=checklist$/);
  }
  return items;
}

export async function approve(page: Page) {
  await page.getByRole('button', { name: 'Approuver la récupération' }).click();
  await page.waitForURL(/\?done=approved$/);
  assert.match(await page.locator('h1').innerText(), /Approuvé \(délai d’opposition\)/);
}

/** Opens the claimant's case page again (without the last notice) and checks the status line. */
export async function claimantSeesStatus(page: Page, status: RegExp) {
  const url = new URL(page.url());
  url.search = '';
  await page.goto(url.href);
  assert.match(await page.locator('main').innerText(), status);
}

/** What the old address receives on approval: the notice with its link to object. */
export async function objectionLinkSentTo(server: RecoveryServer, oldEmail: string): Promise<string> {
  const notice = await lastEmail(server, oldEmail, 'recovery-objection-notice');
  return linkIn(server, notice.text, '/recovery/objection?token=');
}

/**
 * Past the objection window the worker's job completes the case; the claimant's page says so,
 * the reset link emailed to the new address sets a password, and the new address signs in.
 */
export async function completeAndSignIn(
  server: RecoveryServer,
  claimant: Page,
  input: { newEmail: string; oldEmail: string; oldPassword: string; newPassword: string; shot: string },
) {
  server.clock.advance((server.deps.config.recoveryObjectionHours * 60 + 1) * 60_000);
  const report = await completeDueRecoveryCases(server.deps);
  assert.deepEqual(report, { completed: 1, blocked: 0, failed: 0 });

  await claimantSeesStatus(claimant, /État du dossier\s*:\s*terminé\s*:\s*l’accès a été transféré/);
  assert.match(await claimant.locator('main').innerText(), /Accès transféré/);
  await checkpoint(claimant, `${input.shot}-case-completed`);
  // The previous address is told once more, now that it is done.
  await lastEmail(server, input.oldEmail, 'recovery-completed-notice');

  const reset = await lastEmail(server, input.newEmail, 'password-reset');
  await claimant.goto(linkIn(server, reset.text, '/password/reset?token='));
  await claimant.getByLabel('Nouveau mot de passe', { exact: false }).first().fill(input.newPassword);
  await claimant.getByLabel('Confirmez le nouveau mot de passe').fill(input.newPassword);
  await claimant.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
  await claimant.waitForURL(/\/password\/reset\?done=1$/);

  await claimant.goto(`${server.baseUrl}/login`);
  await claimant.getByLabel('Adresse e-mail').fill(input.newEmail);
  await claimant.getByLabel('Mot de passe', { exact: false }).first().fill(input.newPassword);
  await claimant.getByRole('button', { name: 'Se connecter' }).click();
  await claimant.waitForURL(/\/account$/);
  assert.match(await claimant.locator('h1').innerText(), /Ma fiche client/);
  assert.match(
    await claimant.locator('main').innerText(),
    new RegExp(input.newEmail.replace(/[.+]/g, '\\$&')),
  );
  await screenshot(claimant, `${input.shot}-signed-in`);

  // Whoever holds the old mailbox and the old password: both are dead.
  const { context, page, errors } = await openPage(server);
  await page.goto(`${server.baseUrl}/login`);
  await page.getByLabel('Adresse e-mail').fill(input.oldEmail);
  await page.getByLabel('Mot de passe', { exact: false }).first().fill(input.oldPassword);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /Adresse e-mail ou mot de passe incorrect/);
  assert.match(page.url(), /\/login/);
  assert.deepEqual(errors, [], 'no console error on the refused sign-in');
  await context.close();
}
