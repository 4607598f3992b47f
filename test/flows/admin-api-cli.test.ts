import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createDatabase, pgliteDirFor } from '../../src/platform/db/database.ts';
import { createCliSandbox } from '../support/cli.ts';

const cli = createCliSandbox('token-cli');
const dataDir = cli.dataDir;
const sesame = cli.run;

describe('sesame token', () => {
  after(() => cli.remove());
  let created: { id: string; name: string; token: string };

  it('create prints the token once, as JSON, and stores only its hash', async () => {
    const result = sesame('token', 'create', '--name', 'facturation');
    assert.equal(result.code, 0, result.stderr);
    created = JSON.parse(result.stdout);
    assert.equal(created.name, 'facturation');
    assert.match(created.token, new RegExp(`^ses_${created.id}_[A-Za-z0-9_-]{43}$`));
    assert.match(result.stderr, /cannot be shown again/);
    const db = createDatabase({ pgliteDir: pgliteDirFor(dataDir) });
    try {
      const row = await db.selectFrom('api_tokens').selectAll().executeTakeFirstOrThrow();
      assert.equal(row.id, created.id);
      assert.match(row.token_hash, /^[0-9a-f]{64}$/);
      assert.ok(!JSON.stringify(row).includes(created.token.slice(-43)));
    } finally {
      await db.destroy();
    }
  });

  it('list shows the token as active, never the token itself', () => {
    const result = sesame('token', 'list');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`^${created.id}\\s+facturation\\s.*never used\\s+active$`, 'm'));
    assert.ok(!result.stdout.includes(created.token));
  });

  it('revoke revokes it; again says so; an unknown id exits 1', () => {
    const revoked = sesame('token', 'revoke', '--id', created.id);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match(revoked.stdout, new RegExp(`revoked: ${created.id} \\(facturation\\)`));
    assert.match(sesame('token', 'list').stdout, /revoked \d{4}-/);
    const again = sesame('token', 'revoke', '--id', created.id);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /already revoked/);
    const unknown = sesame('token', 'revoke', '--id', 'ffffffffffffffff');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no admin API token with id ffffffffffffffff/);
  });

  it('create refuses an empty name with a non-zero exit', () => {
    const result = sesame('token', 'create', '--name', '  ');
    assert.equal(result.code, 1);
    assert.match(result.stderr, /name: This field is required/);
  });
});
