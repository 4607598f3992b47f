import sharp from 'sharp';
import type { Random } from './random.ts';

/**
 * What a phone photo or a cheap scanner does to a document: grey background around it, a slight
 * rotation (±1.5°), blur, grain, and JPEG at a lower quality. Every parameter comes from `random`,
 * so the same seed gives the same bytes.
 */
export async function scannedLook(
  image: Buffer,
  random: Random,
  options: { margin?: number } = {},
): Promise<Buffer> {
  const margin = options.margin ?? 40;
  const grey = random.int(170, 215);
  const background = { r: grey, g: grey, b: grey - random.int(0, 12), alpha: 1 };
  const angle = (random.next() * 2 - 1) * 1.5;
  const sigma = 0.4 + random.next() * 0.5;
  const quality = random.int(55, 75);

  const framed = await sharp(image)
    // Transparent corners (rounded cards) become the scanner's background, not black.
    .flatten({ background })
    .extend({ top: margin, bottom: margin, left: margin, right: margin, background })
    .rotate(angle, { background })
    .blur(sigma)
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height, channels } = framed.info;
  const pixels = framed.data;
  // Grain: a small signed offset per pixel, the same on every channel (sensor noise is mostly luminance).
  const amplitude = random.int(8, 18);
  for (let i = 0; i < width * height; i++) {
    const offset = Math.round((random.next() * 2 - 1) * amplitude);
    for (let c = 0; c < Math.min(channels, 3); c++) {
      const at = i * channels + c;
      pixels[at] = Math.max(0, Math.min(255, (pixels[at] ?? 0) + offset));
    }
  }
  return sharp(pixels, { raw: { width, height, channels } }).jpeg({ quality }).toBuffer();
}
