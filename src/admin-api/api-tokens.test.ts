import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { buildTestApp, type TestApp } from '../../test/support/test-app.ts';
import { HOUR } from '../platform/clock.ts';
import { hashToken } from '../platform/crypto/tokens.ts';
import { bearerTokenOf, parseApiToken } from './api-token.ts';
import { authenticateApiToken, createApiToken, listApiTokens, revokeApiToken } from './api-tokens.service.ts';

const cli = { type: 'system', id: 'cli' } as const;

describe('api token format', () => {
  it('parses only tokens of our shape', () => {
    assert.deepEqual(parseApiToken(`ses_0123456789abcdef_${'A'.repeat(43)}`), { id: '0123456789abcdef' });
    assert.equal(parseApiToken(`ses_0123456789abcdef_${'A'.repeat(42)}`), null);
    assert.equal(parseApiToken('ses__x'), null);
    assert.equal(parseApiToken(`xyz_0123456789abcdef_${'A'.repeat(43)}`), null);
  });
  it('reads the Bearer scheme case-insensitively and nothing else', () => {
    assert.equal(bearerTokenOf('Bearer abc'), 'abc');
    assert.equal(bearerTokenOf('bearer abc'), 'abc');
    assert.equal(bearerTokenOf('Basic abc'), null);
    assert.equal(bearerTokenOf('Bearer'), null);
    assert.equal(bearerTokenOf(undefined), null);
  });
});

for (const kind of testDatabaseKinds()) {
  describe(`admin API tokens [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    it('creates a token that authenticates, storing only its SHA-256', async () => {
      const { apiToken, token } = await createApiToken(t.deps, ' billing ', cli);
      assert.equal(apiToken.name, 'billing');
      assert.match(token, new RegExp(`^ses_${apiToken.id}_[A-Za-z0-9_-]{43}$`));
      const row = await t.deps.db
        .selectFrom('api_tokens')
        .selectAll()
        .where('id', '=', apiToken.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.token_hash, hashToken(token));
      assert.ok(!JSON.stringify(row).includes(token.slice(21)), 'the secret is not stored');
      const authenticated = await authenticateApiToken(t.deps, token);
      assert.equal(authenticated?.id, apiToken.id);
    });

    it('refuses a wrong secret, an unknown id and garbage alike', async () => {
      const { apiToken, token } = await createApiToken(t.deps, 'panel', cli);
      const wrongSecret = `ses_${apiToken.id}_${'B'.repeat(43)}`;
      const unknownId = `ses_ffffffffffffffff_${token.slice(-43)}`;
      for (const candidate of [wrongSecret, unknownId, 'garbage', '', `${token}x`]) {
        assert.equal(await authenticateApiToken(t.deps, candidate), null, candidate);
      }
    });

    it('records the last use, at most once a minute', async () => {
      const { apiToken, token } = await createApiToken(t.deps, 'usage', cli);
      await authenticateApiToken(t.deps, token);
      const first = (await listApiTokens(t.deps)).find((x) => x.id === apiToken.id)?.lastUsedAt;
      assert.equal(first?.getTime(), t.clock.now().getTime());
      t.clock.advance(10_000);
      await authenticateApiToken(t.deps, token);
      const unchanged = (await listApiTokens(t.deps)).find((x) => x.id === apiToken.id)?.lastUsedAt;
      assert.equal(unchanged?.getTime(), first?.getTime(), 'no write within the minute');
      t.clock.advance(HOUR);
      await authenticateApiToken(t.deps, token);
      const second = (await listApiTokens(t.deps)).find((x) => x.id === apiToken.id)?.lastUsedAt;
      assert.equal(second?.getTime(), t.clock.now().getTime());
    });

    it('revokes a token at once, once, and audits creation and revocation without the secret', async () => {
      const { apiToken, token } = await createApiToken(t.deps, 'to-revoke', cli);
      const results = await Promise.all([
        revokeApiToken(t.deps, apiToken.id, cli),
        revokeApiToken(t.deps, apiToken.id, cli),
      ]);
      assert.equal(results.filter((r) => r.ok).length, 1, 'exactly one revocation wins');
      assert.deepEqual(
        results.find((r) => !r.ok),
        { ok: false, reason: 'already_revoked' },
      );
      assert.equal(await authenticateApiToken(t.deps, token), null);
      assert.deepEqual(await revokeApiToken(t.deps, 'ffffffffffffffff', cli), {
        ok: false,
        reason: 'not_found',
      });
      const events = await t.deps.db
        .selectFrom('audit_events')
        .select(['action', 'actor_type', 'actor_id', 'details'])
        .where('action', 'in', ['api_token.created', 'api_token.revoked'])
        .where(({ ref, eb }) => eb(ref('details', '->>').key('credentialId'), '=', apiToken.id))
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        events.map((e) => [e.action, e.actor_type, e.actor_id]),
        [
          ['api_token.created', 'system', 'cli'],
          ['api_token.revoked', 'system', 'cli'],
        ],
      );
      assert.ok(events.every((e) => !JSON.stringify(e).includes(token.slice(21))));
    });
  });
}
