import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Clock } from '../../src/platform/clock.ts';
import { totpCodeAt } from '../../test/support/staff.ts';
import { chromiumAvailable, launchBrowser } from './browser.ts';
import { startTestServer } from './server.ts';

/** The widths every journey of issue 18 is tried at: a desktop and a phone. */
export const journeyViewports = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'mobile', width: 390, height: 844 },
] as const;

/** The `skip` option of a journey's describe: false, or why it cannot run (said once on the console too). */
export function skipWithoutChromium(): false | string {
  if (chromiumAvailable()) return false;
  console.log('# e2e skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');
  return 'Chromium is not installed';
}

export type Journey = { server: Awaited<ReturnType<typeof startTestServer>>; browser: Browser };

/**
 * Inside a describe: starts the application on a real port and Chromium before its tests and
 * stops both after. The fields of the returned object are set once the tests run.
 * @example const env = serverAndBrowser(); it('…', async () => { await env.browser.newContext(); });
 */
export function serverAndBrowser(): Journey {
  const env = {} as Journey;
  before(async () => {
    env.server = await startTestServer();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** Fills the staff sign-in form (email, password, the TOTP code of the clock's time) and submits it. */
export async function submitStaffSignIn(
  page: Page,
  staff: { email: string; password: string; secret: string },
  clock: Clock,
): Promise<void> {
  await page.getByLabel('Adresse e-mail').fill(staff.email);
  await page.getByLabel('Mot de passe', { exact: false }).first().fill(staff.password);
  await page.getByLabel('Code de vérification', { exact: false }).fill(await totpCodeAt(staff.secret, clock));
  await page.getByRole('button', { name: 'Se connecter' }).click();
}
