import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog, Field, FormError, useFormErrors, useLoad } from '../../shared/ui';
import { deleteView, listSavedViews, renameView, saveView, type SavedView } from './api';

/** What of the page's address a view keeps: the filters and the sort, not the page. */
export function viewOfAddress(params: URLSearchParams): { filters: Record<string, string>; sort: string } {
  const filters: Record<string, string> = {};
  for (const [k, v] of params) if (k !== 'offset' && k !== 'sort' && v) filters[k] = v;
  return { filters, sort: params.get('sort') ?? '-createdAt' };
}

const sameView = (v: SavedView, params: URLSearchParams) => {
  const now = viewOfAddress(params);
  const keys = new Set([...Object.keys(v.filters), ...Object.keys(now.filters)]);
  return v.sort === now.sort && [...keys].every((k) => v.filters[k] === now.filters[k]);
};

/** The user's saved views as choices above the list: open one, save the present filters as one, rename or delete the open one. */
export function SavedViews({ params, open }: { params: URLSearchParams; open: (view: { filters: Record<string, string>; sort: string }) => void }) {
  const { t } = useTranslation();
  const views = useLoad(() => listSavedViews().then((r) => r.items), []);
  const [editing, setEditing] = useState<'new' | SavedView | null>(null);
  const [name, setName] = useState('');
  const errors = useFormErrors();
  const current = (views.data ?? []).find((v) => sameView(v, params));
  const submit = async () => {
    try {
      if (editing === 'new') open(await saveView({ name, ...viewOfAddress(params) }));
      else if (editing) await renameView(editing.id, { version: editing.version, name });
      setEditing(null);
      errors.setError(null);
      views.reload();
    } catch (e) {
      errors.setError(e);
    }
  };
  return (
    <nav className="views" aria-label={t('lists.views')}>
      <button type="button" aria-pressed={params.toString() === ''} onClick={() => open({ filters: {}, sort: '-createdAt' })}>
        {t('lists.allOrders')}
      </button>
      {(views.data ?? []).map((v) => (
        <button key={v.id} type="button" aria-pressed={v === current} onClick={() => open(v)}>
          {v.name}
        </button>
      ))}
      <button type="button" onClick={() => { setName(''); setEditing('new'); }}>
        {t('lists.saveView')}
      </button>
      {current && (
        <>
          <button type="button" onClick={() => { setName(current.name); setEditing(current); }}>
            {t('lists.renameView')}
          </button>
          <button type="button" onClick={() => void deleteView(current.id).then(views.reload, errors.setError)}>
            {t('lists.deleteView')}
          </button>
        </>
      )}
      {editing && (
        <Dialog title={editing === 'new' ? t('lists.saveView') : t('lists.renameView')} onClose={() => setEditing(null)}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <Field label={t('lists.viewName')} required error={errors.fieldError('name')}>
              {(p) => <input {...p} value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />}
            </Field>
            <FormError message={errors.formError()} />
            <div className="actions">
              <button type="submit">{t('lists.save')}</button>
              <button type="button" onClick={() => setEditing(null)}>
                {t('lists.cancel')}
              </button>
            </div>
          </form>
        </Dialog>
      )}
    </nav>
  );
}
