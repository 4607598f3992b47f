import { type AccountType, accountTypes } from '../../accounts/account.ts';
import { CsrfField, ErrorSummary, Field, type FormState } from '../../views/form.tsx';
import type { MessageKey } from '../../views/i18n/index.ts';
import { Layout } from '../../views/layout.tsx';
import type { PageContext } from '../../views/page-context.ts';

/** The public pages of the claimant side: the explanation, the form that opens a case, "not found". */

const introItems: Record<AccountType, number> = { individual: 2, company: 3, association: 3 };

export function RecoveryIntroPage({ ctx, retentionDays }: { ctx: PageContext; retentionDays: number }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('recovery.claimant.intro.title')}>
      <section class="panel">
        <h1>{t('recovery.claimant.intro.title')}</h1>
        <p>{t('recovery.claimant.intro.lead')}</p>
        <p>
          <a href="/password/forgot">{t('recovery.claimant.intro.forgot')}</a>
        </p>
        <h2>{t('recovery.claimant.intro.howTitle')}</h2>
        <ol>
          {([1, 2, 3, 4] as const).map((n) => (
            <li key={n}>{t(`recovery.claimant.intro.step${n}`)}</li>
          ))}
        </ol>
        <p class="alert alert--warning">{t('recovery.claimant.intro.doubt')}</p>
        <h2>{t('recovery.claimant.intro.whatTitle')}</h2>
        {accountTypes.map((type) => (
          <div key={type}>
            <h3>{t(`recovery.claimant.type.${type}`)}</h3>
            <ul>
              {Array.from({ length: introItems[type] }, (_, i) => (
                <li key={i}>{t(`recovery.claimant.intro.${type}.${i + 1}` as MessageKey)}</li>
              ))}
            </ul>
          </div>
        ))}
        <p class="muted">{t('recovery.claimant.intro.privacy', { days: retentionDays })}</p>
        {/* A GET form: choosing the type changes nothing, so it needs no CSRF token and works without JS. */}
        <form method="get" action="/recovery/new">
          <fieldset>
            <legend>{t('recovery.claimant.intro.chooseLegend')}</legend>
            {accountTypes.map((type, i) => (
              <div key={type}>
                <input type="radio" id={`type-${type}`} name="type" value={type} checked={i === 0} />{' '}
                <label for={`type-${type}`}>{t(`recovery.claimant.type.${type}`)}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit" class="button button--primary">
            {t('recovery.claimant.intro.start')}
          </button>
        </form>
      </section>
    </Layout>
  );
}

export function RecoveryNewCasePage({
  ctx,
  type,
  form,
  error,
}: {
  ctx: PageContext;
  type: AccountType;
  form: FormState;
  error?: string;
}) {
  const { t } = ctx;
  const f = (name: string, label: MessageKey, extra: Partial<Parameters<typeof Field>[0]> = {}) => (
    <Field t={t} name={name} label={t(label)} form={form} maxLength={200} {...extra} />
  );
  return (
    <Layout ctx={ctx} title={t('recovery.claimant.new.title')}>
      <section class="panel panel--narrow">
        <h1>{t('recovery.claimant.new.title')}</h1>
        <p>
          {t('recovery.claimant.new.type', { type: t(`recovery.claimant.type.${type}`) })}{' '}
          <a href="/recovery">{t('recovery.claimant.new.changeType')}</a>
        </p>
        <ErrorSummary t={t} errors={form.errors} message={error} />
        <form method="post" action="/recovery/new" novalidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="accountType" value={type} />
          <fieldset>
            <legend>{t('recovery.claimant.new.accountLegend')}</legend>
            <p class="field__hint">{t('recovery.claimant.new.accountHint')}</p>
            {f('clientNumber', 'recovery.claimant.new.clientNumber', { maxLength: 40 })}
            {f('domain', 'recovery.claimant.new.domain', { hint: t('recovery.claimant.new.domainHint') })}
            {f('formerEmail', 'recovery.claimant.new.formerEmail', { type: 'email', maxLength: 254 })}
          </fieldset>
          <fieldset>
            <legend>{t('recovery.claimant.new.whoLegend')}</legend>
            <p class="field__hint">{t(`recovery.claimant.new.whoHint.${type}`)}</p>
            {type === 'company'
              ? f('legalName', 'recovery.claimant.new.legalName', { required: true })
              : null}
            {type === 'company'
              ? f('siren', 'recovery.claimant.new.siren', {
                  hint: t('recovery.claimant.new.sirenHint'),
                  inputMode: 'numeric',
                  maxLength: 11,
                })
              : null}
            {type === 'association'
              ? f('associationName', 'recovery.claimant.new.associationName', { required: true })
              : null}
            {f('firstName', 'recovery.claimant.new.firstName', {
              required: true,
              autocomplete: 'given-name',
            })}
            {f('lastName', 'recovery.claimant.new.lastName', { required: true, autocomplete: 'family-name' })}
          </fieldset>
          <fieldset>
            <legend>{t('recovery.claimant.new.emailLegend')}</legend>
            {f('newEmail', 'recovery.claimant.new.newEmail', {
              type: 'email',
              required: true,
              autocomplete: 'email',
              maxLength: 254,
              hint: t('recovery.claimant.new.newEmailHint'),
            })}
          </fieldset>
          <button type="submit" class="button button--primary">
            {t('recovery.claimant.new.submit')}
          </button>
        </form>
      </section>
    </Layout>
  );
}

/**
 * Behind the emailed link: one click before the case cookie is set, so a link planted by someone
 * else (their own case, to receive your documents) does not silently become the case of this browser.
 */
export function RecoveryAccessPage({
  ctx,
  reference,
  token,
}: {
  ctx: PageContext;
  reference: string;
  token: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('recovery.claimant.access.title')}>
      <section class="panel panel--narrow">
        <h1>{t('recovery.claimant.access.title')}</h1>
        <p>{t('recovery.claimant.access.text', { reference })}</p>
        <form method="post" action={`/recovery/cases/${reference}/access`}>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="token" value={token} />
          <p class="actions">
            <button type="submit">{t('recovery.claimant.access.open')}</button>
          </p>
        </form>
      </section>
    </Layout>
  );
}

export function RecoveryCaseNotFoundPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('recovery.claimant.notFound.title')}>
      <section class="panel panel--narrow">
        <h1>{t('recovery.claimant.notFound.title')}</h1>
        <p>{t('recovery.claimant.notFound.text')}</p>
        <p class="actions">
          <a class="button" href="/recovery">
            {t('recovery.claimant.notFound.start')}
          </a>
        </p>
      </section>
    </Layout>
  );
}
