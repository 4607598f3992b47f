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

export interface StaffUsersTable {
  id: string;
  email: string;
  email_normalized: string;
  name: string;
  role: 'agent' | 'supervisor' | 'admin';
  password_hash: string;
  totp_secret: string;
  totp_enrolled_at: Timestamp;
  totp_last_step: number | null;
  disabled_at: Timestamp | null;
  created_at: Timestamp;
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

/** Recovery cases (recovery-cases domain): see recovery-case.ts for the states. */
export interface RecoveryCasesTable {
  id: string;
  reference: string;
  case_token_hash: string;
  account_type: 'individual' | 'company' | 'association';
  status:
    | 'draft'
    | 'submitted'
    | 'in_review'
    | 'awaiting_claimant'
    | 'approved'
    | 'completed'
    | 'rejected'
    | 'expired';
  locale: 'fr' | 'en';
  hint_client_number: string | null;
  hint_domain: string | null;
  hint_former_email: string | null;
  claimant_first_name: string;
  claimant_last_name: string;
  claimant_legal_name: string | null;
  claimant_siren: string | null;
  claimant_association_name: string | null;
  new_email: string;
  new_email_normalized: string;
  new_email_verified_at: Timestamp | null;
  email_code_hash: string | null;
  email_code_expires_at: Timestamp | null;
  email_code_attempts: Generated<number>;
  email_code_sent_at: Timestamp | null;
  declaration_full_name: string | null;
  declaration_accepted_at: Timestamp | null;
  declaration_ip: string | null;
  declaration_user_agent: string | null;
  account_id: string | null;
  assigned_staff_id: string | null;
  info_request_message: string | null;
  decision_reason: string | null;
  first_approved_by: string | null;
  first_approved_at: Timestamp | null;
  approved_by: string | null;
  approved_at: Timestamp | null;
  objection_deadline: Timestamp | null;
  objection_token_hash: string | null;
  previous_email: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_activity_at: Timestamp;
  submitted_at: Timestamp | null;
  closed_at: Timestamp | null;
  documents_purged_at: Timestamp | null;
  checks_requested_at: Generated<Date | null>;
}

/** Uploaded evidence (documents domain): the file itself is encrypted in storage under `storage_key`. */
export interface RecoveryDocumentsTable {
  id: string;
  case_id: string;
  kind: 'identity_front' | 'identity_back' | 'signed_letter' | 'kbis' | 'statutes';
  media_type: 'application/pdf' | 'image/jpeg' | 'image/png';
  size: number;
  original_name: string | null;
  page_count: number | null;
  scan_status: 'clean' | 'not_scanned';
  storage_key: string | null;
  wrapped_key: string | null;
  uploaded_at: Timestamp;
  purged_at: Timestamp | null;
}

export interface RecoveryChecklistItemsTable {
  case_id: string;
  item: string;
  verified: boolean;
  note: string;
  staff_id: string;
  updated_at: Timestamp;
}

export interface RecoveryFlagsTable {
  id: string;
  case_id: string;
  code: string;
  details: Json;
  raised_at: Timestamp;
  resolved_at: Timestamp | null;
  resolved_by: string | null;
  resolution_note: string | null;
}

export interface RecoveryCaseEventsTable {
  id: string;
  case_id: string;
  occurred_at: Timestamp;
  actor_type: 'claimant' | 'staff' | 'system' | 'previous_owner';
  actor_id: string | null;
  event: string;
  message: string | null;
  visible_to_claimant: boolean;
}

/** Support tickets (tickets domain). */
export interface TicketsTable {
  id: string;
  reference: string;
  account_id: string | null;
  channel: 'portal' | 'email';
  category: 'general' | 'access' | 'billing' | 'sensitive';
  subject: string;
  status: 'open' | 'waiting_customer' | 'closed';
  requester_email: string;
  requester_name: string | null;
  sender_verified: boolean;
  verification: string;
  sensitive: boolean;
  actionable: boolean;
  service_id: string | null;
  assigned_staff_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_message_at: Timestamp;
}

export interface TicketMessagesTable {
  id: string;
  seq: Generated<string>;
  ticket_id: string;
  author_type: 'customer' | 'staff' | 'sender' | 'system';
  author_staff_id: string | null;
  channel: 'portal' | 'email';
  body: string;
  rfc_message_id: string | null;
  in_reply_to: string | null;
  from_address: string | null;
  sender_verified: boolean | null;
  verification: string | null;
  created_at: Timestamp;
}

export interface TicketAttachmentsTable {
  id: string;
  ticket_id: string;
  message_id: string;
  original_name: string | null;
  media_type: 'application/pdf' | 'image/jpeg' | 'image/png';
  size: number;
  scan_status: 'clean' | 'not_scanned';
  storage_key: string | null;
  wrapped_key: string | null;
  created_at: Timestamp;
}

/** Results of the automatic document checks (document-checks domain). */
export interface RecoveryChecksTable {
  id: string;
  case_id: string;
  document_id: string | null;
  check: string;
  outcome: 'pass' | 'fail' | 'not_run';
  evidence: Json;
  checked_at: Timestamp;
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
  throttles: ThrottlesTable;
  audit_events: AuditEventsTable;
  password_reset_tokens: PasswordResetTokensTable;
  email_change_requests: EmailChangeRequestsTable;
  staff_users: StaffUsersTable;
  staff_sessions: StaffSessionsTable;
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
export type RecoveryCaseRow = Selectable<RecoveryCasesTable>;
export type RecoveryDocumentRow = Selectable<RecoveryDocumentsTable>;
export type RecoveryFlagRow = Selectable<RecoveryFlagsTable>;
export type TicketRow = Selectable<TicketsTable>;
export type TicketMessageRow = Selectable<TicketMessagesTable>;
