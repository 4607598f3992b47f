import type { DbOrTx, Tx } from '../../platform/db/database.ts';
import type { StaffUserRow } from '../../platform/db/schema.ts';
import type { StaffUser } from './staff.ts';

/** All SQL of staff users. The password hash and the TOTP secret leave this file only for sign-in. */

function toStaffUser(row: StaffUserRow): StaffUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    totpEnrolledAt: row.totp_enrolled_at,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
  };
}

/** What sign-in needs: the user, the password hash, the stored (possibly sealed) TOTP secret and last step. */
export type StaffCredentials = {
  user: StaffUser;
  passwordHash: string;
  storedTotpSecret: string;
  totpLastStep: number | null;
};

/** Inserts a staff user; null when the normalized email is already taken. */
export async function insertStaffUser(tx: Tx, row: StaffUserRow): Promise<StaffUser | null> {
  const inserted = await tx
    .insertInto('staff_users')
    .values(row)
    .onConflict((oc) => oc.column('email_normalized').doNothing())
    .returningAll()
    .executeTakeFirst();
  return inserted ? toStaffUser(inserted) : null;
}

export async function getStaffUserById(db: DbOrTx, id: string): Promise<StaffUser | null> {
  const row = await db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toStaffUser(row) : null;
}

/** Names of the staff members with these ids, in one statement; unknown ids are absent. */
export async function getStaffNamesByIds(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('staff_users')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function getStaffCredentialsByEmail(
  db: DbOrTx,
  normalizedEmail: string,
): Promise<StaffCredentials | null> {
  const row = await db
    .selectFrom('staff_users')
    .selectAll()
    .where('email_normalized', '=', normalizedEmail)
    .executeTakeFirst();
  if (!row) return null;
  return {
    user: toStaffUser(row),
    passwordHash: row.password_hash,
    storedTotpSecret: row.totp_secret,
    totpLastStep: row.totp_last_step,
  };
}

export async function listStaffUsers(db: DbOrTx): Promise<StaffUser[]> {
  const rows = await db.selectFrom('staff_users').selectAll().orderBy('role').orderBy('email').execute();
  return rows.map(toStaffUser);
}

/**
 * Records `step` as the last accepted TOTP step, only if it is later than the one stored: one
 * compare-and-set, so of two requests racing with the same code exactly one wins.
 */
export async function consumeTotpStep(db: DbOrTx, id: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('staff_users')
    .set({ totp_last_step: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Replaces the TOTP secret; the step memory starts over with the new secret. */
export async function updateTotpSecret(
  tx: Tx,
  id: string,
  storedTotpSecret: string,
  enrolledAt: Date,
): Promise<StaffUser | null> {
  const row = await tx
    .updateTable('staff_users')
    .set({ totp_secret: storedTotpSecret, totp_enrolled_at: enrolledAt, totp_last_step: null })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? toStaffUser(row) : null;
}
