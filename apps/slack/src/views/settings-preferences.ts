import type { InputBlock, KnownBlock } from '@slack/types';
import {
  LAST_ACTIVE_PLATFORM,
  type Locale,
  type OwnerSettings,
  type PreferencesField,
  type PreferencesInput,
  translate,
} from '@steward/core';

// The settings modal's blocks for the preferred platform, the group's welcome text and the
// owner's time off (settings-preferences.ts in the core), and reading them back. Every block is
// optional; a block the modal did not show reads as absent, which leaves the setting as it is.

/** Each field's block and element id. */
export const PREFERENCE_BLOCKS = {
  preferred_platform: 'preferred_platform',
  welcome_text: 'welcome_text',
  time_off_from: 'time_off_from',
  time_off_until: 'time_off_until',
  time_off_cover: 'time_off_cover',
} as const satisfies Record<PreferencesField, string>;

/** The cover select's value for "nobody": Slack options need a non-empty value. */
const NOBODY = 'nobody';
// https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element: at most 100 options.
const MAX_OPTIONS = 100;

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const option = (text: string, value: string) => ({ text: plain(text.slice(0, 75)), value });

export function preferencesBlocks(locale: Locale, settings: OwnerSettings): KnownBlock[] {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const group = settings.groups[0];
  const platforms = [LAST_ACTIVE_PLATFORM, ...settings.platforms].map((p) =>
    option(t(`settings.preferred_platform.${p as 'auto' | 'slack' | 'teams'}`), p),
  );
  const covers = [
    option(t('settings.time_off_cover.none'), NOBODY),
    ...settings.coOwners.map((c) => option(c.displayName, c.id)),
  ].slice(0, MAX_OPTIONS);
  const cover = covers.find((c) => c.value === (settings.timeOff?.coverId ?? NOBODY));
  // The element's action_id is its block's id, as in the rest of the modal.
  const input = (label: string, element: InputBlock['element'] & { action_id: string }): InputBlock => ({
    type: 'input',
    block_id: element.action_id,
    optional: true,
    label: plain(label),
    element,
  });
  return [
    // The welcome text is the selected group's, as the purpose above it.
    input(t('settings.welcome_text'), {
      type: 'plain_text_input',
      action_id: PREFERENCE_BLOCKS.welcome_text,
      multiline: true,
      max_length: 1000,
      ...(group?.welcomeText ? { initial_value: group.welcomeText } : {}),
    }),
    { type: 'divider' },
    // A choice only for someone on both platforms.
    ...(settings.platforms.length > 1
      ? [
          input(t('settings.preferred_platform'), {
            type: 'static_select',
            action_id: PREFERENCE_BLOCKS.preferred_platform,
            options: platforms,
            initial_option: platforms.find((p) => p.value === (settings.preferredPlatform ?? LAST_ACTIVE_PLATFORM)),
          }),
        ]
      : []),
    { type: 'header', text: plain(t('settings.time_off')) },
    { type: 'context', elements: [{ type: 'plain_text', text: t('settings.time_off.hint') }] },
    input(t('settings.time_off_from'), {
      type: 'datepicker',
      action_id: PREFERENCE_BLOCKS.time_off_from,
      ...(settings.timeOff ? { initial_date: settings.timeOff.from } : {}),
    }),
    input(t('settings.time_off_until'), {
      type: 'datepicker',
      action_id: PREFERENCE_BLOCKS.time_off_until,
      ...(settings.timeOff ? { initial_date: settings.timeOff.until } : {}),
    }),
    ...(settings.coOwners.length > 0
      ? [
          input(t('settings.time_off_cover'), {
            type: 'static_select',
            action_id: PREFERENCE_BLOCKS.time_off_cover,
            options: covers,
            ...(cover ? { initial_option: cover } : {}),
          }),
        ]
      : []),
  ];
}

type StateValues = Record<
  string,
  Record<string, { value?: string | null; selected_date?: string | null; selected_option?: { value: string } | null }>
>;

/** The submitted blocks, as the core reads them: a block not in the modal is absent. */
export function preferencesInput(values: StateValues): PreferencesInput {
  const read = (name: string): string | undefined => {
    if (!values[name]) return undefined;
    const element = values[name][name];
    return element?.selected_option?.value ?? element?.selected_date ?? element?.value ?? '';
  };
  const cover = read(PREFERENCE_BLOCKS.time_off_cover);
  const from = read(PREFERENCE_BLOCKS.time_off_from);
  const until = read(PREFERENCE_BLOCKS.time_off_until);
  return {
    ...(read(PREFERENCE_BLOCKS.preferred_platform) === undefined
      ? {}
      : { preferredPlatform: read(PREFERENCE_BLOCKS.preferred_platform) }),
    ...(read(PREFERENCE_BLOCKS.welcome_text) === undefined
      ? {}
      : { welcomeText: read(PREFERENCE_BLOCKS.welcome_text) }),
    ...(from === undefined && until === undefined
      ? {}
      : { timeOffFrom: from ?? '', timeOffUntil: until ?? '', timeOffCoverId: cover === NOBODY ? '' : (cover ?? '') }),
  };
}
