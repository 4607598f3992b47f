import type { FastifyServerOptions } from 'fastify';

/** Paths that may hold a secret: pino replaces them with "[redacted]" wherever they appear. */
export const redactedPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.csrfToken',
  '*._csrf',
];

/** pino options: redaction, and request URLs logged without their query string (a reset link carries its token there). */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    serializers: {
      req(request: { method: string; url: string; ip?: string }) {
        return { method: request.method, url: request.url.split('?')[0], ip: request.ip };
      },
    },
  };
}
