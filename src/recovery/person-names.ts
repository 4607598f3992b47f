import type { Account } from '../accounts/account.ts';

/** Who the claimant must be and how names are compared: shared by the review and the automatic checks. */

/**
 * A name reduced to what a human compares: accents, case, hyphens, apostrophes and repeated spaces
 * removed, so « Lefèvre-Dupont » and « LEFEVRE DUPONT » are the same name but « Lefebvre » is not.
 */
export function comparableName(name: string | null | undefined): string {
  return (name ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-‐‑‒–—'’`.\s]+/g, ' ')
    .trim();
}

export function sameName(a: string | null | undefined, b: string | null | undefined): boolean {
  return comparableName(a) === comparableName(b);
}

/**
 * The person the claimant must be, per account type: the holder of an individual account, the
 * person named on a company's fiche (when the fiche names one); an association's fiche names no
 * person (the president is proven by the statutes), so there is nothing to compare automatically.
 */
export function fichePersonOf(account: Account): { firstName: string; lastName: string } | null {
  if (account.type === 'association') return null;
  if (!account.firstName && !account.lastName) return null;
  return { firstName: account.firstName ?? '', lastName: account.lastName ?? '' };
}
