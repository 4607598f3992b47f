import sharp, { type Sharp } from 'sharp';
import { AppError } from '../../platform/http/errors.ts';

/**
 * Image handling for documents. Every accepted image is decoded and encoded again: what is stored
 * is only the pixels, so EXIF (GPS position, comments), ICC/XMP blocks and anything appended
 * after the image data (the payload of a JPEG/HTML or JPEG/ZIP polyglot) are gone.
 */

// Decoding is where an image bomb hurts (a 10 MiB PNG can declare billions of pixels). 50 MP
// covers the photos of current phones and scanners at 600 dpi A4 (~35 MP) and bounds memory to
// ~150 MB per decode.
export const MAX_IMAGE_PIXELS = 50_000_000;

const PREVIEW_MAX_WIDTH = 1200;

// libvips keeps recent operations and their results (up to 50 MB by default) for reuse; no two
// documents are ever the same input, so the cache only held memory after each upload.
sharp.cache(false);

function decoder(bytes: Buffer): Sharp {
  // failOn 'error' refuses truncated or corrupt images rather than half decoding them; not the
  // stricter 'warning', which would refuse many genuine phone photos over harmless decoder warnings.
  return sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' });
}

/**
 * Re-encodes a JPEG or PNG in its own format with EXIF orientation applied (the pixels turned, so
 * dropping the orientation tag does not turn the image sideways) and no metadata at all.
 * Throws DOCUMENT_UNREADABLE for a corrupt image or one above MAX_IMAGE_PIXELS.
 */
export async function reencodeDocumentImage(
  bytes: Buffer,
  mediaType: 'image/jpeg' | 'image/png',
): Promise<Buffer> {
  try {
    const image = decoder(bytes).rotate();
    // sharp writes no metadata unless asked (no withMetadata/keepExif here, on purpose). libjpeg-turbo's
    // own encoder, not mozjpeg's: on a 10 MiB photo mozjpeg took 2.4–2.7 s of CPU against 0.15–0.27 s
    // for a file about 10 % larger, and images are re-encoded one at a time (document-intake.ts), so
    // it made 10 images of a 20-upload burst wait some 25 s for each other.
    const encoded = mediaType === 'image/jpeg' ? image.jpeg({ quality: 90 }) : image.png();
    return await encoded.toBuffer();
  } catch {
    throw new AppError('DOCUMENT_UNREADABLE');
  }
}

/** A PNG no wider than 1200 px (never enlarged), for staff to look at without downloading. */
export async function renderImagePreview(bytes: Buffer): Promise<Buffer> {
  return decoder(bytes)
    .rotate()
    .resize({ width: PREVIEW_MAX_WIDTH, withoutEnlargement: true })
    .png()
    .toBuffer();
}
