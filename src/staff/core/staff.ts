/** Staff users: support agents, supervisors and admins. Separate from customers in every way. */

export const staffRoles = ['agent', 'supervisor', 'admin'] as const;
export type StaffRole = (typeof staffRoles)[number];

/** A staff member as the back office sees them (never the password hash or the TOTP secret). */
export type StaffUser = {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  /** Null until the member has enrolled from their enrolment link. */
  totpEnrolledAt: Date | null;
  disabledAt: Date | null;
  createdAt: Date;
};

/** A staff member's signed-in session (never the token). */
export type StaffSession = {
  id: string;
  staffUserId: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
};

/** The issuer shown in authenticator apps next to the staff member's email. */
export const TOTP_ISSUER = 'Sésame (back office)';
