import type { GroupOverview, GroupsOverview } from '@steward/core';
import {
  bandLabel,
  componentLabel,
  flagLabel,
  GROUP_FLAGS,
  HEALTH_BANDS,
  HEALTH_COMPONENTS,
  type MessageKey,
  PLATFORMS,
} from '@steward/core/browser';
import { useEffect, useState } from 'preact/hooks';
import { type Json, useApi } from '../api.ts';
import { ComponentBars, FlagChips, Score, Trend } from '../parts/health.tsx';
import { MessageOwners } from '../parts/message-owners.tsx';
import { Pager } from '../parts/pager.tsx';
import { SortHeader, type SortState, sortOf } from '../parts/sort.tsx';
import { Await } from '../parts/states.tsx';
import { navigate } from '../router.ts';
import { useViewer } from '../viewer.ts';

type Row = Json<GroupOverview>;

/** The query string's keys that the table's API takes, in the dashboard's URL and the API's alike. */
const TABLE_KEYS = ['q', 'platform', 'band', 'flag', 'sort', 'order', 'limit', 'offset'] as const;
const DEFAULT_LIMIT = 50;
const SEARCH_DELAY_MS = 300;

/** The part of `query` the table's API reads; without paging, for the CSV of every row. */
function tableQuery(query: URLSearchParams, { paging = true } = {}): string {
  const kept = new URLSearchParams();
  for (const [key, value] of query) {
    if ((TABLE_KEYS as readonly string[]).includes(key) && (paging || (key !== 'limit' && key !== 'offset')))
      kept.append(key, value);
  }
  return kept.toString();
}

/** The dashboard's URL with `changes` made (null removes); a new filter or sort starts at the first page. */
function withChanges(
  query: URLSearchParams,
  changes: Readonly<Record<string, string | readonly string[] | null>>,
  { keepPage = false } = {},
) {
  const next = new URLSearchParams(query);
  for (const [key, value] of Object.entries(changes)) {
    next.delete(key);
    for (const v of value === null ? [] : typeof value === 'string' ? [value] : value)
      if (v !== '') next.append(key, v);
  }
  if (!keepPage) next.delete('offset');
  const search = next.toString();
  return `/dashboard${search ? `?${search}` : ''}`;
}

export function GroupsPage({ query }: { query: URLSearchParams }) {
  const viewer = useViewer();
  const { t } = viewer;
  const [loaded, retry] = useApi<Json<GroupsOverview>>(`/api/v1/groups?${tableQuery(query)}`);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [messaging, setMessaging] = useState(false);
  const change = (
    changes: Readonly<Record<string, string | readonly string[] | null>>,
    options?: { keepPage?: boolean },
  ) => navigate(withChanges(query, changes, options));
  const sort = sortOf(query, 'score');
  const limit = Number(query.get('limit') ?? DEFAULT_LIMIT);
  const offset = Number(query.get('offset') ?? 0);

  useEffect(() => {
    document.title = `${t('dashboard.groups.title')} · ${t('dashboard.title')}`;
  }, [t]);

  return (
    <>
      <h1 tabIndex={-1}>{t('dashboard.groups.title')}</h1>
      <Filters query={query} change={change} />
      <div class="actions">
        <a class="button" href={`/api/v1/groups.csv?${tableQuery(query, { paging: false })}`} download>
          {t('dashboard.csv')}
        </a>
        {viewer.canMessage && (
          <button type="button" class="primary" disabled={selected.size === 0} onClick={() => setMessaging(true)}>
            {t('dashboard.message.open', { count: selected.size })}
          </button>
        )}
      </div>
      <Await loaded={loaded} retry={retry}>
        {(page) => (
          <>
            <p class="muted">
              {page.day ? t('dashboard.as_of', { day: viewer.day(page.day) }) : t('dashboard.not_measured')}
            </p>
            <ComponentLegend
              sort={sort}
              onSort={(key) => change({ sort: key, order: sort.key === key && sort.order === 'asc' ? 'desc' : 'asc' })}
            />
            <GroupsTable
              rows={page.rows}
              sort={sort}
              onSort={(s) => change({ sort: s.key, order: s.order })}
              selected={selected}
              onSelect={setSelected}
            />
            {page.rows.length === 0 && <p>{t('dashboard.groups.empty')}</p>}
            <Pager
              total={page.total}
              offset={offset}
              limit={limit}
              range="dashboard.groups.range"
              onPage={(next) => change({ offset: String(next) }, { keepPage: true })}
              onSize={(size) => change({ limit: String(size) })}
            />
          </>
        )}
      </Await>
      {viewer.canMessage && (
        <MessageOwners
          open={messaging}
          groupIds={[...selected]}
          onClose={() => setMessaging(false)}
          onSent={() => setSelected(new Set())}
        />
      )}
    </>
  );
}

