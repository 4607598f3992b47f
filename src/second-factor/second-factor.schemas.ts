import { z } from 'zod';

export const currentPasswordSchema = z.object({
  currentPassword: z.string('required').min(1, 'required').max(1024, 'too_long'),
});

export const totpCodeSchema = z.object({
  code: z.string('required').trim().min(1, 'required').max(32, 'too_long'),
});

const transports = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'] as const;
function isTransport(value: string): value is (typeof transports)[number] {
  return (transports as readonly string[]).includes(value);
}

const code = z.string('required').trim().min(1, 'required').max(32, 'too_long');
// WebAuthn's JSON encoding: base64url strings, bounded (an attestation object is a few KiB).
const b64url = (max: number) =>
  z
    .string('required')
    .max(max, 'too_long')
    .regex(/^[A-Za-z0-9_-]*$/, 'invalid');

/** A browser's answer to navigator.credentials.get(), as @simplewebauthn/browser sends it. */
export const authenticationResponseSchema = z.looseObject({
  id: b64url(1024),
  rawId: b64url(1024),
  type: z.literal('public-key', 'invalid'),
  response: z.looseObject({
    clientDataJSON: b64url(4096),
    authenticatorData: b64url(4096),
    signature: b64url(2048),
    userHandle: b64url(512).optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
});

/** A browser's answer to navigator.credentials.create(). */
export const registrationResponseSchema = z.looseObject({
  id: b64url(1024),
  rawId: b64url(1024),
  type: z.literal('public-key', 'invalid'),
  response: z.looseObject({
    clientDataJSON: b64url(4096),
    attestationObject: b64url(16_384),
    // Unknown transports are dropped rather than refused: browsers add new ones over time.
    transports: z
      .array(z.string().max(32))
      .max(10)
      .optional()
      .transform((list) => list?.filter(isTransport)),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
});

/** POST /api/v1/auth/mfa: a code from the app, a recovery code, or a passkey's assertion. */
export const mfaSchema = z.discriminatedUnion(
  'method',
  [
    z.object({ method: z.literal('totp'), code }),
    z.object({ method: z.literal('recovery_code'), code }),
    z.object({ method: z.literal('passkey'), response: authenticationResponseSchema }),
  ],
  'invalid',
);

export const passkeyName = z.string('required').trim().min(1, 'required').max(60, 'too_long');

export const optionalPasswordSchema = z.object({
  currentPassword: z.string().max(1024, 'too_long').optional(),
});

export const addPasskeySchema = z.object({
  name: z.string().trim().max(60, 'too_long').optional(),
  response: registrationResponseSchema,
});
