import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hash } from '@node-rs/argon2';
import {
  ARGON2_PARAMETERS,
  hashNeedsRehash,
  hashPassword,
  MAX_PASSWORD_BYTES,
  verifyDummyPassword,
  verifyPassword,
} from './passwords.ts';

const password = 'Cheval-Agrafe-Batterie-42';

describe('hashPassword', () => {
  it('produces an argon2id v=19 hash with m=19456, t=2, p=1', async () => {
    const stored = await hashPassword(password);
    assert.match(stored, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    assert.deepEqual(ARGON2_PARAMETERS, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  });

  it('salts every hash', async () => {
    assert.notEqual(await hashPassword(password), await hashPassword(password));
  });

  it('refuses a password above the hard byte cap', async () => {
    await assert.rejects(hashPassword('a'.repeat(MAX_PASSWORD_BYTES + 1)), RangeError);
  });
});

describe('verifyPassword', () => {
  it('accepts the right password and needs no rehash', async () => {
    const stored = await hashPassword(password);
    assert.deepEqual(await verifyPassword(stored, password), { valid: true, needsRehash: false });
  });

  it('refuses a wrong password', async () => {
    const stored = await hashPassword(password);
    assert.deepEqual(await verifyPassword(stored, `${password}!`), { valid: false, needsRehash: false });
  });

  it('asks for a rehash when the hash was made with other parameters', async () => {
    const stored = await hash(password, { memoryCost: 19_456, timeCost: 3, parallelism: 1 });
    assert.match(stored, /^\$argon2id\$v=19\$m=19456,t=3,p=1\$/);
    assert.deepEqual(await verifyPassword(stored, password), { valid: true, needsRehash: true });
  });

  it('never asks for a rehash on a wrong password', async () => {
    const stored = await hash(password, { memoryCost: 19_456, timeCost: 3, parallelism: 1 });
    assert.deepEqual(await verifyPassword(stored, 'not it'), { valid: false, needsRehash: false });
  });

  it('refuses a password above the hard byte cap without hashing it', async () => {
    const stored = await hashPassword(password);
    const huge = password + 'x'.repeat(MAX_PASSWORD_BYTES);
    assert.deepEqual(await verifyPassword(stored, huge), { valid: false, needsRehash: false });
  });
});

describe('hashNeedsRehash', () => {
  it('flags other algorithms, versions and parameters', () => {
    const salt = '$c29tZXNhbHQ$aGFzaA';
    assert.equal(hashNeedsRehash(`$argon2id$v=19$m=19456,t=2,p=1${salt}`), false);
    assert.equal(hashNeedsRehash(`$argon2i$v=19$m=19456,t=2,p=1${salt}`), true);
    assert.equal(hashNeedsRehash(`$argon2id$v=16$m=19456,t=2,p=1${salt}`), true);
    assert.equal(hashNeedsRehash(`$argon2id$v=19$m=65536,t=2,p=1${salt}`), true);
    assert.equal(hashNeedsRehash(`$argon2id$v=19$m=19456,t=2,p=4${salt}`), true);
    assert.equal(hashNeedsRehash('$2b$10$notanargon2hash'), true);
  });
});

describe('verifyDummyPassword', () => {
  it('does a real verification and resolves, whatever the input', async () => {
    await verifyDummyPassword(password);
    await verifyDummyPassword('x'.repeat(MAX_PASSWORD_BYTES * 4));
  });
});
