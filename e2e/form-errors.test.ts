import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createTestAccount, STRONG_PASSWORD } from '../test/support/factories.ts';
import { assertAccessible } from './support/accessibility.ts';
import { screenshot } from './support/browser.ts';
import { journeyViewports, serverAndBrowser, skipWithoutChromium } from './support/journey.ts';

/** The id of the element that has the focus. */
function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

describe('focus after a failed submit', { skip: skipWithoutChromium() }, () => {
  const env = serverAndBrowser();

  for (const viewport of journeyViewports) {
    for (const javaScriptEnabled of [true, false]) {
      const how = `${viewport.name}, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`;
      it(`lands on the error summary, whose items name their field and lead to it (${how})`, async () => {
        const { account } = await createTestAccount(env.server.deps);
        const context = await env.browser.newContext({ locale: 'fr-FR', viewport, javaScriptEnabled });
        const page = await context.newPage();

        // The sign-in page: one message, no field to name; the focus is on it, not on <body>.
        await page.goto(`${env.server.baseUrl}/login`);
        await page.getByLabel('Adresse e-mail').fill(account.email);
        await page.getByLabel('Mot de passe', { exact: false }).first().fill('Pas-le-bon-mot-de-passe-1');
        await page.getByRole('button', { name: 'Se connecter' }).click();
        await page.getByRole('alert').waitFor();
        assert.equal(await focusedId(page), 'error-summary');

        await page.getByLabel('Mot de passe', { exact: false }).first().fill(STRONG_PASSWORD);
        await page.getByRole('button', { name: 'Se connecter' }).click();
        await page.waitForURL(/\/account$/);

        // The fiche's form: the summary says which field is wrong, in the words of its label.
        await page.goto(`${env.server.baseUrl}/account/edit`);
        await page.getByLabel('Téléphone').fill('06 12');
        await page.getByLabel('Code postal', { exact: false }).fill('123');
        await page.getByRole('button', { name: 'Enregistrer' }).click();
        await page.getByRole('alert').waitFor();
        assert.equal(await focusedId(page), 'error-summary');
        const summary = page.getByRole('alert');
        assert.deepEqual(await summary.getByRole('link').allInnerTexts(), [
          'Téléphone\u00a0: ce numéro de téléphone n’est pas valide.',
          'Code postal\u00a0: ce code postal n’est pas valide.',
          'Adresse\u00a0: ce champ est obligatoire.',
          'Ville\u00a0: ce champ est obligatoire.',
        ]);
        // axe runs as a script in the page: only where the page may run one.
        if (javaScriptEnabled) {
          await assertAccessible(page, `/account/edit with errors (${how})`);
          await screenshot(page, `form-errors-fiche-${viewport.name}`);
        }

        // Each item leads to its field.
        await summary.getByRole('link', { name: /^Code postal/ }).click();
        assert.equal(await focusedId(page), 'field-address.postalCode');
        await context.close();
      });
    }
  }
});
