import type { TicketCategory } from './ticket.ts';

/**
 * Recognizes a request that can affect a website (API.md: deletion of a site, service or data;
 * termination; transfer; change of holder), from its category or its words, in French and English.
 * Deliberately broad: a false positive only means support checks the sender before acting.
 */

// Accents and case are folded before matching (see `foldForMatching`).
const sensitivePatterns: readonly RegExp[] = [
  /\bsuppr(ime|imer|imez|ession|essions)\b/,
  /\beffac(er|ez|ement)\b/,
  /\bresili(er|ez|ation)\b/,
  /\bfermer? (mon|le|notre) (compte|site|hebergement|service)/,
  /\bfermeture\b/,
  /\btransf(ert|erer|erez)\b/,
  /\bchangement de titulaire\b/,
  /\b(changer|modifier) (le|de) titulaire\b/,
  /\bcession\b/,
  /\bcode (de transfert|auth|epp)\b/,
  /\bdelet(e|ion)\b/,
  /\bremove (my|the|our) (site|website|account|data|domain)/,
  /\bterminat(e|ion)\b/,
  /\bcancel (my|the|our) (account|hosting|subscription|service)/,
  /\btransfer\b/,
  /\bchange (of )?(the )?(holder|owner|registrant)\b/,
];

/** Lower case, accents removed, whitespace collapsed: "Résiliation" → "resiliation". */
export function foldForMatching(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ');
}

/** True when the category says so or the subject or body asks for something that can affect a website. */
export function isSensitiveRequest(input: {
  category: TicketCategory;
  subject: string;
  body: string;
}): boolean {
  if (input.category === 'sensitive') return true;
  const text = foldForMatching(`${input.subject}\n${input.body}`);
  return sensitivePatterns.some((pattern) => pattern.test(text));
}
