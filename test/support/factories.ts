import type { CreateAccountInput } from '../../src/accounts/accounts.schemas.ts';
import { createAccount } from '../../src/accounts/accounts.service.ts';
import type { Deps } from '../../src/platform/deps.ts';

let counter = 0;
export const STRONG_PASSWORD = 'Cheval-Agrafe-Batterie-42';
export const OTHER_STRONG_PASSWORD = 'Lampadaire-Orties-Gazelle-93';

/** An individual account with a known strong password and a unique email. */
export async function createTestAccount(deps: Deps, overrides: Partial<CreateAccountInput> = {}) {
  counter += 1;
  const input = {
    type: 'individual',
    email: `client${counter}-${Date.now()}@example.org`,
    password: STRONG_PASSWORD,
    firstName: 'Jeanne',
    lastName: 'Lefèvre',
    ...overrides,
  } as CreateAccountInput;
  const account = await createAccount(deps, input, { type: 'system', id: 'test' });
  return { account, password: input.password ?? STRONG_PASSWORD };
}
