import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { decideRecoveryCase } from '../src/recovery/review/decision.service.ts';
import { assignRecoveryCase } from '../src/recovery/review/review.service.ts';
import { createTestPdf, createTestPng } from '../test/support/documents.ts';
import { queuedEmails } from '../test/support/queued-emails.ts';
import { createTestStaff } from '../test/support/staff.ts';
import { assertAccessible } from './support/accessibility.ts';
import { collectPageErrors, screenshot } from './support/browser.ts';
import { journeyViewports, serverAndBrowser, skipWithoutChromium } from './support/journey.ts';

/** The stepper as a person reads it: each step's words, and the one marked current. */
async function readStepper(page: Page) {
  const steps = page.getByRole('list').filter({ has: page.locator('.stepper__step') });
  const items = await steps.getByRole('listitem').evaluateAll((lis) =>
    lis.map((li) => ({
      // The words only: the mark beside them is decorative (aria-hidden).
      text: (li.querySelector('.stepper__text') as HTMLElement).innerText,
      current: li.getAttribute('aria-current'),
    })),
  );
  const current = items.filter((i) => i.current === 'step');
  assert.equal(items.length, 7, 'seven steps');
  assert.equal(current.length, 1, 'one current step');
  return { items, current: current[0]?.text ?? '' };
}

/** The stepper's words drawn on two lines (cut inside the word), by the rectangles of each word's range. */
async function wordsCutAcrossLines(page: Page): Promise<string[]> {
  return page.locator('.stepper__text').evaluateAll((texts) => {
    const cut: string[] = [];
    for (const text of texts) {
      const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const value = node.textContent ?? '';
        for (const match of value.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) cut.push(match[0]);
        }
      }
    }
    return cut;
  });
}

/** At both widths: no sideways scroll, axe finds nothing, a screenshot; the stepper at `current`. */
async function checkAtEveryWidth(page: Page, name: string, current: RegExp) {
  for (const viewport of journeyViewports) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= viewport.width, `${name} at ${viewport.width} px: no horizontal scroll (${width} px)`);
    const stepper = await readStepper(page);
    assert.match(stepper.current, current, `${name} at ${viewport.width} px`);
    // Below 52rem the steps stack: each one is as wide as the list.
    const boxes = await page
      .locator('.stepper__step')
      .evaluateAll((lis) => lis.map((li) => li.getBoundingClientRect().top));
    const stacked = boxes.every((top, i) => i === 0 || top > (boxes[i - 1] ?? 0));
    assert.equal(stacked, viewport.width < 832, `${name} at ${viewport.width} px: stacked only on a phone`);
    assert.deepEqual(await wordsCutAcrossLines(page), [], `${name} at ${viewport.width} px: no word cut`);
    await assertAccessible(page, `${name} at ${viewport.width} px`);
    await screenshot(page, `${name}-${viewport.width}`);
  }
}

