import { z } from 'zod';

/** Request schema of the objection (page form and JSON route). Messages are field-error codes. */
export const recoveryObjectionSchema = z.object({
  // 43 characters in practice; the cap only keeps absurd inputs away from the hash.
  token: z
    .string('required')
    .min(1, 'required')
    .max(256, 'invalid')
    .describe('The token of the objection link'),
});
