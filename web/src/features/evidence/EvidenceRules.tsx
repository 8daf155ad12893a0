import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Dialog, Empty, Field, FormError, useFormErrors, useLoad } from '../../shared/ui';
import { named } from '../../shared/format';
import { useSession } from '../../shared/session';
import { listCategories, type Category } from '../catalog/api';
import type { OrderKind } from '../work-orders/api';
import { createRule, deleteRule, listRules, updateRule, type EvidenceRule, type RuleInput } from './api';

const kinds: OrderKind[] = ['installation', 'repair', 'maintenance', 'inspection', 'return_exchange', 'complaint', 'consultation'];
const photoKinds = ['before', 'after', 'serial', 'serial_indoor', 'serial_outdoor', 'installed_unit', 'replaced_part'] as const;
const serialRoles = ['indoor', 'outdoor', 'main'] as const;

type ReadingDraft = { code: string; nameZh: string; nameEn: string; unit: string; min: string; max: string; required: boolean };
type Draft = { id: string | null; version: number; categoryId: string; kind: OrderKind; photos: string[]; serials: string[]; readings: ReadingDraft[]; faultCodes: boolean };

const fromRule = (r: EvidenceRule): Draft => ({
  id: r.id,
  version: r.version,
  categoryId: r.categoryId ?? '',
  kind: r.kind,
  photos: r.photos,
  serials: r.serials,
  readings: r.readings.map((x) => ({ ...x, min: x.min === null ? '' : String(x.min), max: x.max === null ? '' : String(x.max) })),
  faultCodes: r.faultCodes,
});
const blank: Draft = { id: null, version: 0, categoryId: '', kind: 'installation', photos: [], serials: [], readings: [], faultCodes: false };

