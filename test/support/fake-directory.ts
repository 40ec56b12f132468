import type { PlatformIdentity } from '../../core/src/domain/person.ts';
import type { Platform, PlatformRef } from '../../core/src/domain/platform.ts';
import {
  type GroupDirectory,
  type MemberPage,
  PlatformError,
  type PlatformGroup,
  type PlatformProfile,
} from '../../core/src/ports/chat-platform.ts';

/** A channel or team as the in-memory directory holds it: its description and its members' user ids. */
export interface DirectoryGroup {
  description: PlatformGroup;
  members: string[];
}

/**
 * A platform's directory in memory, for use-case tests: groups by id, people's profiles, pages of
 * `pageSize` with the offset as cursor, a failure on request, and every call counted.
 */
export class FakeDirectory implements GroupDirectory {
  readonly platform: Platform;
  readonly workspaceId: string;
  readonly groups = new Map<string, DirectoryGroup>();
  readonly profiles = new Map<string, PlatformProfile>();
  readonly calls = { describeGroup: 0, listMembers: [] as (string | null)[], readProfile: 0 };
  pageSize = 200;
  #failNext: { method: 'describeGroup' | 'listMembers' | 'readProfile'; error: PlatformError } | null = null;

  constructor(platform: Platform, workspaceId: string) {
    this.platform = platform;
    this.workspaceId = workspaceId;
  }

  /** A person (or, with `isBot`, a bot) the directory can describe. */
  addPerson(userId: string, profile: Partial<PlatformProfile> = {}): PlatformIdentity {
    this.profiles.set(userId, {
      displayName: userId,
      email: `${userId.toLowerCase()}@example.com`,
      timeZone: 'Europe/Paris',
      locale: 'en',
      isBot: false,
      deleted: false,
      ...profile,
    });
    return this.identity(userId);
  }

  identity(userId: string): PlatformIdentity {
    return { platform: this.platform, workspaceId: this.workspaceId, userId };
  }

  ref(id: string): PlatformRef {
    return { platform: this.platform, workspaceId: this.workspaceId, id };
  }

  addGroup(id: string, members: string[], description: Partial<PlatformGroup> = {}): PlatformRef {
    this.groups.set(id, {
      members,
      description: {
        name: `#${id}`,
        isPrivate: false,
        archived: false,
        createdAt: new Date('2025-06-01T00:00:00Z'),
        owners: [],
        ...description,
      },
    });
    return this.ref(id);
  }

  failNext(method: 'describeGroup' | 'listMembers' | 'readProfile', error: PlatformError): void {
    this.#failNext = { method, error };
  }

  async describeGroup(group: PlatformRef): Promise<PlatformGroup> {
    this.calls.describeGroup += 1;
    this.#maybeFail('describeGroup');
    return this.#group(group).description;
  }

  async listMembers(group: PlatformRef, cursor: string | null): Promise<MemberPage> {
    this.calls.listMembers.push(cursor);
    this.#maybeFail('listMembers');
    const { members } = this.#group(group);
    const start = Number(cursor ?? 0);
    const end = start + this.pageSize;
    return {
      members: members.slice(start, end).map((id) => this.identity(id)),
      next: end < members.length ? String(end) : null,
    };
  }

  async readProfile(person: PlatformIdentity): Promise<PlatformProfile> {
    this.calls.readProfile += 1;
    this.#maybeFail('readProfile');
    const profile = this.profiles.get(person.userId);
    if (!profile) throw new PlatformError('user_not_found', { permanent: true });
    return profile;
  }

  #group(ref: PlatformRef): DirectoryGroup {
    const group = this.groups.get(ref.id);
    if (!group) throw new PlatformError('channel_not_found', { permanent: true });
    return group;
  }

  #maybeFail(method: 'describeGroup' | 'listMembers' | 'readProfile'): void {
    if (this.#failNext?.method !== method) return;
    const { error } = this.#failNext;
    this.#failNext = null;
    throw error;
  }
}
