import { hasForbiddenCharacters } from './input-characters.ts';

const BASE = new URL('http://next.invalid');

/**
 * A local path to go back to after sign-in; anything else (//evil.com, https://…, \\) becomes the
 * fallback. The path is given back as the URL parser serializes it: non-ASCII percent-encoded, so
 * it is always a valid Location header (`/。` once answered 500).
 */
export function safeNextPath(next: unknown, fallback = '/account'): string {
  if (typeof next !== 'string' || next.length > 500) return fallback;
  if (!/^\/(?![/\\])/.test(next) || next.includes('\\') || hasForbiddenCharacters(next)) return fallback;
  // Line breaks and tabs too: allowed in a message, never in a URL.
  if ([...next].some((c) => c.charCodeAt(0) < 0x20)) return fallback;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE.origin) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
