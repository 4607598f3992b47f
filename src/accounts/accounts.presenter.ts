import type { Deps } from '../platform/deps.ts';
import { type Account, contactReminders } from './account.ts';

/** The fiche as the JSON API shows it. */
export function presentAccount(account: Account, deps: Pick<Deps, 'clock' | 'config'>) {
  return {
    id: account.id,
    clientNumber: account.clientNumber,
    type: account.type,
    email: account.email,
    emailVerifiedAt: account.emailVerifiedAt?.toISOString() ?? null,
    phone: account.phone,
    phoneVerifiedAt: account.phoneVerifiedAt?.toISOString() ?? null,
    address: account.address,
    firstName: account.firstName,
    lastName: account.lastName,
    legalName: account.legalName,
    siren: account.siren,
    associationName: account.associationName,
    rna: account.rna,
    locale: account.locale,
    passwordChangedAt: account.passwordChangedAt?.toISOString() ?? null,
    reminders: contactReminders(account, deps.clock.now(), deps.config.contactStaleDays),
    createdAt: account.createdAt.toISOString(),
  };
}
