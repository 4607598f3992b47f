import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ticketReplyEmail } from './ticket-reply.email.ts';

const answer = [
  'Bonjour Madame Lefèvre,',
  '',
  'Votre site est de nouveau en ligne.',
  'Le certificat a été renouvelé ce matin.',
  '',
  'Bien cordialement,',
  'Camille, support <niveau 2>',
].join('\r\n');

function render(locale: 'fr' | 'en' = 'fr') {
  return ticketReplyEmail.render(
    { subject: 'Re: [T-ABC123] Site', reference: 'T-ABC123', body: answer, threadUrl: null },
    locale,
  );
}

/** The text of each <p> of the HTML part, with <br> as a line break. */
function htmlParagraphs(html: string): string[] {
  return [...html.matchAll(/<p[^>]*>([\s\S]*?)<\/p>/g)].map((m) =>
    (m[1] ?? '').replace(/<br\s*\/?>/g, '\n').replace(/<[^>]+>/g, ''),
  );
}

describe('ticket-reply email', () => {
  it('keeps the agent’s paragraphs and line breaks in the HTML part, escaped', () => {
    const paragraphs = htmlParagraphs(render().html);
    assert.ok(paragraphs.includes('Bonjour Madame Lefèvre,'));
    assert.ok(
      paragraphs.includes('Votre site est de nouveau en ligne.\nLe certificat a été renouvelé ce matin.'),
    );
    assert.ok(paragraphs.includes('Bien cordialement,\nCamille, support &lt;niveau 2>'));
    assert.doesNotMatch(render().html, /<niveau/);
  });

  it('keeps them in the text part, without carriage returns', () => {
    const { text } = render();
    assert.match(
      text,
      /Bonjour Madame Lefèvre,\n\nVotre site est de nouveau en ligne\.\nLe certificat a été renouvelé ce matin\.\n\nBien cordialement,\nCamille/,
    );
    assert.doesNotMatch(text, /\r/);
  });

  it('adds no greeting of its own above the agent’s', () => {
    for (const locale of ['fr', 'en'] as const) {
      const { text, html } = render(locale);
      assert.equal(text.match(/Bonjour|Hello/g)?.length, 1, locale);
      assert.equal(html.match(/Bonjour|Hello/g)?.length, 1, locale);
      assert.match(text, /^(Le support vous répond|Support has answered)/);
    }
  });
});
