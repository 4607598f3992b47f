/** The MRZ formats the checks read, and an MRZ as found in OCR output (its lines, not yet parsed). */

export const mrzFormats = ['TD1', 'TD2', 'TD3', 'FRENCH_NATIONAL_ID'] as const;
export type MrzFormat = (typeof mrzFormats)[number];

export type FoundMrz = { format: MrzFormat; lines: string[] };
