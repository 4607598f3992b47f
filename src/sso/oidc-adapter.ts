import type { Adapter, AdapterPayload, errors } from 'oidc-provider';
import type { Db } from '../platform/db/database.ts';
import { findActiveClientMetadata } from './oidc-clients.repository.ts';

/**
 * oidc-provider's storage, in our database through Kysely (PGlite and PostgreSQL alike): one table
 * for every model it keeps (sessions, grants, codes, tokens, interactions…), keyed by model and id,
 * so that any instance continues what another began. Clients are read from `oidc_clients`, which the
 * operator fills (`sesame oidc client create`); the provider never registers one itself.
 *
 * Expiry follows the provider's own clock (epoch seconds from `Date.now()`): a row past its
 * expiry is not found, and housekeeping deletes it later.
 */
export function createOidcAdapter(
  db: Db,
  masterKey: Buffer,
  InvalidGrant: typeof errors.InvalidGrant,
): (model: string) => Adapter {
  return (model) =>
    model === 'Client' ? clientAdapter(db, masterKey) : payloadAdapter(db, model, InvalidGrant);
}

function clientAdapter(db: Db, masterKey: Buffer): Adapter {
  const unsupported = async () => {
    throw new Error('clients are registered with `sesame oidc client create`, not by the provider');
  };
  return {
    find: async (id) => (await findActiveClientMetadata(db, masterKey, id)) ?? undefined,
    upsert: unsupported,
    findByUid: async () => undefined,
    findByUserCode: async () => undefined,
    consume: unsupported,
    destroy: unsupported,
    revokeByGrantId: async () => undefined,
  };
}

function payloadAdapter(db: Db, model: string, InvalidGrant: typeof errors.InvalidGrant): Adapter {
  const live = () => new Date();
  const rowToPayload = (row: { payload: Record<string, unknown>; consumed_at: Date | null } | undefined) => {
    if (!row) return undefined;
    const payload = row.payload as AdapterPayload;
    return row.consumed_at ? { ...payload, consumed: Math.floor(row.consumed_at.getTime() / 1000) } : payload;
  };
  const findWhere = (column: 'id' | 'uid' | 'user_code', value: string) =>
    db
      .selectFrom('oidc_payloads')
      .select(['payload', 'consumed_at'])
      .where('model', '=', model)
      .where(column, '=', value)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', live())]))
      .executeTakeFirst();

  return {
    async upsert(id, payload, expiresIn) {
      const row = {
        model,
        id,
        payload: JSON.stringify(payload),
        account_id: payload.accountId ?? null,
        client_id: payload.clientId ?? null,
        grant_id: payload.grantId ?? null,
        uid: payload.uid ?? null,
        user_code: payload.userCode ?? null,
        expires_at: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
      };
      await db
        .insertInto('oidc_payloads')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['model', 'id']).doUpdateSet({
            payload: row.payload,
            account_id: row.account_id,
            client_id: row.client_id,
            grant_id: row.grant_id,
            uid: row.uid,
            user_code: row.user_code,
            expires_at: row.expires_at,
          }),
        )
        .execute();
    },
    find: async (id) => rowToPayload(await findWhere('id', id)),
    findByUid: async (uid) => rowToPayload(await findWhere('uid', uid)),
    findByUserCode: async (userCode) => rowToPayload(await findWhere('user_code', userCode)),
    /**
     * Compare-and-set: of two requests presenting the same authorization code or refresh token at
     * once, one consumes it and the other is refused, and the grant behind it is revoked (a replayed
     * code or token means it leaked). The provider checks `consumed` before calling this, but both
     * requests can pass that check before either writes.
     */
    async consume(id) {
      const consumed = await db
        .updateTable('oidc_payloads')
        .set({ consumed_at: live() })
        .where('model', '=', model)
        .where('id', '=', id)
        .where('consumed_at', 'is', null)
        .returning('grant_id')
        .executeTakeFirst();
      if (consumed) return;
      const row = await db
        .selectFrom('oidc_payloads')
        .select('grant_id')
        .where('model', '=', model)
        .where('id', '=', id)
        .executeTakeFirst();
      if (row?.grant_id) await deletePayloadsOfGrant(db, row.grant_id);
      throw new InvalidGrant('grant already used');
    },
    async destroy(id) {
      await db.deleteFrom('oidc_payloads').where('model', '=', model).where('id', '=', id).execute();
    },
    async revokeByGrantId(grantId) {
      await deletePayloadsOfGrant(db, grantId);
    },
  };
}

async function deletePayloadsOfGrant(db: Db, grantId: string): Promise<void> {
  await db
    .deleteFrom('oidc_payloads')
    .where((eb) =>
      eb.or([eb('grant_id', '=', grantId), eb.and([eb('model', '=', 'Grant'), eb('id', '=', grantId)])]),
    )
    .execute();
}
