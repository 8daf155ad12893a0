import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Empty, Field, FormError, errorText, useFormErrors, useLoad } from '../../shared/ui';
import { date, money, named, pick } from '../../shared/format';
import { useSession } from '../../shared/session';
import { listCategories, type Category } from '../catalog/api';
import { listOrders } from '../work-orders/api';
import { createVersion, listPriceLists, previewVersion, publishVersion, updateVersion, type PriceList, type PriceListContent, type PriceListVersion, type Preview } from './api';
import { fenFromYuan, yuanText } from './money-input';

const kinds = ['repair', 'installation', 'maintenance', 'inspection', 'return_exchange', 'complaint'] as const;
const modes = ['part_swap', 'adjustment', 'inspection', 'carry_in', 'installation', 'relocation', 'removal', 'wasted_trip'] as const;
const areaTypes = ['city', 'town', 'mountain'] as const;

/** Managers: the national list and the providers' contracts, each a row of versions; a draft is edited, previewed on an order, then published. */
export function PriceListsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const state = useLoad(async () => {
    const [lists, categories] = await Promise.all([listPriceLists(), listCategories()]);
    return { lists: lists.items, categories: categories.items };
  }, []);
  const [editing, setEditing] = useState<PriceListVersion | null>(null);
  const mayEdit = can('fees.manage');

  return (
    <article aria-labelledby="price-lists-title">
      <header className="page-head">
        <h1 id="price-lists-title">{t('priceLists.title')}</h1>
      </header>
      <p className="muted">{t('priceLists.intro')}</p>
      <Async state={state}>
        {({ lists, categories }) =>
          lists.length === 0 ? (
            <Empty>{t('priceLists.none')}</Empty>
          ) : (
            <>
              {lists.map((l) => (
                <ListCard key={l.id} list={l} mayEdit={mayEdit} onEdit={setEditing} onChange={state.reload} />
              ))}
              {editing && (
                <DraftEditor key={editing.id} draft={editing} categories={categories} onClose={() => setEditing(null)} onSaved={state.reload} />
              )}
            </>
          )
        }
      </Async>
    </article>
  );
}

