// The feelings in the family's entries, month by month: a heat-map of the last twelve months
// for everyone or for one child, a year further back on request. The child and the last month
// shown live in the address (?child=&end=YYYY-MM).
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../api';
import type { Member } from '../api/types';
import { useFamily } from '../auth/family';
import { ChildRadios } from '../components/ChildPicker';
import { EmotionHeatMap } from '../components/EmotionHeatMap';
import { ErrorPanel } from '../components/ErrorPanel';
import { PageHeading } from '../components/PageHeading';
import { Splash } from '../components/Splash';
import { ArrowLeftIcon, ArrowRightIcon } from '../components/icons';
import { useLoad } from '../hooks/useLoad';
import { currentLanguage } from '../i18n';
import { formatMonth } from '../i18n/format';
import { MAP_MONTHS, buildHeatMap, currentMonth, isMonth, monthSpan, monthsEnding, shiftMonth } from '../lib/emotions';

export function EmotionsPage() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { members, membersLoaded, membersError, reloadMembers } = useFamily();
  const [params, setParams] = useSearchParams();
  const latest = currentMonth();
  const asked = params.get('end');
  const end = isMonth(asked) && asked < latest ? asked : latest;
  const child = members.find((m) => m.id === params.get('child')) ?? null;
  const months = monthsEnding(end);

  const change = (nextEnd: string, childId: string | null) => {
    const next = new URLSearchParams();
    if (childId) next.set('child', childId);
    if (nextEnd < latest) next.set('end', nextEnd);
    setParams(next, { replace: true });
  };
  const move = (nextEnd: string) => change(nextEnd, child?.id ?? null);

  return (
    <div className="page">
      <div className="page__intro">
        <PageHeading title={t('emotions.title')} />
        <p className="lead">{t('emotions.lead')}</p>
      </div>
      {membersError !== null && <ErrorPanel error={membersError} onRetry={() => void reloadMembers()} />}
      {!membersLoaded ? (
        <Splash />
      ) : (
        <>
          {members.length > 0 && (
            <div className="controls">
              <ChildRadios
                name="emotion-child"
                legend={t('emotions.childLabel')}
                allLabel={t('emotions.allChildren')}
                members={members}
                childId={child?.id ?? null}
                onChange={(id) => change(end, id)}
              />
            </div>
          )}
          <div className="heat-nav" role="group" aria-labelledby="heat-range">
            <p id="heat-range" className="heat-nav__range">
              {t('emotions.range', { from: formatMonth(months[0], lang), to: formatMonth(end, lang) })}
            </p>
            <div className="heat-nav__buttons">
              <button type="button" className="button button--secondary" onClick={() => move(shiftMonth(end, -MAP_MONTHS))}>
                <ArrowLeftIcon /> {t('emotions.earlier')}
              </button>
              {end < latest && (
                <button type="button" className="button button--quiet" onClick={() => move(latest)}>
                  {t('emotions.latest')}
                </button>
              )}
              <button
                type="button"
                className="button button--secondary"
                disabled={end >= latest}
                onClick={() => move(shiftMonth(end, MAP_MONTHS))}
              >
                {t('emotions.later')} <ArrowRightIcon />
              </button>
            </div>
          </div>
          <EmotionMapView months={months} child={child} />
        </>
      )}
    </div>
  );
}

function EmotionMapView({ months, child }: { months: string[]; child: Member | null }) {
  const { t } = useTranslation();
  const { family } = useFamily();
  const loaded = useLoad(`${family.id}/${child?.id ?? ''}/${months[0]}`, (signal) =>
    api.emotions(family.id, { bucket: 'month', member_id: child?.id, ...monthSpan(months) }, signal),
  );

  if (loaded.loading) return <Splash />;
  if (loaded.error !== null) return <ErrorPanel error={loaded.error} onRetry={loaded.reload} />;
  const map = buildHeatMap(loaded.data?.items ?? [], months);
  if (map.empty) {
    return (
      <div className="empty" data-testid="emotions-empty">
        <p className="empty__title">{child ? t('emotions.emptyFiltered') : t('emotions.empty')}</p>
        <p className="empty__lead">{t('emotions.emptyLead')}</p>
      </div>
    );
  }
  return <EmotionHeatMap map={map} />;
}
