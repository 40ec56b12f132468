/**
 * Expected failures are values, not exceptions: a use case returns `Result`, and each failure
 * carries a stable code that edges map to a message in the person's language.
 */
export const ErrorCode = {
  InvalidInput: 'invalid_input',
  NotFound: 'not_found',
  NotAnOwner: 'not_an_owner',
  AlreadyDecided: 'already_decided',
  AlreadyMember: 'already_member',
  RequestPending: 'request_pending',
  GroupIsOpen: 'group_is_open',
  WrongWeek: 'wrong_week',
  AlreadyActed: 'already_acted',
  OwnsNoGroup: 'owns_no_group',
  NotYourCard: 'not_your_card',
  Conflict: 'conflict',
  LastOwner: 'last_owner',
  NotAPerson: 'not_a_person',
  GroupNotVisible: 'group_not_visible',
  NoOwner: 'no_owner',
  NotAManager: 'not_a_manager',
  NotAViewer: 'not_a_viewer',
  CannotArchive: 'cannot_archive',
  NotAnAdministrator: 'not_an_administrator',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface Failure<C extends ErrorCode = ErrorCode> {
  readonly ok: false;
  readonly code: C;
  /** For logs and developers; people read the catalogue message for `code`. */
  readonly detail: string;
  /** Fills the placeholders of that message, already in the person's language. */
  readonly params?: Readonly<Record<string, string>>;
}

export interface Success<T> {
  readonly ok: true;
  readonly value: T;
}

export type Result<T, C extends ErrorCode = ErrorCode> = Success<T> | Failure<C>;

export function ok<T>(value: T): Success<T> {
  return { ok: true, value };
}

export function fail<C extends ErrorCode>(code: C, detail: string, params?: Record<string, string>): Failure<C> {
  return params ? { ok: false, code, detail, params } : { ok: false, code, detail };
}

/** Thrown only for broken invariants (a programming or data error), never for expected outcomes. */
export class InvariantViolation extends Error {
  override readonly name = 'InvariantViolation';
}
