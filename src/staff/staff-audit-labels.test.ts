import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditActions } from '../audit/audit.ts';
import { isMessageKey, translator } from '../views/i18n/index.ts';
import { auditActionLabel, auditActorLabel } from './staff-audit-labels.ts';

describe('audit events in words', () => {
  it('has words for every audit action, in French and English', () => {
    const missing = auditActions.filter((action) => !isMessageKey(`audit.action.${action}`));
    assert.deepEqual(missing, []);
    assert.equal(auditActionLabel(translator('fr'), 'staff.account.viewed'), 'Fiche consultée');
    assert.equal(auditActionLabel(translator('en'), 'staff.account.viewed'), 'Record viewed');
  });

  it('names a staff actor, and says what the other actors are', () => {
    const t = translator('fr');
    const names = new Map([['s-1', 'Camille Martin']]);
    assert.equal(auditActorLabel(t, { actorType: 'staff', actorId: 's-1' }, names), 'Camille Martin');
    assert.equal(auditActorLabel(t, { actorType: 'staff', actorId: 's-gone' }, names), 's-gone');
    assert.equal(auditActorLabel(t, { actorType: 'system', actorId: null }, names), 'Système');
    assert.equal(auditActorLabel(t, { actorType: 'customer', actorId: 'a-1' }, names), 'Client');
  });
});
