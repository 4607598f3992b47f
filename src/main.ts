import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { startAuditChainer } from './audit/audit-chainer.worker.ts';
import { startHousekeeping } from './housekeeping/housekeeping-worker.ts';
import { startPasswordResetRequests } from './password-reset/password-reset-worker.ts';
import { HOUR } from './platform/clock.ts';
import { migrateToLatest } from './platform/db/database.ts';
import { ownsEmbeddedDirectory, serveEmbeddedDatabase } from './platform/db/embedded-database.ts';
import type { Deps } from './platform/deps.ts';
import { sweepOrphanedDocuments } from './platform/files/orphaned-documents.ts';
import { type MailWorker, startMailWorker } from './platform/mail/mail-worker.ts';
import { createMailTransport } from './platform/mail/transports.ts';
import { startDocumentChecks } from './recovery/checks/document-checks-worker.ts';
import { startRecoveryJobs } from './recovery/completion/recovery-worker.ts';
import { startBackchannelLogouts } from './sso/backchannel-logout.worker.ts';
import { createOidcProviderHolder } from './sso/oidc-provider.ts';
import { startInboundSmtp } from './tickets/inbound/inbound-smtp.ts';

/**
 * Before serving anyone: stored documents whose row never committed (a process killed between the
 * two) are removed. The embedded database's owner is alone at this point, so every older file
 * qualifies; on PostgreSQL other instances may be mid-upload, so only files older than an hour.
 */
async function sweepDocumentsLeftByACrash(deps: Deps): Promise<void> {
  const embeddedOwner = ownsEmbeddedDirectory(deps.db);
  if (!embeddedOwner && !deps.config.databaseUrl) return; // a client of the owner: the owner swept
  const now = deps.clock.now().getTime();
  const report = await sweepOrphanedDocuments(deps, new Date(embeddedOwner ? now : now - HOUR));
  if (report.orphans || report.unfinishedWrites)
    deps.log.warn(report, 'documents left by an interrupted upload removed');
}

/** The embedded database's owner serves it to the other local processes (CLI, workers) from here on. */
async function serveDatabaseToLocalProcesses(deps: Deps): Promise<void> {
  const socketPath = await serveEmbeddedDatabase(deps.db, {
    onClientError: (error) => deps.log.debug({ err: error }, 'database socket client error'),
  });
  if (socketPath) deps.log.info({ socketPath }, 'embedded database served to local processes');
}

/**
 * Migrates, builds the app and listens, with the background work (outbox, forgot-password requests,
 * housekeeping, recovery jobs, document checks, back-channel logouts, audit chaining) in the same process unless
 * `worker: false` (`sesame serve --no-worker`, when workers run apart); closes gracefully on SIGINT/SIGTERM.
 */
export async function startServer(deps: Deps, options: { worker?: boolean } = {}): Promise<FastifyInstance> {
  const applied = await migrateToLatest(deps.db);
  if (applied.length) deps.log.info({ migrations: applied }, 'migrations applied');
  await sweepDocumentsLeftByACrash(deps);
  await serveDatabaseToLocalProcesses(deps);
  const oidcProviders = createOidcProviderHolder(deps);
  const app = await buildApp(deps, { oidcProviders });
  await app.listen({ port: deps.config.port, host: deps.config.host });
  const mailWorker = options.worker === false ? null : startOutboxDelivery(deps);
  const housekeeping = options.worker === false ? null : startHousekeeping(deps);
  const passwordResets = options.worker === false ? null : startPasswordResetRequests(deps);
  const recoveryJobs = options.worker === false ? null : startRecoveryJobs(deps);
  const documentChecks = options.worker === false ? null : startDocumentChecks(deps);
  const backchannelLogouts = options.worker === false ? null : startBackchannelLogouts(deps, oidcProviders);
  const auditChainer = options.worker === false ? null : startAuditChainer(deps);
  const inboundSmtp = deps.config.inboundSmtpPort
    ? await startInboundSmtp(deps, { port: deps.config.inboundSmtpPort, host: deps.config.inboundSmtpHost })
    : null;
  closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
    if (err) deps.log.error({ err }, 'shutting down after an error');
    else deps.log.info({ signal }, 'shutting down');
    await app.close();
    await inboundSmtp?.close();
    await mailWorker?.stop();
    await housekeeping?.stop();
    await passwordResets?.stop();
    await recoveryJobs?.stop();
    await documentChecks?.stop();
    await backchannelLogouts?.stop();
    await auditChainer?.stop();
    await deps.db.destroy();
  });
  return app;
}

/**
 * `sesame worker`: migrates, then runs only the background work (outbox, forgot-password requests,
 * housekeeping, recovery jobs, document checks, back-channel logouts, audit chaining); on SIGINT/SIGTERM
 * finishes the round in progress and exits.
 */
export async function startWorkerProcess(deps: Deps): Promise<MailWorker> {
  const applied = await migrateToLatest(deps.db);
  if (applied.length) deps.log.info({ migrations: applied }, 'migrations applied');
  await sweepDocumentsLeftByACrash(deps);
  await serveDatabaseToLocalProcesses(deps);
  const mailWorker = startOutboxDelivery(deps);
  const housekeeping = startHousekeeping(deps);
  const passwordResets = startPasswordResetRequests(deps);
  const recoveryJobs = startRecoveryJobs(deps);
  const documentChecks = startDocumentChecks(deps);
  const backchannelLogouts = startBackchannelLogouts(deps, createOidcProviderHolder(deps));
  const auditChainer = startAuditChainer(deps);
  closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
    if (err) deps.log.error({ err }, 'worker shutting down after an error');
    else deps.log.info({ signal }, 'worker shutting down');
    await mailWorker.stop();
    await housekeeping.stop();
    await passwordResets.stop();
    await recoveryJobs.stop();
    await documentChecks.stop();
    await backchannelLogouts.stop();
    await auditChainer.stop();
    await deps.db.destroy();
  });
  return mailWorker;
}

function startOutboxDelivery(deps: Deps): MailWorker {
  if (deps.config.databaseUrl && !deps.config.masterKey) {
    // Each machine would otherwise generate its own key file and could not open the others' emails.
    deps.log.warn(
      'MASTER_KEY is not set: every instance sharing this database must use the same DATA_DIR/master.key',
    );
  }
  return startMailWorker(deps, createMailTransport(deps.config));
}
