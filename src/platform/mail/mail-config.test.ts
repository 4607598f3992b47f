import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../config.ts';

function problemsOf(environment: Record<string, string>): string[] {
  try {
    loadConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig: mail and master key', () => {
  it('defaults to the file transport, TLS certificates checked, STARTTLS opportunistic, no MASTER_KEY', () => {
    const config = loadConfig({});
    assert.equal(config.smtpUrl, undefined);
    assert.equal(config.smtpTlsRejectUnauthorized, true);
    assert.equal(config.smtpRequireTls, false);
    assert.equal(config.masterKey, undefined);
  });

  it('reads SMTP settings and a MASTER_KEY in hex or base64', () => {
    const key = randomBytes(32);
    const config = loadConfig({
      SMTP_URL: 'smtps://user:pass@relay.example:465',
      SMTP_TLS_REJECT_UNAUTHORIZED: 'false',
      SMTP_REQUIRE_TLS: 'true',
      MASTER_KEY: key.toString('base64'),
    });
    assert.equal(config.smtpTlsRejectUnauthorized, false);
    assert.equal(config.smtpRequireTls, true);
    assert.deepEqual(config.masterKey, key);
    assert.deepEqual(loadConfig({ MASTER_KEY: key.toString('hex') }).masterKey, key);
  });

  it('refuses a short MASTER_KEY and a bad SMTP_URL without echoing them', () => {
    const problems = problemsOf({
      MASTER_KEY: 'c2VjcmV0LWJ1dC10b28tc2hvcnQ=',
      SMTP_URL: 'http://user:hunter2@x',
    });
    assert.deepEqual(problems.map((p) => p.split(':')[0]).sort(), ['MASTER_KEY', 'SMTP_URL']);
    assert.doesNotMatch(problems.join('\n'), /c2VjcmV0|hunter2/);
  });

  it('pools 5 SMTP connections of 100 messages each by default, and reads SMTP_POOL_*', () => {
    assert.deepEqual(loadConfig({}).smtpPool, { connections: 5, messagesPerConnection: 100 });
    assert.deepEqual(loadConfig({ SMTP_POOL_CONNECTIONS: '12', SMTP_POOL_MESSAGES: '1' }).smtpPool, {
      connections: 12,
      messagesPerConnection: 1,
    });
  });

  it('refuses SMTP_POOL_* that are not whole numbers in range, listing both', () => {
    const cases: [string, string][] = [
      ['0', '0'],
      ['51', '10001'],
      ['2.5', 'many'],
    ];
    for (const [connections, messages] of cases) {
      const problems = problemsOf({ SMTP_POOL_CONNECTIONS: connections, SMTP_POOL_MESSAGES: messages });
      assert.deepEqual(problems.map((p) => p.split(':')[0]).sort(), [
        'SMTP_POOL_CONNECTIONS',
        'SMTP_POOL_MESSAGES',
      ]);
    }
  });

  it('requires SMTP_URL in production, listed with the other problems', () => {
    const problems = problemsOf({ NODE_ENV: 'production', PORT: 'abc' });
    assert.deepEqual(problems.map((p) => p.split(':')[0]).sort(), ['PORT', 'SMTP_URL']);
    assert.match(problems.join('\n'), /SMTP_URL: required in production/);
    assert.equal(loadConfig({ NODE_ENV: 'production', SMTP_URL: 'smtp://relay.example' }).env, 'production');
  });
});
