import { randomUUID } from 'node:crypto';
import { recordAuditEvent } from '../../audit/audit.service.ts';
import type { AuditAction, AuditDetails } from '../../audit/audit.ts';
import { hashPassword } from '../../platform/crypto/passwords.ts';
import { createRandomToken } from '../../platform/crypto/tokens.ts';
import { createTotpSecret } from '../../platform/crypto/totp.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { Deps, RequestMeta } from '../../platform/deps.ts';
import { AppError } from '../../platform/http/errors.ts';
import { parseOrThrow } from '../../platform/http/validation.ts';
import { enqueueEmail } from '../../platform/mail/outbox.service.ts';
import { assertStaffCan } from '../core/permissions.ts';
import type { StaffRole, StaffUser } from '../core/staff.ts';
import { revokeStaffSessionsOfUser } from '../core/staff-sessions.repository.ts';
import { insertStaffUser } from '../core/staff-users.repository.ts';
import {
  renderStaffAccountNoticeEmail,
  type StaffAccountChange,
} from '../emails/staff-account-notice.email.ts';
import { type InviteStaffMemberInput, inviteStaffMemberSchema } from '../staff.schemas.ts';
import { sealTotpSecret } from '../staff-totp-secret.ts';
import { invalidateStaffEnrolmentTokensOf } from './staff-enrolment.repository.ts';
import { issueStaffEnrolmentLink } from './staff-enrolment-link.ts';
import {
  lockActiveAdminIds,
  lockStaffUserById,
  updateStaffDisabledAt,
  updateStaffRole,
} from './staff-team.repository.ts';

/** Who changes the team: an admin in the back office, or the operator's `sesame` command. */
export type TeamActor = { type: 'staff'; id: string; role: StaffRole } | { type: 'system'; id: 'cli' };

function authorize(actor: TeamActor): void {
  if (actor.type === 'staff') assertStaffCan(actor.role, 'staff.manage');
}

/** Inside the transaction: tells the member what changed (French then English), via the outbox. */
export async function queueStaffAccountNotice(
  tx: Tx,
  deps: Pick<Deps, 'clock' | 'masterKey'>,
  user: StaffUser,
  change: StaffAccountChange,
): Promise<void> {
  await enqueueEmail(tx, deps, {
    to: user.email,
    accountId: null,
    kind: `staff-${change.kind.replace('_', '-')}`,
    rendered: renderStaffAccountNoticeEmail(user.name, change),
  });
}

async function audit(
  tx: Tx,
  deps: Deps,
  actor: TeamActor,
  action: AuditAction,
  meta: RequestMeta,
  details: AuditDetails,
) {
  await recordAuditEvent(tx, deps.clock, {
    actor: { type: actor.type, id: actor.id },
    accountId: null,
    action,
    ...meta,
    details,
  });
}

/**
 * Adds a member from the back office. They get no password and no TOTP from the admin: a one-time
 * enrolment link goes to their address, and they choose both. Until then they cannot sign in.
 */
export async function inviteStaffMember(
  deps: Deps,
  actor: TeamActor,
  rawInput: InviteStaffMemberInput,
  meta: RequestMeta,
): Promise<StaffUser> {
  authorize(actor);
  const input = parseOrThrow(inviteStaffMemberSchema, rawInput);
  const id = randomUUID();
  // Placeholders nobody knows (never stored, never shown): the row is unusable until enrolment.
  const passwordHash = await hashPassword(createRandomToken(32));
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const user = await insertStaffUser(tx, {
      id,
      email: input.email.email,
      email_normalized: input.email.normalized,
      name: input.name,
      role: input.role,
      password_hash: passwordHash,
      totp_secret: sealTotpSecret(deps, id, createTotpSecret()),
      totp_enrolled_at: null,
      totp_last_step: null,
      disabled_at: null,
      created_at: now,
    });
    if (!user) throw new AppError('EMAIL_TAKEN', { errors: [{ field: 'email', code: 'email_taken' }] });
    await issueStaffEnrolmentLink(tx, deps, user, { reset: false });
    await audit(tx, deps, actor, 'staff.created', meta, { staffId: user.id, role: user.role });
    return user;
  });
}

/** Locks the member (404 when absent) after the active admins, always in that order. */
async function lockTeamChange(tx: Tx, staffUserId: string) {
  const adminIds = await lockActiveAdminIds(tx);
  const user = await lockStaffUserById(tx, staffUserId);
  if (!user) throw new AppError('NOT_FOUND');
  // Checked on the locked rows, inside the transaction: concurrent changes cannot both pass.
  const isLastActiveAdmin = adminIds.length === 1 && adminIds[0] === user.id;
  return { user, isLastActiveAdmin };
}

