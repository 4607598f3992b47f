import { CsrfField } from '../../views/form.tsx';
import { Layout } from '../../views/layout.tsx';
import type { PageContext } from '../../views/page-context.ts';

/**
 * The page behind the link emailed to the previous address: it explains, and a button posts the
 * token. Opening it changes nothing (mail scanners follow links).
 */
export function RecoveryObjectionPage({
  ctx,
  token,
  newEmailMasked,
  effectiveAt,
}: {
  ctx: PageContext;
  token: string;
  newEmailMasked: string;
  effectiveAt: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('recovery.objection.title')}>
      <section class="panel panel--narrow">
        <h1>{t('recovery.objection.title')}</h1>
        <p>{t('recovery.objection.intro', { email: newEmailMasked, date: effectiveAt })}</p>
        <p>{t('recovery.objection.ifYou')}</p>
        <p>{t('recovery.objection.effect')}</p>
        <form method="post" action="/recovery/objection">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="token" value={token} />
          <button type="submit" class="button button--primary">
            {t('recovery.objection.submit')}
          </button>
        </form>
      </section>
    </Layout>
  );
}

export function RecoveryObjectionDonePage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('recovery.objection.done.title')}>
      <section class="panel panel--narrow">
        <h1>{t('recovery.objection.done.title')}</h1>
        <p class="alert alert--success" role="status">
          {t('recovery.objection.done')}
        </p>
        <p>{t('recovery.objection.done.next')}</p>
      </section>
    </Layout>
  );
}

/** Unknown, used and expired links, and cases already completed, all get this same page. */
export function InvalidRecoveryObjectionLinkPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('recovery.objection.invalid.title')}>
      <section class="panel panel--narrow">
        <h1>{t('recovery.objection.invalid.title')}</h1>
        <p class="alert alert--error" role="alert">
          {t('recovery.objection.invalid')}
        </p>
        <p class="actions">
          <a class="button button--primary" href="/recovery">
            {t('recovery.objection.invalid.recover')}
          </a>
        </p>
      </section>
    </Layout>
  );
}
