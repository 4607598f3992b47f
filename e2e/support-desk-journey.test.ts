import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createService } from '../src/accounts/services.repository.ts';
import { messageIdFor } from '../src/platform/mail/outbox.ts';
import { createTestPdf } from '../test/support/documents.ts';
import { createTestAccount } from '../test/support/factories.ts';
import { queuedEmails } from '../test/support/queued-emails.ts';
import { chromiumAvailable, screenshot } from './support/browser.ts';
import {
  checkpoint,
  lastEmail,
  linkIn,
  openPage,
  type RecoveryServer,
  staffSignsIn,
  startRecoveryServer,
  stopRecoveryServer,
} from './support/recovery-steps.ts';
import { customerSignsIn, listRow, openTicket, sealedHeaders } from './support/support-desk-steps.ts';

const available = chromiumAvailable();
if (!available) console.log('# support desk e2e skipped: /usr/bin/chromium is missing');

/** The staff queue's row of a ticket (the row holding the link named by its reference). */
function queueRow(page: Page, reference: string) {
  return page.locator('tr', { has: page.getByRole('link', { name: reference, exact: true }) });
}

describe('support desk journey in Chromium', {
  skip: available ? false : 'Chromium is not installed',
}, () => {
  let server: RecoveryServer;
  before(async () => {
    server = await startRecoveryServer();
  });
  after(async () => {
    await stopRecoveryServer(server);
  });

  it('a customer opens two tickets from the portal; an agent answers one, closes it; the customer’s reply reopens it', async () => {
    const shot = 'support';
    const { account, password } = await createTestAccount(server.deps, {
      firstName: 'Anaïs',
      lastName: 'Bertrand',
    });
    const domain = `atelier-${Date.now()}.fr`;
    await server.deps.db.transaction().execute((tx) =>
      createService(tx, {
        id: randomUUID(),
        accountId: account.id,
        kind: 'domain',
        name: domain,
        panelUsername: null,
        createdAt: server.clock.now(),
      }),
    );

    // 1. The customer signs in, goes to « Support » and opens a billing request about the domain.
    const customer = await openPage(server);
    const c = customer.page;
    await customerSignsIn(c, server, account.email, password);
    await c
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Support' })
      .click();
    await c.waitForURL(/\/support$/);
    assert.match(await c.locator('main').innerText(), /Vous n’avez encore fait aucune demande/);
    await checkpoint(c, `${shot}-01-empty-list`);
    const billing = {
      subject: 'Facture du renouvellement',
      category: 'Facturation',
      service: domain,
      body: 'Bonjour,\nla facture de renouvellement de mon domaine a été débitée deux fois.\nMerci !',
    };
    const first = await openTicket(c, billing, `${shot}-02-billing`);
    assert.match(await c.locator('main').innerText(), /État\s*En attente du support/);
    assert.match(await c.locator('main').innerText(), /débitée deux fois/);
    assert.match(
      await c.locator('main').innerText(),
      new RegExp(`Service concerné\\s*${domain} \\(Nom de domaine\\)`),
    );

    // The acknowledgement went to the fiche's address; its link opens the thread.
    const acknowledgement = await lastEmail(server, account.email, 'ticket-acknowledgement');
    assert.equal(acknowledgement.subject, `[${first}] Facture du renouvellement`);
    await c.goto(linkIn(server, acknowledgement.text, `/support/${first}`));
    assert.match(await c.locator('main').innerText(), /débitée deux fois/);

    // 2. A sensitive request (deleting a site): from the portal the sender is known, so it stays actionable.
    await c.getByRole('link', { name: 'Retour à mes demandes' }).click();
    const second = await openTicket(
      c,
      {
        subject: 'Suppression de mon site',
        category: 'Demande sensible',
        body: 'Merci de supprimer mon site et toutes ses données.',
      },
      `${shot}-03-sensitive`,
    );
    await c.getByRole('link', { name: 'Retour à mes demandes' }).click();
    await c.waitForURL(/\/support$/);
    assert.match(await listRow(c, first), /Facture du renouvellement\s+En attente du support/);
    assert.match(await listRow(c, second), /Suppression de mon site\s+En attente du support/);
    await checkpoint(c, `${shot}-04-my-requests`);
    assert.equal(
      (await queuedEmails(server, { kind: 'ticket-reply' })).length,
      0,
      'opening a ticket sends no answer',
    );

    // 3. An agent signs in and finds both in « Tickets »: channel, verified sender, the sensitive one flagged.
    const agent = await staffSignsIn(server, 'agent');
    const a = agent.page;
    await a
      .getByRole('navigation', { name: 'Navigation du back-office' })
      .getByRole('link', { name: 'Tickets' })
      .click();
    await a.waitForURL(/\/staff\/tickets$/);
    for (const reference of [first, second]) {
      const row = await queueRow(a, reference).innerText();
      assert.match(row, /Espace client/, `${reference} came through the portal`);
      assert.match(row, /expéditeur vérifié — connecté à son espace client/);
      assert.match(
        row,
        new RegExp(`${account.email.replace(/[.+]/g, '\\$&')} \\(${account.clientNumber}\\)`),
      );
      assert.match(row, /Ouvert \(à nous de répondre\)/);
    }
    assert.match(await queueRow(a, second).innerText(), /sensible/);
    assert.doesNotMatch(await queueRow(a, first).innerText(), /sensible/);
    await checkpoint(a, `${shot}-05-staff-queue`);

    // The sensitive ticket's page: flagged, but no « do not carry out » warning since the sender is verified.
    await queueRow(a, second).getByRole('link', { name: second, exact: true }).click();
    await a.waitForURL(new RegExp(`/staff/tickets/${second}$`));
    // Filed as sensitive: the category says it, with no second « sensible » badge beside it.
    assert.match(await a.locator('main').innerText(), /Type\s*Demande sensible\s*Compte/);
    assert.equal(await a.getByText('ne pas exécuter', { exact: false }).count(), 0);
    await checkpoint(a, `${shot}-06-staff-sensitive`);

    // The customer closes the sensitive request themselves; the agent sees it closed by the customer.
    await c.goto(`${server.baseUrl}/support/${second}`);
    // First a file: « Joindre un fichier » stores it encrypted and names it in the thread.
    await c.getByLabel('Fichier (PDF, JPEG ou PNG, 10 Mo au plus)').setInputFiles({
      name: 'attestation.pdf',
      mimeType: 'application/pdf',
      buffer: createTestPdf('attestation'),
    });
    await c.getByRole('button', { name: 'Joindre le fichier' }).click();
    await c.waitForURL(new RegExp(`/support/${second}\\?attached=1$`));
    assert.match(await c.getByRole('status').innerText(), /Votre fichier est joint à la demande/);
    assert.match(await c.locator('main').innerText(), /attestation\.pdf/);
    await c.getByRole('button', { name: 'Clore la demande' }).click();
    await c.waitForURL(new RegExp(`/support/${second}\\?closed=1$`));
    assert.match(await c.getByRole('status').innerText(), /Votre demande est close/);
    assert.match(await c.locator('main').innerText(), /État\s*Close/);
    assert.equal(await c.getByRole('button', { name: 'Clore la demande' }).count(), 0);
    await a.reload();
    assert.match(await a.locator('main').innerText(), /État\s*Clos par le client/);

    // The billing ticket: the agent answers it.
    await a.goto(`${server.baseUrl}/staff/tickets`);
    await queueRow(a, first).getByRole('link', { name: first, exact: true }).click();
    await a.waitForURL(new RegExp(`/staff/tickets/${first}$`));
    const dossier = await a.locator('main').innerText();
    assert.match(dossier, /expéditeur vérifié — connecté à son espace client/);
    assert.match(dossier, new RegExp(account.clientNumber));
    assert.match(dossier, /débitée deux fois/);
    assert.match(dossier, new RegExp(`Service concerné\\s*${domain} \\(Nom de domaine\\)`));
    await checkpoint(a, `${shot}-07-staff-ticket`);
    const answer =
      'Bonjour Madame,\n\nnous avons remboursé le second prélèvement.\nIl apparaîtra sous trois jours.\n\nBonne journée,\nCamille';
    await a.getByLabel('Réponse', { exact: true }).fill(answer);
    await a.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await a.waitForURL(/\?done=replied$/);
    assert.match(await a.getByRole('status').innerText(), /Réponse envoyée/);
    assert.match(await a.locator('main').innerText(), /État\s*En attente du client/);
    assert.match(await a.locator('main').innerText(), /remboursé le second prélèvement/);
    await checkpoint(a, `${shot}-08-staff-replied`);

    // The answer is emailed to the fiche's address, the reference in the subject, a link to the thread.
    const reply = await lastEmail(server, account.email, 'ticket-reply');
    const mail = await customer.context.newPage();
    assert.equal(reply.subject, `[${first}] ${billing.subject}`);
    assert.match(reply.text, /remboursé le second prélèvement/);
    assert.ok(reply.text.includes(`${server.baseUrl}/support/${first}`), 'the email links to the thread');
    // Its HTML part, as a phone and a desktop show it: the agent's paragraphs and line breaks, one greeting.
    for (const width of [1280, 390]) {
      await mail.setViewportSize({ width, height: 900 });
      await mail.setContent(reply.html);
      const paragraphs = await mail.locator('p').allInnerTexts();
      assert.ok(paragraphs.includes('Bonjour Madame,'), `greeting alone (${width} px)`);
      assert.ok(
        paragraphs.includes('nous avons remboursé le second prélèvement.\nIl apparaîtra sous trois jours.'),
      );
      assert.ok(paragraphs.includes('Bonne journée,\nCamille'));
      assert.equal((await mail.locator('body').innerText()).match(/Bonjour/g)?.length, 1, 'one greeting');
      await screenshot(mail, `${shot}-08b-reply-email-${width}`);
    }
    await mail.close();
    // A portal ticket has no inbound Message-ID: the first answer starts the email thread, so it
    // carries no In-Reply-To/References — only Reply-To, for answers to reach the support address.
    const firstHeaders = await sealedHeaders(server, reply.id);
    assert.equal(firstHeaders['In-Reply-To'], undefined);
    assert.equal(firstHeaders.References, undefined);
    assert.equal(firstHeaders['Reply-To'], server.deps.config.supportEmail);

    // The agent closes the ticket; it leaves the default queue (open work only).
    await a.getByLabel('État', { exact: true }).selectOption({ label: 'Clos' });
    await a.getByRole('button', { name: 'Changer l’état' }).click();
    await a.waitForURL(/\?done=status$/);
    assert.match(await a.locator('main').innerText(), /État\s*Clos/);
    await checkpoint(a, `${shot}-09-staff-closed`);
    await a.goto(`${server.baseUrl}/staff/tickets`);
    assert.equal(await queueRow(a, first).count(), 0, 'a closed ticket is not open work');

    // 4. The customer opens the ticket again: the answer is there; their reply reopens the ticket.
    await c.goto(`${server.baseUrl}/support/${first}`);
    const thread = c.getByRole('region', { name: 'Échanges' });
    assert.match(await thread.innerText(), /Le support —[^\n]*\n+Bonjour Madame,\s*nous avons remboursé/);
    assert.match(await c.locator('main').innerText(), /État\s*Close/);
    assert.match(await c.locator('main').innerText(), /Cette demande est close/);
    await checkpoint(c, `${shot}-10-customer-sees-answer`);
    server.clock.advance(60_000); // the customer answers a minute later
    await c.getByLabel('Votre message').fill('Merci, c’est bien reçu. Et la facture rectifiée ?');
    await c.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await c.waitForURL(new RegExp(`/support/${first}\\?sent=1$`));
    assert.match(await c.getByRole('status').innerText(), /Votre message est envoyé au support/);
    assert.match(await c.locator('main').innerText(), /État\s*En attente du support/);
    // Oldest first: the request, support's answer, the customer's reply.
    assert.deepEqual(
      (await thread.getByRole('heading', { level: 3 }).allInnerTexts()).map((h) => h.split(' —')[0]),
      ['Vous', 'Le support', 'Vous'],
    );
    await checkpoint(c, `${shot}-11-customer-replied`);

    // The agent sees it back in the queue as « open »; a second answer threads on the first email.
    await a.reload();
    assert.match(await queueRow(a, first).innerText(), /Ouvert \(à nous de répondre\)/);
    await checkpoint(a, `${shot}-12-staff-queue-reopened`);
    await queueRow(a, first).getByRole('link', { name: first, exact: true }).click();
    assert.match(await a.locator('main').innerText(), /la facture rectifiée/);
    server.clock.advance(60_000);
    await a.getByLabel('Réponse', { exact: true }).fill('La facture rectifiée est dans votre espace.');
    await a.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await a.waitForURL(/\?done=replied$/);
    // Picked by id rather than by position: the outbox rows are ordered by time, then by random id.
    const answers = await queuedEmails(server, { to: account.email, kind: 'ticket-reply' });
    assert.equal(answers.length, 2);
    const again = answers.find((e) => e.id !== reply.id);
    assert.ok(again);
    assert.match(again.text, /La facture rectifiée est dans votre espace/);
    const firstMessageId = messageIdFor(reply.id, server.deps.config.publicUrl);
    const againHeaders = await sealedHeaders(server, again.id);
    assert.equal(againHeaders['In-Reply-To'], firstMessageId);
    assert.equal(againHeaders.References, firstMessageId);
    await checkpoint(a, `${shot}-13-staff-second-answer`);

    assert.deepEqual(customer.errors, [], 'no console error or CSP violation (customer)');
    assert.deepEqual(agent.errors, [], 'no console error or CSP violation (agent)');
    await customer.context.close();
    await a.context().close();
  });
});
