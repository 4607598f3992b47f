/**
 * Memory of concurrent uploads: `--uploads` (20) recovery documents of about 10 MiB each, half PDF and
 * half JPEG (generated here: a one-page PDF padded with a random stream, a JPEG of random pixels),
 * sent at once to a production `sesame serve --no-worker` on 127.0.0.1, each to its own draft case
 * and from its own client address (TRUST_PROXY, so the per-address quota does not trip), with a
 * fake clamd in this process answering OK (test/support/fake-clamd.ts; `--no-clamd` to skip the
 * scan), HTTP timeouts raised to 600 s (memory is measured here, not latency; the time is printed). Prints the server's resident memory (VmRSS) at rest, after one warm-up upload of each type,
 * at its peak during the burst (sampled every 20 ms) and after it (3 s, then 10 s idle); the server
 * exposes no GC, so "after" is what V8 and the allocators gave back on their own. On PGlite, and on
 * PostgreSQL when DATABASE_URL is set (a throwaway database, created and dropped). Exits 1 if an
 * upload is refused or the burst does not end within `--timeout` seconds.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/uploads.ts [--uploads 20] [--timeout 180] [--no-clamd] [--default-timeouts] [--built]
 */
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as mupdf from 'mupdf';
import sharp from 'sharp';
import { systemClock } from '../src/platform/clock.ts';
import { MAX_DOCUMENT_BYTES } from '../src/platform/files/limits.ts';
import { multipartBody } from '../test/support/documents.ts';
import { startFakeClamd } from '../test/support/fake-clamd.ts';
import { seedRecoveryCase } from '../test/support/recovery.ts';
import {
  type BenchServer,
  nextAddress,
  rssMiB,
  sleep,
  startSesameServer,
  startSmtpSink,
} from './support/sesame-server.ts';

const { values } = parseArgs({
  options: {
    uploads: { type: 'string', default: '20' },
    timeout: { type: 'string', default: '180' },
    'no-clamd': { type: 'boolean', default: false },
    'default-timeouts': { type: 'boolean', default: false },
    // Sésame from `npm run build` (dist/cli.js) rather than the sources through tsx.
    built: { type: 'boolean', default: false },
  },
});
const uploads = Number(values.uploads);
const timeoutMs = Number(values.timeout) * 1000;
// Below the limit by more than the multipart framing, so every upload is accepted.
const TARGET_BYTES = MAX_DOCUMENT_BYTES - 64 * 1024;

type Sample = { label: string; rssMiB: number };
type Upload = { reference: string; caseToken: string };

/** A one-page PDF that mupdf opens, padded to `TARGET_BYTES` with a random (incompressible) stream. */
function largePdf(): Buffer {
  const doc = new mupdf.PDFDocument();
  try {
    const font = doc.addSimpleFont(new mupdf.Font('Helvetica'));
    const resources = doc.addObject({ Font: { F1: font } });
    doc.insertPage(-1, doc.addPage([0, 0, 595, 842], 0, resources, 'BT /F1 18 Tf 72 760 Td (Banc) Tj ET'));
    doc
      .getTrailer()
      .get('Root')
      .put('Padding', doc.addStream(randomBytes(TARGET_BYTES - 16 * 1024), {}));
    return Buffer.from(doc.saveToBuffer('').asUint8Array());
  } finally {
    doc.destroy();
  }
}

/** A JPEG of random pixels (about 2.9 bytes a pixel at quality 100), just under `TARGET_BYTES`. */
async function largeJpeg(): Promise<Buffer> {
  const width = 2160;
  for (let height = 1660; ; height -= 20) {
    const jpeg = await sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 100, chromaSubsampling: '4:4:4' })
      .toBuffer();
    if (jpeg.length <= TARGET_BYTES) return jpeg;
  }
}

async function upload(server: BenchServer, target: Upload, file: { bytes: Buffer; pdf: boolean }) {
  const body = multipartBody([
    { name: 'kind', value: 'identity_front' },
    {
      name: 'file',
      filename: file.pdf ? 'piece.pdf' : 'piece.jpg',
      contentType: file.pdf ? 'application/pdf' : 'image/jpeg',
      bytes: file.bytes,
    },
  ]);
  const url = new URL(`${server.baseUrl}/api/v1/recovery/cases/${target.reference}/documents`);
  // node:http rather than fetch: a server that answers before the body is sent (413, 429…) closes
  // the socket, and fetch then reports only EPIPE; here the answer is read whatever happens to the body.
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST',
      // A connection of its own: a keep-alive socket left by the warm-up could be closed by the
      // server's 5 s keep-alive timeout just as the burst writes on it (EPIPE, no answer).
      agent: false,
      headers: {
        ...body.headers,
        'content-length': String(body.payload.length),
        authorization: `Bearer ${target.caseToken}`,
        'x-forwarded-for': nextAddress(),
      },
      timeout: timeoutMs,
    });
    let answered = false;
    request.on('response', (response) => {
      answered = true;
      let text = '';
      response.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.on('timeout', () => request.destroy(new Error('upload timed out')));
    let failure: Error | null = null;
    request.on('error', (error) => {
      failure = error;
    });
    // An EPIPE may still be followed by the answer; without one, the close ends the wait.
    request.on('close', () => {
      if (!answered) reject(failure ?? new Error('connection closed without an answer'));
    });
    request.end(body.payload);
  });
  if (status !== 201) throw new Error(`upload refused: ${status} ${text}`);
}

