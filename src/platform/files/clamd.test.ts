import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { describe, it } from 'node:test';
import { startFakeClamd } from '../../../test/support/fake-clamd.ts';
import { parseClamdUrl, scanWithClamd } from './clamd.ts';

describe('scanWithClamd (INSTREAM, against a fake clamd)', () => {
  it('sends the whole file in framed chunks and reads OK as clean', async () => {
    const clamd = await startFakeClamd('ok');
    try {
      // Larger than one 64 KiB chunk, so the framing of several chunks is exercised.
      const bytes = randomBytes(200 * 1024);
      assert.deepEqual(await scanWithClamd(clamd.url, bytes), { ok: true, verdict: 'clean' });
      assert.equal(clamd.received.length, 1);
      assert.ok(clamd.received[0]?.equals(bytes));
    } finally {
      await clamd.close();
    }
  });

  it('reads a FOUND reply as infected, with the signature name', async () => {
    const clamd = await startFakeClamd('found');
    try {
      assert.deepEqual(await scanWithClamd(clamd.url, Buffer.from('X5O!P%@AP')), {
        ok: true,
        verdict: 'infected',
        signature: 'Fake.Test.Signature',
      });
    } finally {
      await clamd.close();
    }
  });

  it('gives up after the timeout when clamd never answers', async () => {
    const clamd = await startFakeClamd('silent');
    try {
      const result = await scanWithClamd(clamd.url, Buffer.from('bonjour'), { timeoutMs: 200 });
      assert.deepEqual(result, { ok: false, reason: 'timeout' });
    } finally {
      await clamd.close();
    }
  });

  it('does not count the time the source takes to arrive against clamd (a slow upload is scanned)', async () => {
    const clamd = await startFakeClamd('ok');
    try {
      const pieces = [randomBytes(1000), randomBytes(1000), randomBytes(1000), randomBytes(1000)];
      async function* slowly() {
        for (const piece of pieces) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          yield piece;
        }
      }
      // Four pieces 100 ms apart against a 150 ms deadline: only clamd's own steps are timed.
      assert.deepEqual(await scanWithClamd(clamd.url, slowly(), { timeoutMs: 150 }), {
        ok: true,
        verdict: 'clean',
      });
      assert.ok(clamd.received[0]?.equals(Buffer.concat(pieces)));
    } finally {
      await clamd.close();
    }
  });

  it('fails when clamd closes the connection without a verdict, or cannot be reached', async () => {
    const clamd = await startFakeClamd('close');
    try {
      assert.deepEqual(await scanWithClamd(clamd.url, Buffer.from('bonjour')), {
        ok: false,
        reason: 'connection',
      });
    } finally {
      await clamd.close();
    }
    // A port nobody listens on (taken, then released).
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    assert.deepEqual(await scanWithClamd(`tcp://127.0.0.1:${port}`, Buffer.from('x')), {
      ok: false,
      reason: 'connection',
    });
  });

  it('treats any other reply as a failure, not as clean', async () => {
    const server = net.createServer((socket) => {
      socket.on('error', () => {});
      socket.once('data', () => socket.end('INSTREAM size limit exceeded. ERROR\0'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as net.AddressInfo;
      assert.deepEqual(await scanWithClamd(`tcp://127.0.0.1:${port}`, Buffer.from('x')), {
        ok: false,
        reason: 'unexpected-reply',
      });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('parseClamdUrl', () => {
  it('reads tcp and unix addresses and refuses anything else', () => {
    assert.deepEqual(parseClamdUrl('tcp://clamav.internal:3310'), { host: 'clamav.internal', port: 3310 });
    assert.deepEqual(parseClamdUrl('tcp://[::1]:3311'), { host: '::1', port: 3311 });
    assert.deepEqual(parseClamdUrl('unix:///run/clamav/clamd.ctl'), { path: '/run/clamav/clamd.ctl' });
    assert.equal(parseClamdUrl('http://clamav:3310'), null);
    assert.equal(parseClamdUrl('clamav:3310 nonsense'), null);
  });
});
