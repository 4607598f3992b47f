import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorSummary, Field, type FormState } from './form.tsx';
import { translator } from './i18n/index.ts';
import { renderPage } from './render.ts';

const form: FormState = {
  values: {},
  errors: [
    { field: 'lastName', code: 'required' },
    { field: 'siren', code: 'invalid_siren' },
    { field: 'unlisted', code: 'invalid' },
  ],
};

function page(locale: 'fr' | 'en') {
  const t = translator(locale);
  return renderPage(
    <main>
      <ErrorSummary t={t} errors={form.errors} />
      <Field t={t} name="lastName" label={locale === 'fr' ? 'Nom' : 'Last name'} form={form} />
      <Field t={t} name="siren" label="SIREN" form={form} />
    </main>,
  );
}

/** The text of each link of the summary, and where it points. */
function summaryLinks(html: string): [string, string][] {
  return [...html.matchAll(/<a href="(#field-[^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1] ?? '', m[2] ?? '']);
}

describe('ErrorSummary', () => {
  it('names each field with its label, then the message, linked to the field', () => {
    assert.deepEqual(summaryLinks(page('fr')), [
      ['#field-lastName', 'Nom\u00a0: ce champ est obligatoire.'],
      ['#field-siren', 'SIREN\u00a0: ce numéro SIREN n’est pas valide (9 chiffres, clé de contrôle).'],
      // A field the page does not show keeps the message alone rather than a wrong name.
      ['#field-unlisted', 'Cette valeur est invalide.'],
    ]);
    assert.deepEqual(summaryLinks(page('en'))[0], ['#field-lastName', 'Last name: this field is required.']);
  });

  it('takes the focus when the page loads, without JavaScript', () => {
    assert.match(
      page('fr'),
      /<div class="alert alert--error" role="alert" tabindex="-1" id="error-summary" autofocus>/,
    );
  });
});
