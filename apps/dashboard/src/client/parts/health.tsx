import {
  bandLabel,
  componentLabel,
  flagLabel,
  type GroupFlag,
  HEALTH_COMPONENTS,
  type HealthBand,
  type HealthComponent,
} from '@steward/core/browser';
import { useViewer } from '../viewer.ts';

/** The score with its band's colour and name. */
export function Score({ score, band }: { score: number | null; band: HealthBand | null }) {
  const { t, number } = useViewer();
  if (score === null || band === null) return <span class="muted">{t('dashboard.not_measured')}</span>;
  return (
    <span class={`score band-${band}`}>
      <strong>{number(score)}</strong> <span class="band-name">{t(bandLabel(band))}</span>
    </span>
  );
}

/** Each component as a small bar in a fixed order, named for screen readers and on hover. */
export function ComponentBars({ components }: { components: Readonly<Record<HealthComponent, number | null>> }) {
  const { t } = useViewer();
  return (
    <ul class="components">
      {HEALTH_COMPONENTS.map((component) => {
        const score = components[component];
        const name = t(componentLabel(component));
        const label =
          score === null
            ? t('dashboard.component.missing', { component: name })
            : t('dashboard.component.score', { component: name, score });
        return (
          <li key={component} class={`component c-${component}`} title={label}>
            <span
              class="bar"
              style={{ '--value': score ?? 0 }}
              data-missing={score === null ? '' : undefined}
              aria-hidden="true"
            />
            <span class="visually-hidden">{label}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** ↑, ↓ or → with what it means in words. */
export function Trend({ trend }: { trend: number | null }) {
  const { t } = useViewer();
  if (trend === null)
    return (
      <span class="muted" title={t('dashboard.trend.none')}>
        –<span class="visually-hidden">{t('dashboard.trend.none')}</span>
      </span>
    );
  const [arrow, text, kind] =
    trend > 0
      ? ['↑', t('dashboard.trend.up', { count: trend }), 'up']
      : trend < 0
        ? ['↓', t('dashboard.trend.down', { count: -trend }), 'down']
        : ['→', t('dashboard.trend.flat'), 'flat'];
  return (
    <span class={`trend trend-${kind}`} title={text}>
      <span aria-hidden="true">{arrow}</span>
      <span class="visually-hidden">{text}</span>
    </span>
  );
}

export function FlagChips({ flags }: { flags: readonly GroupFlag[] }) {
  const { t } = useViewer();
  if (flags.length === 0) return null;
  return (
    <ul class="chips">
      {flags.map((flag) => (
        <li key={flag} class={`chip flag-${flag}`}>
          {t(flagLabel(flag))}
        </li>
      ))}
    </ul>
  );
}
