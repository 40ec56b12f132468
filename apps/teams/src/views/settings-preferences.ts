import { LAST_ACTIVE_PLATFORM, type Locale, type OwnerSettings, type PreferencesInput, translate } from '@steward/core';

// The settings card's inputs for the preferred platform, the group's welcome text and the owner's
// time off (settings-preferences.ts in the core), and reading them back. An input the card did not
// show is absent from the submitted data, which leaves the setting as it is.

const ID = {
  preferredPlatform: 'preferredPlatform',
  welcomeText: 'welcomeText',
  timeOffFrom: 'timeOffFrom',
  timeOffUntil: 'timeOffUntil',
  timeOffCoverId: 'timeOffCoverId',
} as const satisfies Record<keyof PreferencesInput, string>;

/** Adaptive Card elements (schema 1.5: Input.Date's value is "YYYY-MM-DD", an empty value is none). */
export function preferencesInputs(locale: Locale, settings: OwnerSettings): Record<string, unknown>[] {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const group = settings.groups[0];
  return [
    {
      type: 'Input.Text',
      id: ID.welcomeText,
      label: t('settings.welcome_text'),
      isMultiline: true,
      maxLength: 1000,
      value: group?.welcomeText ?? '',
    },
    // A choice only for someone on both platforms.
    ...(settings.platforms.length > 1
      ? [
          {
            type: 'Input.ChoiceSet',
            id: ID.preferredPlatform,
            label: t('settings.preferred_platform'),
            value: settings.preferredPlatform ?? LAST_ACTIVE_PLATFORM,
            choices: [LAST_ACTIVE_PLATFORM, ...settings.platforms].map((p) => ({
              title: t(`settings.preferred_platform.${p as 'auto' | 'slack' | 'teams'}`),
              value: p,
            })),
          },
        ]
      : []),
    { type: 'TextBlock', text: t('settings.time_off'), weight: 'Bolder', wrap: true, separator: true },
    { type: 'TextBlock', text: t('settings.time_off.hint'), isSubtle: true, wrap: true },
    { type: 'Input.Date', id: ID.timeOffFrom, label: t('settings.time_off_from'), value: settings.timeOff?.from ?? '' },
    {
      type: 'Input.Date',
      id: ID.timeOffUntil,
      label: t('settings.time_off_until'),
      value: settings.timeOff?.until ?? '',
    },
    ...(settings.coOwners.length > 0
      ? [
          {
            type: 'Input.ChoiceSet',
            id: ID.timeOffCoverId,
            label: t('settings.time_off_cover'),
            value: settings.timeOff?.coverId ?? '',
            choices: [
              { title: t('settings.time_off_cover.none'), value: '' },
              ...settings.coOwners.map((c) => ({ title: c.displayName, value: c.id })),
            ],
          },
        ]
      : []),
  ];
}

/** The submitted inputs, as the core reads them: an input not on the card is absent. */
export function preferencesInput(data: Readonly<Record<string, unknown>>): PreferencesInput {
  const read = (name: string) => (data[name] === undefined ? undefined : data[name] === null ? '' : String(data[name]));
  const from = read(ID.timeOffFrom);
  const until = read(ID.timeOffUntil);
  return {
    ...(read(ID.preferredPlatform) === undefined ? {} : { preferredPlatform: read(ID.preferredPlatform) }),
    ...(read(ID.welcomeText) === undefined ? {} : { welcomeText: read(ID.welcomeText) }),
    ...(from === undefined && until === undefined
      ? {}
      : { timeOffFrom: from ?? '', timeOffUntil: until ?? '', timeOffCoverId: read(ID.timeOffCoverId) ?? '' }),
  };
}
