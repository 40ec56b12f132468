/**
 * The parts of an outbox message's payload that hold what people read (a card's texts, with any
 * decision reason or note on it). They are removed once the message is delivered (or ended): what
 * stays says only where it went (`to`, `group`, `sent`, `person`, `item`), which is all a later
 * update needs, and where the card landed is kept in the message's result.
 */
export const SENT_PAYLOAD_TEXTS: readonly string[] = ['card', 'cards'];
