import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSensitiveRequest } from './sensitive-request.ts';

const general = (subject: string, body = '') => isSensitiveRequest({ category: 'general', subject, body });

describe('isSensitiveRequest', () => {
  it('trusts the sensitive category whatever the words', () => {
    assert.equal(isSensitiveRequest({ category: 'sensitive', subject: 'Bonjour', body: '' }), true);
  });

  it('recognizes deletions, terminations, transfers and changes of holder in French', () => {
    for (const text of [
      'Merci de supprimer mon site',
      'Suppression de la base de données',
      'Résiliation de mon hébergement',
      'Je souhaite RÉSILIER',
      'Transfert du domaine exemple.fr',
      'Demande de changement de titulaire',
      'Pouvez-vous fermer mon compte ?',
      'Code de transfert pour mon domaine',
    ])
      assert.equal(general(text), true, text);
  });

  it('recognizes the same requests in English', () => {
    for (const text of [
      'Please delete my website',
      'Termination of contract',
      'Domain transfer',
      'Change of holder',
    ])
      assert.equal(general(text), true, text);
  });

  it('leaves ordinary questions alone', () => {
    for (const text of [
      'Ma facture de novembre',
      'Comment configurer mes e-mails ?',
      'Le site est lent depuis ce matin',
      'Invoice question',
    ])
      assert.equal(general(text), false, text);
  });

  it('reads the body too', () => {
    assert.equal(general('Question', 'Bonjour, je voudrais supprimer toutes les données.'), true);
  });
});
