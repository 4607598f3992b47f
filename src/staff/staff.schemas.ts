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

export const uuidParams = z.object({ id: z.uuid('invalid') });
export const accountSessionParams = z.object({ id: z.uuid('invalid'), sessionId: z.uuid('invalid') });

export const accountSearchQuery = z.object({ q: z.string().trim().max(200, 'too_long').default('') });
