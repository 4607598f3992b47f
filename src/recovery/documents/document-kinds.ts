import type { AccountType } from '../../accounts/account.ts';

/** The documents of a recovery case: their kinds, the media types accepted, and what each account type sends. */

export const documentKinds = [
  'identity_front',
  'identity_back',
  'signed_letter',
  'kbis',
  'statutes',
] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const documentMediaTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentMediaType = (typeof documentMediaTypes)[number];

/** The documents each account type must provide (API.md), in the order the claimant is asked. */
export const requiredDocumentKinds: Readonly<Record<AccountType, readonly DocumentKind[]>> = {
  individual: ['identity_front', 'signed_letter'],
  company: ['kbis', 'identity_front', 'signed_letter'],
  association: ['statutes', 'identity_front', 'identity_back', 'signed_letter'],
};

/**
 * The documents each account type may add without being asked: never a requirement (API.md's list
 * stays the submit rule). The back of the identity document, because French ID cards since 2021 and
 * residence permits carry their machine-readable zone there, and the automatic checks look for it
 * on every identity side of the case: without it, such a card raises a flag a supervisor must lift.
 * Associations must send it already.
 */
export const optionalDocumentKinds: Readonly<Record<AccountType, readonly DocumentKind[]>> = {
  individual: ['identity_back'],
  company: ['identity_back'],
  association: [],
};

// One order for every type, so the back comes right after the front whether it is required or not;
// each type's required kinds keep their order in it.
const documentAskingOrder: readonly DocumentKind[] = [
  'kbis',
  'statutes',
  'identity_front',
  'identity_back',
  'signed_letter',
];

/** The kinds a claimant of `type` may upload, required and optional, in the order they are asked. */
export function uploadableDocumentKinds(type: AccountType): readonly DocumentKind[] {
  const accepted = new Set([...requiredDocumentKinds[type], ...optionalDocumentKinds[type]]);
  return documentAskingOrder.filter((kind) => accepted.has(kind));
}

export function isOptionalDocumentKind(type: AccountType, kind: DocumentKind): boolean {
  return optionalDocumentKinds[type].includes(kind);
}

export type RecoveryDocument = {
  id: string;
  caseId: string;
  kind: DocumentKind;
  mediaType: DocumentMediaType;
  size: number;
  originalName: string | null;
  pageCount: number | null;
  scanStatus: 'clean' | 'not_scanned';
  uploadedAt: Date;
  purgedAt: Date | null;
};
