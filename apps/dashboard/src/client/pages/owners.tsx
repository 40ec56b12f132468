import type { OwnersOverview, WeeklyHourTally } from '@steward/core';
import { useEffect } from 'preact/hooks';
import { type Json, useApi } from '../api.ts';
import { Pager } from '../parts/pager.tsx';
import { SortHeader, type SortState, sortOf } from '../parts/sort.tsx';
import { Await } from '../parts/states.tsx';
import { navigate } from '../router.ts';
import { useViewer } from '../viewer.ts';

const OWNER_KEYS = ['sort', 'order', 'limit', 'offset'];
const DEFAULT_LIMIT = 50;

/** Every owner with their groups, their weekly-hour record over the last 8 weeks and their responsiveness. */
export function OwnersPage({ query }: { query: URLSearchParams }) {
  const viewer = useViewer();
  const { t } = viewer;
  const kept = new URLSearchParams([...query].filter(([key]) => OWNER_KEYS.includes(key)));
  const [loaded, retry] = useApi<Json<OwnersOverview>>(`/api/v1/owners?${kept}`);
  const sort = sortOf(query, 'engagement');
  const limit = Number(query.get('limit') ?? DEFAULT_LIMIT);
  const offset = Number(query.get('offset') ?? 0);
  const go = (changes: Record<string, string>) => {
    const next = new URLSearchParams(kept);
    for (const [key, value] of Object.entries(changes)) next.set(key, value);
    navigate(`/dashboard/owners?${next}`);
  };
  const onSort = (s: SortState) => go({ sort: s.key, order: s.order, offset: '0' });
  useEffect(() => {
    document.title = `${t('dashboard.owners.title')} · ${t('dashboard.title')}`;
  }, [t]);

  return (
    <>
      <h1 tabIndex={-1}>{t('dashboard.owners.title')}</h1>
      <Await loaded={loaded} retry={retry}>
        {(page) => (
          <>
            <div class="table-scroll">
              <table class="owners-table">
                <caption class="visually-hidden">{t('dashboard.owners.title')}</caption>
                <thead>
                  <tr>
                    <SortHeader sortKey="name" label={t('dashboard.column.owner')} sort={sort} onSort={onSort} />
                    <SortHeader
                      sortKey="groups"
                      label={t('dashboard.column.groups')}
                      sort={sort}
                      onSort={onSort}
                      numeric
                    />
                    <SortHeader
                      sortKey="engagement"
                      label={t('dashboard.column.weekly_hour')}
                      sort={sort}
                      onSort={onSort}
                    />
                    <SortHeader
                      sortKey="missedWeeks"
                      label={t('dashboard.column.missed_weeks')}
                      sort={sort}
                      onSort={onSort}
                      numeric
                    />
                    <th scope="col">{t('dashboard.column.first_action')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.rows.map((owner) => (
                    <tr key={owner.personId}>
                      <th scope="row">
                        {owner.name}
                        {owner.deactivated && (
                          <span class="chip flag-ownerless">{t('dashboard.owner.deactivated')}</span>
                        )}
                      </th>
                      <td class="num">{viewer.number(owner.groupIds.length)}</td>
                      <td>
                        <WeeklyRecord tally={owner.weeklyHours} />
                      </td>
                      <td class="num">{viewer.number(owner.missedWeeks)}</td>
                      <td>
                        {owner.engagement.medianFirstActionMs === null
                          ? '–'
                          : viewer.duration(owner.engagement.medianFirstActionMs)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager
              total={page.total}
              offset={offset}
              limit={limit}
              range="dashboard.owners.range"
              onPage={(next) => go({ offset: String(next) })}
              onSize={(size) => go({ limit: String(size), offset: '0' })}
            />
          </>
        )}
      </Await>
    </>
  );
}

/** The weekly hour of the last 8 weeks with a card: done, skipped (with a reason) and missed, as a bar and in words. */
function WeeklyRecord({ tally }: { tally: WeeklyHourTally }) {
  const { t } = useViewer();
  if (tally.done + tally.skipped + tally.missed === 0) return <span class="muted">{t('dashboard.none')}</span>;
  return (
    <span class="record">
      <span class="tally" aria-hidden="true">
        {(['done', 'skipped', 'missed'] as const).map((part) => (
          <span key={part} class={part} style={{ flexGrow: tally[part] }} />
        ))}
      </span>
      {t('dashboard.owner.weekly_record', { ...tally })}
    </span>
  );
}
