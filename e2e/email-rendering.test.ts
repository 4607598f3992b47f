import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchBrowser } from './support/browser.ts';
import { emailSamples } from './support/email-samples.ts';

const available = chromiumAvailable();
if (!available) console.log('# e2e skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

const widths = [390, 800];

/** The paragraphs of the plain-text part that are prose (links and the signature separator aside). */
function textParagraphs(text: string): string[] {
  return text
    .split(/\n\n+/)
    .map((paragraph) => paragraph.replace(/^-- \n/, '').trim())
    .filter(
      (paragraph) => paragraph !== '' && !/https?:\/\//.test(paragraph) && !/^-+ English -+$/.test(paragraph),
    );
}

/** innerText of every paragraph-like element, with single spaces, as the reader sees them. */
function renderedBlocks(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('p, td')].map((el) =>
      (el as HTMLElement).innerText
        .split('\n')
        .map((line) => line.replace(/[ \t]+/g, ' ').trim())
        .join('\n')
        .trim(),
    ),
  );
}

/** Words (outside links to web addresses) whose letters the layout put on two lines. */
function wordsCutAcrossLines(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cut: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      if (/^https?:\/\//.test(text.trim())) continue; // addresses are allowed to wrap anywhere
      // A hyphen is a place where a line may break; any other break inside a run of letters is a cut.
      for (const match of text.matchAll(/[^\s-]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        if (tops.size > 1) cut.push(match[0]);
      }
    }
    return cut;
  });
}

describe('emails rendered in Chromium', { skip: available ? false : 'Chromium is not installed' }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('has a sample of every email template', () => {
    const templates = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
          ? templates(path.join(dir, entry.name))
          : entry.name.endsWith('.email.ts')
            ? [entry.name]
            : [],
      );
    assert.deepEqual(
      [...new Set(emailSamples('fr').map((sample) => sample.file))].sort(),
      templates(path.resolve('src')).sort(),
    );
  });

  for (const width of widths) {
    for (const locale of ['fr', 'en'] as const) {
      it(`keeps every paragraph apart and cuts no word at ${width} px (${locale})`, async () => {
        const context = await browser.newContext({
          viewport: { width, height: 900 },
          javaScriptEnabled: true,
        });
        const page = await context.newPage();
        for (const { file, email } of emailSamples(locale)) {
          await page.setContent(email.html);
          const blocks = await renderedBlocks(page);
          for (const paragraph of textParagraphs(email.text))
            assert.ok(
              blocks.includes(paragraph),
              `${file}: « ${paragraph} » is a paragraph of its own in the HTML`,
            );
          assert.deepEqual(await wordsCutAcrossLines(page), [], `${file}: no word cut across two lines`);
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          assert.ok(overflow <= 0, `${file}: nothing wider than ${width} px (${overflow} px too wide)`);
        }
        await context.close();
      });
    }
  }
});
