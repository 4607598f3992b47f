import { z } from 'zod';
import { emailSchema } from '../accounts/accounts.schemas.ts';
import { staffRoles } from './core/staff.ts';

/** Request schemas of the staff domain. Messages are field-error codes (see `fieldError.*`). */

/** Staff sign-in. Lengths are capped so a huge body cannot tie up the password hashing. */
export const staffSignInSchema = z.object({
  email: z.string('required').trim().min(1, 'required').max(320, 'too_long'),
  password: z.string('required').min(1, 'required').max(1024, 'too_long'),
  // Spaces are tolerated: some apps show "123 456".
  totp: z
    .string('required')
    .transform((v) => v.replace(/\s/g, ''))
    .pipe(z.string().min(1, 'required').max(10, 'too_long')),
});

export const createStaffUserSchema = z.object({
  email: emailSchema,
  name: z.string('required').trim().min(1, 'required').max(100, 'too_long'),
  role: z.enum(staffRoles, 'invalid'),
  password: z.string().min(1, 'required').max(128, 'too_long').optional(),
});
export type CreateStaffUserInput = z.input<typeof createStaffUserSchema>;

/** An admin adds a member: no password field, on purpose (the member chooses it from the link). */
export const inviteStaffMemberSchema = createStaffUserSchema.omit({ password: true });
export type InviteStaffMemberInput = z.input<typeof inviteStaffMemberSchema>;

export const staffRoleBody = z.object({ role: z.enum(staffRoles, 'invalid') });

const totpCode = z
  .string('required')
  .transform((v) => v.replace(/\s/g, ''))
  .pipe(z.string().min(1, 'required').max(10, 'too_long'));

/** The enrolment form: the new password and a code from the app that just scanned the secret. */
export const staffEnrolmentSchema = z.object({
  password: z.string('required').min(1, 'required').max(1024, 'too_long'),
  totp: totpCode,
});

/** A member changes their own password: the current one and a TOTP code prove it is them. */
export const staffPasswordChangeSchema = z.object({
  currentPassword: z.string('required').min(1, 'required').max(1024, 'too_long'),
  newPassword: z.string('required').min(1, 'required').max(1024, 'too_long'),
  totp: totpCode,
});

export const uuidParams = z.object({ id: z.uuid('invalid') });
export const accountSessionParams = z.object({ id: z.uuid('invalid'), sessionId: z.uuid('invalid') });

export const accountSearchQuery = z.object({ q: z.string().trim().max(200, 'too_long').default('') });