type Change = (changes: Readonly<Record<string, string | readonly string[] | null>>) => void;

function Filters({ query, change }: { query: URLSearchParams; change: Change }) {
  const { t } = useViewer();
  const [search, setSearch] = useState(query.get('q') ?? '');
  const flags = query.getAll('flag');
  // Typing waits for a pause before asking the server (and adding a step to the history).
  useEffect(() => {
    if (search === (query.get('q') ?? '')) return;
    const timer = setTimeout(() => change({ q: search }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);
  // Back and Forward bring their search text with them.
  useEffect(() => setSearch(query.get('q') ?? ''), [query.get('q')]);

  return (
    <section class="filters" aria-label={t('dashboard.filters')}>
      <label class="field">
        <span>{t('dashboard.filter.search')}</span>
        <input type="search" value={search} maxLength={100} onInput={(event) => setSearch(event.currentTarget.value)} />
      </label>
      <label class="field">
        <span>{t('dashboard.filter.platform')}</span>
        <select
          value={query.get('platform') ?? ''}
          onChange={(event) => change({ platform: event.currentTarget.value })}
        >
          <option value="">{t('dashboard.filter.platform_any')}</option>
          {PLATFORMS.map((platform) => (
            <option key={platform} value={platform}>
              {t(`dashboard.platform.${platform}`)}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>{t('dashboard.filter.band')}</span>
        <select value={query.get('band') ?? ''} onChange={(event) => change({ band: event.currentTarget.value })}>
          <option value="">{t('dashboard.filter.band_any')}</option>
          {HEALTH_BANDS.map((band) => (
            <option key={band} value={band}>
              {t(bandLabel(band))}
            </option>
          ))}
        </select>
      </label>
      <fieldset class="flags">
        <legend>{t('dashboard.filter.flags')}</legend>
        {GROUP_FLAGS.map((flag) => (
          <label key={flag} class={`chip-toggle flag-${flag}`}>
            <input
              type="checkbox"
              checked={flags.includes(flag)}
              onChange={(event) =>
                change({ flag: event.currentTarget.checked ? [...flags, flag] : flags.filter((f) => f !== flag) })
              }
            />
            {t(flagLabel(flag))}
          </label>
        ))}
      </fieldset>
      <button type="button" class="quiet" onClick={() => navigate('/dashboard')}>
        {t('dashboard.filter.clear')}
      </button>
    </section>
  );
}

/** The components' order and colours; each sorts the table by that component. */
function ComponentLegend({ sort, onSort }: { sort: SortState; onSort: (key: string) => void }) {
  const { t } = useViewer();
  return (
    <div class="legend">
      <span id="components-legend">{t('dashboard.column.components')}:</span>
      <ul aria-labelledby="components-legend">
        {HEALTH_COMPONENTS.map((component) => (
          <li key={component}>
            <button
              type="button"
              class={`legend-item c-${component}`}
              aria-pressed={sort.key === component}
              onClick={() => onSort(component)}
            >
              <span class="swatch" aria-hidden="true" />
              {t(componentLabel(component))}
              {sort.key === component && <span aria-hidden="true">{sort.order === 'asc' ? ' ▲' : ' ▼'}</span>}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

const COLUMNS: readonly { key: string | null; label: MessageKey; numeric?: boolean }[] = [
  { key: 'name', label: 'dashboard.column.name' },
  { key: 'platform', label: 'dashboard.column.platform' },
  { key: 'owners', label: 'dashboard.column.owners' },
  { key: 'members', label: 'dashboard.column.members', numeric: true },
  { key: 'activeRatio', label: 'dashboard.column.active_ratio', numeric: true },
  { key: 'score', label: 'health.score', numeric: true },
  { key: null, label: 'dashboard.column.components' },
  { key: 'trend', label: 'dashboard.column.trend' },
  { key: 'flags', label: 'dashboard.column.flags' },
];

function GroupsTable(props: {
  rows: readonly Row[];
  sort: SortState;
  onSort: (sort: SortState) => void;
  selected: ReadonlySet<string>;
  onSelect: (selected: ReadonlySet<string>) => void;
}) {
  const viewer = useViewer();
  const { t } = viewer;
  const { rows, selected, onSelect } = props;
  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.groupId));
  const toggle = (ids: readonly string[], on: boolean) => {
    const next = new Set(selected);
    for (const id of ids)
      if (on) next.add(id);
      else next.delete(id);
    onSelect(next);
  };
  return (
    <div class="table-scroll">
      <table class="groups">
        <caption class="visually-hidden">{t('dashboard.groups.title')}</caption>
        <thead>
          <tr>
            {viewer.canMessage && (
              <th scope="col" class="select">
                <input
                  type="checkbox"
                  aria-label={t('dashboard.select_page')}
                  checked={allSelected}
                  onChange={(event) =>
                    toggle(
                      rows.map((r) => r.groupId),
                      event.currentTarget.checked,
                    )
                  }
                />
              </th>
            )}
            {COLUMNS.map((column) =>
              column.key === null ? (
                <th scope="col" key={column.label}>
                  {t(column.label)}
                </th>
              ) : (
                <SortHeader
                  key={column.key}
                  sortKey={column.key}
                  label={t(column.label)}
                  sort={props.sort}
                  onSort={props.onSort}
                  numeric={column.numeric}
                />
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.groupId} data-group-id={row.groupId}>
              {viewer.canMessage && (
                <td class="select">
                  <input
                    type="checkbox"
                    aria-label={t('dashboard.select_group', { group: row.name })}
                    checked={selected.has(row.groupId)}
                    onChange={(event) => toggle([row.groupId], event.currentTarget.checked)}
                  />
                </td>
              )}
              <th scope="row" class="name">
                <a href={`/dashboard/groups/${encodeURIComponent(row.groupId)}`}>{row.name}</a>
              </th>
              <td>{t(`dashboard.platform.${row.platform}`)}</td>
              <td class="owners">{ownerNames(row, viewer)}</td>
              <td class="num">{row.health ? viewer.number(row.health.members) : '–'}</td>
              <td class="num">{row.health?.activeRatio != null ? viewer.percent(row.health.activeRatio) : '–'}</td>
              <td class="num">
                <Score score={row.health?.score ?? null} band={row.band} />
              </td>
              <td>{row.health && <ComponentBars components={row.health.components} />}</td>
              <td>
                <Trend trend={row.trend} />
              </td>
              <td>
                <FlagChips flags={row.health?.flags ?? []} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ownerNames(row: Row, viewer: ReturnType<typeof useViewer>) {
  if (row.owners.length === 0) return viewer.t('dashboard.none');
  return (
    <ul class="names">
      {row.owners.map((o) => (
        <li key={o.personId}>
          {o.deactivated ? viewer.t('dashboard.owner.left', { name: o.displayName }) : o.displayName}
        </li>
      ))}
    </ul>
  );
}
