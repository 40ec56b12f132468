// Teams' rules and limits for the Adaptive Cards we send, as documented.

/**
 * "Universal Actions for Adaptive Cards are introduced in the Adaptive Cards schema version 1.5":
 * a card with `Action.Execute` or `refresh` must say 1.5, and Teams renders nothing later
 * (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards).
 */
export const ADAPTIVE_CARD_VERSION = '1.5';

/**
 * `refresh.userIds`: "Maximum 60 different users can see a different version of the card"; without
 * the list, Teams refreshes the card for every member of a conversation of 60 or fewer
 * (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/user-specific-views).
 */
export const REFRESH_MAX_USER_IDS = 60;

/**
 * Teams' host config shows at most 6 buttons in one action set (`actions.maxActions`) and drops the
 * rest without a word (the Microsoft Teams host configs shipped with the Adaptive Cards designer).
 */
export const ACTION_SET_MAX_ACTIONS = 6;

/**
 * Teams refuses a bot message above about 28 KB, with 413 (msteams-docs, "Format your bot
 * messages": "the message size limit is 28 KB"). The card is most of it; what the activity around it
 * takes (its type, summary and attachment) is kept free.
 */
export const MESSAGE_MAX_BYTES = 28 * 1024;
export const ACTIVITY_ENVELOPE_BYTES = 1024;
