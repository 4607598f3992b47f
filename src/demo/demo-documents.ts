import {
  type IdentityHolder,
  type IdentitySpec,
  identityDocumentMrz,
  renderIdentityDocument,
} from './identity-specimens.ts';
import { renderSampleImage } from './sample-documents.ts';

/**
 * The specimen documents of the demo recovery cases, drawn on the fly and stamped « SPÉCIMEN ». The
 * identity documents carry a valid MRZ for the demo person the checks expect, so the demo's happy
 * path shows the automatic checks passing (with Debian's OCR-B font installed: without it the MRZ is
 * drawn in a fallback font, which OCR misreads often enough for some identity checks to fail).
 */

/** A demo person's identity document: a passport (one page, MRZ on it) or a 2021 ID card (MRZ on the back). */
export type DemoIdentity = {
  kind: Extract<IdentitySpec['kind'], 'passport' | 'fr-id-2021'>;
  holder: IdentityHolder;
  documentNumber: string;
};

export type DemoIdentitySide = 'front' | 'back';

/** The date as the demo's French documents print it: 24/11/2026. */
export function demoDate(today: Date): string {
  return today.toLocaleDateString('fr-FR', { timeZone: 'UTC' });
}

/** Issued on 15 March three years before `today`, valid ten years: never expired whenever the demo runs. */
export function demoIdentitySpec(identity: DemoIdentity, today: Date): IdentitySpec {
  const year = today.getUTCFullYear();
  return {
    ...identity,
    issued: new Date(Date.UTC(year - 3, 2, 15)),
    expiry: new Date(Date.UTC(year + 7, 2, 14)),
    brokenCheckDigit: null,
  };
}

const sideIndex = (side: DemoIdentitySide) => (side === 'front' ? 0 : 1);

/** The MRZ lines printed on one side of the demo identity document (none on a 2021 card's front). */
export function demoIdentityMrz(identity: DemoIdentity, side: DemoIdentitySide, today: Date): string[] {
  return identityDocumentMrz(demoIdentitySpec(identity, today))[sideIndex(side)] ?? [];
}

/** One side of the demo identity document as a PNG, stamped « SPÉCIMEN ». */
export async function renderDemoIdentitySide(
  identity: DemoIdentity,
  side: DemoIdentitySide,
  today: Date,
): Promise<Buffer> {
  const images = await renderIdentityDocument(demoIdentitySpec(identity, today), { stamp: 'SPÉCIMEN' });
  const image = images[sideIndex(side)];
  if (!image) throw new Error(`a ${identity.kind} has no ${side} side`);
  return image;
}

/**
 * The signed letter: who writes, what they ask (one short line each, so none runs past the image's
 * edge), the new email on a line of its own, the date and the signature.
 */
export function renderDemoLetter(
  letter: { signer: string; request: readonly string[]; newEmail: string },
  today: Date,
): Promise<Buffer> {
  return renderSampleImage(
    [
      `Courrier de ${letter.signer}`,
      ...letter.request,
      'Nouvelle adresse e-mail :',
      letter.newEmail,
      `Fait le ${demoDate(today)}`,
      `Signé : ${letter.signer}`,
    ],
    'jpeg',
  );
}
