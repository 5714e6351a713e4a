// What is stored now, field by field, in a notice about a change made elsewhere (an entry's
// or a child's): the stored value of each field, and optionally a word on what the form holds.
import { useTranslation } from 'react-i18next';

export interface StoredRow {
  field: string;
  label: string;
  /** The stored value, as the page shows it. */
  value: string;
  note?: string;
  /** Long text (an entry's body) keeps its line breaks. */
  long?: boolean;
}

export function StoredValues({ rows }: { rows: StoredRow[] }) {
  const { t } = useTranslation();
  return (
    <div className="conflict__latest">
      <h3 className="conflict__heading">{t('conflict.latest')}</h3>
      <dl className="conflict__fields">
        {rows.map((row) => (
          <div key={row.field} className="conflict__field">
            <dt>{row.label}</dt>
            <dd className={row.long ? 'conflict__body' : undefined}>{row.value}</dd>
            {row.note && <dd className="conflict__note">{row.note}</dd>}
          </div>
        ))}
      </dl>
    </div>
  );
}
