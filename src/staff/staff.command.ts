import { normalizeEmail } from '../accounts/account.ts';
import { type Deps, noRequestMeta } from '../platform/deps.ts';
import { AppError } from '../platform/http/errors.ts';
import { getStaffCredentialsByEmail } from './core/staff-users.repository.ts';
import { presentStaffUser } from './staff.presenter.ts';
import type { CreateStaffUserInput } from './staff.schemas.ts';
import { createStaffUser } from './staff-users.service.ts';
import { disableStaffMember } from './team/staff-team.service.ts';

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

/**
 * `sesame staff disable --email E`: the same use case as the team page (sessions end, links die,
 * audited as the CLI, the member told by email); the last active admin stays enabled.
 */
export async function runStaffDisable(deps: Deps, email: string, out: CommandOutput): Promise<number> {
  const normalized = normalizeEmail(email);
  const found = normalized.ok ? await getStaffCredentialsByEmail(deps.db, normalized.normalized) : null;
  if (!found) {
    out.error(`no staff member has the address ${email}`);
    return 1;
  }
  try {
    const user = await disableStaffMember(deps, { type: 'system', id: 'cli' }, found.user.id, noRequestMeta);
    out.log(JSON.stringify(presentStaffUser(user), null, 2));
    return 0;
  } catch (error) {
    if (error instanceof AppError && error.code === 'LAST_ADMIN') {
      out.error('refused: this is the last active admin');
      return 1;
    }
    throw error;
  }
}
