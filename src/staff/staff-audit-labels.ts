import type { AuditEvent } from '../audit/audit.ts';
import type { MessageKey, Translate } from '../views/i18n/index.ts';

/**
 * An audit event's action and actor in words for the back office (« Fiche consultée », « Camille
 * Martin »); the log, the CSV export and the API keep the codes and ids.
 */
export function auditActionLabel(t: Translate, action: AuditEvent['action']): string {
  return t(`audit.action.${action}` as MessageKey);
}

/** A staff actor by name (the id when the member is gone); other actors by kind. */
export function auditActorLabel(
  t: Translate,
  event: Pick<AuditEvent, 'actorType' | 'actorId'>,
  staffNames: Map<string, string>,
): string {
  if (event.actorType === 'staff' && event.actorId) return staffNames.get(event.actorId) ?? event.actorId;
  return t(`audit.actor.${event.actorType}` as MessageKey);
}
