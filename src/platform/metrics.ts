import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Prometheus metrics: process defaults, HTTP requests and latencies by route, sign-in outcomes. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

const httpRequests = new Counter({
  name: 'sesame_http_requests_total',
  help: 'HTTP requests by method, route and status',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [metricsRegistry],
});
const httpDuration = new Histogram({
  name: 'sesame_http_request_duration_seconds',
  help: 'HTTP request latency by method and route',
  labelNames: ['method', 'route'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});
const signIns = new Counter({
  name: 'sesame_signin_total',
  help: 'Sign-in attempts by realm and outcome',
  labelNames: ['realm', 'outcome'] as const,
  registers: [metricsRegistry],
});

export function recordSignInOutcome(
  realm: 'customer' | 'staff',
  outcome: 'success' | 'mfa_required' | 'invalid_credentials' | 'throttled',
): void {
  signIns.inc({ realm, outcome });
}

const emails = new Counter({
  name: 'sesame_emails_total',
  help: 'Outbox deliveries by outcome: sent, failed (will be retried) or abandoned',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

const emailOutcomes = ['sent', 'failed', 'abandoned'] as const;
// Every series exists from the start at 0, so that rate() and alerts see the first increment.
for (const outcome of emailOutcomes) emails.inc({ outcome }, 0);

/** Counts a delivery round's outcomes (counted by the process that delivers: the worker). */
export function recordEmailOutcomes(outcomes: Record<(typeof emailOutcomes)[number], number>): void {
  for (const outcome of emailOutcomes) {
    if (outcomes[outcome] > 0) emails.inc({ outcome }, outcomes[outcome]);
  }
}

async function metricsPlugin(app: FastifyInstance) {
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, never the raw URL: raw URLs would carry ids and tokens and explode cardinality.
    const route = request.routeOptions.url ?? 'unmatched';
    httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.type(metricsRegistry.contentType);
    return metricsRegistry.metrics();
  });
}

export default fp(metricsPlugin, { name: 'metrics' });
