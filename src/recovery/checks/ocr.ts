import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createWorker, OEM, type Page, PSM, type Worker } from 'tesseract.js';
import { mrzLineText } from './ocr-symbols.ts';

/**
 * Offline OCR with tesseract.js (WASM in a worker thread). One worker at a time for the whole
 * process (OCR takes a full core), kept for reuse and terminated when idle, on timeout or by
 * `shutdownOcr()`. Language data comes only from the npm packages `@tesseract.js-data/{fra,eng}`:
 * the worker is never allowed to download (no `cachePath` writes, a local `langPath`).
 */

export type OcrMode = 'text' | 'mrz';
export type OcrOutcome = { ok: true; text: string } | { ok: false; reason: 'timeout' | 'unreadable' };

/** Largest side sent to OCR: enough for a 300 dpi ID card, bounded for memory on phone photos. */
export const MAX_OCR_SIDE = 2500;
// MRZ characters need ~25 px of height; a small crop is enlarged up to this width.
const MIN_MRZ_WIDTH = 1400;
// The second MRZ pass reads 1.5× larger glyphs: tesseract's LSTM doubles or drops different
// characters at another scale (seen: `Z8RT` read as `ZB8RT`).
const RETRY_MRZ_SCALE = 1.5;
// Refuse decompression bombs before decoding (a 48 MP phone photo still passes).
const MAX_INPUT_PIXELS = 80_000_000;
const IDLE_MS = 30_000;
const MRZ_WHITELIST = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

const require = createRequire(import.meta.url);
let langDir: string | null = null;

/**
 * tesseract.js reads every language from one `langPath`, but each npm package holds one language;
 * a private temp folder of symlinks joins them (language data only, never document text).
 */
function localLanguageDir(): string {
  if (langDir) return langDir;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sesame-tessdata-'));
  for (const lang of ['fra', 'eng']) {
    const pkg = path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
    // best_int: LSTM-only integer models, the fastest and smallest ones.
    symlinkSync(
      path.join(pkg, '4.0.0_best_int', `${lang}.traineddata.gz`),
      path.join(dir, `${lang}.traineddata.gz`),
    );
  }
  langDir = dir;
  return dir;
}

let worker: Promise<Worker> | null = null;
let idleTimer: NodeJS.Timeout | null = null;
let queue: Promise<unknown> = Promise.resolve();

function getWorker(): Promise<Worker> {
  if (!worker) {
    const created = createWorker('fra+eng', OEM.LSTM_ONLY, {
      langPath: localLanguageDir(),
      cacheMethod: 'none',
      gzip: true,
    });
    // A worker that failed to start must not be reused by the next call.
    created.catch(() => {
      if (worker === created) worker = null;
    });
    worker = created;
  }
  return worker;
}

async function terminateWorker(): Promise<void> {
  const current = worker;
  worker = null;
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  if (current) await current.then((w) => w.terminate()).catch(() => undefined);
}

/** Stops the OCR worker (tests, graceful shutdown); the next OCR call starts a new one. */
export async function shutdownOcr(): Promise<void> {
  await queue.catch(() => undefined);
  await terminateWorker();
  if (langDir) rmSync(langDir, { recursive: true, force: true });
  langDir = null;
}

/** Runs `job` after every earlier OCR job: one OCR at a time in the process. */
function runExclusive<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}

/**
 * A grayscale PNG within MAX_OCR_SIDE, or null when the image cannot be decoded. `bottom_half` is for
 * MRZ passes on a photo of one side of a card or passport page, where the MRZ is printed;
 * `bottom_half_large` is the same crop enlarged, for a second MRZ pass; `bottom_half_binarized` is
 * the crop at twice the size in black and white, for a third (OCR reads 0/O and 8/B differently).
 */
export async function prepareImageForOcr(
  bytes: Buffer,
  region: 'whole' | 'bottom_half' | 'bottom_half_large' | 'bottom_half_binarized',
): Promise<Buffer | null> {
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).rotate();
    const resized = await image
      .resize({ width: MAX_OCR_SIDE, height: MAX_OCR_SIDE, fit: 'inside', withoutEnlargement: true })
      .grayscale()
      .png()
      .toBuffer({ resolveWithObject: true });
    if (region === 'whole') return resized.data;
    const { width, height } = resized.info;
    const top = Math.floor(height / 2);
    let crop = sharp(resized.data).extract({ left: 0, top, width, height: height - top });
    const minWidth = Math.max(width, MIN_MRZ_WIDTH);
    const scale =
      region === 'bottom_half_large' ? RETRY_MRZ_SCALE : region === 'bottom_half_binarized' ? 2 : 1;
    const target = Math.round(minWidth * scale);
    if (target !== width) crop = crop.resize({ width: target });
    if (region === 'bottom_half_binarized') crop = crop.normalise().threshold(140);
    return await crop.png().toBuffer();
  } catch {
    return null;
  }
}

async function recognizeAll(images: Buffer[], mode: OcrMode): Promise<string> {
  const w = await getWorker();
  // Parameters persist in the worker: both modes set both, so a text pass never inherits the whitelist.
  await w.setParameters({
    tessedit_char_whitelist: mode === 'mrz' ? MRZ_WHITELIST : '',
    tessedit_pageseg_mode: mode === 'mrz' ? PSM.SINGLE_BLOCK : PSM.AUTO,
  });
  const texts: string[] = [];
  for (const image of images) {
    if (mode === 'text') {
      texts.push((await w.recognize(image)).data.text);
      continue;
    }
    // MRZ lines are rebuilt from the symbols, so a glyph read twice can be told by its position.
    const { data } = await w.recognize(image, {}, { blocks: true, text: false });
    texts.push(mrzTextOf(data));
  }
  return texts.join('\n');
}

function mrzTextOf(page: Page): string {
  return (page.blocks ?? [])
    .flatMap((block) => block.paragraphs.flatMap((paragraph) => paragraph.lines))
    .map((line) =>
      mrzLineText(
        line.words.flatMap((word) =>
          word.symbols.map((s) => ({ text: s.text, confidence: s.confidence, x0: s.bbox.x0, x1: s.bbox.x1 })),
        ),
      ),
    )
    .join('\n');
}

/**
 * OCR of already prepared PNG images (see prepareImageForOcr), in order, their texts joined. The
 * time bound starts when this job gets the worker; on timeout the worker is terminated, since a
 * WASM recognition cannot be interrupted any other way.
 */
export function recognizeImages(images: Buffer[], mode: OcrMode, timeoutMs: number): Promise<OcrOutcome> {
  return runExclusive(async () => {
    if (idleTimer) clearTimeout(idleTimer);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const work = recognizeAll(images, mode);
    // The losing promise may reject after termination; nobody waits for it.
    work.catch(() => undefined);
    try {
      const text = await Promise.race([work, timeout]);
      if (text === 'timeout') {
        await terminateWorker();
        return { ok: false, reason: 'timeout' } as const;
      }
      return { ok: true, text } as const;
    } catch {
      await terminateWorker();
      return { ok: false, reason: 'unreadable' } as const;
    } finally {
      clearTimeout(timer);
      if (worker) {
        idleTimer = setTimeout(() => void terminateWorker(), IDLE_MS);
        // The idle timer alone must not keep a finished process alive.
        idleTimer.unref();
      }
    }
  });
}
