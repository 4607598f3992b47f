import type { AccountService } from './service.ts';

/**
 * A service as the JSON API shows it (customer fiche and admin API alike).
 * @example presentService(service) // { id, kind: 'domain', name: 'example.fr', panelUsername: null, createdAt }
 */
export function presentService(service: AccountService) {
  return {
    id: service.id,
    kind: service.kind,
    name: service.name,
    panelUsername: service.panelUsername,
    createdAt: service.createdAt.toISOString(),
  };
}

export type PresentedService = ReturnType<typeof presentService>;
