import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { open, SealedBoxError, seal } from './sealed-box.ts';

const key = randomBytes(32);

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof SealedBoxError) return error.reason;
    throw error;
  }
  return 'opened';
}

describe('sealed box (AES-256-GCM)', () => {
  it('opens what it sealed, with the same additional data', () => {
    const box = seal(key, 'lien https://x.example/reset?token=abc', 'email_outbox:1');
    assert.equal(open(key, box, 'email_outbox:1').toString('utf8'), 'lien https://x.example/reset?token=abc');
    assert.equal(open(key, seal(key, Buffer.from([0, 1, 2]))).length, 3);
  });

  it('writes a versioned text with a fresh IV each time, and no plaintext', () => {
    const [a, b] = [seal(key, 'même texte'), seal(key, 'même texte')];
    assert.notEqual(a, b);
    assert.match(a, /^v1\.[\w-]{8}\.[\w-]+$/);
    assert.doesNotMatch(a, /texte/);
    // 12-byte IV + 11 bytes of UTF-8 + 16-byte tag.
    assert.equal(Buffer.from(a.split('.')[2] ?? '', 'base64url').length, 12 + 11 + 16);
  });

  it('refuses another row, a changed byte, another key and an unknown format', () => {
    const box = seal(key, 'secret', 'email_outbox:1');
    assert.equal(
      reasonOf(() => open(key, box, 'email_outbox:2')),
      'tampered',
    );
    const [version, id, payload = ''] = box.split('.');
    const bytes = Buffer.from(payload, 'base64url');
    bytes[14] = (bytes[14] ?? 0) ^ 1;
    assert.equal(
      reasonOf(() => open(key, `${version}.${id}.${bytes.toString('base64url')}`, 'email_outbox:1')),
      'tampered',
    );
    assert.equal(
      reasonOf(() => open(randomBytes(32), box, 'email_outbox:1')),
      'wrong-key',
    );
    assert.equal(
      reasonOf(() => open(key, `v9.${id}.${payload}`, 'email_outbox:1')),
      'unknown-version',
    );
    assert.equal(
      reasonOf(() => open(key, 'not a box', 'email_outbox:1')),
      'malformed',
    );
    assert.equal(
      reasonOf(() => open(key, `v1.${id}.AAAA`, 'email_outbox:1')),
      'malformed',
    );
  });

  it('refuses a key that is not 32 bytes', () => {
    assert.throws(() => seal(randomBytes(16), 'x'), /32 bytes/);
  });
});