describe('the claimant’s status page in Chromium, at 1280 and 390 px', {
  skip: skipWithoutChromium(),
}, () => {
  const env = serverAndBrowser();

  it('follows a case from the address to the refusal: stepper, turnaround, files sent, pieces in the history, a new request', async () => {
    const { server, browser } = env;
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const newEmail = `camille.martin.${Date.now()}@example.net`;

    await page.goto(`${server.baseUrl}/recovery/new?type=individual`);
    await page.locator('#field-clientNumber').fill('C-104233');
    await page.locator('#field-firstName').fill('Camille');
    await page.locator('#field-lastName').fill('Martin');
    await page.getByLabel('Nouvelle adresse e-mail').fill(newEmail);
    await page.getByRole('button', { name: 'Créer mon dossier' }).click();
    await page.waitForURL(/\/recovery\/cases\/R-/);
    const caseUrl = page.url().replace(/\?.*$/, '');
    const reference = decodeURIComponent(caseUrl.split('/').at(-1) ?? '');
    assert.match((await readStepper(page)).current, /Adresse confirmée\s+Étape en cours/);

    const [codeEmail] = await queuedEmails(server, { to: newEmail, kind: 'recovery-code' });
    await page.getByLabel('Code reçu par e-mail').fill(/\b(\d{6})\b/.exec(codeEmail?.text ?? '')?.[1] ?? '');
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await page.waitForURL(/\?notice=verified$/);
    assert.match((await readStepper(page)).current, /Pièces\s+Étape en cours/);

    const files = [
      {
        label: 'Pièce d’identité (recto)',
        name: 'passeport.png',
        mimeType: 'image/png',
        buffer: await createTestPng('Passeport'),
      },
      {
        label: 'Courrier manuscrit signé',
        name: 'courrier.pdf',
        mimeType: 'application/pdf',
        buffer: createTestPdf('Courrier'),
      },
    ];
    for (const { label, ...file } of files) {
      await page.getByLabel('Quelle pièce envoyez-vous').selectOption({ label });
      await page.getByLabel('Fichier', { exact: true }).setInputFiles(file);
      await page.getByRole('button', { name: 'Envoyer ce fichier' }).click();
      await page.waitForURL(/\?notice=document-added$/);
    }
    await page.getByLabel('Je fais cette déclaration sur l’honneur').check();
    await page.getByLabel('Vos prénom et nom complets').fill('Camille Martin');
    await page.getByRole('button', { name: 'Enregistrer ma déclaration' }).click();
    await page.waitForURL(/\?notice=declaration$/);
    assert.match((await readStepper(page)).current, /Envoyé\s+Étape en cours\s+Tout y est/);
    await page.getByRole('button', { name: 'Envoyer mon dossier' }).click();
    await page.waitForURL(/\?notice=submitted$/);

    // An agent takes the case: the claimant sees it under review, with the usual turnaround.
    const agent = await createTestStaff(server.deps, 'agent');
    const meta = { ip: '127.0.0.1', userAgent: 'e2e' };
    await assignRecoveryCase(server.deps, agent.user, reference, meta);
    await page.goto(caseUrl);
    const main = page.locator('main');
    assert.match(
      await main.innerText(),
      /Délai habituel\s*:\s*notre équipe rend sa décision sous 3\sjours ouvrés/,
    );
    const sent = page.getByRole('region', { name: 'Fichiers envoyés' });
    assert.deepEqual(
      (await sent.getByRole('listitem').allInnerTexts()).map((text) => text.replace(/\s+\([^()]*\)$/, '')),
      ['Pièce d’identité (recto)\u00a0: passeport.png', 'Courrier manuscrit signé\u00a0: courrier.pdf'],
    );
    const history = await page.getByRole('region', { name: 'Historique du dossier' }).innerText();
    assert.match(history, /Pièce d’identité \(recto\) ajoutée/);
    assert.match(history, /Courrier manuscrit signé ajouté/);
    await checkAtEveryWidth(
      page,
      'recovery-status-01-in-review',
      /^Examen\s+Étape en cours\s+Un membre de notre équipe/,
    );

    // Refused: the end, the reason, and the way to start again.
    await decideRecoveryCase(
      server.deps,
      agent.user,
      reference,
      { decision: 'reject', reason: 'Le courrier n’est pas signé.' },
      meta,
    );
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(caseUrl);
    const refused = await readStepper(page);
    assert.match(refused.items[5]?.text ?? '', /Opposition\s+Sans objet/);
    assert.match(await main.innerText(), /Motif du refus\s*:\s*Le courrier n’est pas signé\./);
    assert.doesNotMatch(await main.innerText(), /Délai habituel/);
    await checkAtEveryWidth(
      page,
      'recovery-status-02-refused',
      /^Terminé\s+Étape franchie\s+Demande refusée\./,
    );
    await page.getByRole('link', { name: 'Ouvrir une nouvelle demande' }).click();
    await page.waitForURL(`${server.baseUrl}/recovery`);
    assert.match(await page.locator('h1').innerText(), /Récupérer l’accès à votre compte/);

    assert.deepEqual(errors, [], 'no console error or CSP violation');
    await context.close();
  });
});
