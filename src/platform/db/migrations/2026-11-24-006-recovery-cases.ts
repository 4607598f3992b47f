import { type Kysely, sql } from 'kysely';

// Recovery cases: a claimant who lost the email on file proves who they are with documents; staff
// review them against the fiche. States, documents, checklist, automatic flags and a timeline.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('recovery_cases')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    // The claimant's bearer credential for this case: only its SHA-256 is kept.
    .addColumn('case_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('account_type', 'text', (c) =>
      c.notNull().check(sql`account_type IN ('individual', 'company', 'association')`),
    )
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`status IN ('draft', 'submitted', 'in_review', 'awaiting_claimant', 'approved', 'completed', 'rejected', 'expired')`,
        ),
    )
    .addColumn('locale', 'text', (c) => c.notNull().check(sql`locale IN ('fr', 'en')`))
    // How the claimant identifies the account; matching is support's job, never done at creation.
    .addColumn('hint_client_number', 'text')
    .addColumn('hint_domain', 'text')
    .addColumn('hint_former_email', 'text')
    .addColumn('claimant_first_name', 'text', (c) => c.notNull())
    .addColumn('claimant_last_name', 'text', (c) => c.notNull())
    .addColumn('claimant_legal_name', 'text')
    .addColumn('claimant_siren', 'text')
    .addColumn('claimant_association_name', 'text')
    .addColumn('new_email', 'text', (c) => c.notNull())
    .addColumn('new_email_normalized', 'text', (c) => c.notNull())
    .addColumn('new_email_verified_at', 'timestamptz')
    // The 6-digit code sent to the new address: an HMAC under the master key, never the code itself.
    .addColumn('email_code_hash', 'text')
    .addColumn('email_code_expires_at', 'timestamptz')
    .addColumn('email_code_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('email_code_sent_at', 'timestamptz')
    // The sworn statement: who, when and from where.
    .addColumn('declaration_full_name', 'text')
    .addColumn('declaration_accepted_at', 'timestamptz')
    .addColumn('declaration_ip', 'text')
    .addColumn('declaration_user_agent', 'text')
    .addColumn('account_id', 'uuid', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('assigned_staff_id', 'uuid', (c) => c.references('staff_users.id').onDelete('set null'))
    // The latest message support sent with "request_info", and the reason of a rejection.
    .addColumn('info_request_message', 'text')
    .addColumn('decision_reason', 'text')
    // Two-person rule (RECOVERY_REQUIRE_SECOND_APPROVAL): the first approval waits for another member.
    .addColumn('first_approved_by', 'uuid', (c) => c.references('staff_users.id').onDelete('set null'))
    .addColumn('first_approved_at', 'timestamptz')
    .addColumn('approved_by', 'uuid', (c) => c.references('staff_users.id').onDelete('set null'))
    .addColumn('approved_at', 'timestamptz')
    // Objection window: the address on file when the case was approved, a link it can use until then.
    .addColumn('objection_deadline', 'timestamptz')
    .addColumn('objection_token_hash', 'text', (c) => c.unique())
    .addColumn('previous_email', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    // Drafts and unanswered requests for information expire after a period without activity.
    .addColumn('last_activity_at', 'timestamptz', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz')
    // When a terminal state (completed, rejected, expired) was reached: retention counts from here.
    .addColumn('closed_at', 'timestamptz')
    .addColumn('documents_purged_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('recovery_cases_status_idx')
    .on('recovery_cases')
    .columns(['status', 'submitted_at'])
    .execute();
  await db.schema
    .createIndex('recovery_cases_new_email_idx')
    .on('recovery_cases')
    .column('new_email_normalized')
    .execute();

  await db.schema
    .createTable('recovery_documents')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('recovery_cases.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(sql`kind IN ('identity_front', 'identity_back', 'signed_letter', 'kbis', 'statutes')`),
    )
    .addColumn('media_type', 'text', (c) =>
      c.notNull().check(sql`media_type IN ('application/pdf', 'image/jpeg', 'image/png')`),
    )
    // Size of the stored (re-encoded) document in bytes, before encryption.
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('original_name', 'text')
    .addColumn('page_count', 'integer')
    .addColumn('scan_status', 'text', (c) => c.notNull().check(sql`scan_status IN ('clean', 'not_scanned')`))
    // Where the ciphertext lives and its data key sealed with the master key; null once purged.
    .addColumn('storage_key', 'text')
    .addColumn('wrapped_key', 'text')
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('purged_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('recovery_documents_case_idx')
    .on('recovery_documents')
    .columns(['case_id', 'uploaded_at'])
    .execute();

  await db.schema
    .createTable('recovery_checklist_items')
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('recovery_cases.id').onDelete('cascade'))
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('verified', 'boolean', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'uuid', (c) => c.notNull().references('staff_users.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('recovery_checklist_items_pk', ['case_id', 'item'])
    .execute();

  // Automatic doubts raised by the product (an objection, a new email already on a fiche, a
  // failed document check): approval is refused while one is unresolved.
  await db.schema
    .createTable('recovery_flags')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('recovery_cases.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull())
    .addColumn('raised_at', 'timestamptz', (c) => c.notNull())
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolved_by', 'uuid', (c) => c.references('staff_users.id'))
    .addColumn('resolution_note', 'text')
    .execute();
  await db.schema.createIndex('recovery_flags_case_idx').on('recovery_flags').column('case_id').execute();

  // What happened to a case, in words the claimant and staff can read (the audit log keeps the proof).
  await db.schema
    .createTable('recovery_case_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('recovery_cases.id').onDelete('cascade'))
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) =>
      c.notNull().check(sql`actor_type IN ('claimant', 'staff', 'system', 'previous_owner')`),
    )
    .addColumn('actor_id', 'uuid')
    .addColumn('event', 'text', (c) => c.notNull())
    // Shown to staff; `visible_to_claimant` also shows it on the claimant's status page.
    .addColumn('message', 'text')
    .addColumn('visible_to_claimant', 'boolean', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('recovery_case_events_case_idx')
    .on('recovery_case_events')
    .columns(['case_id', 'occurred_at'])
    .execute();
}
