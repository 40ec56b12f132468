import {
  DEFAULT_REQUEST_DEADLINE_HOURS,
  DEFAULT_RESPONSE_TARGET_HOURS,
  type Locale,
  MAX_REQUEST_DEADLINE_HOURS,
  MAX_RESPONSE_TARGET_HOURS,
  MIN_REQUEST_DEADLINE_HOURS,
  MIN_RESPONSE_TARGET_HOURS,
  type OwnerSettings,
  type SettingsInput,
  translate,
} from '@steward/core';
import { preferencesInput, preferencesInputs } from './settings-preferences.ts';

export const SETTINGS_VERB = 'settings.save';

function weekdayName(locale: Locale, weekday: number): string {
  // 2024-01-01 was a Monday (ISO weekday 1).
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, weekday)),
  );
}

/**
 * An owner's settings as an Adaptive Card form (Teams has no modals for bots' commands); the
 * first owned group is preselected. `notice` says what the last save did, in the person's words.
 */
export function settingsCard(locale: Locale, settings: OwnerSettings, notice: string | null): Record<string, unknown> {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate(locale, key, params);
  const group = settings.groups[0];
  const choices = (items: readonly { title: string; value: string }[]) =>
    items.map((i) => ({ title: i.title, value: i.value }));
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: t('settings.title'), size: 'Large', weight: 'Bolder', wrap: true },
      ...(notice ? [{ type: 'TextBlock', text: notice, wrap: true, color: 'Accent' }] : []),
      { type: 'TextBlock', text: t('settings.weekly_hour'), weight: 'Bolder', wrap: true },
      {
        type: 'Input.ChoiceSet',
        id: 'weekday',
        label: t('settings.weekday'),
        value: String(settings.weeklyHour.weekday),
        choices: choices([1, 2, 3, 4, 5, 6, 7].map((d) => ({ title: weekdayName(locale, d), value: String(d) }))),
      },
      {
        type: 'Input.Text',
        id: 'time',
        label: t('settings.time', { zone: settings.timeZone }),
        value: settings.weeklyHour.time,
      },
      {
        type: 'Input.ChoiceSet',
        id: 'groupId',
        label: t('settings.group'),
        ...(group ? { value: group.id } : {}),
        choices: choices(settings.groups.map((g) => ({ title: g.name, value: g.id }))),
      },
      {
        type: 'Input.Text',
        id: 'purpose',
        label: t('settings.purpose'),
        isMultiline: true,
        maxLength: 500,
        value: group?.purpose ?? '',
      },
      {
        type: 'Input.Number',
        id: 'reviewIntervalDays',
        label: t('settings.review_interval'),
        min: 1,
        max: 3650,
        value: group?.reviewIntervalDays ?? 90,
      },
      {
        type: 'Input.ChoiceSet',
        id: 'membershipPolicy',
        label: t('settings.policy'),
        style: 'expanded',
        value: group?.membershipPolicy ?? 'approval',
        choices: choices((['approval', 'open'] as const).map((p) => ({ title: t(`settings.policy.${p}`), value: p }))),
      },
      {
        type: 'Input.Number',
        id: 'requestDeadlineHours',
        label: t('settings.request_deadline'),
        min: MIN_REQUEST_DEADLINE_HOURS,
        max: MAX_REQUEST_DEADLINE_HOURS,
        value: group?.requestDeadlineHours ?? DEFAULT_REQUEST_DEADLINE_HOURS,
      },
      {
        type: 'Input.Number',
        id: 'responseTargetHours',
        label: t('settings.response_target'),
        min: MIN_RESPONSE_TARGET_HOURS,
        max: MAX_RESPONSE_TARGET_HOURS,
        value: group?.responseTargetHours ?? DEFAULT_RESPONSE_TARGET_HOURS,
      },
      ...preferencesInputs(locale, settings),
    ],
    actions: [
      {
        type: 'Action.Execute',
        title: t('settings.save'),
        verb: SETTINGS_VERB,
        fallback: { type: 'Action.Submit', title: t('settings.save'), data: { verb: SETTINGS_VERB } },
      },
    ],
  };
}

/** The submitted card's inputs, as the core's settings input. */
export function settingsInput(data: Readonly<Record<string, unknown>>): SettingsInput {
  const field = (name: string) => (data[name] === undefined || data[name] === null ? '' : String(data[name]));
  return {
    weekday: field('weekday'),
    time: field('time'),
    groupId: field('groupId'),
    purpose: field('purpose'),
    reviewIntervalDays: field('reviewIntervalDays'),
    membershipPolicy: field('membershipPolicy'),
    ...preferencesInput(data),
    // A card sent before the field existed has none: the target stays as it is.
    ...(data['responseTargetHours'] === undefined ? {} : { responseTargetHours: field('responseTargetHours') }),
    // A form sent before the field existed has no such input: the group's deadline stays.
    ...(data['requestDeadlineHours'] === undefined ? {} : { requestDeadlineHours: field('requestDeadlineHours') }),
  };
}
