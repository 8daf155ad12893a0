import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Empty, Field, FormError, useLoad } from '../../shared/ui';
import { money, named } from '../../shared/format';
import { useSession } from '../../shared/session';
import { fenFromYuan } from '../fees';
import { listModels } from '../catalog/api';
import { createPart, listParts } from './api';
import { useSubmit } from '../../shared/submit';

/** The manager's parts catalogue: every part with its prices and models, and a form to add one. */
export function PartsCatalogPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const state = useLoad(() => listParts(), []);
  return (
    <article aria-labelledby="parts-title">
      <header className="page-head">
        <h1 id="parts-title">{t('parts.catalogTitle')}</h1>
      </header>
      <p className="muted">{t('parts.catalogIntro')}</p>
      <Async state={state}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('parts.none')}</Empty>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('parts.number')}</th>
                    <th scope="col">{t('parts.part')}</th>
                    <th scope="col">{t('parts.listPrice')}</th>
                    <th scope="col">{t('parts.issuePrice')}</th>
                    <th scope="col">{t('parts.isMain')}</th>
                    <th scope="col">{t('parts.serialised')}</th>
                    <th scope="col">{t('parts.returnable')}</th>
                    <th scope="col">{t('parts.warrantyMonths')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((p) => (
                    <tr key={p.id}>
                      <td>{p.number}</td>
                      <td>{named(p)}</td>
                      <td>{money(p.listPrice.amountFen, p.listPrice.currency)}</td>
                      <td>{money(p.issuePrice.amountFen, p.issuePrice.currency)}</td>
                      <td>{p.isMain ? t('parts.yes') : t('parts.no')}</td>
                      <td>{p.serialised ? t('parts.yes') : t('parts.no')}</td>
                      <td>{p.returnable ? `${t('parts.yes')} · ${p.returnDays}` : t('parts.no')}</td>
                      <td>{p.warrantyMonths}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
      {can('parts.manage') && <AddPart onDone={state.reload} />}
    </article>
  );
}

function AddPart({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const models = useLoad(() => listModels({ limit: 200 } as never), []);
  const [f, setF] = useState({ number: '', nameZh: '', nameEn: '', listPrice: '', issuePrice: '', isMain: false, serialised: false, returnable: false, returnDays: '', warrantyMonths: '0', modelIds: [] as string[] });
  const set = (k: keyof typeof f, v: unknown) => setF((x) => ({ ...x, [k]: v }));
  const { busy, submit, fieldError, formError } = useSubmit(
    () =>
      createPart({
        number: f.number,
        nameZh: f.nameZh,
        nameEn: f.nameEn,
        listFen: fenFromYuan(f.listPrice) ?? -1,
        issueFen: fenFromYuan(f.issuePrice) ?? -1,
        isMain: f.isMain,
        serialised: f.serialised,
        returnable: f.returnable,
        returnDays: f.returnDays ? Number(f.returnDays) : null,
        warrantyMonths: Number(f.warrantyMonths || 0),
        modelIds: f.modelIds,
      }),
    () => {
      setF((x) => ({ ...x, number: '', nameZh: '', nameEn: '' }));
      onDone();
    },
  );
  const text = (k: 'number' | 'nameZh' | 'nameEn' | 'listPrice' | 'issuePrice' | 'returnDays' | 'warrantyMonths', path: string, decimal = false) => (
    <Field label={t(`parts.${k}`)} error={fieldError(path)} required={!['returnDays', 'warrantyMonths'].includes(k)}>
      {(p) => <input {...p} inputMode={decimal ? 'decimal' : undefined} value={f[k]} onChange={(e) => set(k, e.target.value)} />}
    </Field>
  );
  const box = (k: 'isMain' | 'serialised' | 'returnable') => (
    <label className="check">
      <input type="checkbox" checked={f[k]} onChange={(e) => set(k, e.target.checked)} /> {t(`parts.${k}`)}
    </label>
  );
  return (
    <section className="card" aria-labelledby="add-part">
      <h2 id="add-part">{t('parts.add')}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {text('number', 'number')}
        {text('nameZh', 'nameZh')}
        {text('nameEn', 'nameEn')}
        {text('listPrice', 'listFen', true)}
        {text('issuePrice', 'issueFen', true)}
        {box('isMain')}
        {box('serialised')}
        {box('returnable')}
        {f.returnable && text('returnDays', 'returnDays')}
        {text('warrantyMonths', 'warrantyMonths')}
        <Field label={t('parts.models')} error={fieldError('modelIds')}>
          {(p) => (
            <select {...p} multiple value={f.modelIds} onChange={(e) => set('modelIds', [...e.target.selectedOptions].map((o) => o.value))}>
              {(models.data?.items ?? []).map((m) => (
                <option key={m.id} value={m.id}>
                  {m.code} · {named(m)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <FormError message={formError()} />
        <button type="submit" className="primary" disabled={busy}>
          {t('parts.add')}
        </button>
      </form>
    </section>
  );
}
