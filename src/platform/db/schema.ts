import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  RecoveryCaseEventsTable,
  RecoveryCasesTable,
  RecoveryChecklistItemsTable,
  RecoveryChecksTable,
  RecoveryDocumentsTable,
  RecoveryFlagsTable,
} from './schema-recovery.ts';
import type {
  OidcBackchannelLogoutsTable,
  OidcClientsTable,
  OidcPayloadsTable,
  OidcSigningKeysTable,
} from './schema-sso.ts';
import type { TicketAttachmentsTable, TicketMessagesTable, TicketsTable } from './schema-tickets.ts';

export type * from './schema-recovery.ts';
export type * from './schema-sso.ts';
export type * from './schema-tickets.ts';

/**
 * Table types for Kysely. Each domain's repository is the only place that reads or writes its tables.
 * The recovery and support desk tables are in schema-recovery.ts and schema-tickets.ts.
 */

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
  /** Set at the first sign-in under MFA_REQUIRED: after it, the account must enrol a factor first. */
  mfa_enrolment_deadline: ColumnType<Date | null, Date | null | undefined, Date | null>;
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
  /** How the session was authenticated: 'password', 'password+totp', 'password+passkey',
   * 'password+recovery_code', 'passkey'. */
  auth_method: Generated<string>;
}

export interface CustomerTotpTable {
  account_id: string;
  sealed_secret: string;
  created_at: Timestamp;
  confirmed_at: Timestamp | null;
  last_step: number | null;
}

export interface RecoveryCodesTable {
  id: string;
  account_id: string;
  code_hash: string;
  created_at: Timestamp;
  used_at: Timestamp | null;
}

export interface MfaPendingSignInsTable {
  id: string;
  account_id: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface CustomerPasskeysTable {
  id: string;
  account_id: string;
  credential_id: string;
  public_key: string;
  sign_count: Generated<string>;
  transports: Generated<string>;
  device_type: string;
  backed_up: boolean;
  name: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
}

export interface WebauthnChallengesTable {
  id: string;
  challenge: string;
  purpose: 'registration' | 'second_factor' | 'passwordless';
  account_id: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
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
  /** The event's place in the hash chain; null until the chainer links it (see audit-chainer.ts). */
  chain_position: string | null;
  prev_hash: string | null;
  hash: string | null;
}

export interface StaffUsersTable {
  id: string;
  email: string;
  email_normalized: string;
  name: string;
  role: 'agent' | 'supervisor' | 'admin';
  password_hash: string;
  totp_secret: string;
  /** Null until the member enrols from their enrolment link. */
  totp_enrolled_at: Timestamp | null;
  totp_last_step: number | null;
  disabled_at: Timestamp | null;
  created_at: Timestamp;
}

/** One-time enrolment links of staff members (set password + TOTP); the pending TOTP secret sealed. */
export interface StaffEnrolmentTokensTable {
  id: string;
  staff_user_id: string;
  token_hash: string;
  sealed_totp_secret: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  invalidated_at: Timestamp | null;
}

export interface StaffSessionsTable {
  id: string;
  token_hash: string;
  staff_user_id: string;
  csrf_secret: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface AccountServicesTable {
  id: string;
  account_id: string;
  kind: 'hosting' | 'domain';
  name: string;
  panel_username: string | null;
  created_at: Timestamp;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** Password-reset links (password-reset domain): only the token's SHA-256 is stored. */
export interface PasswordResetTokensTable {
  id: string;
  account_id: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  invalidated_at: Timestamp | null;
}

/** Forgot-password requests waiting for the worker (password-reset domain); deleted once resolved. */
export interface PasswordResetRequestsTable {
  id: string;
  /** The typed address, sealed with the master key (aad: the row id). */
  sealed_email: string;
  ip: string | null;
  user_agent: string | null;
  requested_at: Timestamp;
  attempts: Generated<number>;
}

/** Email change confirmations (accounts domain): the fiche changes only when one is used. */
export interface EmailChangeRequestsTable {
  id: string;
  account_id: string;
  new_email: string;
  new_email_normalized: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  invalidated_at: Timestamp | null;
}

/** Outgoing emails (platform/mail outbox): the body is sealed with the master key until sent, then scrubbed. */
export interface EmailOutboxTable {
  id: string;
  account_id: string | null;
  kind: string;
  recipient: string;
  sealed_message: string;
  status: 'queued' | 'sending' | 'sent' | 'abandoned';
  attempts: number;
  next_attempt_at: Timestamp;
  claim_id: string | null;
  claimed_by: string | null;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  message_id: string | null;
}

export interface Database {
  recovery_checks: RecoveryChecksTable;
  tickets: TicketsTable;
  ticket_messages: TicketMessagesTable;
  ticket_attachments: TicketAttachmentsTable;
  recovery_cases: RecoveryCasesTable;
  recovery_documents: RecoveryDocumentsTable;
  recovery_checklist_items: RecoveryChecklistItemsTable;
  recovery_flags: RecoveryFlagsTable;
  recovery_case_events: RecoveryCaseEventsTable;
  email_outbox: EmailOutboxTable;
  account_services: AccountServicesTable;
  api_tokens: ApiTokensTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  customer_totp: CustomerTotpTable;
  recovery_codes: RecoveryCodesTable;
  mfa_pending_sign_ins: MfaPendingSignInsTable;
  customer_passkeys: CustomerPasskeysTable;
  webauthn_challenges: WebauthnChallengesTable;
  throttles: ThrottlesTable;
  audit_events: AuditEventsTable;
  password_reset_tokens: PasswordResetTokensTable;
  password_reset_requests: PasswordResetRequestsTable;
  email_change_requests: EmailChangeRequestsTable;
  staff_users: StaffUsersTable;
  staff_sessions: StaffSessionsTable;
  staff_enrolment_tokens: StaffEnrolmentTokensTable;
  oidc_clients: OidcClientsTable;
  oidc_payloads: OidcPayloadsTable;
  oidc_signing_keys: OidcSigningKeysTable;
  oidc_backchannel_logouts: OidcBackchannelLogoutsTable;
}

export type AccountRow = Selectable<AccountsTable>;
export type NewAccountRow = Insertable<AccountsTable>;
export type AccountUpdate = Updateable<AccountsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type PasswordResetTokenRow = Selectable<PasswordResetTokensTable>;
export type EmailChangeRequestRow = Selectable<EmailChangeRequestsTable>;
export type StaffUserRow = Selectable<StaffUsersTable>;
export type StaffSessionRow = Selectable<StaffSessionsTable>;