async function measure(kind: 'pglite' | 'postgres', smtpPort: number, files: { pdf: Buffer; jpeg: Buffer }) {
  const clamd = values['no-clamd'] ? null : await startFakeClamd('ok');
  const { server, seeded: cases } = await startSesameServer(kind, {
    smtpPort,
    built: values.built,
    // Generous HTTP timeouts: this measures memory, and without them the code before streaming lost
    // uploads that waited their turn past the 30 s idle timeout (reported as socket hang-ups).
    // `--default-timeouts` keeps the production ones (120 s request, 30 s idle, 10 s clamd).
    env: {
      ...(values['default-timeouts']
        ? {}
        : { HTTP_REQUEST_TIMEOUT_SECONDS: '600', HTTP_IDLE_TIMEOUT_SECONDS: '600' }),
      ...(clamd ? { CLAMD_URL: clamd.url } : {}),
    },
    seed: async (db) => {
      const created: Upload[] = [];
      for (let i = 0; i < uploads + 2; i++) {
        const { recoveryCase, caseToken } = await seedRecoveryCase(
          { db, clock: systemClock },
          { status: 'draft' },
        );
        created.push({ reference: recoveryCase.reference, caseToken });
      }
      return created;
    },
  });
  const samples: Sample[] = [];
  const note = (label: string) => samples.push({ label, rssMiB: rssMiB(server.child) });
  try {
    await sleep(2000);
    note('at rest');
    await upload(server, cases[0] as Upload, { bytes: files.pdf, pdf: true });
    await upload(server, cases[1] as Upload, { bytes: files.jpeg, pdf: false });
    if (clamd) clamd.received.length = 0;
    await sleep(3000);
    note('after warm-up');
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMiB(server.child));
    }, 20);
    const started = performance.now();
    try {
      await Promise.all(
        cases
          .slice(2)
          .map((target, i) =>
            upload(
              server,
              target,
              i % 2 === 0 ? { bytes: files.pdf, pdf: true } : { bytes: files.jpeg, pdf: false },
            ),
          ),
      );
    } finally {
      clearInterval(sampler);
    }
    const seconds = (performance.now() - started) / 1000;
    samples.push({ label: 'peak during the burst', rssMiB: Math.max(peak, rssMiB(server.child)) });
    if (clamd) clamd.received.length = 0;
    await sleep(3000);
    note('3 s after');
    await sleep(7000);
    note('10 s after');
    const stored = readdirSync(path.join(server.dataDir, 'documents')).filter(
      (n) => !n.startsWith('.'),
    ).length;
    return { samples, seconds, stored };
  } finally {
    await server.stop();
    await clamd?.close();
  }
}

const files = { pdf: largePdf(), jpeg: await largeJpeg() };
console.log(
  `${uploads} uploads at once: PDF ${(files.pdf.length / 2 ** 20).toFixed(2)} MiB, JPEG ${(files.jpeg.length / 2 ** 20).toFixed(2)} MiB, clamd ${values['no-clamd'] ? 'off' : 'fake, in this process'}`,
);
const sink = await startSmtpSink();
let ok = true;
try {
  const kinds: ('pglite' | 'postgres')[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
  for (const kind of kinds) {
    try {
      const { samples, seconds, stored } = await measure(kind, sink.port, files);
      const rest = samples.find((s) => s.label === 'after warm-up')?.rssMiB ?? 0;
      console.log(`${kind}: ${uploads} uploads in ${seconds.toFixed(1)} s, ${stored} documents stored`);
      for (const sample of samples) {
        const growth =
          sample.label === 'at rest'
            ? ''
            : `  (${sample.rssMiB - rest >= 0 ? '+' : ''}${(sample.rssMiB - rest).toFixed(0)} MiB over warm rest)`;
        console.log(`  RSS ${sample.label.padEnd(22)} ${sample.rssMiB.toFixed(0).padStart(5)} MiB${growth}`);
      }
    } catch (error) {
      ok = false;
      const cause = (error as Error).cause as Error | undefined;
      console.log(`${kind}: ${(error as Error).message}${cause ? ` (${cause.message})` : ''}`);
    }
  }
} finally {
  sink.close();
}
process.exit(ok ? 0 : 1);
