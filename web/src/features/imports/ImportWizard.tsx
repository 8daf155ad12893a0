import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Async, FormError, useLoad } from '../../shared/ui';
import { useSubmit } from '../../shared/submit';
import { dryRun, importEntities, importOf, imports, problemsOf, runImport, uploadFile, type Import, type ImportEntity } from './api';

/** The import wizard: upload a file, map its columns, check every row (dry run), then run it with a progress bar. */
/** Each kind of file: where its fields' names are, and where its records are seen after the run. */
const fieldLabels: Record<ImportEntity, string> = { customers: 'importField', units: 'importUnitField', orders: 'importOrderField', parts: 'importPartField', prices: 'importPriceField' };
const results: Record<ImportEntity, { to: string; label: string }> = {
  customers: { to: '/app/search', label: 'imports.seeCustomers' },
  units: { to: '/app/search', label: 'imports.seeUnits' },
  orders: { to: '/app/orders', label: 'imports.seeOrders' },
  parts: { to: '/app/parts', label: 'imports.seeParts' },
  prices: { to: '/app/price-lists', label: 'imports.seePrices' },
};

export function ImportWizardPage() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState<Import | null>(null);
  const history = useLoad(() => imports(), [current?.status]);
  // While the queue works on it, read its progress every second.
  useEffect(() => {
    if (!current || (current.status !== 'validating' && current.status !== 'running')) return;
    const timer = setInterval(() => void importOf(current.id).then(setCurrent), 1000);
    return () => clearInterval(timer);
  }, [current?.id, current?.status]);
  return (
    <article aria-labelledby="imports-title">
      <header className="page-head">
        <h1 id="imports-title">{t('imports.title')}</h1>
      </header>
      <p className="muted">{t('imports.intro')}</p>
      <UploadStep onDone={setCurrent} />
      {current && (current.status === 'uploaded' || current.status === 'validated' || current.status === 'failed') && <MappingStep key={`${current.id}-${current.version}`} imp={current} onDone={setCurrent} />}
      {current && <StatusStep imp={current} onDone={setCurrent} />}
      <h2>{t('imports.history')}</h2>
      <Async state={history}>
        {(page) => (
          <table>
            <thead>
              <tr>
                <th>{t('imports.file')}</th>
                <th>{t('imports.entity')}</th>
                <th>{t('imports.status')}</th>
                <th>{t('imports.rows')}</th>
                <th>{t('imports.createdAt')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((i) => (
                <tr key={i.id}>
                  <td>
                    <button type="button" className="link" onClick={() => setCurrent(i)}>
                      {i.fileName}
                    </button>
                  </td>
                  <td>{t(`importEntity.${i.entity}`)}</td>
                  <td>{t(`importStatus.${i.status}`)}</td>
                  <td>{i.rowsTotal}</td>
                  <td>{new Date(i.createdAt).toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Async>
    </article>
  );
}

function UploadStep({ onDone }: { onDone: (i: Import) => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [entity, setEntity] = useState<ImportEntity>('customers');
  const { busy, submit, formError } = useSubmit(async () => onDone(await uploadFile(file!, entity)), () => undefined);
  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('imports.upload')}>
      <h2>{t('imports.step1')}</h2>
      <label htmlFor="import-entity">{t('imports.what')}</label>
      <select id="import-entity" value={entity} onChange={(e) => setEntity(e.target.value as ImportEntity)}>
        {importEntities.map((e) => (
          <option key={e} value={e}>
            {t(`importEntity.${e}`)}
          </option>
        ))}
      </select>
      <label htmlFor="import-file">{t('imports.chooseFile')}</label>
      <input id="import-file" type="file" accept=".csv,.xlsx,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      <FormError message={formError()} />
      <button type="submit" disabled={busy || !file}>
        {t('imports.upload')}
      </button>
    </form>
  );
}

function MappingStep({ imp, onDone }: { imp: Import; onDone: (i: Import) => void }) {
  const { t } = useTranslation();
  const [mapping, setMapping] = useState<Record<string, string>>(imp.mapping);
  const { busy, submit, fieldError, formError } = useSubmit(async () => onDone(await dryRun(imp.id, imp.version, mapping)), () => undefined);
  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('imports.step2')}>
      <h2>{t('imports.step2')}</h2>
      <p className="muted">{t('imports.mappingHint')}</p>
      <table>
        <thead>
          <tr>
            <th>{t('imports.field')}</th>
            <th>{t('imports.column')}</th>
          </tr>
        </thead>
        <tbody>
          {imp.fields.map((f) => (
            <tr key={f}>
              <td>
                <label htmlFor={`map-${f}`}>
                  {t(`${fieldLabels[imp.entity]}.${f}`)}
                  {imp.requiredFields.includes(f) ? ' *' : ''}
                </label>
              </td>
              <td>
                <select id={`map-${f}`} value={mapping[f] ?? ''} onChange={(e) => setMapping({ ...mapping, [f]: e.target.value })} aria-invalid={fieldError(`mapping.${f}`) ? true : undefined}>
                  <option value="">{t('imports.notMapped')}</option>
                  {imp.columns.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
                {fieldError(`mapping.${f}`) && <span className="error">{fieldError(`mapping.${f}`)}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FormError message={formError()} />
      <button type="submit" disabled={busy}>
        {t('imports.dryRun')}
      </button>
    </form>
  );
}

function StatusStep({ imp, onDone }: { imp: Import; onDone: (i: Import) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const problems = useLoad(() => (imp.status === 'validated' || imp.status === 'done' ? problemsOf(imp.id) : Promise.resolve(null)), [imp.id, imp.status]);
  const { busy, submit, formError } = useSubmit(async () => onDone(await runImport(imp.id, imp.version)), () => undefined);
  return (
    <section aria-labelledby="import-status-title">
      <h2 id="import-status-title">{t('imports.step3')}</h2>
      <p role="status">
        {imp.fileName}: {t(`importStatus.${imp.status}`)}
        {imp.error ? ` — ${imp.error}` : ''}
      </p>
      {(imp.status === 'validated' || imp.status === 'running' || imp.status === 'done') && <p>{t('imports.checked', { total: imp.rowsTotal, valid: imp.rowsValid, invalid: imp.rowsInvalid })}</p>}
      {(imp.status === 'running' || imp.status === 'done') && (
        <p>
          <label htmlFor="import-progress">{t('imports.progress')}</label> <progress id="import-progress" value={imp.rowsDone} max={Math.max(imp.rowsTotal, 1)} /> {imp.rowsDone} / {imp.rowsTotal}
        </p>
      )}
      {imp.status === 'done' && (
        <p>
          {t('imports.result', { created: imp.created, updated: imp.updated, unchanged: imp.unchanged })} <Link to={results[imp.entity].to}>{t(results[imp.entity].label)}</Link>
        </p>
      )}
      <Async state={problems}>
        {(page) =>
          page && page.total > 0 ? (
            <table aria-label={t('imports.report')}>
              <caption>{t('imports.report')}</caption>
              <thead>
                <tr>
                  <th>{t('imports.row')}</th>
                  <th>{t('imports.column')}</th>
                  <th>{t('imports.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((p, i) => (
                  <tr key={i}>
                    <td>{p.row}</td>
                    <td>{p.column}</td>
                    <td>{p.reason[lang]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null
        }
      </Async>
      {imp.status === 'validated' && imp.rowsValid > 0 && (
        <form onSubmit={(e) => void submit(e)}>
          <FormError message={formError()} />
          <button type="submit" className="primary" disabled={busy}>
            {t('imports.run', { count: imp.rowsValid })}
          </button>
        </form>
      )}
    </section>
  );
}
