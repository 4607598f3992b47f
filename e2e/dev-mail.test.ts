import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { deliverDueEmails } from '../src/platform/mail/outbox.service.ts';
import { createMailTransport } from '../src/platform/mail/transports.ts';
import { enqueueTestEmail } from '../test/support/mail.ts';
import { buildTestApp, type TestApp } from '../test/support/test-app.ts';
import { findAccessibilityViolations } from './support/accessibility.ts';
import { chromiumAvailable, collectPageErrors, launchBrowser, screenshot } from './support/browser.ts';

const available = chromiumAvailable();

describe('/dev/mail in Chromium', { skip: available ? false : 'Chromium is not installed' }, () => {
  let server: TestApp;
  let baseUrl: string;
  let dataDir: string;
  let browser: Browser;
  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'sesame-e2e-mail-'));
    server = await buildTestApp('pglite', { DATA_DIR: dataDir });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const address = server.app.server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the emails and shows one with a working link, accessibly, under the strict CSP', async () => {
    await enqueueTestEmail(server.deps, { text: `Bonjour,\n\nVotre lien : ${baseUrl}/login?from=mail.\n` });
    await deliverDueEmails(server.deps, createMailTransport(server.deps.config), {
      batchSize: 5,
      workerId: 'e2e',
    });
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    const errors = collectPageErrors(page);

    await page.goto(`${baseUrl}/dev/mail`);
    assert.deepEqual(await findAccessibilityViolations(page), [], '/dev/mail');
    await page.getByRole('link', { name: 'Essai' }).click();
    await page.waitForURL(/\/dev\/mail\/.+\.eml$/);
    assert.deepEqual(await findAccessibilityViolations(page), [], '/dev/mail/{file}');
    await screenshot(page, 'dev-mail-01-message');
    // The sentence's final period is not part of the link.
    const link = page.locator('pre a');
    assert.equal(await link.getAttribute('href'), `${baseUrl}/login?from=mail`);
    await link.click();
    await page.waitForURL(/\/login\?from=mail$/);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
