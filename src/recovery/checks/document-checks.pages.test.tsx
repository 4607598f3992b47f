import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import type { StaffPageContext } from '../../staff/core/staff-layout.tsx';
import { type Locale, translator } from '../../views/i18n/index.ts';
import type { RecoveryDocument } from '../documents/document-kinds.ts';
import type { CheckResult } from './document-check.ts';
import { DocumentChecksSection } from './document-checks.pages.tsx';
import { mrzFormats } from './mrz-formats.ts';

const checkedAt = new Date('2026-11-24T10:00:00Z');
const passport: RecoveryDocument = {
  id: 'doc-passport',
  caseId: 'case-1',
  kind: 'identity_front',
  mediaType: 'image/png',
  size: 1000,
  originalName: 'passeport.png',
  pageCount: null,
  scanStatus: 'clean',
  uploadedAt: checkedAt,
  purgedAt: null,
};
const mrz = [
  'P<FRAPETITJEAN<<CHLOE'.padEnd(44, '<'),
  '21AB456782FRA7904174F3109306'.padEnd(42, '<').concat('06'),
];
const misread = [mrz[0], mrz[1]?.replace('21AB', '2IAB')].join('\n');

function result(check: CheckResult['check'], evidence: CheckResult['evidence']) {
  const outcome = 'pass' as const;
  return { id: `r-${check}`, check, documentId: passport.id, outcome, evidence, checkedAt };
}

const results = [
  result('identity_mrz_found', {
    rule: 'Le document d’identité doit porter une zone de lecture automatique (MRZ) lisible.',
    read: mrz.join('\n'),
    found: 'TD3',
  }),
  result('identity_mrz_check_digits', {
    rule: 'Les chiffres de contrôle de la MRZ doivent être justes.',
    read: `lu :\n${misread}\ncorrigé :\n${mrz.join('\n')}`,
    expected: 'tous les champs valides',
    found: 'tous valides',
  }),
];

function render(locale: Locale, checks = results): string {
  const ctx: StaffPageContext = {
    t: translator(locale),
    locale,
    csrfToken: 'csrf',
    path: '/staff/recovery/R-1',
    signedInAs: null,
    staff: null,
  };
  return renderToString(
    <DocumentChecksSection ctx={ctx} checks={checks} pending={false} documents={[passport]} />,
  );
}

/** As the HTML writes it: an MRZ's `<` fillers are escaped. */
const escaped = (text: string | undefined) => (text ?? '').replace(/</g, '&lt;');

/** The evidence (<dl>) of the check whose stored rule starts with `rule`. */
function evidenceOf(html: string, rule: string): string {
  const start = html.indexOf(rule);
  assert.notEqual(start, -1, `a check with the rule « ${rule} »`);
  return html.slice(html.lastIndexOf('<dl>', start), html.indexOf('</dl>', start));
}

describe('DocumentChecksSection', () => {
  it('shows the rule each check applied', () => {
    const html = render('fr');
    const found = evidenceOf(html, 'Le document d’identité doit porter');
    assert.match(found, /^<dl><dt>Règle<\/dt><dd>Le document d’identité doit porter une zone/);
  });

  it('shows what was read line by line, MRZ lines in their own (monospace) element', () => {
    const found = evidenceOf(render('fr'), 'Le document d’identité doit porter');
    assert.ok(
      found.includes(
        `<dt>Lu</dt><dd><blockquote class="evidence-read"><span class="mrz">${escaped(mrz[0])}</span><br/><span class="mrz">${escaped(mrz[1])}</span></blockquote></dd>`,
      ),
      found,
    );
    const digits = evidenceOf(render('fr'), 'Les chiffres de contrôle');
    assert.ok(
      digits.includes(
        `<blockquote class="evidence-read">lu :<br/><span class="mrz">${escaped(mrz[0])}</span><br/>`,
      ),
      digits,
    );
    assert.ok(digits.includes(`<br/>corrigé :<br/><span class="mrz">${escaped(mrz[0])}</span><br/>`), digits);
  });

  it('names the MRZ format in words, not by its ICAO code', () => {
    const found = evidenceOf(render('fr'), 'Le document d’identité doit porter');
    assert.match(found, /<dt>Trouvé<\/dt><dd>passeport \(format TD3\)<\/dd>/);
    for (const format of mrzFormats) {
      const html = render('fr', [result('identity_mrz_found', { rule: 'MRZ', read: null, found: format })]);
      assert.doesNotMatch(html, new RegExp(`<dd>${format}</dd>`), `${format} in words`);
      assert.doesNotMatch(html, /documentChecks\.mrzFormat/, `${format} has a French label`);
    }
    // Any other check's « found » is shown as stored.
    const digits = evidenceOf(render('fr'), 'Les chiffres de contrôle');
    assert.match(digits, /<dt>Trouvé<\/dt><dd>tous valides<\/dd>/);
  });

  it('in English, translates the labels and the format, and marks the checks’ French text as French', () => {
    const html = render('en');
    const found = evidenceOf(html, 'Le document d’identité doit porter');
    assert.match(found, /<dt>Rule<\/dt><dd lang="fr">Le document d’identité/);
    assert.match(found, /<dt>Read<\/dt><dd><blockquote class="evidence-read" lang="fr"><span class="mrz">/);
    assert.match(found, /<dt>Found<\/dt><dd>passport \(TD3 format\)<\/dd>/);
    const digits = evidenceOf(html, 'Les chiffres de contrôle');
    assert.match(digits, /<dt>Expected<\/dt><dd lang="fr">tous les champs valides<\/dd>/);
    assert.match(digits, /<dt>Found<\/dt><dd lang="fr">tous valides<\/dd>/);
    for (const format of mrzFormats) {
      const one = render('en', [result('identity_mrz_found', { rule: 'MRZ', read: null, found: format })]);
      assert.doesNotMatch(one, new RegExp(`<dd>${format}</dd>`), `${format} in words`);
    }
    assert.doesNotMatch(render('fr'), /lang="fr"/);
  });
});