/** Managers: what a technician must show to complete each kind of job, per category. */
export function EvidenceRulesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const state = useLoad(async () => {
    const [rules, categories] = await Promise.all([listRules(), listCategories()]);
    return { rules: rules.items, categories: categories.items };
  }, []);
  const [draft, setDraft] = useState<Draft | null>(null);
  const mayEdit = can('catalog.write');

  return (
    <article aria-labelledby="rules-title">
      <header className="page-head">
        <h1 id="rules-title">{t('evidenceRules.title')}</h1>
        {mayEdit && (
          <button type="button" className="primary" onClick={() => setDraft(blank)}>
            {t('evidenceRules.add')}
          </button>
        )}
      </header>
      <p className="muted">{t('evidenceRules.intro')}</p>
      <Async state={state}>
        {({ rules, categories }) => {
          const categoryName = (id: string | null) => {
            const c = categories.find((x) => x.id === id);
            return c ? named(c) : t('evidenceRules.anyCategory');
          };
          return (
            <>
              {rules.length === 0 ? (
                <Empty>{t('evidenceRules.none')}</Empty>
              ) : (
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('evidenceRules.category')}</th>
                        <th scope="col">{t('evidenceRules.kind')}</th>
                        <th scope="col">{t('evidenceRules.photos')}</th>
                        <th scope="col">{t('evidenceRules.serials')}</th>
                        <th scope="col">{t('evidenceRules.readings')}</th>
                        <th scope="col">{t('evidenceRules.faultCodes')}</th>
                        {mayEdit && (
                          <th scope="col">
                            <span className="visually-hidden">{t('evidenceRules.edit')}</span>
                          </th>
                        )}
                      </tr>
                    </thead>
                    <tbody>
                      {rules.map((r) => (
                        <tr key={r.id}>
                          <td>{categoryName(r.categoryId)}</td>
                          <td>{t(`kind.${r.kind}`)}</td>
                          <td>{r.photos.map((p) => t(`photoKind.${p}`)).join('、') || '—'}</td>
                          <td>{r.serials.map((s) => t(`serialRole.${s}`)).join('、') || '—'}</td>
                          <td>{r.readings.map((x) => `${named(x)} (${x.min ?? '…'}–${x.max ?? '…'} ${x.unit})`).join('、') || '—'}</td>
                          <td>{r.faultCodes ? t('evidenceRules.yes') : t('evidenceRules.no')}</td>
                          {mayEdit && (
                            <td className="row-actions">
                              <button type="button" onClick={() => setDraft(fromRule(r))}>
                                {t('evidenceRules.edit')}
                              </button>
                              <button
                                type="button"
                                onClick={async () => {
                                  await deleteRule(r.id, r.version);
                                  state.reload();
                                }}
                              >
                                {t('evidenceRules.remove')}
                              </button>
                            </td>
                          )}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {draft && (
                <RuleDialog
                  draft={draft}
                  categories={categories}
                  onClose={() => setDraft(null)}
                  onSaved={() => {
                    setDraft(null);
                    state.reload();
                  }}
                />
              )}
            </>
          );
        }}
      </Async>
    </article>
  );
}

function RuleDialog({ draft, categories, onClose, onSaved }: { draft: Draft; categories: Category[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [d, setD] = useState(draft);
  const [busy, setBusy] = useState(false);
  const toggle = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  const setReading = (i: number, patch: Partial<ReadingDraft>) => setD((s) => ({ ...s, readings: s.readings.map((r, j) => (j === i ? { ...r, ...patch } : r)) }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    errors.setError(null);
    const body: RuleInput = {
      categoryId: d.categoryId || null,
      kind: d.kind,
      photos: d.photos as RuleInput['photos'],
      serials: d.serials as RuleInput['serials'],
      readings: d.readings.map((r) => ({ code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, unit: r.unit, min: r.min === '' ? null : Number(r.min), max: r.max === '' ? null : Number(r.max), required: r.required })),
      faultCodes: d.faultCodes,
    };
    try {
      if (d.id) await updateRule(d.id, { ...body, version: d.version });
      else await createRule(body);
      onSaved();
    } catch (err) {
      errors.setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={d.id ? t('evidenceRules.editTitle') : t('evidenceRules.newTitle')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Field label={t('evidenceRules.category')} error={errors.fieldError('categoryId')}>
          {(p) => (
            <select {...p} autoFocus value={d.categoryId} onChange={(e) => setD({ ...d, categoryId: e.target.value })}>
              <option value="">{t('evidenceRules.anyCategory')}</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {named(c)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('evidenceRules.kind')} error={errors.fieldError('kind')} required>
          {(p) => (
            <select {...p} value={d.kind} onChange={(e) => setD({ ...d, kind: e.target.value as OrderKind })}>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset>
          <legend>{t('evidenceRules.photos')}</legend>
          {photoKinds.map((k) => (
            <label key={k} className="check">
              <input type="checkbox" checked={d.photos.includes(k)} onChange={() => setD({ ...d, photos: toggle(d.photos, k) })} /> {t(`photoKind.${k}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('evidenceRules.serials')}</legend>
          {serialRoles.map((k) => (
            <label key={k} className="check">
              <input type="checkbox" checked={d.serials.includes(k)} onChange={() => setD({ ...d, serials: toggle(d.serials, k) })} /> {t(`serialRole.${k}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('evidenceRules.readings')}</legend>
          {d.readings.map((r, i) => (
            <div key={i} className="reading-row">
              {(['code', 'nameZh', 'nameEn', 'unit'] as const).map((k) => (
                <Field key={k} label={t(`evidenceRules.reading${k === 'code' ? 'Code' : k === 'nameZh' ? 'Zh' : k === 'nameEn' ? 'En' : 'Unit'}`)} error={errors.fieldError(`readings.${i}.${k}`)} required>
                  {(p) => <input {...p} value={r[k]} onChange={(e) => setReading(i, { [k]: e.target.value })} />}
                </Field>
              ))}
              {(['min', 'max'] as const).map((k) => (
                <Field key={k} label={t(k === 'min' ? 'evidenceRules.readingMin' : 'evidenceRules.readingMax')} error={errors.fieldError(`readings.${i}.${k}`)}>
                  {(p) => <input {...p} type="number" step="any" value={r[k]} onChange={(e) => setReading(i, { [k]: e.target.value })} />}
                </Field>
              ))}
              <label className="check">
                <input type="checkbox" checked={r.required} onChange={(e) => setReading(i, { required: e.target.checked })} /> {t('evidenceRules.readingRequired')}
              </label>
              <button type="button" onClick={() => setD((s) => ({ ...s, readings: s.readings.filter((_, j) => j !== i) }))}>
                {t('evidenceRules.removeReading', { code: r.code || i + 1 })}
              </button>
            </div>
          ))}
          <button type="button" onClick={() => setD((s) => ({ ...s, readings: [...s.readings, { code: '', nameZh: '', nameEn: '', unit: '', min: '', max: '', required: true }] }))}>
            {t('evidenceRules.addReading')}
          </button>
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={d.faultCodes} onChange={(e) => setD({ ...d, faultCodes: e.target.checked })} /> {t('evidenceRules.faultCodes')}
        </label>
        <FormError message={errors.formError()} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('evidenceRules.back')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('evidenceRules.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
