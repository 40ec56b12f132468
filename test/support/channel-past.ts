import type { GroupDay } from '../../core/src/domain/rollups.ts';
import type { SeedPastMessage, SeedUser } from './fake-slack/world.ts';

/** People who wrote in the channel before the app was added. */
export const PAST_WRITERS: readonly SeedUser[] = ['ANA', 'BORIS', 'CHLOE', 'DMITRI'].map((name) => ({
  id: `U0${name}`,
  realName: name[0] + name.slice(1).toLowerCase(),
  email: `${name.toLowerCase()}@example.com`,
  tz: 'Europe/Paris',
}));

const HOUR_MS = 3_600_000;
const slackTs = (at: number, n: number) => `${Math.floor(at / 1000)}.${String(n % 1_000_000).padStart(6, '0')}`;

/**
 * A channel's past, deterministic: every five hours for `days` days before `registeredAt` (and a few
 * messages after it, which a backfill must leave to the live events), a post; every third post asks a
 * question and starts a thread of two replies from others; every fourth has reactions, every fifth a
 * file. A bot's message and a join are mixed in, as Slack's history has them
 * (https://docs.slack.dev/reference/methods/conversations.history; `subtype: "channel_join"`).
 */
export function channelPast(registeredAt: Date, days: number): SeedPastMessage[] {
  const messages: SeedPastMessage[] = [];
  const end = registeredAt.getTime() + 20 * HOUR_MS;
  let n = 0;
  for (let at = registeredAt.getTime() - days * 24 * HOUR_MS + HOUR_MS; at < end; at += 5 * HOUR_MS) {
    n += 1;
    const author = PAST_WRITERS[n % PAST_WRITERS.length]!.id;
    const ts = slackTs(at, n);
    const question = n % 3 === 0;
    const others = PAST_WRITERS.filter((w) => w.id !== author).map((w) => w.id);
    const replies = question ? [1, 2].map((r) => slackTs(at + r * HOUR_MS, n * 10 + r)) : [];
    messages.push({
      type: 'message',
      ts,
      user: author,
      text: question ? `Where is the plan for week ${n}?` : `Notes from day ${n}.`,
      ...(question ? { thread_ts: ts, reply_count: 2, latest_reply: replies[1]! } : {}),
      ...(n % 4 === 0 ? { reactions: [{ name: 'thumbsup', users: others.slice(0, 2), count: 2 }] } : {}),
      ...(n % 5 === 0 ? { files: [{ id: `F0PAST${n}`, name: `notes-${n}.pdf` }] } : {}),
    });
    for (const [r, replyTs] of replies.entries())
      messages.push({ type: 'message', ts: replyTs, user: others[r]!, text: 'Here it is.', thread_ts: ts });
    if (n % 7 === 0)
      messages.push({
        type: 'message',
        subtype: 'bot_message',
        bot_id: 'B0OTHER',
        ts: slackTs(at + 1000, n * 10 + 7),
        text: 'Build passed',
      });
    if (n % 11 === 0)
      messages.push({
        type: 'message',
        subtype: 'channel_join',
        ts: slackTs(at + 2000, n * 10 + 8),
        user: author,
        text: 'has joined',
      });
  }
  return messages;
}

/** Per-day counts a backfill of [since, until) should leave, worked out from the seed on its own. */
export function expectedDays(messages: readonly SeedPastMessage[], since: Date, until: Date) {
  const days = new Map<
    string,
    { posts: number; replies: number; reactions: number; files: number; people: Set<string> }
  >();
  const inWindow = (ts: string) => Number(ts) * 1000 >= since.getTime() && Number(ts) * 1000 < until.getTime();
  const parents = new Set(messages.filter((m) => m.thread_ts === m.ts && inWindow(m.ts)).map((m) => m.ts));
  for (const m of messages) {
    if (m.bot_id || m.subtype || !m.user || !inWindow(m.ts)) continue;
    const isReply = m.thread_ts !== undefined && m.thread_ts !== m.ts;
    if (isReply && !parents.has(m.thread_ts!)) continue;
    const day = new Date(Number(m.ts) * 1000).toISOString().slice(0, 10);
    const counts = days.get(day) ?? { posts: 0, replies: 0, reactions: 0, files: 0, people: new Set<string>() };
    counts[isReply ? 'replies' : 'posts'] += 1;
    counts.people.add(m.user);
    for (const reaction of m.reactions ?? []) {
      counts.reactions += reaction.users.length;
      for (const user of reaction.users) counts.people.add(user);
    }
    counts.files += m.files?.length ?? 0;
    days.set(day, counts);
  }
  return [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, c]) => ({
      day,
      posts: c.posts,
      replies: c.replies,
      reactions: c.reactions,
      files: c.files,
      distinctContributors: c.people.size,
    }));
}

/** The same figures, read from the group's rollups. */
export function countsOf(days: readonly GroupDay[]) {
  return days
    .filter((d) => d.posts + d.replies + d.reactions + d.files > 0)
    .map(({ day, posts, replies, reactions, files, distinctContributors }) => ({
      day,
      posts,
      replies,
      reactions,
      files,
      distinctContributors,
    }));
}
