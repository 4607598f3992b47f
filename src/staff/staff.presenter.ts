import { z } from 'zod';
import type { StaffUser } from './core/staff.ts';

/** A staff member as the JSON API shows them. */
export const staffUserShape = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['agent', 'supervisor', 'admin']),
  totpEnrolledAt: z.string().nullable(),
  disabled: z.boolean(),
});

export function presentStaffUser(user: StaffUser): z.infer<typeof staffUserShape> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    totpEnrolledAt: user.totpEnrolledAt?.toISOString() ?? null,
    disabled: user.disabledAt !== null,
  };
}
