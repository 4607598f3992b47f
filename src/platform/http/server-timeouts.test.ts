import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createManualClock } from '../clock.ts';
import { createDocumentStorage } from '../files/document-storage.ts';

type LogLine = { level: number; msg: string };

/** Sends `chunks` over a raw socket, then waits until the server closes it; returns what it answered. */
function rawExchange(port: number, chunks: string[], closeAfterSending = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (data) => {
      answer += data.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer));
    socket.on('connect', () => {
      for (const chunk of chunks) socket.write(chunk);
      if (closeAfterSending) setImmediate(() => socket.destroy());
    });
    setTimeout(() => reject(new Error('the server never closed the socket')), 20_000).unref();
  });
}

const partialLogin = [
  'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n',
  '{"email":"slow@example.org",',
];

// A real port is the point here (timeouts live in node's HTTP server); PGlite is enough.
describe('HTTP server timeouts and aborted bodies', () => {
  let app: FastifyInstance;
  let database: TestDatabase;
  let dataDir: string;
  let port: number;
  const lines: LogLine[] = [];
  before(async () => {
    database = await createTestDatabase('pglite');
    dataDir = await mkdtemp(path.join(tmpdir(), 'sesame-timeouts-'));
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      HTTP_HEADERS_TIMEOUT_SECONDS: '1',
      HTTP_REQUEST_TIMEOUT_SECONDS: '2',
      HTTP_IDLE_TIMEOUT_SECONDS: '1',
    });
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
        done();
      },
    });
    const log = pino({ level: 'debug' }, sink);
    app = await buildApp({
      config,
      db: database.db,
      clock: createManualClock(),
      log,
      masterKey: randomBytes(32),
      storage: createDocumentStorage(config),
    });
    // A route that fails after reading its whole body: a bug of ours, never the client's abort.
    app.post('/test/fails-after-body', async () => {
      throw new Error('a bug after the body was read');
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
  });
  after(async () => {
    await app.close();
    await database.destroy();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('logs a body the client abandoned at debug, never as an unhandled error', async () => {
    await rawExchange(port, partialLogin, true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(lines.some((l) => l.msg === 'request aborted by the client' && l.level === 20));
    assert.ok(!lines.some((l) => l.msg === 'unhandled error'));
  });

  it('answers 500 and logs an unhandled error when a route fails after reading its body', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/test/fails-after-body`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ any: 'thing' }),
    });
    assert.equal(response.status, 500, await response.text());
    assert.ok(lines.some((l) => l.msg === 'unhandled error' && l.level === 50));
    lines.length = 0;
  });

  it('closes a connection whose headers never end', async () => {
    const answer = await rawExchange(port, ['GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ']);
    assert.ok(answer === '' || answer.startsWith('HTTP/1.1 408'), answer);
  });

  it('closes a connection whose body stalls, without an unhandled error', async () => {
    const answer = await rawExchange(port, partialLogin);
    assert.ok(!answer.startsWith('HTTP/1.1 2'), answer);
    assert.ok(!lines.some((l) => l.msg === 'unhandled error'));
  });
});
