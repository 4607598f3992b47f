import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

/**
 * What the agent's case page says about the automatic document checks, before and after the
 * worker's round (runRequestedRecoveryChecks, which the journeys run themselves).
 */

const pendingBlocker =
  /^Les contrôles automatiques des pièces ne sont pas encore faits \(ils passent chaque minute\)\s*; rechargez la page dans un instant\.$/;

const decisionOf = (page: Page) => page.locator('section[aria-labelledby="decision-title"]');
const checksOf = (page: Page) => page.locator('section[aria-labelledby="document-checks-title"]');

/** The approval blockers the decision section lists, as the agent reads them. */
export function listApprovalBlockers(page: Page): Promise<string[]> {
  return decisionOf(page).locator('li').allInnerTexts();
}

/** Whether a blocker's text is the pending checks' one, in words. */
export const isChecksPendingBlocker = (text: string) => pendingBlocker.test(text);

/** Before the round: the checks section says they wait, and the decision lists them as a blocker. */
export async function assertChecksPending(page: Page) {
  assert.match(await checksOf(page).innerText(), /Des contrôles sont en attente/);
  const blockers = await listApprovalBlockers(page);
  assert.equal(blockers.filter(isChecksPendingBlocker).length, 1, `the pending checks block: ${blockers}`);
}

/**
 * After the round, on the reloaded page: `count` checks, every one « conforme »; nothing pending,
 * no flag, and the checks no longer among the blockers.
 */
export async function assertChecksConform(page: Page, count: number) {
  const section = checksOf(page);
  const outcomes = await section.locator('li > p').allInnerTexts();
  assert.equal(outcomes.length, count, `${count} checks ran: ${outcomes.join(' | ')}`);
  assert.deepEqual(
    outcomes.filter((outcome) => !outcome.startsWith('conforme — ')),
    [],
    'the checks accept every piece',
  );
  assert.doesNotMatch(await section.innerText(), /en attente|Aucun contrôle/);
  const flags = page.locator('section[aria-labelledby="flags-title"]');
  assert.match(await flags.innerText(), /Aucune alerte\./);
  assert.deepEqual((await listApprovalBlockers(page)).filter(isChecksPendingBlocker), []);
}

/** The agent asks to approve and is refused for one reason only: the checks have not run yet. */
export async function approvalRefusedOnlyForPendingChecks(page: Page) {
  await page.getByRole('button', { name: 'Approuver la récupération' }).click();
  await page.waitForURL(/\?problem=approval-blocked$/);
  const blockers = await listApprovalBlockers(page);
  assert.equal(blockers.length, 1, `one blocker: ${blockers}`);
  assert.ok(isChecksPendingBlocker(blockers[0] ?? ''), `the pending checks block: ${blockers}`);
}
