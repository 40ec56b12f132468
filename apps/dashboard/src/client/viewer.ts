import { type Locale, localeFrom, type MessageKey, type MessageParams, translate } from '@steward/core/browser';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** Who is looking, as /auth/session tells. */
export interface Session {
  readonly personId: string;
  readonly tenantId: string;
  readonly role: string;
  readonly locale: string;
  readonly displayName: string;
}

/** The viewer with their language's texts and formats: every text on the page comes from here. */
export interface Viewer {
  readonly session: Session;
  readonly locale: Locale;
  /** Community managers (and administrators) act on groups; owners only look at theirs. */
  readonly canMessage: boolean;
  t(key: MessageKey, params?: MessageParams): string;
  number(value: number): string;
  percent(share: number): string;
  day(day: string): string;
  dateTime(instant: string): string;
  duration(ms: number): string;
}

const MANAGING_ROLES = new Set(['community_manager', 'administrator']);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function viewerOf(session: Session): Viewer {
  const locale = localeFrom(session.locale);
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  // A day of the API ('2025-11-21') is a UTC day: shown as that day wherever the viewer is.
  const days = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const dateTimes = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const unit = (name: 'minute' | 'hour' | 'day') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'long', maximumFractionDigits: 1 });
  const [minutes, hours, daysLong] = [unit('minute'), unit('hour'), unit('day')];
  return {
    session,
    locale,
    canMessage: MANAGING_ROLES.has(session.role),
    t: (key, params) => translate(locale, key, params),
    number: (value) => numbers.format(value),
    percent: (share) => percents.format(share),
    day: (day) => days.format(new Date(`${day}T00:00:00Z`)),
    dateTime: (instant) => dateTimes.format(new Date(instant)),
    duration: (ms) =>
      ms < HOUR
        ? minutes.format(Math.round(ms / 60_000))
        : ms < 2 * DAY
          ? hours.format(ms / HOUR)
          : daysLong.format(ms / DAY),
  };
}

export const ViewerContext = createContext<Viewer | null>(null);

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer outside the signed-in app');
  return viewer;
}
