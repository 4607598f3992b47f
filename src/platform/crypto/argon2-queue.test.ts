import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { configureArgon2Limits, defaultArgon2Limits, PasswordHashingBusyError } from './argon2-queue.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

describe('the argon2 cap', () => {
  after(() => configureArgon2Limits(defaultArgon2Limits));

  it('runs what fits in the running slots and the queue, and refuses the rest at once', async () => {
    configureArgon2Limits({ concurrency: 1, maxQueued: 2 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, () => hashPassword('Cheval-Agrafe-Batterie-42')),
    );
    const done = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o) => o.status === 'rejected');
    assert.equal(done.length, 3);
    assert.equal(refused.length, 5);
    for (const r of refused)
      assert.ok((r as PromiseRejectedResult).reason instanceof PasswordHashingBusyError);
    // The queue drains: the next call runs again.
    const stored = (done[0] as PromiseFulfilledResult<string>).value;
    assert.equal((await verifyPassword(stored, 'Cheval-Agrafe-Batterie-42')).valid, true);
  });
});
