import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

/** RFC 6238 TOTP as every authenticator app does it: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;

/** A new base32 secret of 20 bytes (160 bits, RFC 4226's recommended length). */
export function createTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The `otpauth://` URI an authenticator app enrols from (what the QR code encodes). */
export function totpUri(issuer: string, email: string, secret: string): string {
  return generateURI({ issuer, label: email, secret, period: TOTP_PERIOD_SECONDS });
}

/** The QR code of an enrolment URI as a `data:` URL (the CSP allows `img-src data:`). */
export function totpQrCodeDataUrl(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
}

/**
 * Checks a code at `now`, allowing one step of clock drift either way. Returns the time step the
 * code belongs to, so the caller can refuse it (and every earlier one) the next time: a code is
 * single use. A code at or before `lastAcceptedStep` is refused as `replayed`.
 */
export async function verifyTotpCode(
  secret: string,
  code: string,
  now: Date,
  lastAcceptedStep: number | null,
): Promise<{ ok: true; step: number } | { ok: false; reason: 'invalid' | 'replayed' }> {
  // Only six digits reach the library, which throws on anything else.
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'invalid' };
  try {
    const result = await verify({
      secret,
      token: code,
      epoch: Math.floor(now.getTime() / 1000),
      period: TOTP_PERIOD_SECONDS,
      epochTolerance: TOTP_PERIOD_SECONDS,
    });
    // The functional API types TOTP and HOTP results together; only a TOTP result has a time step.
    if (!result.valid || !('timeStep' in result)) return { ok: false, reason: 'invalid' };
    if (lastAcceptedStep !== null && result.timeStep <= lastAcceptedStep)
      return { ok: false, reason: 'replayed' };
    return { ok: true, step: result.timeStep };
  } catch {
    // A malformed stored secret must fail closed, like a wrong code.
    return { ok: false, reason: 'invalid' };
  }
}
