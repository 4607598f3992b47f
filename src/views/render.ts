import type { FastifyReply } from 'fastify';
import { h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { FieldLabelsContext, newFieldLabels } from './field-labels.ts';

/** Renders a page; a second pass only when its error summary needed labels of fields further down. */
export function renderPage(page: VNode): string {
  const labels = newFieldLabels();
  const render = () => renderToString(h(FieldLabelsContext.Provider, { value: labels }, page));
  const first = render();
  if (!labels.summaryMissedALabel || labels.byId.size === 0) return `<!doctype html>${first}`;
  return `<!doctype html>${render()}`;
}

/** Sends a server-rendered page. Preact escapes every text and attribute value. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(renderPage(page));
}
