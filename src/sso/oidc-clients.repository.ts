import { open } from '../platform/crypto/sealed-box.ts';
import type { DbOrTx } from '../platform/db/database.ts';

/** What the operator sees of a registered client (never its secret). */
export type OidcClient = {
  clientId: string;
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  backchannelLogoutUri: string | null;
  tokenEndpointAuthMethod: 'client_secret_basic' | 'private_key_jwt' | 'none';
  firstParty: boolean;
  createdAt: Date;
  disabledAt: Date | null;
};

/** The metadata oidc-provider reads, in its own (snake_case) names. */
export type ClientMetadata = Record<string, unknown> & {
  client_id: string;
  client_name: string;
  redirect_uris: string[];
  post_logout_redirect_uris?: string[];
  backchannel_logout_uri?: string;
  token_endpoint_auth_method: OidcClient['tokenEndpointAuthMethod'];
};

/** The sealed secret is bound to its client: a box copied to another row does not open there. */
export const clientSecretAad = (clientId: string) => `oidc_clients:${clientId}`;

export async function insertOidcClient(
  db: DbOrTx,
  row: { metadata: ClientMetadata; sealedSecret: string | null; firstParty: boolean; createdAt: Date },
): Promise<void> {
  await db
    .insertInto('oidc_clients')
    .values({
      client_id: row.metadata.client_id,
      name: row.metadata.client_name,
      metadata: JSON.stringify(row.metadata),
      sealed_secret: row.sealedSecret,
      first_party: row.firstParty,
      created_at: row.createdAt,
    })
    .execute();
}

type ClientRow = {
  client_id: string;
  name: string;
  metadata: Record<string, unknown>;
  first_party: boolean;
  created_at: Date;
  disabled_at: Date | null;
};

function toOidcClient(row: ClientRow): OidcClient {
  const metadata = row.metadata as ClientMetadata;
  return {
    clientId: row.client_id,
    name: row.name,
    redirectUris: metadata.redirect_uris,
    postLogoutRedirectUris: metadata.post_logout_redirect_uris ?? [],
    backchannelLogoutUri: metadata.backchannel_logout_uri ?? null,
    tokenEndpointAuthMethod: metadata.token_endpoint_auth_method,
    firstParty: row.first_party,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

const clientColumns = ['client_id', 'name', 'metadata', 'first_party', 'created_at', 'disabled_at'] as const;

export async function listOidcClientRows(db: DbOrTx): Promise<OidcClient[]> {
  const rows = await db.selectFrom('oidc_clients').select(clientColumns).orderBy('created_at').execute();
  return rows.map(toOidcClient);
}

export async function getOidcClient(db: DbOrTx, clientId: string): Promise<OidcClient | null> {
  const row = await db
    .selectFrom('oidc_clients')
    .select(clientColumns)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row ? toOidcClient(row) : null;
}

/** Clients by id, for pages that name the applications a customer allowed. */
export async function getOidcClientsByIds(db: DbOrTx, clientIds: string[]): Promise<Map<string, OidcClient>> {
  if (clientIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('oidc_clients')
    .select(clientColumns)
    .where('client_id', 'in', clientIds)
    .execute();
  return new Map(rows.map((row) => [row.client_id, toOidcClient(row)]));
}

/** Marks a client disabled; false when there is no such client or it already was. */
export async function markOidcClientDisabled(db: DbOrTx, clientId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('oidc_clients')
    .set({ disabled_at: now })
    .where('client_id', '=', clientId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * A live client's metadata for oidc-provider, its secret opened with the master key; null when the
 * client is unknown or disabled (the provider then answers `invalid_client`).
 */
export async function findActiveClientMetadata(
  db: DbOrTx,
  masterKey: Buffer,
  clientId: string,
): Promise<ClientMetadata | null> {
  const row = await db
    .selectFrom('oidc_clients')
    .select(['metadata', 'sealed_secret', 'first_party'])
    .where('client_id', '=', clientId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const secret = row.sealed_secret
    ? { client_secret: open(masterKey, row.sealed_secret, clientSecretAad(clientId)).toString('utf8') }
    : {};
  return { ...(row.metadata as ClientMetadata), first_party: row.first_party, ...secret };
}
