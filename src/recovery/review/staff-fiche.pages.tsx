import type { Account } from '../../accounts/account.ts';
import { formatStaffDateTime } from '../../staff/core/staff-format.ts';
import type { StaffPageContext } from '../../staff/core/staff-layout.tsx';
import type { RecoveryCase } from '../case.ts';
import { fichePersonOf, sameName } from '../person-names.ts';

/** The two columns compared on the case page: what the claimant declares, and the linked fiche. */

function Row({
  label,
  value,
  differs,
}: {
  label: string;
  value: string | null;
  differs?: string | undefined;
}) {
  return (
    <div class="dl-row">
      <dt>{label}</dt>
      <dd>
        {differs ? <mark>{value ?? '—'}</mark> : (value ?? '—')}
        {differs ? <strong> ({differs})</strong> : null}
      </dd>
    </div>
  );
}

export function ClaimantData({
  ctx,
  c,
  account,
}: {
  ctx: StaffPageContext;
  c: RecoveryCase;
  account: Account | null;
}) {
  const { t, locale } = ctx;
  const person = account ? fichePersonOf(account) : null;
  const differs = (a: string, b: string | undefined) =>
    person && b !== undefined && !sameName(a, b) ? t('recovery.staff.case.differs') : undefined;
  return (
    <dl class="dl">
      <Row
        label={t('recovery.staff.case.type')}
        value={t(`account.type.${c.accountType}`)}
        differs={account && account.type !== c.accountType ? t('recovery.staff.case.differs') : undefined}
      />
      <Row
        label={t('recovery.staff.case.firstName')}
        value={c.claimant.firstName}
        differs={differs(c.claimant.firstName, person?.firstName)}
      />
      <Row
        label={t('recovery.staff.case.lastName')}
        value={c.claimant.lastName}
        differs={differs(c.claimant.lastName, person?.lastName)}
      />
      {c.claimant.legalName ? <Row label={t('account.legalName')} value={c.claimant.legalName} /> : null}
      {c.claimant.siren ? <Row label={t('account.siren')} value={c.claimant.siren} /> : null}
      {c.claimant.associationName ? (
        <Row label={t('account.associationName')} value={c.claimant.associationName} />
      ) : null}
      <Row label={t('recovery.staff.hint.clientNumber')} value={c.hints.clientNumber} />
      <Row label={t('recovery.staff.hint.domain')} value={c.hints.domain} />
      <Row label={t('recovery.staff.hint.formerEmail')} value={c.hints.formerEmail} />
      <Row
        label={t('recovery.staff.case.newEmail')}
        value={`${c.newEmail} — ${c.newEmailVerifiedAt ? t('recovery.staff.case.emailVerified') : t('recovery.staff.case.emailUnverified')}`}
      />
      <Row
        label={t('recovery.staff.case.declaration')}
        value={
          c.declaration
            ? t('recovery.staff.case.declarationBy', {
                name: c.declaration.fullName,
                date: formatStaffDateTime(locale, c.declaration.acceptedAt),
                ip: c.declaration.ip ?? '—',
              })
            : null
        }
      />
    </dl>
  );
}

export function Fiche({ ctx, account }: { ctx: StaffPageContext; account: Account }) {
  const { t } = ctx;
  return (
    <dl class="dl">
      <Row label={t('account.clientNumber')} value={account.clientNumber} />
      <Row label={t('account.type')} value={t(`account.type.${account.type}`)} />
      <Row
        label={t('account.holder')}
        value={[account.firstName, account.lastName].filter(Boolean).join(' ') || null}
      />
      {account.legalName ? <Row label={t('account.legalName')} value={account.legalName} /> : null}
      {account.siren ? <Row label={t('account.siren')} value={account.siren} /> : null}
      {account.associationName ? (
        <Row label={t('account.associationName')} value={account.associationName} />
      ) : null}
      <Row label={t('account.email')} value={account.email} />
      <Row label={t('account.phone')} value={account.phone} />
    </dl>
  );
}
