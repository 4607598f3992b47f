import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;
type Json = ColumnType<Record<string, unknown>, string, string>;

/** Table types of the recovery domain (src/recovery/): cases, their documents, review and checks. */

/** Recovery cases: see src/recovery/case.ts for the states. */
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

/** Uploaded evidence (recovery/documents): the file itself is encrypted in storage under `storage_key`. */
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
  /** The piece the entry is about, or null. */
  document_kind: RecoveryDocumentsTable['kind'] | null;
}

/** Results of the automatic document checks (recovery/checks). */
export interface RecoveryChecksTable {
  id: string;
  case_id: string;
  document_id: string | null;
  check: string;
  outcome: 'pass' | 'fail' | 'not_run';
  /** The evidence as JSON sealed with the master key (aad `recovery_checks:<id>`); null once purged. */
  sealed_evidence: string | null;
  checked_at: Timestamp;
}

export type RecoveryCaseRow = Selectable<RecoveryCasesTable>;
export type RecoveryDocumentRow = Selectable<RecoveryDocumentsTable>;
export type RecoveryFlagRow = Selectable<RecoveryFlagsTable>;
