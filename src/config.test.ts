import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.sessionIdleMinutes, 30);
    assert.equal(config.sessionAbsoluteHours, 12);
    assert.equal(config.passwordRequireCharacterClasses, true);
    assert.equal(config.publicUrl.origin, 'http://127.0.0.1:3000');
    assert.equal(config.secureCookies, false);
    assert.ok(Object.isFrozen(config));
  });
  it('turns on secure cookies for an https PUBLIC_URL', () => {
    assert.equal(loadConfig({ PUBLIC_URL: 'https://client.example.fr' }).secureCookies, true);
  });
  it('lists every bad value at once, without echoing any value', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://user:hunter2@db/x', SESSION_IDLE_MINUTES: '-5' });
      assert.fail('should have thrown');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(
        error.problems.map((p) => p.split(':')[0]),
        ['PORT', 'DATABASE_URL', 'SESSION_IDLE_MINUTES'],
      );
      assert.doesNotMatch(error.message, /hunter2/);
    }
  });
});
