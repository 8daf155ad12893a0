import { useEffect, useState, type ReactNode } from 'react';

/** The stylesheet's phone layout (one column, the menu behind a button): the same width here. */
const phoneQuery = '(max-width: 720px)';

/** Whether the console is laid out for a phone now (follows a rotated phone or a resized window). */
export function usePhone(): boolean {
  const [phone, setPhone] = useState(() => typeof window !== 'undefined' && window.matchMedia(phoneQuery).matches);
  useEffect(() => {
    const query = window.matchMedia(phoneQuery);
    const changed = () => setPhone(query.matches);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, []);
  return phone;
}

/**
 * On a phone, what is not needed at every visit (a form used now and then, an order's details)
 * folds behind its title, opened with a tap; on a desk it is shown as it is, under its title when
 * `titleOnDesk` (a form's heading) and without it otherwise (a summary that only makes sense folded).
 */
export function PhoneFold({ title, titleOnDesk = true, className = 'fold-form', children }: { title: ReactNode; titleOnDesk?: boolean; className?: string; children: ReactNode }) {
  const phone = usePhone();
  if (!phone) {
    return (
      <>
        {titleOnDesk && title}
        {children}
      </>
    );
  }
  return (
    <details className={className}>
      <summary>{title}</summary>
      {children}
    </details>
  );
}
