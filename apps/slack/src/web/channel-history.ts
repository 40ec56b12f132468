import {
  type HistoryPage,
  type HistoryWindow,
  type PlatformActivity,
  PlatformError,
  type PlatformRef,
} from '@steward/core';
import { historyActivities } from '../events/from-history.ts';

/** A page of conversations.history or .replies, as much of it as the reading needs. */
export interface SlackHistoryAnswer {
  readonly messages?: readonly Record<string, unknown>[];
  readonly has_more?: boolean;
  readonly response_metadata?: { readonly next_cursor?: string };
}

/** The two Web API calls a channel's history takes, each waiting on its rate limit. */
export interface HistoryCalls {
  history(channel: string, bounds: SlackBounds, cursor: string | undefined): Promise<SlackHistoryAnswer>;
  replies(
    channel: string,
    thread: string,
    bounds: SlackBounds,
    cursor: string | undefined,
  ): Promise<SlackHistoryAnswer>;
}

/** conversations.history's `oldest` and `latest`, exclusive both: the window [since, until). */
export interface SlackBounds {
  readonly oldest: string;
  readonly latest: string;
}

/**
 * Where a read of a channel's past stands: the next page of its history (null once read through)
 * and the threads found so far whose replies are still to read, each with its next page.
 */
interface ReadState {
  readonly history: string | null;
  readonly threads: readonly { readonly ts: string; readonly cursor: string | null }[];
  /** The oldest top-level message read so far (ms): everything since has been read. */
  readonly readBackTo: number;
}

const START = 'start';

/**
 * One Web API call's worth of a channel's past: the threads found earlier first (each reply page is
 * one conversations.replies call), else the next conversations.history page, newest first. Bounded:
 * one call per read, as Slack allows outside the Marketplace one history call a minute.
 */
export async function readChannelHistory(
  calls: HistoryCalls,
  group: PlatformRef,
  window: HistoryWindow,
  cursor: string | null,
): Promise<HistoryPage> {
  const state = cursor === null ? initial(window) : decode(cursor);
  const bounds = {
    // A microsecond earlier, so that a message at `since` itself is in (both bounds are exclusive).
    oldest: ((window.since.getTime() - 0.001) / 1000).toFixed(6),
    latest: (window.until.getTime() / 1000).toFixed(6),
  };
  const [thread, ...otherThreads] = state.threads;
  if (thread) {
    const answer = await calls.replies(group.id, thread.ts, bounds, thread.cursor ?? undefined);
    const next = nextCursor(answer);
    const threads = next === null ? otherThreads : [{ ts: thread.ts, cursor: next }, ...otherThreads];
    // The parent is counted from the channel's history; each page may repeat it.
    const replies = (answer.messages ?? []).filter((m) => m['ts'] !== thread.ts);
    return pageOf(group, replies, { ...state, threads });
  }
  if (state.history === null) return { activities: [], next: null, readBackTo: window.since };
  const answer = await calls.history(group.id, bounds, state.history === START ? undefined : state.history);
  const messages = answer.messages ?? [];
  const found = messages
    .filter((m) => typeof m['ts'] === 'string' && Number(m['reply_count'] ?? 0) > 0 && m['thread_ts'] === m['ts'])
    .map((m) => ({ ts: m['ts'] as string, cursor: null }));
  const times = messages.map((m) => Number(m['ts']) * 1000).filter(Number.isFinite);
  const next = nextCursor(answer);
  return pageOf(group, messages, {
    history: next,
    threads: [...state.threads, ...found],
    readBackTo: next === null ? window.since.getTime() : Math.min(state.readBackTo, ...times),
  });
}

function pageOf(group: PlatformRef, messages: readonly Record<string, unknown>[], state: ReadState): HistoryPage {
  const activities: PlatformActivity[] = messages.flatMap((message) => historyActivities(group, message));
  const done = state.history === null && state.threads.length === 0;
  return { activities, next: done ? null : encode(state), readBackTo: new Date(state.readBackTo) };
}

const initial = (window: HistoryWindow): ReadState => ({
  history: START,
  threads: [],
  readBackTo: window.until.getTime(),
});

const nextCursor = (answer: SlackHistoryAnswer): string | null =>
  (answer.has_more && answer.response_metadata?.next_cursor) || null;

const encode = (state: ReadState) => Buffer.from(JSON.stringify(state)).toString('base64url');

/** A cursor this reader did not write is refused as Slack refuses one (`invalid_cursor`), not guessed at. */
function decode(cursor: string): ReadState {
  try {
    const state = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as ReadState;
    if (Array.isArray(state.threads) && typeof state.readBackTo === 'number') return state;
  } catch {
    // Falls through to the refusal.
  }
  throw new PlatformError('invalid_cursor', { permanent: true, message: 'not a backfill cursor of this version' });
}
