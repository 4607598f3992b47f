import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openEmailContent } from '../../src/platform/mail/outbox.ts';
import { checkpoint, type RecoveryServer } from './recovery-steps.ts';

/**
 * The steps of the support-desk journey (e2e/support-desk-journey.test.ts): the customer's side
 * through the portal pages, and what the outbox holds for an email support sent.
 */

/** /login with the fiche's address; the customer lands on their fiche. */
export async function customerSignsIn(page: Page, server: RecoveryServer, email: string, password: string) {
  await page.goto(`${server.baseUrl}/login`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: false }).first().fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(/\/account$/);
}

export type NewTicketInput = { subject: string; category: string; body: string; service?: string };

/**
 * From « Mes demandes »: « Nouvelle demande », the form, « Envoyer la demande ». Returns the new
 * ticket's reference, read from the thread page the customer is sent to.
 */
export async function openTicket(page: Page, input: NewTicketInput, shot: string): Promise<string> {
  await page.getByRole('link', { name: 'Nouvelle demande' }).click();
  await page.waitForURL(/\/support\/new$/);
  await page.getByLabel('Objet').fill(input.subject);
  await page.getByLabel(input.category, { exact: true }).check();
  if (input.service)
    await page.getByLabel('Service concerné', { exact: false }).selectOption({ label: input.service });
  await page.getByLabel('Votre message').fill(input.body);
  await checkpoint(page, `${shot}-form`);
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  await page.waitForURL(/\/support\/T-[0-9A-Z]{4}-[0-9A-Z]{4}\?created=1$/);
  assert.match(await page.getByRole('status').innerText(), /Votre demande est enregistrée/);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), input.subject);
  await checkpoint(page, `${shot}-created`);
  return decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');
}

/** The customer's « Mes demandes » row of a ticket, as text. */
export async function listRow(page: Page, reference: string): Promise<string> {
  const row = page.locator('tr', { has: page.getByRole('link', { name: reference, exact: true }) });
  assert.equal(await row.count(), 1, `${reference} is listed once`);
  return row.innerText();
}

/** The extra headers sealed with a queued email (threading, Reply-To), as the outbox will send them. */
export async function sealedHeaders(
  server: RecoveryServer,
  outboxId: string,
): Promise<Record<string, string>> {
  const row = await server.deps.db
    .selectFrom('email_outbox')
    .select(['id', 'sealed_message'])
    .where('id', '=', outboxId)
    .executeTakeFirstOrThrow();
  return openEmailContent(server.deps.masterKey, row.id, row.sealed_message).headers;
}
