import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Field, FormError, useLoad } from '../../shared/ui';
import { pick } from '../../shared/format';
import { useSubmit } from '../../shared/submit';
import { createTemplate, evidenceTypes, getTemplate, listTemplates, saveTemplate, type Item, type TemplateContent, type TemplateDetail } from './api';

/** The checklist templates: pick one and edit its sections and items; saving a template already used makes its next version. */
export function AuditTemplatesPage() {
  const { t } = useTranslation();
  const list = useLoad(() => listTemplates(), []);
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <article aria-labelledby="templates-title">
      <header className="page-head">
        <h1 id="templates-title">{t('audits.templatesTitle')}</h1>
      </header>
      <p className="muted">{t('audits.templatesIntro')}</p>
      <Async state={list}>
        {(r) => (
          <>
            <ul className="plain">
              {r.items.map((x) => (
                <li key={x.id}>
                  <button type="button" className="link" aria-pressed={selected === x.id} onClick={() => setSelected(x.id)}>
                    {pick({ zh: x.nameZh, en: x.nameEn })} · {x.code} v{x.version}
                  </button>
                </li>
              ))}
            </ul>
            {selected && <Editor key={selected} id={selected} onSaved={(id) => { setSelected(id); list.reload(); }} />}
            <NewTemplate copyFrom={r.items.find((x) => x.id === selected)?.content ?? r.items[0]?.content} onDone={list.reload} />
          </>
        )}
      </Async>
    </article>
  );
}

function Editor({ id, onSaved }: { id: string; onSaved: (id: string) => void }) {
  const state = useLoad(() => getTemplate(id), [id]);
  return <Async state={state}>{(d) => <EditorForm key={`${d.id}-${d.rowVersion}`} template={d} onSaved={onSaved} />}</Async>;
}

const blankItem = (n: number): Item => ({ code: `item_${n}`, textZh: '', textEn: '', weight: 5, evidence: 'pass_fail' });

