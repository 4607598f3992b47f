import assert from 'node:assert/strict';
import type { Account } from '../../src/accounts/account.ts';
import { STRONG_PASSWORD } from './factories.ts';
import { totpCodeAt } from './staff.ts';
import { createClient, type TestApp } from './test-app.ts';

/** Signs in, enrols TOTP through the API and signs out: returns the secret and the recovery codes. */
export async function enrolTestTotp(
  t: TestApp,
  account: Account,
  password = STRONG_PASSWORD,
): Promise<{ secret: string; recoveryCodes: string[] }> {
  const client = createClient(t.app);
  assert.equal((await client.signIn(account.email, password)).statusCode, 200);
  const started = await client.api('POST', '/api/v1/account/totp', { currentPassword: password });
  assert.equal(started.statusCode, 200, started.body);
  const { secret } = started.json() as { secret: string };
  const confirmed = await client.api('POST', '/api/v1/account/totp/confirm', {
    code: await totpCodeAt(secret, t.clock),
  });
  assert.equal(confirmed.statusCode, 200, confirmed.body);
  // The confirmation code's step is spent: the next code a test uses is one step later.
  t.clock.advance(30_000);
  return { secret, recoveryCodes: (confirmed.json() as { recoveryCodes: string[] }).recoveryCodes };
}
