import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Table types for Kysely. Each domain's repository is the only place that reads or writes its tables. */

type Timestamp = ColumnType<Date, Date, Date>;
type Json = ColumnType<Record<string, unknown>, string, string>;

export interface AccountsTable {
  id: string;
  client_number: string;
  type: 'individual' | 'company' | 'association';
  email: string;
  email_normalized: string;
  email_verified_at: Timestamp | null;
  phone: string | null;
  phone_verified_at: Timestamp | null;
  address_line1: string | null;
  address_line2: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
  first_name: string | null;
  last_name: string | null;
  legal_name: string | null;
  siren: string | null;
  association_name: string | null;
  rna: string | null;
  password_hash: string | null;
  password_changed_at: Timestamp | null;
  locale: 'fr' | 'en';
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  account_id: string;
  csrf_secret: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface ThrottlesTable {
  key: string;
  failures: number;
  window_started_at: Timestamp;
  blocked_until: Timestamp | null;
}

export interface AuditEventsTable {
  seq: Generated<string>;
  id: string;
  occurred_at: Timestamp;
  actor_type: 'customer' | 'staff' | 'system' | 'anonymous' | 'api';
  actor_id: string | null;
  account_id: string | null;
  action: string;
  ip: string | null;
  user_agent: string | null;
  details: Json;
  prev_hash: string;
  hash: string;
}

export interface Database {
  accounts: AccountsTable;
  sessions: SessionsTable;
  throttles: ThrottlesTable;
  audit_events: AuditEventsTable;
}

export type AccountRow = Selectable<AccountsTable>;
export type NewAccountRow = Insertable<AccountsTable>;
export type AccountUpdate = Updateable<AccountsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
