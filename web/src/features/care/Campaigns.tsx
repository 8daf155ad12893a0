import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Async, Empty, Field, FormError, Pager, useLoad } from '../../shared/ui';
import { dateTime } from '../../shared/format';
import { useSession } from '../../shared/session';
import { useSubmit } from '../../shared/submit';
import { campaign, campaigns, createCampaign, dryRun, preview, report, runCampaign, setCampaignStatus, type Campaign, type CampaignInput, type DryRun } from './api';

const triggerKinds = ['warranty_end', 'after_install', 'seasonal', 'birthday', 'holiday', 'anniversary', 'recall', 'win_back', 'monthly'] as const;
const holidays = ['spring_festival', 'lantern', 'dragon_boat', 'mid_autumn', 'double_ninth', 'national_day', 'new_year'] as const;
const channelList = ['sms', 'email', 'wechat', 'inbox'] as const;
const list = (s: string) => s.split(/[,，\s]+/).map((x) => x.trim()).filter(Boolean);
/** Today in the reader's own zone (a campaign's day is a local date). */
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** Campaigns (care.read), newest first, and the builder (care.manage). */
export function CampaignsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [offset, setOffset] = useState(0);
  const state = useLoad(() => campaigns(offset), [offset]);
  return (
    <article aria-labelledby="care-title">
      <header className="page-head">
        <h1 id="care-title">{t('care.title')}</h1>
      </header>
      <p className="muted">{t('care.intro')}</p>
      {can('care.manage') && <Builder />}
      <section className="card" aria-labelledby="care-list">
        <h2 id="care-list">{t('care.list')}</h2>
        <Async state={state}>
          {(p) =>
            p.items.length === 0 ? (
              <Empty>{t('care.none')}</Empty>
            ) : (
              <>
                <table>
                  <thead>
                    <tr>
                      <th>{t('care.name')}</th>
                      <th>{t('care.trigger')}</th>
                      <th>{t('care.purpose')}</th>
                      <th>{t('care.status')}</th>
                      <th>{t('care.created')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.items.map((c) => (
                      <tr key={c.id}>
                        <td>
                          <Link to={`/app/care/${c.id}`}>{c.name}</Link>
                        </td>
                        <td>{t(`careTrigger.${c.trigger.kind}`)}</td>
                        <td>{t(`carePurpose.${c.purpose}`)}</td>
                        <td>{t(`careStatus.${c.status}`)}</td>
                        <td>{dateTime(c.createdAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <Pager total={p.total} limit={p.limit} offset={p.offset} onOffset={setOffset} />
              </>
            )
          }
        </Async>
      </section>
    </article>
  );
}

function Builder() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [purpose, setPurpose] = useState<Campaign['purpose']>('marketing');
  const [kind, setKind] = useState<(typeof triggerKinds)[number]>('warranty_end');
  const [days, setDays] = useState('30');
  const [part, setPart] = useState<'unit' | 'main'>('unit');
  const [month, setMonth] = useState('5');
  const [day, setDay] = useState('1');
  const [holiday, setHoliday] = useState<(typeof holidays)[number]>('mid_autumn');
  const [models, setModels] = useState('');
  const [batch, setBatch] = useState('');
  const [months, setMonths] = useState('6');
  const [tiers, setTiers] = useState('');
  const [provinces, setProvinces] = useState('');
  const [categories, setCategories] = useState('');
  const [zh, setZh] = useState('{name}您好，您的{model}整机保修将于{warrantyEnd}到期，延保优惠：{link}');
  const [en, setEn] = useState('Dear {name}, the warranty of your {model} ends on {warrantyEnd}. Extend it: {link}');
  const [channels, setChannels] = useState<string[]>(['sms', 'inbox']);
  const [linkUrl, setLinkUrl] = useState('');
  const [shown, setShown] = useState<{ zh: string; en: string } | null>(null);

  function trigger(): CampaignInput['trigger'] {
    switch (kind) {
      case 'warranty_end':
        return { kind, days: Number(days), part };
      case 'after_install':
        return { kind, days: Number(days) };
      case 'seasonal':
        return { kind, month: Number(month), day: Number(day) };
      case 'holiday':
        return { kind, holiday };
      case 'recall':
        return { kind, modelCodes: list(models), batch: batch || null };
      case 'win_back':
        return { kind, months: Number(months) };
      case 'monthly':
        return { kind, dayOfMonth: Number(day) };
      default:
        return { kind };
    }
  }
  const body = (): CampaignInput => ({
    name,
    purpose,
    trigger: trigger(),
    audience: { tiers: list(tiers), provinces: list(provinces), categories: list(categories) },
    template: { zh, en },
    channels: channels as CampaignInput['channels'],
    linkUrl: linkUrl || null,
  });
  const { busy, submit, fieldError, formError } = useSubmit(async () => {
    const c = await createCampaign(body());
    navigate(`/app/care/${c.id}`);
  }, () => undefined);
  const toggle = (c: string) => setChannels(channels.includes(c) ? channels.filter((x) => x !== c) : [...channels, c]);
  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="care-builder">
      <h2 id="care-builder">{t('care.builder')}</h2>
      <Field label={t('care.name')} error={fieldError('name')} required>
        {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label={t('care.purpose')} error={fieldError('purpose')} required>
        {(p) => (
          <select {...p} value={purpose} onChange={(e) => setPurpose(e.target.value as Campaign['purpose'])}>
            {(['service', 'marketing', 'survey'] as const).map((x) => (
              <option key={x} value={x}>
                {t(`carePurpose.${x}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('care.trigger')} error={fieldError('trigger')} required>
        {(p) => (
          <select {...p} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            {triggerKinds.map((k) => (
              <option key={k} value={k}>
                {t(`careTrigger.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {(kind === 'warranty_end' || kind === 'after_install') && (
        <Field label={t('care.days')} error={fieldError('trigger.days')} required>
          {(p) => <input {...p} inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} />}
        </Field>
      )}
      {kind === 'warranty_end' && (
        <Field label={t('care.part')}>
          {(p) => (
            <select {...p} value={part} onChange={(e) => setPart(e.target.value as 'unit' | 'main')}>
              <option value="unit">{t('care.partUnit')}</option>
              <option value="main">{t('care.partMain')}</option>
            </select>
          )}
        </Field>
      )}
      {kind === 'seasonal' && (
        <Field label={t('care.month')} error={fieldError('trigger.month')} required>
          {(p) => <input {...p} inputMode="numeric" value={month} onChange={(e) => setMonth(e.target.value)} />}
        </Field>
      )}
      {(kind === 'seasonal' || kind === 'monthly') && (
        <Field label={t('care.dayOfMonth')} error={fieldError(kind === 'monthly' ? 'trigger.dayOfMonth' : 'trigger.day')} required>
          {(p) => <input {...p} inputMode="numeric" value={day} onChange={(e) => setDay(e.target.value)} />}
        </Field>
      )}
      {kind === 'holiday' && (
        <Field label={t('care.holiday')}>
          {(p) => (
            <select {...p} value={holiday} onChange={(e) => setHoliday(e.target.value as typeof holiday)}>
              {holidays.map((h) => (
                <option key={h} value={h}>
                  {t(`careHoliday.${h}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {kind === 'recall' && (
        <>
          <Field label={t('care.models')} error={fieldError('trigger.modelCodes')} required>
            {(p) => <input {...p} value={models} onChange={(e) => setModels(e.target.value)} />}
          </Field>
          <Field label={t('care.batch')} error={fieldError('trigger.batch')}>
            {(p) => <input {...p} value={batch} onChange={(e) => setBatch(e.target.value)} />}
          </Field>
        </>
      )}
      {kind === 'win_back' && (
        <Field label={t('care.silentMonths')} error={fieldError('trigger.months')} required>
          {(p) => <input {...p} inputMode="numeric" value={months} onChange={(e) => setMonths(e.target.value)} />}
        </Field>
      )}
      <fieldset>
        <legend>{t('care.audience')}</legend>
        <Field label={t('care.tiers')} hint={t('care.listHint')} error={fieldError('audience.tiers')}>
          {(p) => <input {...p} value={tiers} onChange={(e) => setTiers(e.target.value)} />}
        </Field>
        <Field label={t('care.provinces')} hint={t('care.listHint')} error={fieldError('audience.provinces')}>
          {(p) => <input {...p} value={provinces} onChange={(e) => setProvinces(e.target.value)} />}
        </Field>
        <Field label={t('care.categories')} hint={t('care.listHint')} error={fieldError('audience.categories')}>
          {(p) => <input {...p} value={categories} onChange={(e) => setCategories(e.target.value)} />}
        </Field>
      </fieldset>
      <Field label={t('care.templateZh')} hint={t('care.variables')} error={fieldError('template.zh')} required>
        {(p) => <textarea {...p} value={zh} onChange={(e) => setZh(e.target.value)} />}
      </Field>
      <Field label={t('care.templateEn')} error={fieldError('template.en')} required>
        {(p) => <textarea {...p} value={en} onChange={(e) => setEn(e.target.value)} />}
      </Field>
      <button type="button" onClick={() => void preview({ zh, en }, purpose).then((r) => setShown(r))}>
        {t('care.preview')}
      </button>
      {shown && (
        <dl aria-label={t('care.preview')}>
          <dt>中文</dt>
          <dd>{shown.zh}</dd>
          <dt>English</dt>
          <dd>{shown.en}</dd>
        </dl>
      )}
      <fieldset>
        <legend>{t('care.channels')}</legend>
        {channelList.map((c) => (
          <label key={c}>
            <input type="checkbox" checked={channels.includes(c)} onChange={() => toggle(c)} /> {t(`careChannel.${c}`)}
          </label>
        ))}
      </fieldset>
      <Field label={t('care.linkUrl')} error={fieldError('linkUrl')}>
        {(p) => <input {...p} value={linkUrl} onChange={(e) => setLinkUrl(e.target.value)} />}
      </Field>
      <FormError message={formError()} />
      <button type="submit" className="primary" disabled={busy}>
        {t('care.create')}
      </button>
    </form>
  );
}

/** One campaign: activate or pause, dry run (count and sample), send for a day, and its report. */
export function CampaignPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useSession();
  const state = useLoad(() => Promise.all([campaign(id), report(id)]), [id]);
  const [day, setDay] = useState(today());
  const [dry, setDry] = useState<DryRun | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  return (
    <Async state={state}>
      {([c, r]) => (
        <article aria-labelledby="campaign-title">
          <header className="page-head">
            <div>
              <h1 id="campaign-title">{c.name}</h1>
              <p className="muted">
                {t(`careTrigger.${c.trigger.kind}`)} · {t(`carePurpose.${c.purpose}`)} · {t(`careStatus.${c.status}`)}
              </p>
            </div>
            {can('care.manage') && (
              <button type="button" onClick={() => void setCampaignStatus(c.id, c.version, c.status === 'active' ? 'paused' : 'active').then(state.reload)}>
                {c.status === 'active' ? t('care.pause') : t('care.activate')}
              </button>
            )}
          </header>
          <section className="card" aria-labelledby="care-run">
            <h2 id="care-run">{t('care.dryRun')}</h2>
            <Field label={t('care.runDay')}>{(p) => <input {...p} type="date" value={day} onChange={(e) => setDay(e.target.value)} />}</Field>
            <button type="button" onClick={() => void dryRun(c.id, day).then(setDry)}>
              {t('care.dryRun')}
            </button>
            {can('care.manage') && c.status === 'active' && (
              <button type="button" className="primary" onClick={() => void runCampaign(c.id, day).then((x) => { setSent(t('care.sentResult', x)); state.reload(); })}>
                {t('care.send')}
              </button>
            )}
            {sent && <p role="status">{sent}</p>}
            {dry && (
              <>
                <p role="status">{t('care.count', { count: dry.count })}</p>
                <table aria-label={t('care.sample')}>
                  <thead>
                    <tr>
                      <th>{t('care.customer')}</th>
                      <th>{t('care.model')}</th>
                      <th>{t('care.warrantyEnd')}</th>
                      <th>{t('care.message')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {dry.sample.map((s) => (
                      <tr key={`${s.customerId}-${s.unitId ?? ''}`}>
                        <td>
                          <Link to={`/app/customers/${s.customerId}`}>{s.name}</Link>
                        </td>
                        <td>{s.model ?? '—'}</td>
                        <td>{s.warrantyEnd ?? '—'}</td>
                        <td>{s.bodyPreview}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </section>
          <section className="card" aria-labelledby="care-report">
            <h2 id="care-report">{t('care.report')}</h2>
            <dl>
              <dt>{t('care.selected')}</dt>
              <dd>{r.selected}</dd>
              <dt>{t('care.enqueued')}</dt>
              <dd>{r.byStatus.enqueued}</dd>
              <dt>{t('care.skipped')}</dt>
              <dd>{r.byStatus.skipped_consent + r.byStatus.skipped_cap + r.byStatus.skipped_no_channel}</dd>
              <dt>{t('care.delivered')}</dt>
              <dd>{r.delivery.delivered}</dd>
              <dt>{t('care.failed')}</dt>
              <dd>{r.delivery.failed}</dd>
              <dt>{t('care.clicked')}</dt>
              <dd>{r.clicked}</dd>
              <dt>{t('care.converted')}</dt>
              <dd data-testid="care-converted">{r.converted}</dd>
            </dl>
          </section>
        </article>
      )}
    </Async>
  );
}
