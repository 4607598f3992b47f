import { z } from 'zod';
import { normalizeEmail } from '../accounts/account.ts';

/** Request schemas of password reset. Messages are field-error codes (see `fieldError.*`). */

/**
 * POST /api/v1/password/forgot: any string is answered 202, so nothing about the address leaks
 * from a validation error; only a non-string (an array of recipients, say) is refused, with 422.
 */
export const forgotPasswordSchema = z.object({
  email: z.string('required').max(1024, 'too_long').describe('The address on the fiche'),
});

/** The forgot form also checks the format: a typo is worth pointing out, and says nothing about accounts. */
export const forgotPasswordFormSchema = z.object({
  email: z
    .string('required')
    .trim()
    .min(1, 'required')
    .max(254, 'invalid_email')
    .refine((value) => normalizeEmail(value).ok, 'invalid_email'),
});

export const resetPasswordSchema = z.object({
  // 43 characters in practice; the cap only keeps absurd inputs away from the hash.
  token: z.string('required').min(1, 'required').max(256, 'invalid'),
  newPassword: z.string('required').min(1, 'required').max(1024, 'password_too_long'),
});

export const resetPasswordFormSchema = z
  .object({
    token: resetPasswordSchema.shape.token,
    newPassword: resetPasswordSchema.shape.newPassword,
    confirmPassword: z.string('required'),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'passwords_differ',
  });
