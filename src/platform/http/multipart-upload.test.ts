import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { createTestPdf, multipartBody } from '../../../test/support/documents.ts';
import { loadConfig } from '../../config.ts';
import { MAX_DOCUMENT_BYTES } from '../files/limits.ts';
import csrf from './csrf.ts';
import { registerErrorHandlers } from './error-handler.tsx';
import { readMultipartUpload } from './multipart-upload.ts';

// A small app with the real cookie, multipart (same limits as app.ts), CSRF and error handling,
// and one upload route that answers with what the reader returned.
let app: FastifyInstance;
let dataDir: string;
let token: string;
let cookies: string;

before(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'sesame-multipart-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  app = Fastify();
  registerErrorHandlers(app);
  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 8, fieldSize: 4096, parts: 10 },
  });
  await app.register(csrf, { config });
  app.get('/api/token', async (request) => ({ token: request.csrfToken() }));
  app.post('/api/upload', { config: { multipartCsrf: true } }, async (request) => {
    const { fields, file } = await readMultipartUpload(request, async ({ filename, stream }) => {
      // Counts what arrives, holding no chunk: the reader hands the file over as a stream.
      let size = 0;
      let chunks = 0;
      for await (const chunk of stream) {
        size += (chunk as Buffer).length;
        chunks += 1;
      }
      return { filename, size, chunks };
    });
    return { fields, file };
  });
  await app.ready();
  const response = await app.inject({ method: 'GET', url: '/api/token' });
  token = response.json<{ token: string }>().token;
  cookies = response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
});
after(async () => {
  await app.close();
  await rm(dataDir, { recursive: true, force: true });
});

function post(parts: Parameters<typeof multipartBody>[0], headers: Record<string, string> = {}) {
  const body = multipartBody(parts);
  return app.inject({
    method: 'POST',
    url: '/api/upload',
    payload: body.payload,
    headers: { ...body.headers, cookie: cookies, ...headers },
  });
}

const pdfPart = (bytes: Buffer = createTestPdf('pièce')) => ({
  name: 'file',
  filename: 'pièce.pdf',
  contentType: 'application/pdf',
  bytes,
});

describe('readMultipartUpload', () => {
  it('returns the fields and the file of a form post whose _csrf comes first', async () => {
    const pdf = createTestPdf('pièce');
    const response = await post([
      { name: '_csrf', value: token },
      { name: 'kind', value: 'identity' },
      pdfPart(pdf),
    ]);
    assert.equal(response.statusCode, 200);
    const body = response.json<{ file: { chunks: number } }>();
    assert.deepEqual(body, {
      fields: { _csrf: token, kind: 'identity' },
      file: { filename: 'pièce.pdf', size: pdf.length, chunks: body.file.chunks },
    });
  });

  it('accepts a file first when the token came in the x-csrf-token header', async () => {
    const response = await post([pdfPart(), { name: 'kind', value: 'identity' }], { 'x-csrf-token': token });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json<{ fields: { kind: string } }>().fields.kind, 'identity');
  });

  it('refuses a form post without _csrf with 403', async () => {
    const response = await post([{ name: 'kind', value: 'identity' }, pdfPart()]);
    assert.equal(response.statusCode, 403);
    assert.equal(response.json<{ code: string }>().code, 'csrf-failed');
  });

  it('refuses a form post whose _csrf comes after the file with 403', async () => {
    const response = await post([pdfPart(), { name: '_csrf', value: token }]);
    assert.equal(response.statusCode, 403);
    // Refused before reading the file: an oversized one gives 403, not 413.
    const big = await post([pdfPart(Buffer.alloc(11 * 1024 * 1024)), { name: '_csrf', value: token }]);
    assert.equal(big.statusCode, 403);
  });

  it('refuses a wrong _csrf, and a form with no part at all, with 403', async () => {
    assert.equal((await post([{ name: '_csrf', value: 'faux' }, pdfPart()])).statusCode, 403);
    assert.equal((await post([])).statusCode, 403);
  });

  it('stops an 11 MiB file with 413', async () => {
    const big = Buffer.alloc(11 * 1024 * 1024, 0x20);
    const response = await post([{ name: '_csrf', value: token }, pdfPart(big)]);
    assert.equal(response.statusCode, 413);
    assert.equal(response.json<{ code: string }>().code, 'payload-too-large');
  });

  it('answers 413 over a real connection, without leaving it hanging', async () => {
    const address = app.server.listening
      ? `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
      : await app.listen({ port: 0, host: '127.0.0.1' });
    const body = multipartBody([pdfPart(Buffer.alloc(11 * 1024 * 1024))]);
    // A Bearer request skips CSRF, so the reader goes straight to the file.
    const response = await fetch(`${address}/api/upload`, {
      method: 'POST',
      body: new Uint8Array(body.payload),
      headers: { ...body.headers, authorization: 'Bearer test' },
    });
    assert.equal(response.status, 413);
    assert.equal(((await response.json()) as { code: string }).code, 'payload-too-large');
  });

  it('accepts a file of exactly 10 MiB', async () => {
    const response = await post([
      { name: '_csrf', value: token },
      pdfPart(Buffer.alloc(MAX_DOCUMENT_BYTES, 1)),
    ]);
    assert.equal(response.statusCode, 200);
    assert.equal(response.json<{ file: { size: number } }>().file.size, MAX_DOCUMENT_BYTES);
  });

  it('hands a file over a real connection as the pieces arrive, never concatenated', async () => {
    const address = app.server.listening
      ? `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
      : await app.listen({ port: 0, host: '127.0.0.1' });
    const body = multipartBody([pdfPart(Buffer.alloc(MAX_DOCUMENT_BYTES, 1))]);
    const response = await fetch(`${address}/api/upload`, {
      method: 'POST',
      body: new Uint8Array(body.payload),
      headers: { ...body.headers, authorization: 'Bearer test' },
    });
    assert.equal(response.status, 200);
    const { file } = (await response.json()) as { file: { size: number; chunks: number } };
    assert.equal(file.size, MAX_DOCUMENT_BYTES);
    // The socket's pieces as busboy parses them (64 KiB or less each), not one 10 MiB buffer.
    assert.ok(file.chunks >= MAX_DOCUMENT_BYTES / (64 * 1024), `${file.chunks} chunks`);
  });

  it('fails the stream with 413 when the file passes 10 MiB by a single byte, even when read to its end', async () => {
    const response = await post([
      { name: '_csrf', value: token },
      pdfPart(Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 1)),
    ]);
    // busboy alone would end the stream at 10 MiB as if the file were whole.
    assert.equal(response.statusCode, 413);
  });

  it('refuses a second file and an oversized field with 413', async () => {
    const twoFiles = await post([
      { name: '_csrf', value: token },
      pdfPart(),
      { ...pdfPart(), name: 'other' },
    ]);
    assert.equal(twoFiles.statusCode, 413);
    const longField = await post([
      { name: '_csrf', value: token },
      { name: 'note', value: 'x'.repeat(5000) },
    ]);
    assert.equal(longField.statusCode, 413);
  });

  it('refuses a malformed multipart body with 422', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/upload',
      payload: '--b\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\nabc',
      headers: { 'content-type': 'multipart/form-data; boundary=b', cookie: cookies, 'x-csrf-token': token },
    });
    assert.equal(response.statusCode, 422);
  });
});
