import type { CookieSerializeOptions } from '@fastify/cookie';
import type { Config } from '../../config.ts';

/**
 * Cookie names and options. With an https PUBLIC_URL the names take the `__Host-` prefix, which
 * the browser only accepts with Secure, Path=/ and no Domain: no subdomain can plant or read them.
 */
export function cookieName(
  config: Config,
  base: 'session' | 'staff_session' | 'csrf' | 'lang' | 'device' | 'staff_device' | 'mfa_pending',
): string {
  return config.secureCookies ? `__Host-sesame_${base}` : `sesame_${base}`;
}

export function cookieOptions(config: Config, maxAgeSeconds?: number): CookieSerializeOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    path: '/',
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}
