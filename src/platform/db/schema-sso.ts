import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;
type Json = ColumnType<Record<string, unknown>, string, string>;

/** Table types of the OpenID Provider (src/sso/). */

export interface OidcClientsTable {
  client_id: string;
  name: string;
  metadata: Json;
  sealed_secret: string | null;
  first_party: Generated<boolean>;
  created_at: Timestamp;
  disabled_at: Timestamp | null;
}

export interface OidcPayloadsTable {
  model: string;
  id: string;
  payload: Json;
  account_id: string | null;
  client_id: string | null;
  grant_id: string | null;
  uid: string | null;
  user_code: string | null;
  expires_at: Timestamp | null;
  consumed_at: Timestamp | null;
}

export interface OidcSigningKeysTable {
  kid: string;
  alg: string;
  sealed_jwk: string;
  created_at: Timestamp;
  retired_at: Timestamp | null;
}

export interface OidcBackchannelLogoutsTable {
  id: string;
  client_id: string;
  account_id: string;
  sid: string | null;
  reason: string;
  status: Generated<'queued' | 'delivered' | 'abandoned'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
}
