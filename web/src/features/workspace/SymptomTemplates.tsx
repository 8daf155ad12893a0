import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Empty, Field, FormError, useFormErrors, useLoad } from '../../shared/ui';
import { listCategories, listFaultCodes } from '../catalog/api';
import { createTemplate, listTemplates, updateTemplate, type SymptomTemplate } from './api';

const blank = { titleZh: '', titleEn: '', symptom: '', faultCode: '' };

/** A manager keeps the symptom templates of each product category: add, edit, archive, restore. */
export function SymptomTemplatesPage() {
  const { t, i18n } = useTranslation();
  const zh = i18n.language?.startsWith('zh');
  const categories = useLoad(listCategories, []);
  const [categoryId, setCategoryId] = useState('');
  useEffect(() => {
    if (!categoryId && categories.data?.items[0]) setCategoryId(categories.data.items[0].id);
  }, [categories.data, categoryId]);
  const templates = useLoad(async () => (categoryId ? (await listTemplates({ categoryId, includeArchived: 'true' })).items : []), [categoryId]);
  const codes = useLoad(async () => (categoryId ? (await listFaultCodes(categoryId)).items : []), [categoryId]);
  const [editing, setEditing] = useState<SymptomTemplate | null>(null);
  const [form, setForm] = useState(blank);
  const errors = useFormErrors();
  const set = (k: keyof typeof blank, v: string) => setForm((f) => ({ ...f, [k]: v }));

  function edit(x: SymptomTemplate | null) {
    setEditing(x);
    setForm(x ? { titleZh: x.titleZh, titleEn: x.titleEn, symptom: x.symptom, faultCode: x.faultCode ?? '' } : blank);
    errors.setError(null);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    errors.setError(null);
    try {
      if (editing) await updateTemplate(editing.id, { version: editing.version, ...form, faultCode: form.faultCode || null });
      else await createTemplate({ categoryId, ...form, faultCode: form.faultCode || null });
      edit(null);
      templates.reload();
    } catch (err) {
      errors.setError(err);
    }
  }

  async function toggle(x: SymptomTemplate) {
    try {
      await updateTemplate(x.id, { version: x.version, active: !x.active });
    } catch (err) {
      errors.setError(err);
    }
    templates.reload();
  }

  return (
    <section aria-labelledby="templates-title">
      <h1 id="templates-title">{t('templates.title')}</h1>
      <p className="hint">{t('templates.intro')}</p>
      <Async state={categories}>
        {(c) => (
          <Field label={t('templates.category')}>
            {(p) => (
              <select {...p} value={categoryId} onChange={(e) => { setCategoryId(e.target.value); edit(null); }}>
                {c.items.map((x) => (
                  <option key={x.id} value={x.id}>
                    {zh ? x.nameZh : x.nameEn} ({x.code})
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </Async>
      <Async state={templates}>
        {(items) =>
          items.length === 0 ? (
            <Empty>{t('templates.none')}</Empty>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('templates.titleZh')}</th>
                  <th scope="col">{t('templates.titleEn')}</th>
                  <th scope="col">{t('templates.symptom')}</th>
                  <th scope="col">{t('templates.faultCode')}</th>
                  <th scope="col"><span className="visually-hidden">{t('templates.edit')}</span></th>
                </tr>
              </thead>
              <tbody>
                {items.map((x) => (
                  <tr key={x.id} className={x.active ? undefined : 'muted'}>
                    <td>{x.titleZh}</td>
                    <td>{x.titleEn}</td>
                    <td>{x.symptom}</td>
                    <td>{x.faultCode ?? '—'}{!x.active && <> <span className="badge">{t('templates.archived')}</span></>}</td>
                    <td>
                      <button type="button" onClick={() => edit(x)} aria-label={`${t('templates.edit')} ${zh ? x.titleZh : x.titleEn}`}>{t('templates.edit')}</button>{' '}
                      <button type="button" onClick={() => void toggle(x)} aria-label={`${t(x.active ? 'templates.archive' : 'templates.restore')} ${zh ? x.titleZh : x.titleEn}`}>
                        {t(x.active ? 'templates.archive' : 'templates.restore')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Async>
      <form className="card" onSubmit={submit} noValidate aria-labelledby="template-form-title">
        <h2 id="template-form-title">{editing ? `${t('templates.edit')}: ${zh ? editing.titleZh : editing.titleEn}` : t('templates.add')}</h2>
        <div className="grid2">
          <Field label={t('templates.titleZh')} error={errors.fieldError('titleZh')} required>
            {(p) => <input {...p} value={form.titleZh} onChange={(e) => set('titleZh', e.target.value)} />}
          </Field>
          <Field label={t('templates.titleEn')} error={errors.fieldError('titleEn')} required>
            {(p) => <input {...p} value={form.titleEn} onChange={(e) => set('titleEn', e.target.value)} />}
          </Field>
        </div>
        <Field label={t('templates.symptom')} error={errors.fieldError('symptom')} required>
          {(p) => <textarea {...p} rows={2} value={form.symptom} onChange={(e) => set('symptom', e.target.value)} />}
        </Field>
        <Field label={t('templates.faultCode')} error={errors.fieldError('faultCode')}>
          {(p) => (
            <select {...p} value={form.faultCode} onChange={(e) => set('faultCode', e.target.value)}>
              <option value="">—</option>
              {(codes.data ?? []).map((f) => (
                <option key={f.id} value={f.code}>
                  {f.code} · {zh ? f.nameZh : f.nameEn}
                </option>
              ))}
            </select>
          )}
        </Field>
        <FormError message={errors.formError()} />
        <div className="actions">
          <button type="submit" className="primary" disabled={!categoryId}>
            {editing ? t('templates.save') : t('templates.add')}
          </button>
          {editing && (
            <button type="button" onClick={() => edit(null)}>
              {t('shortcuts.close')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

/** On the new-order form: the templates of the chosen unit's category; choosing one fills the symptom (the fault code first when it has one). */
export function TemplatePicker({ categoryId, onPick }: { categoryId: string | null; onPick: (symptom: string) => void }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language?.startsWith('zh');
  const state = useLoad(async () => (categoryId ? (await listTemplates({ categoryId })).items : []), [categoryId]);
  const items = state.data ?? [];
  return (
    <Field label={t('templates.pick')} hint={categoryId ? undefined : t('templates.noUnit')}>
      {(p) => (
        <select
          {...p}
          disabled={!categoryId || items.length === 0}
          value=""
          onChange={(e) => {
            const x = items.find((i) => i.id === e.target.value);
            if (x) onPick(x.faultCode ? `[${x.faultCode}] ${x.symptom}` : x.symptom);
          }}
        >
          <option value="">{t('templates.pickNone')}</option>
          {items.map((x) => (
            <option key={x.id} value={x.id}>
              {zh ? x.titleZh : x.titleEn}
              {x.faultCode ? ` (${x.faultCode})` : ''}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
