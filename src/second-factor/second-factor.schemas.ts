import { z } from 'zod';

export const currentPasswordSchema = z.object({
  currentPassword: z.string('required').min(1, 'required').max(1024, 'too_long'),
});

export const totpCodeSchema = z.object({
  code: z.string('required').trim().min(1, 'required').max(32, 'too_long'),
});

/** POST /api/v1/auth/mfa: a code from the app or a recovery code. */
export const mfaSchema = z.object({
  method: z.enum(['totp', 'recovery_code'], 'invalid'),
  code: z.string('required').trim().min(1, 'required').max(32, 'too_long'),
});
