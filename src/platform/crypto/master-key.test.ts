import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { decodeMasterKey, loadMasterKey, masterKeyFileFor } from './master-key.ts';

const root = mkdtempSync(path.join(tmpdir(), 'sesame-key-'));
const freshDir = () => mkdtempSync(path.join(root, 'data-'));

describe('decodeMasterKey', () => {
  it('reads 32 bytes as hex or base64, and nothing else', () => {
    const key = randomBytes(32);
    assert.deepEqual(decodeMasterKey(key.toString('hex')), key);
    assert.deepEqual(decodeMasterKey(key.toString('hex').toUpperCase()), key);
    assert.deepEqual(decodeMasterKey(key.toString('base64')), key);
    assert.deepEqual(decodeMasterKey(key.toString('base64url')), key);
    assert.deepEqual(decodeMasterKey(` ${key.toString('hex')}\n`), key);
    assert.equal(decodeMasterKey(randomBytes(16).toString('hex')), null);
    assert.equal(decodeMasterKey(randomBytes(33).toString('base64')), null);
    assert.equal(decodeMasterKey('correct horse battery staple'), null);
  });
});

describe('loadMasterKey', () => {
  after(() => rmSync(root, { recursive: true, force: true }));

  it('uses MASTER_KEY when configured, and writes no file', async () => {
    const dataDir = freshDir();
    const key = randomBytes(32);
    assert.deepEqual(await loadMasterKey({ masterKey: key, dataDir }), key);
    assert.deepEqual(readdirSync(dataDir), []);
  });

  it('generates DATA_DIR/master.key (mode 0600) on first run and reads the same key afterwards', async () => {
    const dataDir = path.join(freshDir(), 'not-yet-created');
    const first = await loadMasterKey({ masterKey: undefined, dataDir });
    assert.equal(first.length, 32);
    assert.equal(statSync(masterKeyFileFor(dataDir)).mode & 0o777, 0o600);
    assert.deepEqual(await loadMasterKey({ masterKey: undefined, dataDir }), first);
    assert.deepEqual(readdirSync(dataDir), ['master.key'], 'no temporary file left behind');
  });

  it('gives one key to processes starting at the same time', async () => {
    const dataDir = freshDir();
    const keys = await Promise.all(
      Array.from({ length: 8 }, () => loadMasterKey({ masterKey: undefined, dataDir })),
    );
    for (const key of keys) assert.deepEqual(key, keys[0]);
  });

  it('refuses a key file others can read, and a file that holds no key', async () => {
    const dataDir = freshDir();
    const file = masterKeyFileFor(dataDir);
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o644 });
    chmodSync(file, 0o644);
    await assert.rejects(loadMasterKey({ masterKey: undefined, dataDir }), /chmod 600/);
    chmodSync(file, 0o600);
    writeFileSync(file, 'oops');
    await assert.rejects(loadMasterKey({ masterKey: undefined, dataDir }), /does not hold a 32-byte key/);
  });
});
