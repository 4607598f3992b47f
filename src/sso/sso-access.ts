import { randomUUID } from 'node:crypto';
import type { DbOrTx, Tx } from '../platform/db/database.ts';
import { getOidcClientsByIds } from './oidc-clients.repository.ts';

/** An application the customer allowed, as « Applications connectées » lists it. */
export type ConnectedApplication = { clientId: string; name: string; scopes: string[]; since: Date };

/** Models of the provider that give or prove access for an account. */
const ACCESS_MODELS = ['Session', 'Grant', 'AccessToken', 'RefreshToken', 'AuthorizationCode'];

export type BackchannelReason = 'access_revoked' | 'application_revoked' | 'signed_out';

/**
 * Ends an account's single sign-on inside the caller's transaction: its provider sessions, grants,
 * codes, access and refresh tokens are deleted (a refresh token stops working at once), and every
 * application that signed the account in and registered a back-channel logout URI is queued a
 * logout notice (delivered by the worker, with retries). Returns the number of applications told.
 */
export async function revokeSingleSignOn(
  tx: Tx,
  accountId: string,
  now: Date,
  reason: BackchannelReason = 'access_revoked',
): Promise<number> {
  const rows = await tx
    .selectFrom('oidc_payloads')
    .select(['model', 'client_id', 'payload'])
    .where('account_id', '=', accountId)
    .where('model', 'in', ACCESS_MODELS)
    .execute();
  if (rows.length === 0) return 0;
  const sids = new Map<string, string | null>();
  for (const row of rows) {
    if (row.model === 'Session') {
      const authorizations = (row.payload.authorizations ?? {}) as Record<string, { sid?: string }>;
      for (const [clientId, authorization] of Object.entries(authorizations))
        sids.set(clientId, authorization.sid ?? null);
    } else if (row.client_id && !sids.has(row.client_id)) sids.set(row.client_id, null);
  }
  await tx
    .deleteFrom('oidc_payloads')
    .where('account_id', '=', accountId)
    .where('model', 'in', ACCESS_MODELS)
    .execute();
  return queueBackchannelLogouts(tx, accountId, sids, now, reason);
}

/**
 * The customer signs out of Sésame: the provider session of this browser (`_session` cookie) ends
 * with it, and the applications it signed in are told by back-channel logout, as Keycloak does.
 * Tokens bound to that session stop working; a refresh token granted for offline access stays.
 */
export async function endSingleSignOnSession(
  tx: Tx,
  accountId: string,
  providerSessionId: string | undefined,
  now: Date,
): Promise<number> {
  if (!providerSessionId || providerSessionId.length > 200) return 0;
  const session = await tx
    .deleteFrom('oidc_payloads')
    .where('model', '=', 'Session')
    .where('id', '=', providerSessionId)
    .where('account_id', '=', accountId)
    .returning('payload')
    .executeTakeFirst();
  if (!session) return 0;
  const authorizations = (session.payload.authorizations ?? {}) as Record<string, { sid?: string }>;
  const sids = new Map(
    Object.entries(authorizations).map(([clientId, value]) => [clientId, value.sid ?? null]),
  );
  return queueBackchannelLogouts(tx, accountId, sids, now, 'signed_out');
}

/**
 * « Déconnecter toutes les autres sessions »: the provider sessions of every other browser end (their
 * applications told by back-channel logout); this browser's (`keepProviderSessionId`) stays, and so do
 * grants and offline refresh tokens, which « Applications connectées » withdraws one by one.
 */
export async function endOtherSingleSignOnSessions(
  tx: Tx,
  accountId: string,
  keepProviderSessionId: string | undefined,
  now: Date,
): Promise<number> {
  let query = tx
    .deleteFrom('oidc_payloads')
    .where('model', '=', 'Session')
    .where('account_id', '=', accountId);
  if (keepProviderSessionId) query = query.where('id', '!=', keepProviderSessionId);
  const ended = await query.returning('payload').execute();
  const sids = new Map<string, string | null>();
  for (const session of ended) {
    const authorizations = (session.payload.authorizations ?? {}) as Record<string, { sid?: string }>;
    for (const [clientId, value] of Object.entries(authorizations)) sids.set(clientId, value.sid ?? null);
  }
  if (sids.size === 0) return 0;
  return queueBackchannelLogouts(tx, accountId, sids, now, 'signed_out');
}

/** Queues a logout notice for each of these clients that registered a back-channel logout URI. */
async function queueBackchannelLogouts(
  db: DbOrTx,
  accountId: string,
  sids: Map<string, string | null>,
  now: Date,
  reason: BackchannelReason,
): Promise<number> {
  const clients = await getOidcClientsByIds(db, [...sids.keys()]);
  const notified = [...clients.values()].filter(
    (client) => client.backchannelLogoutUri && !client.disabledAt,
  );
  if (notified.length === 0) return 0;
  await db
    .insertInto('oidc_backchannel_logouts')
    .values(
      notified.map((client) => ({
        id: randomUUID(),
        client_id: client.clientId,
        account_id: accountId,
        sid: sids.get(client.clientId) ?? null,
        reason,
        next_attempt_at: now,
        created_at: now,
      })),
    )
    .execute();
  return notified.length;
}

/** The applications the customer allowed (one line per client), newest first. */
export async function listConnectedApplications(
  db: DbOrTx,
  accountId: string,
): Promise<ConnectedApplication[]> {
  const grants = await db
    .selectFrom('oidc_payloads')
    .select(['client_id', 'payload'])
    .where('model', '=', 'Grant')
    .where('account_id', '=', accountId)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', new Date())]))
    .execute();
  const clients = await getOidcClientsByIds(db, [
    ...new Set(grants.map((grant) => grant.client_id).filter((id): id is string => Boolean(id))),
  ]);
  const byClient = new Map<string, ConnectedApplication>();
  for (const grant of grants) {
    const client = grant.client_id ? clients.get(grant.client_id) : undefined;
    if (!client || client.disabledAt) continue;
    const openid = (grant.payload.openid ?? {}) as { scope?: string };
    const scopes = (openid.scope ?? '').split(' ').filter(Boolean);
    const since = new Date(Number(grant.payload.iat ?? 0) * 1000);
    const seen = byClient.get(client.clientId);
    if (seen) {
      seen.scopes = [...new Set([...seen.scopes, ...scopes])];
      if (since < seen.since) seen.since = since;
    } else byClient.set(client.clientId, { clientId: client.clientId, name: client.name, scopes, since });
  }
  return [...byClient.values()].sort((a, b) => b.since.getTime() - a.since.getTime());
}

/**
 * The customer withdraws an application's access: its grants and tokens for this account are
 * deleted (the application must ask again), and it is told by back-channel logout when it can be.
 * Returns false when the application had no access.
 */
export async function revokeApplication(
  tx: Tx,
  accountId: string,
  clientId: string,
  now: Date,
): Promise<boolean> {
  const deleted = await tx
    .deleteFrom('oidc_payloads')
    .where('account_id', '=', accountId)
    .where('client_id', '=', clientId)
    .where('model', 'in', ACCESS_MODELS)
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) === 0) return false;
  await queueBackchannelLogouts(tx, accountId, new Map([[clientId, null]]), now, 'application_revoked');
  return true;
}
