import { isId } from '../domain/ids.ts';
import { type IsoWeek, isIsoWeek } from '../domain/iso-week.ts';

/** The weekly-hour card a button sits on: its action answers with that card as it now stands. */
export interface WeeklyHourCardRef {
  readonly ownerId: string;
  readonly week: IsoWeek;
}

/**
 * A button's value: what it acts on (ids, never permissions), and the weekly-hour card it sits on
 * when it does. Written "target|ownerId:week"; ids and weeks hold neither separator.
 */
export function actionValue(target: readonly string[], on?: WeeklyHourCardRef): string {
  const value = target.join(':');
  return on ? `${value}|${on.ownerId}:${on.week}` : value;
}

export function readActionValue(value: string): {
  readonly target: readonly string[];
  readonly on: WeeklyHourCardRef | null;
} {
  const [target = '', card] = value.split('|', 2);
  const [ownerId, week] = card?.split(':', 2) ?? [];
  const on = ownerId && isId(ownerId) && week && isIsoWeek(week) ? { ownerId, week } : null;
  return { target: target.split(':'), on };
}