function EditorForm({ template, onSaved }: { template: TemplateDetail; onSaved: (id: string) => void }) {
  const { t } = useTranslation();
  const [nameZh, setNameZh] = useState(template.nameZh);
  const [nameEn, setNameEn] = useState(template.nameEn);
  const [content, setContent] = useState<TemplateContent>(template.content);
  const { busy, submit, fieldError, formError } = useSubmit(async () => {
    const saved = await saveTemplate(template.id, { rowVersion: template.rowVersion, nameZh, nameEn, content });
    onSaved(saved.id);
  }, () => undefined);
  const setItem = (si: number, ii: number, patch: Partial<Item>) =>
    setContent({ ...content, sections: content.sections.map((s, i) => (i !== si ? s : { ...s, items: s.items.map((it, j) => (j !== ii ? it : { ...it, ...patch })) })) });
  const total = content.sections.flatMap((s) => s.items).reduce((n, i) => n + i.weight, 0);
  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-label={t('audits.editTemplate')}>
      <h2>
        {t('audits.editTemplate')} · {template.code} v{template.version}
      </h2>
      {template.used && <p className="hint">{t('audits.usedHint')}</p>}
      <Field label={t('audits.nameZh')} error={fieldError('nameZh')} required>
        {(p) => <input {...p} value={nameZh} onChange={(e) => setNameZh(e.target.value)} />}
      </Field>
      <Field label={t('audits.nameEn')} error={fieldError('nameEn')} required>
        {(p) => <input {...p} value={nameEn} onChange={(e) => setNameEn(e.target.value)} />}
      </Field>
      <p>{t('audits.totalPoints', { n: total })}</p>
      {content.sections.map((s, si) => (
        <fieldset key={s.code} className="plain-fieldset">
          <legend>{pick({ zh: s.nameZh, en: s.nameEn })}</legend>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('audits.itemCode')}</th>
                  <th scope="col">{t('audits.textZh')}</th>
                  <th scope="col">{t('audits.textEn')}</th>
                  <th scope="col">{t('audits.weight')}</th>
                  <th scope="col">{t('audits.evidence')}</th>
                  <th scope="col">{t('audits.critical')}</th>
                </tr>
              </thead>
              <tbody>
                {s.items.map((it, ii) => {
                  const path = `content.sections.${si}.items.${ii}`;
                  return (
                    <tr key={ii}>
                      <td>
                        <input aria-label={`${t('audits.itemCode')} ${ii + 1}`} aria-invalid={fieldError(`${path}.code`) ? true : undefined} value={it.code} onChange={(e) => setItem(si, ii, { code: e.target.value })} />
                      </td>
                      <td>
                        <input aria-label={`${t('audits.textZh')} ${it.code}`} value={it.textZh} onChange={(e) => setItem(si, ii, { textZh: e.target.value })} />
                      </td>
                      <td>
                        <input aria-label={`${t('audits.textEn')} ${it.code}`} value={it.textEn} onChange={(e) => setItem(si, ii, { textEn: e.target.value })} />
                      </td>
                      <td>
                        <input aria-label={`${t('audits.weight')} ${it.code}`} inputMode="decimal" value={String(it.weight)} onChange={(e) => setItem(si, ii, { weight: Number(e.target.value) || 0 })} />
                      </td>
                      <td>
                        <select aria-label={`${t('audits.evidence')} ${it.code}`} value={it.evidence} onChange={(e) => setItem(si, ii, { evidence: e.target.value as Item['evidence'] })}>
                          {evidenceTypes.map((x) => (
                            <option key={x} value={x}>
                              {t(`auditEvidence.${x}`)}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <input type="checkbox" aria-label={`${t('audits.critical')} ${it.code}`} checked={!!it.critical} onChange={(e) => setItem(si, ii, { critical: e.target.checked })} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <button type="button" className="secondary" onClick={() => setContent({ ...content, sections: content.sections.map((x, i) => (i !== si ? x : { ...x, items: [...x.items, blankItem(x.items.length + 1)] })) })}>
            {t('audits.addItem')}
          </button>
        </fieldset>
      ))}
      <FormError message={formError()} />
      <button type="submit" disabled={busy}>
        {template.used ? t('audits.saveVersion') : t('audits.save')}
      </button>
    </form>
  );
}

function NewTemplate({ copyFrom, onDone }: { copyFrom: TemplateContent | undefined; onDone: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [nameZh, setNameZh] = useState('');
  const [nameEn, setNameEn] = useState('');
  const { busy, submit, fieldError, formError } = useSubmit(
    () => createTemplate({ code, nameZh, nameEn, content: copyFrom ?? { grading: { pass: 70, stars: [{ min: 80, stars: 3 }, { min: 90, stars: 4 }, { min: 95, stars: 5 }] }, dueDays: 7, sections: [{ code: 'main', nameZh: '检查项', nameEn: 'Checks', items: [blankItem(1)] }] } }),
    onDone,
  );
  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-label={t('audits.newTemplate')}>
      <h2>{t('audits.newTemplate')}</h2>
      <p className="hint">{t('audits.newTemplateHint')}</p>
      <Field label={t('audits.code')} error={fieldError('code')} required>
        {(p) => <input {...p} value={code} onChange={(e) => setCode(e.target.value)} />}
      </Field>
      <Field label={t('audits.nameZh')} error={fieldError('nameZh')} required>
        {(p) => <input {...p} value={nameZh} onChange={(e) => setNameZh(e.target.value)} />}
      </Field>
      <Field label={t('audits.nameEn')} error={fieldError('nameEn')} required>
        {(p) => <input {...p} value={nameEn} onChange={(e) => setNameEn(e.target.value)} />}
      </Field>
      <FormError message={formError()} />
      <button type="submit" disabled={busy}>
        {t('audits.create')}
      </button>
    </form>
  );
}
