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
