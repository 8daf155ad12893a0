import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, FormError, useLoad } from '../../shared/ui';
import { useSubmit } from '../../shared/submit';
import { measures, updateMeasure, type Measure } from './api';

const num = (s: string) => (s.trim() === '' ? null : Number(s));

/** The measure admin: each measure's definition and source shown; target, thresholds, owner and whether it is shown edited. */
export function MeasuresPage() {
  const { t } = useTranslation();
  const [reload, setReload] = useState(0);
  const state = useLoad(() => measures(), [reload]);
  return (
    <article aria-labelledby="measures-title">
      <header className="page-head">
        <h1 id="measures-title">{t('scorecard.measuresTitle')}</h1>
      </header>
      <p>{t('scorecard.measuresIntro')}</p>
      <Async state={state}>
        {(d) => (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('scorecard.measure')}</th>
                <th scope="col">{t('scorecard.source')}</th>
                <th scope="col">{t('scorecard.direction')}</th>
                <th scope="col">{t('scorecard.target')}</th>
                <th scope="col">{t('scorecard.green')}</th>
                <th scope="col">{t('scorecard.red')}</th>
                <th scope="col">{t('scorecard.owner')}</th>
                <th scope="col">{t('scorecard.active')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {d.items.map((m) => (
                <MeasureRow key={`${m.code}-${m.version}`} m={m} onSaved={() => setReload((n) => n + 1)} />
              ))}
            </tbody>
          </table>
        )}
      </Async>
    </article>
  );
}

function MeasureRow({ m, onSaved }: { m: Measure; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const [target, setTarget] = useState(m.target === null ? '' : String(m.target));
  const [green, setGreen] = useState(m.green === null ? '' : String(m.green));
  const [red, setRed] = useState(m.red === null ? '' : String(m.red));
  const [owner, setOwner] = useState(m.owner);
  const [active, setActive] = useState(m.active);
  const form = useSubmit(() => updateMeasure({ code: m.code, version: m.version, target: num(target), green: num(green), red: num(red), owner, active }), onSaved);
  const name = i18n.language.startsWith('zh') ? m.nameZh : m.nameEn;
  const id = `measure-${m.code}`;
  return (
    <tr>
      <th scope="row" id={id} title={i18n.language.startsWith('zh') ? m.definitionZh : m.definitionEn}>
        {name}
        <FormError message={form.formError()} />
      </th>
      <td>{m.source}</td>
      <td>{t(`scorecard.${m.direction}`)}</td>
      <td>
        <input aria-label={`${name} ${t('scorecard.target')}`} inputMode="decimal" size={7} value={target} onChange={(e) => setTarget(e.target.value)} />
      </td>
      <td>
        <input aria-label={`${name} ${t('scorecard.green')}`} inputMode="decimal" size={7} value={green} onChange={(e) => setGreen(e.target.value)} />
      </td>
      <td>
        <input aria-label={`${name} ${t('scorecard.red')}`} inputMode="decimal" size={7} value={red} onChange={(e) => setRed(e.target.value)} />
      </td>
      <td>
        <input aria-label={`${name} ${t('scorecard.owner')}`} value={owner} onChange={(e) => setOwner(e.target.value)} />
      </td>
      <td>
        <input type="checkbox" aria-label={`${name} ${t('scorecard.active')}`} checked={active} onChange={(e) => setActive(e.target.checked)} />
      </td>
      <td>
        <form onSubmit={form.submit} aria-labelledby={id}>
          <button type="submit" disabled={form.busy}>
            {t('scorecard.save')}
          </button>
        </form>
      </td>
    </tr>
  );
}
