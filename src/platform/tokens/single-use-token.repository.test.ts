import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { createTestAccount } from '../../../test/support/factories.ts';
import { sourceFilesMatching } from '../../../test/support/source-files.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { insertEmailChangeRequest } from '../../accounts/email-change.repository.ts';
import { insertPasswordResetToken } from '../../password-reset/password-reset.repository.ts';
import { hashToken } from '../crypto/tokens.ts';
import {
  consumeSingleUseToken,
  invalidateSingleUseTokensOfAccount,
  type SingleUseTokenTable,
} from './single-use-token.repository.ts';
import {
  nextSingleUseTokenState,
  type SingleUseTokenEvent,
  type SingleUseTokenState,
  singleUseTokenState,
} from './single-use-token.ts';

const tables: SingleUseTokenTable[] = ['password_reset_tokens', 'email_change_requests'];
const states: SingleUseTokenState[] = ['awaiting_use', 'used', 'invalidated', 'expired'];
const events: SingleUseTokenEvent[] = ['use', 'invalidate'];

describe('single-use tokens', () => {
  it('are written by the shared repository only: no other UPDATE stamps used_at or invalidated_at', () => {
    const stamping = sourceFilesMatching(/updateTable\('(password_reset_tokens|email_change_requests)'\)/);
    assert.deepEqual(stamping, []);
    // Other tables have a used_at of their own (recovery codes, pending sign-ins): only files that
    // name a token table are this rule's concern.
    const statements = sourceFilesMatching(/\b(password_reset_tokens|email_change_requests)\b/).flatMap(
      (file) =>
        [...readFileSync(file, 'utf8').matchAll(/\.set\(\{[^}]*\b(used_at|invalidated_at)\b[^}]*\}\)/g)].map(
          () => file,
        ),
    );
    assert.deepEqual(statements, []);
  });

  for (const kind of testDatabaseKinds()) {
    describe(`on ${kind}`, () => {
      let t: TestApp;
      before(async () => {
        t = await buildTestApp(kind);
      });
      after(() => t.close());

      /** A fresh account with one link of `table` in `state`; returns what the test needs. */
      async function linkIn(table: SingleUseTokenTable, state: SingleUseTokenState) {
        const { account } = await createTestAccount(t.deps);
        const now = t.clock.now();
        const token = `token-${crypto.randomUUID()}`;
        const expiresAt = new Date(now.getTime() + (state === 'expired' ? -1 : 60) * 60_000);
        const stamps = {
          used_at: state === 'used' ? now : null,
          invalidated_at: state === 'invalidated' ? now : null,
        };
        await t.deps.db.transaction().execute(async (tx) => {
          const base = { id: crypto.randomUUID(), accountId: account.id, tokenHash: hashToken(token) };
          if (table === 'password_reset_tokens')
            await insertPasswordResetToken(tx, { ...base, createdAt: now, expiresAt });
          else
            await insertEmailChangeRequest(tx, {
              ...base,
              newEmail: `${base.id}@example.net`,
              newEmailNormalized: `${base.id}@example.net`,
              createdAt: now,
              expiresAt,
            });
          await tx.updateTable(table).set(stamps).where('id', '=', base.id).execute();
        });
        return { accountId: account.id, tokenHash: hashToken(token) };
      }

      async function stateOf(table: SingleUseTokenTable, tokenHash: string) {
        const row = await t.deps.db
          .selectFrom(table)
          .select(['expires_at', 'used_at', 'invalidated_at'])
          .where('token_hash', '=', tokenHash)
          .executeTakeFirstOrThrow();
        const times = { expiresAt: row.expires_at, usedAt: row.used_at, invalidatedAt: row.invalidated_at };
        return singleUseTokenState(times, t.clock.now());
      }

      for (const table of tables) {
        it(`${table}: makes exactly the transitions of the table`, async () => {
          for (const state of states) {
            for (const event of events) {
              const { accountId, tokenHash } = await linkIn(table, state);
              assert.equal(await stateOf(table, tokenHash), state, `set up ${state}`);
              const now = t.clock.now();
              const changed = await t.deps.db
                .transaction()
                .execute(async (tx) =>
                  event === 'use'
                    ? (await consumeSingleUseToken(tx, table, tokenHash, now)) !== null
                    : (await invalidateSingleUseTokensOfAccount(tx, table, accountId, now)) === 1,
                );
              const expected = nextSingleUseTokenState(state, event);
              assert.equal(changed, expected !== null, `${state} on ${event}`);
              assert.equal(
                await stateOf(table, tokenHash),
                expected ?? state,
                `${state} on ${event}, stored`,
              );
            }
          }
        });

        it(`${table}: lets exactly one of ten concurrent uses of one link through`, async () => {
          const { tokenHash } = await linkIn(table, 'awaiting_use');
          const winners = await Promise.all(
            Array.from({ length: 10 }, () =>
              t.deps.db
                .transaction()
                .execute((tx) => consumeSingleUseToken(tx, table, tokenHash, t.clock.now())),
            ),
          );
          assert.equal(winners.filter((w) => w !== null).length, 1);
        });
      }
    });
  }
});
