// Slack's limits on a message, as documented. Lengths are in characters; we measure them in UTF-16
// code units, which is never fewer than Slack counts.

/** https://docs.slack.dev/reference/block-kit/blocks: "up to 50 blocks in each message". */
export const MESSAGE_MAX_BLOCKS = 50;

/**
 * The top-level `text` of chat.postMessage / chat.update: Slack truncates longer messages
 * (https://api.slack.com/changelog/2018-04-truncating-really-long-messages).
 */
export const MESSAGE_TEXT_MAX_LENGTH = 40_000;

/** https://docs.slack.dev/reference/block-kit/blocks/header-block: plain_text, at most 150. */
export const HEADER_TEXT_MAX_LENGTH = 150;

/** https://docs.slack.dev/reference/block-kit/blocks/section-block: `text` at most 3000. */
export const SECTION_TEXT_MAX_LENGTH = 3000;

/** Section block: "Maximum number of items is 10" in `fields`… */
export const SECTION_MAX_FIELDS = 10;

/** …and "Maximum length for the text in each item is 2000 characters". */
export const SECTION_FIELD_TEXT_MAX_LENGTH = 2000;

/** https://docs.slack.dev/reference/block-kit/composition-objects/text-object: 1 to 3000, e.g. in a context block. */
export const TEXT_OBJECT_MAX_LENGTH = 3000;

/** https://docs.slack.dev/reference/block-kit/blocks/context-block: "Maximum number of items is 10". */
export const CONTEXT_MAX_ELEMENTS = 10;

/**
 * https://docs.slack.dev/reference/block-kit/blocks/actions-block: "a maximum of 25 elements"
 * (it was 5 until 2022; @slack/types 3 says 25).
 */
export const ACTIONS_MAX_ELEMENTS = 25;

/** https://docs.slack.dev/reference/block-kit/block-elements/button-element: `text` at most 75… */
export const BUTTON_TEXT_MAX_LENGTH = 75;

/** …`value` at most 2000… */
export const BUTTON_VALUE_MAX_LENGTH = 2000;

/** …and `action_id` at most 255, "unique among all other action_ids in the containing block". */
export const ACTION_ID_MAX_LENGTH = 255;

/** https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element: "Maximum number of options is 100"… */
export const SELECT_MAX_OPTIONS = 100;

/** …and its `placeholder` at most 150 characters. */
export const SELECT_PLACEHOLDER_MAX_LENGTH = 150;

/** https://docs.slack.dev/reference/block-kit/composition-objects/option-object: `text` at most 75… */
export const OPTION_TEXT_MAX_LENGTH = 75;

/** …and `value` at most 150. */
export const OPTION_VALUE_MAX_LENGTH = 150;

/** https://docs.slack.dev/reference/block-kit/composition-objects/confirmation-dialog-object: `title` at most 100… */
export const CONFIRM_TITLE_MAX_LENGTH = 100;

/** …`text` at most 300… */
export const CONFIRM_TEXT_MAX_LENGTH = 300;

/** …and the `confirm` and `deny` button texts at most 30. */
export const CONFIRM_BUTTON_TEXT_MAX_LENGTH = 30;

// Modals: https://docs.slack.dev/reference/views/modal-views

/** `title`, `submit` and `close` of a modal: plain_text of at most 24 characters. */
export const MODAL_TITLE_MAX_LENGTH = 24;
export const MODAL_BUTTON_MAX_LENGTH = 24;

/** `private_metadata`: "Maximum length of 3000 characters." */
export const PRIVATE_METADATA_MAX_LENGTH = 3000;

/** `callback_id`: "Maximum length of 255 characters." */
export const CALLBACK_ID_MAX_LENGTH = 255;

/** https://docs.slack.dev/reference/block-kit/blocks/input-block: `label` at most 2000. */
export const INPUT_LABEL_MAX_LENGTH = 2000;

/**
 * https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element: `placeholder`
 * at most 150, `max_length` at most 3000.
 */
export const PLACEHOLDER_MAX_LENGTH = 150;
export const PLAIN_TEXT_INPUT_MAX_LENGTH = 3000;
