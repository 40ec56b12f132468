import type { GroupDetail } from '@steward/core';
import {
  componentLabel,
  ENGAGEMENT_LEVELS,
  HEALTH_COMPONENTS,
  healthBand,
  levelLabel,
  type MessageKey,
} from '@steward/core/browser';
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { type Json, useApi } from '../api.ts';
import { Chart, type ChartSeries } from '../parts/chart.tsx';
import { ComponentBars, FlagChips, Score } from '../parts/health.tsx';
import { Await } from '../parts/states.tsx';
import { navigate } from '../router.ts';
import { useViewer, type Viewer } from '../viewer.ts';

type Detail = Json<GroupDetail>;

const PERIODS = [30, 90, 365] as const;
const DAY_MS = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The period the URL names: `from` and `to`, or the last `days` (30 by default) up to today (UTC days, as the API's). */
function periodOf(query: URLSearchParams): { from: string; to: string; days: number | null } {
  const from = query.get('from');
  const to = query.get('to');
  if (from && to) return { from, to, days: null };
  const days = Number(query.get('days')) || PERIODS[0];
  const today = Date.now();
  return { from: isoDay(today - (days - 1) * DAY_MS), to: isoDay(today), days };
}

export function GroupPage({ groupId, query }: { groupId: string; query: URLSearchParams }) {
  const { t } = useViewer();
  const period = periodOf(query);
  const range = `from=${period.from}&to=${period.to}`;
  const id = encodeURIComponent(groupId);
  const [loaded, retry] = useApi<Detail>(`/api/v1/groups/${id}?${range}`);
  return (
    <>
      <p>
        <a href="/dashboard">← {t('dashboard.group.back')}</a>
      </p>
      <Await loaded={loaded} retry={retry}>
        {(detail) => (
          <GroupView
            detail={detail}
            period={period}
            csv={{ series: `/api/v1/groups/${id}/series.csv?${range}`, owners: `/api/v1/groups/${id}/owners.csv` }}
          />
        )}
      </Await>
    </>
  );
}

function GroupView({
  detail,
  period,
  csv,
}: {
  detail: Detail;
  period: ReturnType<typeof periodOf>;
  csv: { series: string; owners: string };
}) {
  const viewer = useViewer();
  const { t } = viewer;
  const { group, now } = detail;
  useEffect(() => {
    document.title = `${group.name} · ${t('dashboard.title')}`;
  }, [group.name, t]);
  return (
    <>
      <h1 tabIndex={-1}>{group.name}</h1>
      <section class="health-now" aria-labelledby="health-now">
        <h2 id="health-now">{t('dashboard.group.health_now')}</h2>
        <div class="health-line">
          <Score score={now.score} band={healthBand(now.score)} />
          <ComponentBars components={now.components} />
          <FlagChips flags={now.flags} />
        </div>
        <dl class="components-list">
          {HEALTH_COMPONENTS.map((component) => (
            <div key={component}>
              <dt>{t(componentLabel(component))}</dt>
              <dd>{now.components[component] === null ? '–' : viewer.number(now.components[component]!)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <PeriodPicker period={period} />
      <p class="actions">
        <a class="button" href={csv.series} download>
          {t('dashboard.csv.series')}
        </a>
        <a class="button" href={csv.owners} download>
          {t('dashboard.csv.group_owners')}
        </a>
      </p>
      <Charts detail={detail} />
      <Figures detail={detail} />
      <FullLists detail={detail} />
    </>
  );
}

function PeriodPicker({ period }: { period: ReturnType<typeof periodOf> }) {
  const { t } = useViewer();
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  useEffect(() => {
    setFrom(period.from);
    setTo(period.to);
  }, [period.from, period.to]);
  const here = location.pathname;
  return (
    <section class="period" aria-labelledby="period-title">
      <h2 id="period-title">{t('dashboard.period')}</h2>
      <ul class="period-choices">
        {PERIODS.map((days) => (
          <li key={days}>
            <a class="button" href={`${here}?days=${days}`} aria-current={period.days === days ? 'true' : undefined}>
              {t('dashboard.period.days', { count: days })}
            </a>
          </li>
        ))}
      </ul>
      <form
        class="period-custom"
        onSubmit={(event) => {
          event.preventDefault();
          navigate(`${here}?from=${from}&to=${to}`);
        }}
      >
        <label class="field">
          <span>{t('dashboard.period.from')}</span>
          <input type="date" value={from} max={to} required onInput={(event) => setFrom(event.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('dashboard.period.to')}</span>
          <input type="date" value={to} min={from} required onInput={(event) => setTo(event.currentTarget.value)} />
        </label>
        <button type="submit">{t('dashboard.period.apply')}</button>
      </form>
    </section>
  );
}

const series = (label: string, values: readonly (number | null)[]): ChartSeries => ({ label, values });

/** The daily series of the period as charts; built once per answer, so the charts are drawn once. */
function Charts({ detail }: { detail: Detail }) {
  const viewer = useViewer();
  const { t } = viewer;
  const charts = useMemo(() => {
    const points = detail.series;
    const health = <V,>(pick: (h: NonNullable<(typeof points)[number]['health']>) => V) =>
      points.map((p) => (p.health ? pick(p.health) : null));
    const activity = (pick: (a: (typeof points)[number]['activity']) => number) => points.map((p) => pick(p.activity));
    return {
      days: points.map((p) => p.day),
      members: [
        series(
          t('dashboard.series.members'),
          health((h) => h.members),
        ),
      ],
      active: [
        series(
          t('dashboard.series.weekly_active'),
          health((h) => h.weeklyActive),
        ),
        series(
          t('dashboard.series.monthly_active'),
          health((h) => h.monthlyActive),
        ),
      ],
      contributions: (['posts', 'replies', 'reactions', 'files', 'answers'] as const).map((kind) =>
        series(
          t(`dashboard.series.${kind}`),
          activity((a) => a[kind]),
        ),
      ),
      questions: [
        series(
          t('dashboard.series.questions_asked'),
          activity((a) => a.questionsAsked),
        ),
        series(
          t('dashboard.series.questions_answered'),
          activity((a) => a.questionsAnswered),
        ),
        {
          ...series(
            t(componentLabel('responsiveness')),
            health((h) => h.components.responsiveness),
          ),
          score: true,
        },
      ],
      components: [
        series(
          t('dashboard.series.score'),
          health((h) => h.score),
        ),
        ...HEALTH_COMPONENTS.map((component) =>
          series(
            t(componentLabel(component)),
            health((h) => h.components[component]),
          ),
        ),
      ],
    };
  }, [detail, viewer.locale]);
  return (
    <div class="charts">
      <Chart id="chart-members" title={t('dashboard.chart.members')} days={charts.days} series={charts.members} />
      <Chart id="chart-active" title={t('dashboard.chart.active')} days={charts.days} series={charts.active} />
      <Chart
        id="chart-contributions"
        title={t('dashboard.chart.contributions')}
        days={charts.days}
        series={charts.contributions}
      />
      <Chart id="chart-questions" title={t('dashboard.chart.questions')} days={charts.days} series={charts.questions} />
      <Chart
        id="chart-components"
        title={t('dashboard.chart.components')}
        days={charts.days}
        series={charts.components}
      />
    </div>
  );
}

function Figures({ detail }: { detail: Detail }) {
  const viewer = useViewer();
  const { t } = viewer;
  const { members, contributors, questions, content, owners, now } = detail;
  const duration = (ms: number | null) => (ms === null ? '–' : viewer.duration(ms));
  const figures: readonly [MessageKey, string][] = [
    ['dashboard.figure.members', viewer.number(members.members)],
    ['dashboard.figure.weekly_active', viewer.number(members.weeklyActive)],
    ['dashboard.figure.monthly_active', viewer.number(members.monthlyActive)],
    ['dashboard.figure.active_ratio', members.activeRatio === null ? '–' : viewer.percent(members.activeRatio)],
    ['dashboard.figure.idle', t(members.idle ? 'dashboard.yes' : 'dashboard.no')],
    ['dashboard.figure.new_contributors', viewer.number(contributors.new)],
    ['dashboard.figure.inactive_contributors', viewer.number(contributors.inactive)],
    ['dashboard.figure.absence_factor', viewer.number(contributors.absenceFactor)],
    ['dashboard.figure.questions_asked', viewer.number(questions.asked)],
    ['dashboard.figure.ttfr_median', duration(questions.medianMs)],
    ['dashboard.figure.ttfr_p90', duration(questions.p90Ms)],
    ['dashboard.figure.unanswered', viewer.number(questions.unanswered)],
  ];
  return (
    <div class="panels">
      <section aria-labelledby="figures-title">
        <h2 id="figures-title">{t('dashboard.figures')}</h2>
        <dl class="figures">
          {figures.map(([key, value]) => (
            <div key={key}>
              <dt>{t(key)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <h3>{t('dashboard.figure.joined_left')}</h3>
        <ul>
          {members.byMonth.map((m) => (
            <li key={m.month}>
              {t('dashboard.figure.month_net', {
                month: monthName(viewer, m.month),
                joined: m.joined,
                left: m.left,
                net: m.net,
              })}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="levels-title">
        <h2 id="levels-title">{t('dashboard.levels')}</h2>
        <table>
          <tbody>
            {ENGAGEMENT_LEVELS.map((level) => (
              <tr key={level}>
                <th scope="row">{t(levelLabel(level))}</th>
                <td class="num">{viewer.number(contributors.levels[level])}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2 id="top-title">{t('dashboard.top')}</h2>
        {contributors.top.length === 0 ? (
          <p class="muted">{t('dashboard.none')}</p>
        ) : (
          <table aria-labelledby="top-title">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.column.person')}</th>
                <th scope="col" class="num">
                  {t('dashboard.column.points')}
                </th>
              </tr>
            </thead>
            <tbody>
              {contributors.top.map((c) => (
                <tr key={c.personId}>
                  <th scope="row">{c.displayName ?? t('dashboard.person.unknown')}</th>
                  <td class="num">{viewer.number(c.score)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="owners-title">
        <h2 id="owners-title">{t('dashboard.owner_engagement')}</h2>
        <dl class="figures">
          <div>
            <dt>{t('dashboard.owner_engagement.active_owners')}</dt>
            <dd>
              {viewer.number(owners.activeOwnerIds.length)} / {viewer.number(owners.ownerIds.length)}
            </dd>
          </div>
          <div>
            <dt>{t('dashboard.column.weekly_hour')}</dt>
            <dd>
              {/* No card yet (a new group): nothing to count, rather than "0 of 0". */}
              {owners.engagement.weeks === 0
                ? t('dashboard.none')
                : t('dashboard.owner_engagement.weeks', {
                    lookedAfter: owners.engagement.lookedAfter,
                    weeks: owners.engagement.weeks,
                  })}
            </dd>
          </div>
          <div>
            <dt>{t('dashboard.owner_engagement.first_action')}</dt>
            <dd>{duration(owners.engagement.medianFirstActionMs)}</dd>
          </div>
        </dl>
        <h2>{t('dashboard.content')}</h2>
        <p>{t('dashboard.content.due', { count: content.due, items: content.items })}</p>
        <h2>{t('dashboard.requests')}</h2>
        <p>{t('dashboard.requests.waiting', { count: now.requestsWaiting })}</p>
      </section>
      <section id="questions" aria-labelledby="questions-title">
        <h2 id="questions-title">{t('dashboard.open_questions')}</h2>
        {questions.open.length === 0 ? (
          <p class="muted">{t('dashboard.none')}</p>
        ) : (
          <table aria-labelledby="questions-title">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.column.asked_at')}</th>
                <th scope="col">{t('dashboard.column.age')}</th>
                <th scope="col">{t('dashboard.column.asker')}</th>
              </tr>
            </thead>
            <tbody>
              {questions.open.map((q) => (
                <tr key={q.threadId}>
                  <td>{viewer.dateTime(q.askedAt)}</td>
                  <td>{viewer.duration(q.ageMs)}</td>
                  <td>{q.askerName ?? t('dashboard.person.unknown')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function monthName(viewer: Viewer, month: string): string {
  return new Intl.DateTimeFormat(viewer.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

/** The lists a card's "and N more" opens (its links end in #requests or #content): every row, up to the API's cap. */
function FullLists({ detail }: { detail: Detail }) {
  const viewer = useViewer();
  const { t } = viewer;
  const { pendingRequests, contentDue } = detail;
  const person = (name: string | null) => name ?? t('dashboard.person.unknown');
  return (
    <div class="panels">
      <section id="requests" aria-labelledby="requests-title">
        <h2 id="requests-title">{t('dashboard.requests.list')}</h2>
        <ListOf
          total={pendingRequests.total}
          shown={pendingRequests.rows.length}
          labelledBy="requests-title"
          columns={['dashboard.column.requester', 'dashboard.column.requested_at', 'dashboard.column.hours_waiting']}
          rows={pendingRequests.rows.map((r) => ({
            key: r.requestId,
            cells: [person(r.requesterName), viewer.dateTime(r.requestedAt), viewer.number(r.waitingHours)],
          }))}
        />
      </section>
      <section id="content" aria-labelledby="content-title">
        <h2 id="content-title">{t('dashboard.content.list')}</h2>
        <ListOf
          total={contentDue.total}
          shown={contentDue.rows.length}
          labelledBy="content-title"
          columns={[
            'dashboard.column.title',
            'dashboard.column.kind',
            'dashboard.column.due_since',
            'dashboard.column.flagged',
          ]}
          rows={contentDue.rows.map((c) => ({
            key: c.itemId,
            cells: [
              webLink(c.link) ? <a href={c.link!}>{c.title}</a> : c.title,
              t(`dashboard.kind.${c.kind}`),
              viewer.dateTime(c.dueSince),
              c.flag ? `${person(c.flag.byName)} · ${viewer.dateTime(c.flag.at)}` : '–',
            ],
          }))}
        />
      </section>
    </div>
  );
}

/** A platform's link is anyone's text (a Slack bookmark's, say): only a web address becomes a link, never `javascript:`. */
const webLink = (link: string | null) => link !== null && /^https?:\/\//i.test(link);

/** A table of rows under named columns, "none" when empty, and how many of the total it shows when capped. */
function ListOf({
  total,
  shown,
  labelledBy,
  columns,
  rows,
}: {
  total: number;
  shown: number;
  labelledBy: string;
  columns: readonly MessageKey[];
  rows: readonly { key: string; cells: readonly ComponentChildren[] }[];
}) {
  const { t } = useViewer();
  if (rows.length === 0) return <p class="muted">{t('dashboard.none')}</p>;
  return (
    <>
      {shown < total && <p class="muted">{t('dashboard.list.shown', { shown, total })}</p>}
      <table aria-labelledby={labelledBy}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {t(column)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, n) => (
                <td key={columns[n]}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
