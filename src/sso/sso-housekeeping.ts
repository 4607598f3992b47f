import { DAY } from '../platform/clock.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import { deleteExpiredSigningKeys } from './signing-keys.ts';

/** Back-channel notices, sent or abandoned, are kept a month for the operator's questions. */
export const BACKCHANNEL_ROWS_KEPT_MS = 30 * DAY;

/**
 * Deletes what the OpenID Provider no longer reads: its rows a day past their expiry (the adapter
 * already ignores them from the first second), back-channel notices settled over a month ago, and
 * signing keys retired long enough that no token they signed is still valid.
 */
export async function deleteEndedSingleSignOnRows(db: DbOrTx, now: Date): Promise<number> {
  const payloads = await db
    .deleteFrom('oidc_payloads')
    .where('expires_at', '<', new Date(now.getTime() - DAY))
    .executeTakeFirst();
  const notices = await db
    .deleteFrom('oidc_backchannel_logouts')
    .where('status', 'in', ['delivered', 'abandoned'])
    .where('created_at', '<', new Date(now.getTime() - BACKCHANNEL_ROWS_KEPT_MS))
    .executeTakeFirst();
  const keys = await deleteExpiredSigningKeys(db, now);
  return Number(payloads.numDeletedRows) + Number(notices.numDeletedRows) + keys;
}
