import { z } from 'zod';

/** Request schemas of the email change. Messages are field-error codes (see `fieldError.*`). */

/** The address is normalized by the service (see `normalizeEmail`), which answers 422 `invalid_email`. */
export const requestEmailChangeSchema = z.object({
  newEmail: z.string('required').trim().min(1, 'required').max(254, 'invalid_email'),
  password: z.string('required').min(1, 'required').max(1024, 'too_long'),
});

export const confirmEmailChangeSchema = z.object({
  // 43 characters in practice; the cap only keeps absurd inputs away from the hash.
  token: z.string('required').min(1, 'required').max(256, 'invalid'),
});
