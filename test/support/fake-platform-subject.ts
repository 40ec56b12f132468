import type { LimiterClock } from '@steward/core';
import type {
  ChatPlatformCapabilities,
  ChatPlatformFixture,
  ChatPlatformSubject,
} from '../contract/chat-platform/context.ts';

/**
 * A rate limiter's clock that never waits. A platform's ChatPlatform contract asserts what the
 * platform (its fake) answers; our own spacing of calls is tested in each platform's own tests.
 */
export const NEVER_WAITS: LimiterClock = { now: () => 0, sleep: async () => {} };

/** What a real platform does, as its fake plays it: invite, list content, read profiles, refuse strangers, throttle. */
const A_REAL_PLATFORMS_CAPABILITIES: ChatPlatformCapabilities = {
  invitesMembers: true,
  listsContent: true,
  readsProfiles: true,
  refusesUnknownPeople: true,
  throttles: true,
};

/** A platform's fake as the contract drives it: started once per file, emptied before each test. */
interface PlatformFake {
  start(): Promise<unknown>;
  stop(): Promise<void>;
  reset(): void;
}

/**
 * The ChatPlatform contract's subject for a real platform on its fake: the fake is started once,
 * then emptied and seeded by `seed` for each test, which returns the platform built on it.
 */
export function onTheFake(
  fake: PlatformFake,
  seed: () => Promise<Omit<ChatPlatformFixture, 'capabilities'>>,
): ChatPlatformSubject {
  return {
    start: async () => {
      await fake.start();
    },
    stop: () => fake.stop(),
    fixture: async () => {
      fake.reset();
      return { ...(await seed()), capabilities: A_REAL_PLATFORMS_CAPABILITIES };
    },
  };
}
