import { domainToASCII } from 'node:url';

/** Services an account holds with the provider (hosting plans and domains), and their pure rules. */

export const serviceKinds = ['hosting', 'domain'] as const;
export type ServiceKind = (typeof serviceKinds)[number];

export type AccountService = {
  id: string;
  accountId: string;
  kind: ServiceKind;
  /** The plan's label for hosting; the domain in its lower-case ASCII (xn--) form for a domain. */
  name: string;
  /**
   * The hosting panel's user name: what the customer may hand to a webmaster. The customer area
   * itself stays personal, so this is never a way into it. Always null for a domain.
   */
  panelUsername: string | null;
  createdAt: Date;
};

const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TOP_LEVEL_LABEL = /^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * Validates and normalizes a domain name: trimmed, without a trailing dot, lower-case, and
 * internationalized names in their ASCII (xn--) form. One spelling per domain is what makes the
 * uniqueness rule hold (`Café.example` and `xn--caf-dma.example` are the same domain), and the
 * ASCII form shows a look-alike domain for what it is. Returns null when it is not a domain name.
 * @example normalizeDomainName(' Boulangerie-Durand.Example. ') // 'boulangerie-durand.example'
 */
export function normalizeDomainName(input: string): string | null {
  const trimmed = input.normalize('NFKC').trim().replace(/\.$/, '');
  // domainToASCII would quietly accept URL syntax (ports, credentials); a domain has none of it.
  if (!trimmed || /[\s/:@?#\\]/.test(trimmed)) return null;
  const ascii = domainToASCII(trimmed.toLowerCase());
  if (!ascii || ascii.length > 253) return null;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) return null;
  return TOP_LEVEL_LABEL.test(labels.at(-1) ?? '') ? ascii : null;
}

/**
 * The registered domains a hint may point at: the host of a URL or an email address, then each
 * parent domain, so `https://www.boulangerie-durand.example/contact` finds
 * `boulangerie-durand.example`. Empty when the hint holds no domain name.
 */
export function domainLookupCandidates(hint: string): string[] {
  let host = hint.trim();
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//i, ''); // scheme
  host = host.slice(host.lastIndexOf('@') + 1); // an email address's domain, or URL credentials
  host = host.split(/[/?#]/)[0] ?? '';
  host = host.replace(/:\d+$/, ''); // port
  const domain = normalizeDomainName(host);
  if (!domain) return [];
  const labels = domain.split('.');
  // Stop at two labels: a bare top-level domain ("example", "fr") identifies nobody.
  return labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'));
}

const PANEL_USERNAME = /^[a-z][a-z0-9._-]{1,31}$/;

/** Panel user names as hosting panels accept them: 2–32 lower-case letters, digits, `.`, `_` or `-`, starting with a letter. */
export function normalizePanelUsername(input: string): string | null {
  const value = input.trim().toLowerCase();
  return PANEL_USERNAME.test(value) ? value : null;
}
