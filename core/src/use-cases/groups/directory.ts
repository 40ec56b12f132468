import type { Platform } from '../../domain/platform.ts';
import type { GroupDirectory } from '../../ports/chat-platform.ts';
import type { IdentifyDeps } from '../identify.ts';

/** What registering and syncing groups need: knowing people, and each platform's directory of members. */
export interface DirectoryDeps extends IdentifyDeps {
  readonly directories: Partial<Record<Platform, GroupDirectory>>;
}
