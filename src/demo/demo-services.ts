import { getAccountCredentialsByEmail } from '../accounts/accounts.repository.ts';
import type { CreateServiceInput } from '../accounts/services.schemas.ts';
import { addServiceToAccount, listAccountServices } from '../accounts/services.service.ts';
import type { Deps } from '../platform/deps.ts';
import { noRequestMeta } from '../platform/deps.ts';

/**
 * The services of the demo accounts, by the account's email. The company and the association hold
 * the domain of their address, so a recovery case can be matched from a domain hint in the demo too.
 */
export const demoServices: Record<string, CreateServiceInput[]> = {
  'camille.martin@particulier.example': [
    { kind: 'hosting', name: 'Hébergement Perso', panelUsername: 'cmartin' },
    { kind: 'domain', name: 'camille-martin-photo.example' },
  ],
  'contact@boulangerie-durand.example': [
    { kind: 'hosting', name: 'Hébergement Pro', panelUsername: 'boulangerie-durand' },
    { kind: 'domain', name: 'boulangerie-durand.example' },
  ],
  'bureau@amis-du-velo.example': [{ kind: 'domain', name: 'amis-du-velo.example' }],
};

/** Gives each demo account the services it does not have yet; running it again adds nothing. */
export async function loadDemoServices(deps: Deps): Promise<void> {
  for (const [email, services] of Object.entries(demoServices)) {
    const found = await getAccountCredentialsByEmail(deps.db, email);
    if (!found) continue;
    const existing = await listAccountServices(deps, found.account.id);
    for (const service of services) {
      if (existing.some((s) => s.kind === service.kind && s.name === service.name)) continue;
      await addServiceToAccount(
        deps,
        found.account.id,
        service,
        { type: 'system', id: 'demo' },
        noRequestMeta,
      );
    }
  }
}