/** Changes a member's role; the last active admin keeps theirs. */
export async function changeStaffRole(
  deps: Deps,
  actor: TeamActor,
  staffUserId: string,
  role: StaffRole,
  meta: RequestMeta,
): Promise<StaffUser> {
  authorize(actor);
  return deps.db.transaction().execute(async (tx) => {
    const { user, isLastActiveAdmin } = await lockTeamChange(tx, staffUserId);
    if (user.role === role) return user;
    if (isLastActiveAdmin) throw new AppError('LAST_ADMIN');
    const updated = (await updateStaffRole(tx, staffUserId, role)) as StaffUser;
    await audit(tx, deps, actor, 'staff.role_changed', meta, { staffId: user.id, from: user.role, to: role });
    await queueStaffAccountNotice(tx, deps, updated, { kind: 'role_changed', role });
    return updated;
  });
}

/** Disables a member: their sessions and pending enrolment links end in the same transaction. */
export async function disableStaffMember(
  deps: Deps,
  actor: TeamActor,
  staffUserId: string,
  meta: RequestMeta,
): Promise<StaffUser> {
  authorize(actor);
  return deps.db.transaction().execute(async (tx) => {
    const { user, isLastActiveAdmin } = await lockTeamChange(tx, staffUserId);
    if (user.disabledAt) return user;
    if (isLastActiveAdmin) throw new AppError('LAST_ADMIN');
    const now = deps.clock.now();
    const updated = (await updateStaffDisabledAt(tx, staffUserId, now)) as StaffUser;
    const sessionsRevoked = await revokeStaffSessionsOfUser(tx, staffUserId, null, now);
    const linksInvalidated = await invalidateStaffEnrolmentTokensOf(tx, staffUserId, now);
    await audit(tx, deps, actor, 'staff.disabled', meta, {
      staffId: user.id,
      sessionsRevoked,
      linksInvalidated,
    });
    await queueStaffAccountNotice(tx, deps, updated, { kind: 'disabled' });
    return updated;
  });
}

/** Re-enables a disabled member (their old factors work again; a forgotten one needs a new link). */
export async function enableStaffMember(
  deps: Deps,
  actor: TeamActor,
  staffUserId: string,
  meta: RequestMeta,
): Promise<StaffUser> {
  authorize(actor);
  return deps.db.transaction().execute(async (tx) => {
    const { user } = await lockTeamChange(tx, staffUserId);
    if (!user.disabledAt) return user;
    const updated = (await updateStaffDisabledAt(tx, staffUserId, null)) as StaffUser;
    await audit(tx, deps, actor, 'staff.enabled', meta, { staffId: user.id });
    await queueStaffAccountNotice(tx, deps, updated, { kind: 'enabled' });
    return updated;
  });
}

/** Ends every session of a member (a lost laptop); returns how many were open. */
export async function revokeStaffMemberSessions(
  deps: Deps,
  actor: TeamActor,
  staffUserId: string,
  meta: RequestMeta,
): Promise<number> {
  authorize(actor);
  return deps.db.transaction().execute(async (tx) => {
    const user = await lockStaffUserById(tx, staffUserId);
    if (!user) throw new AppError('NOT_FOUND');
    const revoked = await revokeStaffSessionsOfUser(tx, staffUserId, null, deps.clock.now());
    await audit(tx, deps, actor, 'staff.sessions_revoked', meta, {
      staffId: user.id,
      sessionsRevoked: revoked,
    });
    await queueStaffAccountNotice(tx, deps, user, { kind: 'sessions_revoked' });
    return revoked;
  });
}

/**
 * "I forgot my password": an admin sends a new enrolment link. Nothing changes until it is used;
 * using it replaces the password and the TOTP secret and ends every session.
 */
export async function sendStaffEnrolmentLink(
  deps: Deps,
  actor: TeamActor,
  staffUserId: string,
  meta: RequestMeta,
): Promise<void> {
  authorize(actor);
  await deps.db.transaction().execute(async (tx) => {
    const user = await lockStaffUserById(tx, staffUserId);
    if (!user) throw new AppError('NOT_FOUND');
    // A disabled member is re-enabled first, on purpose: a link must not re-open access by itself.
    if (user.disabledAt) throw new AppError('CONFLICT');
    const { superseded } = await issueStaffEnrolmentLink(tx, deps, user, {
      reset: user.totpEnrolledAt !== null,
    });
    await audit(tx, deps, actor, 'staff.enrolment_link_sent', meta, { staffId: user.id, superseded });
  });
}
