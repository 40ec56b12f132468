import type { ModalView } from '@slack/types';
import {
  DEFAULT_REQUEST_DEADLINE_HOURS,
  type Group,
  type Locale,
  MAX_REQUEST_DEADLINE_HOURS,
  MAX_RESPONSE_TARGET_HOURS,
  MIN_REQUEST_DEADLINE_HOURS,
  MIN_RESPONSE_TARGET_HOURS,
  type OwnerSettings,
  type SettingsField,
  type SettingsInput,
  translate,
} from '@steward/core';
import { PREFERENCE_BLOCKS, preferencesBlocks, preferencesInput } from './settings-preferences.ts';

export const SETTINGS_CALLBACK = 'settings.save';

/** Each field's block and element id; a failure naming a field is shown beside its block. */
const FIELDS = {
  weekday: 'weekday',
  time: 'time',
  group: 'group',
  purpose: 'purpose',
  review_interval: 'review_interval',
  membership_policy: 'membership_policy',
  response_target: 'response_target',
  request_deadline: 'request_deadline',
  ...PREFERENCE_BLOCKS,
} as const satisfies Record<SettingsField, string>;

function weekdayName(locale: Locale, weekday: number): string {
  // 2024-01-01 was a Monday (ISO weekday 1).
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, weekday)),
  );
}

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const option = (text: string, value: string) => ({ text: plain(text), value });

/** The owner's settings as a Slack modal; the first owned group is preselected. */
export function settingsModal(locale: Locale, settings: OwnerSettings): ModalView {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate(locale, key, params);
  const group = settings.groups[0];
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((d) => option(weekdayName(locale, d), String(d)));
  const policies = (['approval', 'open'] as const).map((p) => option(t(`settings.policy.${p}`), p));
  return {
    type: 'modal',
    callback_id: SETTINGS_CALLBACK,
    title: plain(t('settings.title')),
    submit: plain(t('settings.save')),
    close: plain(t('settings.cancel')),
    blocks: [
      { type: 'header', text: plain(t('settings.weekly_hour')) },
      {
        type: 'input',
        block_id: FIELDS.weekday,
        label: plain(t('settings.weekday')),
        element: {
          type: 'static_select',
          action_id: FIELDS.weekday,
          options: weekdays,
          initial_option: weekdays[settings.weeklyHour.weekday - 1],
        },
      },
      {
        type: 'input',
        block_id: FIELDS.time,
        label: plain(t('settings.time', { zone: settings.timeZone })),
        element: { type: 'plain_text_input', action_id: FIELDS.time, initial_value: settings.weeklyHour.time },
      },
      { type: 'divider' },
      {
        type: 'input',
        block_id: FIELDS.group,
        label: plain(t('settings.group')),
        element: {
          type: 'static_select',
          action_id: FIELDS.group,
          options: settings.groups.map((g) => option(g.name.slice(0, 75), g.id)),
          ...(group ? { initial_option: option(group.name.slice(0, 75), group.id) } : {}),
        },
      },
      {
        type: 'input',
        block_id: FIELDS.purpose,
        optional: true,
        label: plain(t('settings.purpose')),
        element: {
          type: 'plain_text_input',
          action_id: FIELDS.purpose,
          multiline: true,
          max_length: 500,
          ...(group?.purpose ? { initial_value: group.purpose } : {}),
        },
      },
      {
        type: 'input',
        block_id: FIELDS.review_interval,
        label: plain(t('settings.review_interval')),
        element: {
          type: 'number_input',
          is_decimal_allowed: false,
          action_id: FIELDS.review_interval,
          min_value: '1',
          max_value: '3650',
          ...(group ? { initial_value: String(group.reviewIntervalDays) } : {}),
        },
      },
      {
        type: 'input',
        block_id: FIELDS.membership_policy,
        label: plain(t('settings.policy')),
        element: {
          type: 'radio_buttons',
          action_id: FIELDS.membership_policy,
          options: policies,
          ...(group ? { initial_option: policies.find((p) => p.value === group.membershipPolicy) } : {}),
        },
      },
      {
        type: 'input',
        block_id: FIELDS.request_deadline,
        label: plain(t('settings.request_deadline')),
        element: {
          type: 'number_input',
          is_decimal_allowed: false,
          action_id: FIELDS.request_deadline,
          min_value: String(MIN_REQUEST_DEADLINE_HOURS),
          max_value: String(MAX_REQUEST_DEADLINE_HOURS),
          initial_value: String(group?.requestDeadlineHours ?? DEFAULT_REQUEST_DEADLINE_HOURS),
        },
      },
      responseTargetInput(t('settings.response_target'), group),
      ...preferencesBlocks(locale, settings),
    ],
  };
}

type StateValues = Record<
  string,
  Record<string, { value?: string | null; selected_option?: { value: string } | null }>
>;

/** The submitted form, as the core's settings input. */
export function settingsInput(values: StateValues): SettingsInput {
  const field = (name: string) => {
    const element = values[name]?.[name];
    return element?.selected_option?.value ?? element?.value ?? '';
  };
  return {
    weekday: field(FIELDS.weekday),
    time: field(FIELDS.time),
    groupId: field(FIELDS.group),
    purpose: field(FIELDS.purpose),
    reviewIntervalDays: field(FIELDS.review_interval),
    membershipPolicy: field(FIELDS.membership_policy),
    ...preferencesInput(values),
    // A modal opened before the field existed has none: the target stays as it is.
    ...(values[FIELDS.response_target] ? { responseTargetHours: field(FIELDS.response_target) } : {}),
    // A modal opened before the field existed has no such block: the group's deadline stays.
    ...(values[FIELDS.request_deadline] ? { requestDeadlineHours: field(FIELDS.request_deadline) } : {}),
  };
}

/** Where Slack shows a field's error in the modal. */
export function blockOf(field: string): string {
  return (FIELDS as Record<string, string>)[field] ?? FIELDS.group;
}

/** The group's response target in whole hours, within the core's bounds. */
function responseTargetInput(label: string, group: Group | undefined) {
  return {
    type: 'input' as const,
    block_id: FIELDS.response_target,
    label: plain(label),
    element: {
      type: 'number_input' as const,
      is_decimal_allowed: false,
      action_id: FIELDS.response_target,
      min_value: String(MIN_RESPONSE_TARGET_HOURS),
      max_value: String(MAX_RESPONSE_TARGET_HOURS),
      ...(group ? { initial_value: String(group.responseTargetHours) } : {}),
    },
  };
}