function ListCard({ list, mayEdit, onEdit, onChange }: { list: PriceList; mayEdit: boolean; onEdit: (v: PriceListVersion) => void; onChange: () => void }) {
  const { t } = useTranslation();
  const [day, setDay] = useState('');
  const errors = useFormErrors();
  async function newDraft(e: FormEvent) {
    e.preventDefault();
    errors.setError(null);
    try {
      onEdit(await createVersion(list.id, { effectiveFrom: day }));
      onChange();
    } catch (err) {
      errors.setError(err);
    }
  }
  return (
    <section className="card" aria-labelledby={`list-${list.id}`}>
      <h2 id={`list-${list.id}`}>
        {named(list)} <span className="badge">{t(`priceLists.scope.${list.scope}`)}</span>
      </h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('priceLists.number')}</th>
              <th scope="col">{t('priceLists.status')}</th>
              <th scope="col">{t('priceLists.effectiveFrom')}</th>
              <th scope="col">{t('priceLists.note')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('priceLists.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.versions.map((v) => (
              <tr key={v.id}>
                <td>v{v.number}</td>
                <td>{t(`priceLists.state.${v.status}`)}</td>
                <td>{date(v.effectiveFrom)}</td>
                <td>{v.note ?? '—'}</td>
                <td className="row-actions">
                  <button type="button" onClick={() => onEdit(v)}>
                    {v.status === 'draft' && mayEdit ? t('priceLists.edit', { number: v.number }) : t('priceLists.view', { number: v.number })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {mayEdit && (
        <form className="inline-form" onSubmit={newDraft} noValidate>
          <Field label={t('priceLists.newDraftFrom')} error={errors.fieldError('effectiveFrom')} required>
            {(p) => <input {...p} type="date" value={day} onChange={(e) => setDay(e.target.value)} />}
          </Field>
          <button type="submit">{t('priceLists.newDraft')}</button>
          <FormError message={errors.formError()} />
        </form>
      )}
    </section>
  );
}

type Row = { categoryId: string; kind: string; mode: string; callOut: string; labour: string };
type ExtraRow = { code: string; nameZh: string; nameEn: string; unit: 'each' | 'metre'; price: string; customerPays: boolean };
type BandRow = { areaType: (typeof areaTypes)[number]; freeKm: string; rate: string; maxKm: string };

function DraftEditor({ draft: opened, categories, onClose, onSaved }: { draft: PriceListVersion; categories: Category[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  // The version as last saved: its row version for the next save, its status after publishing.
  const [draft, setDraft] = useState(opened);
  const readOnly = draft.status === 'published' || !can('fees.manage');
  const c = opened.content;
  const [day, setDay] = useState(opened.effectiveFrom);
  const [note, setNote] = useState(opened.note ?? '');
  const [rows, setRows] = useState<Row[]>(c.labour.map((l) => ({ categoryId: l.categoryId ?? '', kind: l.kind, mode: l.mode, callOut: yuanText(l.callOutFen), labour: yuanText(l.labourFen) })));
  const [extras, setExtras] = useState<ExtraRow[]>(c.extras.map((x) => ({ code: x.code, nameZh: x.nameZh, nameEn: x.nameEn, unit: x.unit, price: yuanText(x.priceFen), customerPays: x.customerPays })));
  const [bands, setBands] = useState<BandRow[]>(
    areaTypes.map((a) => {
      const b = c.distance.find((x) => x.areaType === a);
      return { areaType: a, freeKm: b ? String(b.freeKm) : '', rate: b ? yuanText(b.ratePerKmFen) : '', maxKm: b?.maxKm == null ? '' : String(b.maxKm) };
    }),
  );
  const errors = useFormErrors();
  const [saved, setSaved] = useState<string | null>(null);
  const categoryName = (id: string) => {
    const found = categories.find((x) => x.id === id);
    return found ? named(found) : t('priceLists.anyCategory');
  };
  const setRow = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const setExtra = (i: number, patch: Partial<ExtraRow>) => setExtras((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const setBand = (i: number, patch: Partial<BandRow>) => setBands((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  // An amount that is not yuan with at most two decimals goes to the server as -1, so its answer names the field.
  const fen = (s: string) => fenFromYuan(s) ?? -1;

  function content(): PriceListContent {
    return {
      currency: 'CNY',
      labour: rows.map((r) => ({ categoryId: r.categoryId || null, kind: r.kind, mode: r.mode as PriceListContent['labour'][number]['mode'], callOutFen: fen(r.callOut), labourFen: fen(r.labour) })),
      extras: extras.map((x) => ({ code: x.code, nameZh: x.nameZh, nameEn: x.nameEn, unit: x.unit, priceFen: fen(x.price), customerPays: x.customerPays })),
      distance: bands.filter((b) => b.freeKm !== '' || b.rate !== '').map((b) => ({ areaType: b.areaType, freeKm: Number(b.freeKm), ratePerKmFen: fen(b.rate), maxKm: b.maxKm === '' ? null : Number(b.maxKm) })),
      areas: c.areas,
      defaultAreaType: c.defaultAreaType,
    };
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    errors.setError(null);
    setSaved(null);
    try {
      setDraft(await updateVersion(draft.id, { version: draft.version, effectiveFrom: day, content: content() as never, note: note || undefined }));
      setSaved(t('priceLists.saved'));
      onSaved();
    } catch (err) {
      errors.setError(err);
    }
  }

  async function publish() {
    errors.setError(null);
    try {
      setDraft(await publishVersion(draft.id, draft.version));
      onSaved();
    } catch (err) {
      errors.setError(err);
    }
  }

  const field = (path: string) => errors.fieldError(`content.${path}`);
  return (
    <section className="card" aria-labelledby="draft-title">
      <h2 id="draft-title">{t(readOnly ? 'priceLists.viewTitle' : 'priceLists.editTitle', { number: draft.number })}</h2>
      {draft.status === 'published' && <p className="muted">{t('priceLists.publishedNote')}</p>}
      <form onSubmit={save} noValidate>
        <fieldset disabled={readOnly}>
          <div className="grid2">
            <Field label={t('priceLists.effectiveFrom')} error={errors.fieldError('effectiveFrom')} required>
              {(p) => <input {...p} type="date" value={day} onChange={(e) => setDay(e.target.value)} />}
            </Field>
            <Field label={t('priceLists.note')} error={errors.fieldError('note')}>
              {(p) => <input {...p} value={note} onChange={(e) => setNote(e.target.value)} />}
            </Field>
          </div>
          <h3>{t('priceLists.labour')}</h3>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('priceLists.category')}</th>
                  <th scope="col">{t('priceLists.kind')}</th>
                  <th scope="col">{t('priceLists.mode')}</th>
                  <th scope="col">{t('priceLists.callOut')}</th>
                  <th scope="col">{t('priceLists.labourFee')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('priceLists.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={i}>
                    <td>
                      <select aria-label={t('priceLists.rowCategory', { row: i + 1 })} value={r.categoryId} onChange={(e) => setRow(i, { categoryId: e.target.value })}>
                        <option value="">{t('priceLists.anyCategory')}</option>
                        {categories.map((x) => (
                          <option key={x.id} value={x.id}>
                            {named(x)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <select aria-label={t('priceLists.rowKind', { row: i + 1 })} value={r.kind} onChange={(e) => setRow(i, { kind: e.target.value })}>
                        {kinds.map((k) => (
                          <option key={k} value={k}>
                            {t(`kind.${k}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <select aria-label={t('priceLists.rowMode', { row: i + 1 })} value={r.mode} onChange={(e) => setRow(i, { mode: e.target.value })}>
                        {modes.map((m) => (
                          <option key={m} value={m}>
                            {t(`jobMode.${m}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input aria-label={t('priceLists.rowCallOut', { row: i + 1, category: categoryName(r.categoryId) })} aria-invalid={field(`labour.${i}.callOutFen`) ? true : undefined} inputMode="decimal" value={r.callOut} onChange={(e) => setRow(i, { callOut: e.target.value })} />
                      {field(`labour.${i}.callOutFen`) && <small className="field-error">{field(`labour.${i}.callOutFen`)}</small>}
                    </td>
                    <td>
                      <input aria-label={t('priceLists.rowLabour', { row: i + 1, category: categoryName(r.categoryId) })} aria-invalid={field(`labour.${i}.labourFen`) ? true : undefined} inputMode="decimal" value={r.labour} onChange={(e) => setRow(i, { labour: e.target.value })} />
                      {field(`labour.${i}.labourFen`) && <small className="field-error">{field(`labour.${i}.labourFen`)}</small>}
                    </td>
                    <td>
                      <button type="button" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>
                        {t('priceLists.removeRow', { row: i + 1 })}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {field('labour') && <p className="field-error">{field('labour')}</p>}
          <button type="button" onClick={() => setRows((rs) => [...rs, { categoryId: '', kind: 'repair', mode: 'adjustment', callOut: '0.00', labour: '0.00' }])}>
            {t('priceLists.addRow')}
          </button>
          <h3>{t('priceLists.extras')}</h3>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('priceLists.code')}</th>
                  <th scope="col">{t('priceLists.nameZh')}</th>
                  <th scope="col">{t('priceLists.nameEn')}</th>
                  <th scope="col">{t('priceLists.unit')}</th>
                  <th scope="col">{t('priceLists.price')}</th>
                  <th scope="col">{t('priceLists.customerPays')}</th>
                </tr>
              </thead>
              <tbody>
                {extras.map((x, i) => (
                  <tr key={i}>
                    <td>
                      <input aria-label={t('priceLists.extraField', { what: t('priceLists.code'), row: i + 1 })} value={x.code} onChange={(e) => setExtra(i, { code: e.target.value })} />
                    </td>
                    <td>
                      <input aria-label={t('priceLists.extraField', { what: t('priceLists.nameZh'), row: i + 1 })} value={x.nameZh} onChange={(e) => setExtra(i, { nameZh: e.target.value })} />
                    </td>
                    <td>
                      <input aria-label={t('priceLists.extraField', { what: t('priceLists.nameEn'), row: i + 1 })} value={x.nameEn} onChange={(e) => setExtra(i, { nameEn: e.target.value })} />
                    </td>
                    <td>
                      <select aria-label={t('priceLists.extraField', { what: t('priceLists.unit'), row: i + 1 })} value={x.unit} onChange={(e) => setExtra(i, { unit: e.target.value as ExtraRow['unit'] })}>
                        <option value="each">{t('priceLists.each')}</option>
                        <option value="metre">{t('priceLists.metre')}</option>
                      </select>
                    </td>
                    <td>
                      <input aria-label={t('priceLists.extraField', { what: t('priceLists.price'), row: i + 1 })} inputMode="decimal" value={x.price} onChange={(e) => setExtra(i, { price: e.target.value })} />
                      {field(`extras.${i}.priceFen`) && <small className="field-error">{field(`extras.${i}.priceFen`)}</small>}
                    </td>
                    <td>
                      <input type="checkbox" aria-label={t('priceLists.extraField', { what: t('priceLists.customerPays'), row: i + 1 })} checked={x.customerPays} onChange={(e) => setExtra(i, { customerPays: e.target.checked })} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="button" onClick={() => setExtras((xs) => [...xs, { code: '', nameZh: '', nameEn: '', unit: 'each', price: '0.00', customerPays: true }])}>
            {t('priceLists.addExtra')}
          </button>
          <h3>{t('priceLists.distance')}</h3>
          <p className="muted">{t('priceLists.distanceHint')}</p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('priceLists.areaType')}</th>
                  <th scope="col">{t('priceLists.freeKm')}</th>
                  <th scope="col">{t('priceLists.ratePerKm')}</th>
                  <th scope="col">{t('priceLists.maxKm')}</th>
                </tr>
              </thead>
              <tbody>
                {bands.map((b, i) => (
                  <tr key={b.areaType}>
                    <th scope="row">{t(`areaType.${b.areaType}`)}</th>
                    <td>
                      <input aria-label={`${t(`areaType.${b.areaType}`)} ${t('priceLists.freeKm')}`} inputMode="decimal" value={b.freeKm} onChange={(e) => setBand(i, { freeKm: e.target.value })} />
                    </td>
                    <td>
                      <input aria-label={`${t(`areaType.${b.areaType}`)} ${t('priceLists.ratePerKm')}`} inputMode="decimal" value={b.rate} onChange={(e) => setBand(i, { rate: e.target.value })} />
                    </td>
                    <td>
                      <input aria-label={`${t(`areaType.${b.areaType}`)} ${t('priceLists.maxKm')}`} inputMode="decimal" value={b.maxKm} onChange={(e) => setBand(i, { maxKm: e.target.value })} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {!readOnly && (
            <div className="action-bar">
              <button type="submit" className="primary">
                {t('priceLists.save')}
              </button>
              <button type="button" onClick={publish}>
                {t('priceLists.publish')}
              </button>
            </div>
          )}
        </fieldset>
        {saved && <p role="status">{saved}</p>}
        <FormError message={errors.formError()} />
      </form>
      <PreviewForm version={draft} />
      <button type="button" onClick={onClose}>
        {t('priceLists.close')}
      </button>
    </section>
  );
}

/** What an order (by its number) would cost under this version, beside what it costs now. */
function PreviewForm({ version }: { version: PriceListVersion }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function run(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setPreview(null);
    try {
      const found = (await listOrders({ q: number.trim(), limit: 1 })).items[0];
      if (!found) throw new Error(t('priceLists.noSuchOrder'));
      setPreview(await previewVersion(version.id, found.id));
    } catch (err) {
      setError(err);
    }
  }
  return (
    <section aria-labelledby="preview-title">
      <h3 id="preview-title">{t('priceLists.previewTitle')}</h3>
      <form className="inline-form" onSubmit={run} noValidate>
        <Field label={t('priceLists.orderNumber')} required>
          {(p) => <input {...p} value={number} onChange={(e) => setNumber(e.target.value)} />}
        </Field>
        <button type="submit">{t('priceLists.preview')}</button>
      </form>
      {error ? <p className="form-error" role="alert">{error instanceof Error && !('status' in error) ? error.message : errorText(error, t)}</p> : null}
      {preview && (
        <div className="preview">
          <table>
            <caption className="visually-hidden">{t('priceLists.previewTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fees.item')}</th>
                <th scope="col">{t('fees.amount')}</th>
                <th scope="col">{t('fees.payer')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.lines.map((l, i) => (
                <tr key={i}>
                  <td>{named(l)}</td>
                  <td>{money(l.amountFen)}</td>
                  <td title={pick(l.reason)}>{t(`payer.${l.payer}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="preview-totals">
            {t('priceLists.previewTotal', { total: money(preview.totals.amountFen), current: money(preview.current.amountFen) })}
          </p>
          {preview.problems.map((p) => (
            <p key={p.path} className="muted">
              {pick(p)}
            </p>
          ))}
        </div>
      )}
    </section>
  );
}
