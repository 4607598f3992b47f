/** A local path to go back to after sign-in; anything else (//evil.com, https://…, \\) becomes the fallback. */
export function safeNextPath(next: unknown, fallback = '/account'): string {
  if (typeof next !== 'string' || next.length > 500) return fallback;
  if (!/^\/(?![/\\])/.test(next) || next.includes('\\') || [...next].some((c) => c.charCodeAt(0) < 0x20))
    return fallback;
  return next;
}
