import { loadDemoStaff } from '../demo/demo-staff.ts';
import type { Deps } from '../platform/deps.ts';
import { presentStaffUser } from './staff.presenter.ts';
import type { CreateStaffUserInput } from './staff.schemas.ts';
import { createStaffUser } from './staff-users.service.ts';

export type CommandOutput = { log(line: string): void; error(line: string): void };

/**
 * `sesame staff create`: prints the staff member as JSON with the TOTP secret and its `otpauth://`
 * URI — shown this once, to enrol an authenticator app — and the generated password if none was given.
 */
export async function runStaffCreate(
  deps: Deps,
  input: CreateStaffUserInput,
  out: CommandOutput,
): Promise<number> {
  const created = await createStaffUser(deps, input, { type: 'system', id: 'cli' });
  out.log(
    JSON.stringify(
      {
        ...presentStaffUser(created.user),
        totpSecret: created.enrolment.secret,
        otpauthUri: created.enrolment.otpauthUri,
        ...(created.generatedPassword ? { password: created.generatedPassword } : {}),
      },
      null,
      2,
    ),
  );
  return 0;
}

/** The staff part of `sesame demo`: one member of each role, with password, TOTP secret and URI. */
export async function printDemoStaff(deps: Deps, out: CommandOutput): Promise<void> {
  const staff = await loadDemoStaff(deps);
  if (staff.length === 0) {
    out.log('\nNo demo staff in production.');
    return;
  }
  out.log('\nDemo staff (back office, /staff/login) — type the secret into any authenticator app:');
  for (const s of staff) {
    out.log(`  ${s.role.padEnd(11)} ${s.email.padEnd(30)} ${s.password}   TOTP secret ${s.secret}`);
    out.log(`  ${''.padEnd(11)} ${s.otpauthUri}`);
  }
}
