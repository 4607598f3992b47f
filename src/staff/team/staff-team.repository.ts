import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../platform/db/database.ts';
import type { StaffRole, StaffUser } from '../core/staff.ts';

/** The team's SQL beyond sign-in: the overview, row locks, role, status and credentials. */

/** A staff member as the team page lists them. */
export type StaffMemberOverview = StaffUser & { lastSignInAt: Date | null; activeSessions: number };

const userColumns = [
  'staff_users.id',
  'staff_users.email',
  'staff_users.name',
  'staff_users.role',
  'staff_users.totp_enrolled_at',
  'staff_users.disabled_at',
  'staff_users.created_at',
] as const;

type UserColumns = {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  totp_enrolled_at: Date | null;
  disabled_at: Date | null;
  created_at: Date;
};

function toUser(row: UserColumns): StaffUser {
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

/** Every member with their last sign-in and their sessions still open at `now` (idle cut-off applied). */
export async function listStaffMembersOverview(
  db: DbOrTx,
  now: Date,
  idleCutoff: Date,
): Promise<StaffMemberOverview[]> {
  const rows = await db
    .selectFrom('staff_users')
    .select(userColumns)
    .select((eb) => [
      eb
        .selectFrom('staff_sessions')
        .select((s) => s.fn.max('created_at').as('m'))
        .whereRef('staff_sessions.staff_user_id', '=', 'staff_users.id')
        .as('last_sign_in_at'),
      eb
        .selectFrom('staff_sessions')
        .select(sql<number>`count(*)::int`.as('c'))
        .whereRef('staff_sessions.staff_user_id', '=', 'staff_users.id')
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .where('last_seen_at', '>', idleCutoff)
        .as('active_sessions'),
    ])
    .orderBy('staff_users.role')
    .orderBy('staff_users.email')
    .execute();
  return rows.map((row) => ({
    ...toUser(row),
    lastSignInAt: row.last_sign_in_at ? new Date(row.last_sign_in_at) : null,
    activeSessions: Number(row.active_sessions ?? 0),
  }));
}

/** The member's row, locked until the transaction ends; null when absent. */
export async function lockStaffUserById(tx: Tx, id: string): Promise<StaffUser | null> {
  const row = await tx
    .selectFrom('staff_users')
    .select(userColumns)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

/**
 * Locks the rows of every active admin, in id order (so two callers never deadlock), and returns
 * their ids. A caller that waited re-reads the rows after the other commits (READ COMMITTED
 * re-checks the WHERE on the new version), so two admins demoting each other at once see each
 * other's change: the second finds one admin left and is refused.
 */
export async function lockActiveAdminIds(tx: Tx): Promise<string[]> {
  const rows = await tx
    .selectFrom('staff_users')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map((r) => r.id);
}

export async function updateStaffRole(tx: Tx, id: string, role: StaffRole): Promise<StaffUser | null> {
  const row = await tx
    .updateTable('staff_users')
    .set({ role })
    .where('id', '=', id)
    .returning(userColumns)
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

/** Disables (a date) or re-enables (null) a member. */
export async function updateStaffDisabledAt(
  tx: Tx,
  id: string,
  disabledAt: Date | null,
): Promise<StaffUser | null> {
  const row = await tx
    .updateTable('staff_users')
    .set({ disabled_at: disabledAt })
    .where('id', '=', id)
    .returning(userColumns)
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

/** Sets both factors at once (enrolment); `lastStep` is the step of the code that proved the secret. */
export async function updateStaffFactors(
  tx: Tx,
  id: string,
  factors: { passwordHash: string; storedTotpSecret: string; enrolledAt: Date; lastStep: number },
): Promise<StaffUser | null> {
  const row = await tx
    .updateTable('staff_users')
    .set({
      password_hash: factors.passwordHash,
      totp_secret: factors.storedTotpSecret,
      totp_enrolled_at: factors.enrolledAt,
      totp_last_step: factors.lastStep,
    })
    .where('id', '=', id)
    .returning(userColumns)
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function updateStaffPasswordHash(tx: Tx, id: string, passwordHash: string): Promise<void> {
  await tx.updateTable('staff_users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}
