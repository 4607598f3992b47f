import { getAccountCredentialsByEmail } from '../accounts/accounts.repository.ts';
import type { CreateAccountInput } from '../accounts/accounts.schemas.ts';
import { createAccount } from '../accounts/accounts.service.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError } from '../platform/http/errors.ts';
import { loadDemoServices } from './demo-services.ts';

/** One account of each type with a known password, on `.example` addresses that can never receive mail. */
export const demoAccounts: (CreateAccountInput & { password: string })[] = [
  {
    type: 'individual',
    email: 'camille.martin@particulier.example',
    password: 'Violette-Horizon-Tambour-47',
    firstName: 'Camille',
    lastName: 'Martin',
    phone: '06 12 34 56 78',
    address: { line1: '12 rue des Lilas', postalCode: '69003', city: 'Lyon', country: 'FR' },
  },
  {
    type: 'company',
    email: 'contact@boulangerie-durand.example',
    password: 'Farine-Levain-Comptoir-83',
    legalName: 'Boulangerie Durand SARL',
    siren: '812345676',
    firstName: 'Paul',
    lastName: 'Durand',
    phone: '+33 4 78 00 00 01',
    address: { line1: '3 place du Marché', postalCode: '33000', city: 'Bordeaux', country: 'FR' },
  },
  {
    type: 'association',
    email: 'bureau@amis-du-velo.example',
    password: 'Pedalier-Guidon-Sacoche-29',
    associationName: 'Les Amis du Vélo',
    rna: 'W751234567',
    firstName: 'Sophie',
    lastName: 'Bernard',
    phone: '07 98 76 54 32',
    address: { line1: '8 quai de la Loire', postalCode: '44000', city: 'Nantes', country: 'FR' },
  },
];

export type DemoCredential = {
  type: string;
  email: string;
  password: string;
  clientNumber: string;
  created: boolean;
};

/** Creates the demo accounts that are missing; returns the credentials of all of them. */
export async function loadDemoAccounts(deps: Deps): Promise<DemoCredential[]> {
  const credentials: DemoCredential[] = [];
  for (const input of demoAccounts) {
    try {
      const account = await createAccount(deps, input, { type: 'system', id: 'demo' });
      credentials.push({
        type: input.type,
        email: account.email,
        password: input.password,
        clientNumber: account.clientNumber,
        created: true,
      });
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'EMAIL_TAKEN')) throw error;
      const existing = await getAccountCredentialsByEmail(deps.db, input.email.toLowerCase());
      credentials.push({
        type: input.type,
        email: input.email,
        password: input.password,
        clientNumber: existing?.account.clientNumber ?? '?',
        created: false,
      });
    }
  }
  await loadDemoServices(deps);
  return credentials;
}
