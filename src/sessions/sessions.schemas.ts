import { z } from 'zod';

/** Sign-in input. Lengths are capped so a huge body cannot tie up the password hashing. */
export const signInSchema = z.object({
  email: z.string('required').trim().min(1, 'required').max(320, 'too_long'),
  password: z.string('required').min(1, 'required').max(1024, 'too_long'),
});

export const sessionIdParams = z.object({ id: z.uuid('invalid') });
