// The emotion map as a table: months across, feelings down. A cell's color is as deep as the
// feeling was strong that month, relative to the strongest cell (the CSS custom property
// --intensity, 0..1); it shows how many entries carried the feeling, and says it in words
// ("2026년 5월 기쁨 3번") for screen readers and as a tooltip. A legend explains the colors.
import { useEffect, useRef, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmotionScore } from '../api/types';
import { currentLanguage } from '../i18n';
import { bucketLabel, formatMonth } from '../i18n/format';
import { emotionLabel } from '../i18n/insight';
import type { HeatMap } from '../lib/emotions';

/** The server's feeling ids; a row may also carry one the app does not know yet. */
type EmotionId = EmotionScore['id'];

export function EmotionHeatMap({ map }: { map: HeatMap }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const scroller = useRef<HTMLDivElement>(null);
  const { months, rows } = map;
  const caption = t('emotions.caption', {
    from: formatMonth(months[0], lang),
    to: formatMonth(months[months.length - 1], lang),
  });

  // On a narrow screen the table scrolls sideways; start at the latest months.
  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollLeft = el.scrollWidth;
  }, [months]);

  return (
    <div className="heat" data-testid="emotion-map">
      <div className="heat__scroll" ref={scroller} tabIndex={0} role="region" aria-labelledby="heat-caption">
        <table className="heat__table">
          <caption id="heat-caption" className="visually-hidden">
            {caption}
          </caption>
          <thead>
            <tr>
              <th scope="col" className="heat__corner">
                {t('emotions.feeling')}
              </th>
              {months.map((month, i) => (
                <th key={month} scope="col" className="heat__month">
                  <span className="heat__year" aria-hidden="true">
                    {i === 0 || month.endsWith('-01') ? bucketLabel('year', month.slice(0, 4), lang, t) : ''}
                  </span>
                  <span aria-hidden="true">{formatMonth(month, lang, true)}</span>
                  <span className="visually-hidden">{formatMonth(month, lang)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const name = emotionLabel({ id: row.id as EmotionId, label: row.label, score: 0 }, lang, t);
              return (
                <tr key={row.id} data-emotion={row.id}>
                  <th scope="row" className="heat__feeling">
                    {name}
                  </th>
                  {row.cells.map((cell) => {
                    const label = t('emotions.cell', {
                      count: cell.entries,
                      month: formatMonth(cell.month, lang),
                      emotion: name,
                    });
                    return (
                      <td
                        key={cell.month}
                        className={cell.entries > 0 ? 'heat__cell' : 'heat__cell heat__cell--none'}
                        style={{ '--intensity': cell.intensity } as CSSProperties}
                        title={label}
                        data-month={cell.month}
                        data-entries={cell.entries}
                      >
                        <span aria-hidden="true">{cell.entries > 0 ? cell.entries : ''}</span>
                        <span className="visually-hidden">{label}</span>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <HeatLegend />
    </div>
  );
}

function HeatLegend() {
  const { t } = useTranslation();
  return (
    <div className="heat-legend">
      <div className="heat-legend__scale" aria-hidden="true">
        <span>{t('emotions.legendLess')}</span>
        <span className="heat-legend__swatches">
          {[0, 1, 2, 3, 4].map((step) => (
            <span key={step} className="heat-legend__swatch" />
          ))}
        </span>
        <span>{t('emotions.legendMore')}</span>
      </div>
      <p className="heat-legend__text">{t('emotions.legend')}</p>
    </div>
  );
}
