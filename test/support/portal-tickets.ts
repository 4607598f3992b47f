import assert from 'node:assert/strict';
import { createTestAccount, STRONG_PASSWORD } from './factories.ts';
import { createClient, type TestApp } from './test-app.ts';

/** A new customer, signed in, with a ticket opened from the portal; the client stays signed in. */
export async function customerWithPortalTicket(
  t: TestApp,
  ticket: { subject: string; body: string; category: string },
) {
  const { account } = await createTestAccount(t.deps);
  const client = createClient(t.app);
  await client.signIn(account.email, STRONG_PASSWORD);
  const created = await client.api('POST', '/api/v1/tickets', ticket);
  assert.equal(created.statusCode, 201);
  return { account, client, reference: created.json().reference as string };
}
