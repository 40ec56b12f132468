import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { useViewer } from '../viewer.ts';

export interface ChartSeries {
  readonly label: string;
  /** One value a day, null where there is none. */
  readonly values: readonly (number | null)[];
  /** A health score (0–100), read on an axis of its own on the right when beside counts. */
  readonly score?: boolean;
}

// Distinct on light and dark backgrounds; Teams' purple first.
const PALETTE = ['#6264a7', '#c4314b', '#13a10e', '#d97a00', '#0f6cbd', '#8764b8', '#038387', '#b4009e'];

/**
 * A line chart of daily series drawn by uPlot on a canvas, with its text alternative: a summary
 * of each series as the canvas's label, and every value in a table one can open.
 */
export function Chart({
  id,
  title,
  days,
  series,
  format,
}: {
  id: string;
  title: string;
  days: readonly string[];
  series: readonly ChartSeries[];
  format?: (value: number) => string;
}) {
  const viewer = useViewer();
  const { t } = viewer;
  const show = format ?? viewer.number;
  const box = useRef<HTMLDivElement>(null);
  const hasData = series.some((s) => s.values.some((v) => v !== null));

  useEffect(() => {
    const element = box.current;
    if (!element || !hasData) return;
    const style = getComputedStyle(element);
    // The theme's colours as the browser resolved them (the variables hold light-dark() pairs).
    const ink = style.color;
    const grid = style.borderTopColor;
    const dayLabel = new Intl.DateTimeFormat(viewer.locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
    const axis = { stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
    // Counts and a 0–100 score on one axis would flatten one or the other.
    const mixed = series.some((s) => s.score) && series.some((s) => !s.score);
    const scaleOf = (s: ChartSeries) => (mixed && s.score ? 'score' : 'y');
    const plot = new uPlot(
      {
        width: Math.max(element.clientWidth, 240),
        height: 220,
        // Labels only: live values would read "–" until the pointer is over the chart (the table has every value).
        legend: { show: true, live: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true }, ...(mixed ? { score: { range: [0, 100] as uPlot.Range.MinMax } } : {}) },
        axes: [
          // Room for the longest day label ("14 нояб.", "14 déc."): fewer ticks rather than touching labels.
          {
            ...axis,
            space: 72,
            values: (_u: uPlot, splits: number[]) => splits.map((s) => dayLabel.format(new Date(s * 1000))),
          },
          { ...axis, values: (_u: uPlot, splits: number[]) => splits.map((s) => show(s)), size: 56 },
          ...(mixed ? [{ ...axis, scale: 'score', side: 1, grid: { show: false }, size: 48 }] : []),
        ],
        series: [
          { value: (_u: uPlot, s: number | null) => (s === null ? '–' : dayLabel.format(new Date(s * 1000))) },
          ...series.map((s, i) => ({
            label: s.label,
            scale: scaleOf(s),
            stroke: PALETTE[i % PALETTE.length]!,
            width: 2,
            spanGaps: false,
            value: (_u: uPlot, v: number | null) => (v === null ? '–' : show(v)),
          })),
        ],
      },
      [
        days.map((day) => Date.parse(`${day}T00:00:00Z`) / 1000),
        ...series.map((s) => [...s.values]),
      ] as uPlot.AlignedData,
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(element.clientWidth, 240), height: 220 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [days, series, hasData, viewer.locale]);

  const summary = series.map((s) => summaryOf(s, show, t)).join(' ');
  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {hasData ? (
        <div class="plot" ref={box} role="img" aria-label={summary} />
      ) : (
        <p class="muted">{t('dashboard.chart.empty')}</p>
      )}
      {hasData && (
        <details>
          <summary>{t('dashboard.chart.table')}</summary>
          <div class="table-scroll">
            <table>
              <caption class="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.chart.day')}</th>
                  {series.map((s) => (
                    <th scope="col" key={s.label}>
                      {s.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {days.map((day, i) => (
                  <tr key={day}>
                    <th scope="row">{viewer.day(day)}</th>
                    {series.map((s) => (
                      <td key={s.label} class="num">
                        {s.values[i] === null || s.values[i] === undefined ? '–' : show(s.values[i]!)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </figure>
  );
}

function summaryOf(series: ChartSeries, show: (value: number) => string, t: ReturnType<typeof useViewer>['t']): string {
  const known = series.values.filter((v): v is number => v !== null);
  if (known.length === 0) return '';
  return t('dashboard.chart.summary', {
    series: series.label,
    first: show(known[0]!),
    last: show(known.at(-1)!),
    min: show(Math.min(...known)),
    max: show(Math.max(...known)),
  });
}
