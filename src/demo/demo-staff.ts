import { normalizeEmail } from '../accounts/account.ts';
import type { Deps } from '../platform/deps.ts';
import { noRequestMeta } from '../platform/deps.ts';
import type { StaffRole } from '../staff/core/staff.ts';
import { getStaffCredentialsByEmail } from '../staff/core/staff-users.repository.ts';
import { createStaffUser, reenrolStaffTotp, type TotpEnrolment } from '../staff/staff-users.service.ts';

/** One staff member of each role with a known password, on `.example` addresses. */
export const demoStaff: { role: StaffRole; email: string; name: string; password: string }[] = [
  {
    role: 'agent',
    email: 'agent@support.example',
    name: 'Inès Moreau',
    password: 'Guichet-Ecoute-Relais-58',
  },
  {
    role: 'supervisor',
    email: 'superviseur@support.example',
    name: 'Hugo Lambert',
    password: 'Boussole-Registre-Vigie-36',
  },
  {
    role: 'admin',
    email: 'admin@support.example',
    name: 'Nadia Girard',
    password: 'Trousseau-Serrure-Cadran-71',
  },
];

export type DemoStaffCredential = { role: StaffRole; email: string; password: string } & TotpEnrolment;

/**
 * Creates the demo staff members that are missing. Their TOTP secrets are random, never in the
 * source: a secret is shown only when issued, so an existing demo member gets a fresh one (and
 * loses their sessions) — each run prints secrets that work. Refused in production, where a known
 * password must never open the back office.
 */
export async function loadDemoStaff(deps: Deps): Promise<DemoStaffCredential[]> {
  if (deps.config.env === 'production') return [];
  const credentials: DemoStaffCredential[] = [];
  for (const demo of demoStaff) {
    const email = normalizeEmail(demo.email);
    const existing = email.ok ? await getStaffCredentialsByEmail(deps.db, email.normalized) : null;
    const enrolment = existing
      ? (await reenrolStaffTotp(deps, { type: 'system', id: 'demo' }, existing.user.id, noRequestMeta))
          .enrolment
      : (await createStaffUser(deps, demo, { type: 'system', id: 'demo' })).enrolment;
    credentials.push({ role: demo.role, email: demo.email, password: demo.password, ...enrolment });
  }
  return credentials;
}
