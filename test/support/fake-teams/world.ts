// The fake's Microsoft 365: tenants with their people, teams, channels, tabs and team files, and the
// bot's 1:1 conversations with what it posted. One app (the bot); its id is the Entra app id.

export interface FakeApp {
  /** The Entra application (client) id; the bot's id is `28:<id>`. */
  readonly id: string;
  readonly secret: string;
  /**
   * A single-tenant app's home tenant: its registration exists there only, so Entra issues it no
   * token from any other, `botframework.com` included (AADSTS700016, as
   * OfficeDev/Microsoft-Teams-Samples#1741 shows).
   */
  readonly tenantId?: string;
}

export interface SeedTenant {
  readonly id: string;
  /** Graph application permissions an admin granted; null grants all. */
  readonly permissions?: readonly string[] | null;
  /** False: the app has no service principal there, so no token is issued for the tenant. */
  readonly consented?: boolean;
}

export interface SeedUser {
  /** The Entra object id (what Graph and our identities use). */
  readonly id: string;
  readonly tenantId: string;
  readonly displayName: string;
  readonly mail?: string | null;
  readonly userPrincipalName?: string;
  readonly preferredLanguage?: string | null;
  /** Outlook's setting: a Windows name ("Romance Standard Time") or an IANA one. */
  readonly timeZone?: string;
  /** Outlook's language, e.g. "fr-FR". */
  readonly mailboxLocale?: string;
  /** False: no Exchange Online mailbox, so no mailboxSettings. */
  readonly hasMailbox?: boolean;
  /** False: the app is not installed in the person's personal scope. */
  readonly appInstalled?: boolean;
  /** The person blocked the bot. */
  readonly blockedBot?: boolean;
  /** False: an administrator disabled the account (https://learn.microsoft.com/en-us/graph/api/resources/user, accountEnabled). */
  readonly accountEnabled?: boolean;
}

export interface SeedTab {
  readonly id: string;
  readonly displayName: string;
  readonly websiteUrl?: string;
  readonly contentUrl?: string;
  readonly teamsApp?: { readonly id: string; readonly displayName: string };
}

export interface SeedChannel {
  /** e.g. "19:abc@thread.tacv2" */
  readonly id: string;
  readonly displayName: string;
  readonly membershipType?: 'standard' | 'private' | 'shared';
  readonly createdDateTime?: Date;
  readonly members?: readonly string[];
  readonly tabs?: readonly SeedTab[];
  /**
   * A private or shared channel has apps of its own: the bot may post there only once added to it.
   * A standard channel has its team's.
   */
  readonly appInstalled?: boolean;
  /**
   * A private or shared channel's files, in the folder of its own SharePoint site: the team's library
   * does not hold them. A standard channel's files are in its team's library, in the folder named
   * after it (SeedTeam.files).
   */
  readonly files?: readonly SeedDriveItem[];
  /** What people (and apps) wrote in the channel: its root messages, each with its replies. */
  readonly messages?: readonly SeedChannelMessage[];
}

/**
 * A channel message as Graph keeps it (https://learn.microsoft.com/graph/api/resources/chatmessage):
 * a root message, or one of its replies.
 */
export interface SeedChannelMessage {
  /** Teams' message id: its creation time in milliseconds, e.g. "1772445600123". */
  readonly id: string;
  readonly createdDateTime: Date;
  /** A person (their Entra object id), an app or bot (its app id), or nobody (a system message). */
  readonly from: { readonly user: string } | { readonly application: string } | null;
  readonly text?: string;
  readonly contentType?: 'text' | 'html';
  /** "message" unless said; a system message is "systemEventMessage". */
  readonly messageType?: 'message' | 'systemEventMessage' | 'chatEvent' | 'unknownFutureValue';
  /** Set for a deleted message: Graph still lists it, its body emptied. */
  readonly deletedDateTime?: Date;
  readonly reactions?: readonly SeedReaction[];
  /** A root message's replies (a reply has none). */
  readonly replies?: readonly SeedChannelMessage[];
}

/** A reaction (https://learn.microsoft.com/graph/api/resources/chatmessagereaction). */
export interface SeedReaction {
  /** `like`, `angry`, `sad`, `laugh`, `heart`, `surprised`. */
  readonly reactionType: string;
  readonly createdDateTime: Date;
  /** The person's Entra object id. */
  readonly user: string;
}

export interface SeedDriveItem {
  readonly id: string;
  readonly name: string;
  readonly lastModifiedDateTime: Date;
  /** Present for a folder (a channel's folder in a team's library). */
  readonly children?: readonly SeedDriveItem[];
}

export interface SeedTeam {
  /** The team's (Microsoft 365 group's) id, a GUID. */
  readonly id: string;
  readonly tenantId: string;
  readonly displayName?: string;
  readonly members?: readonly string[];
  /** Members who are the team's owners (Graph's `roles: ["owner"]`); added to its members. */
  readonly owners?: readonly string[];
  readonly visibility?: 'private' | 'public';
  readonly isArchived?: boolean;
  readonly createdDateTime?: Date;
  readonly channels?: readonly SeedChannel[];
  readonly files?: readonly SeedDriveItem[];
  /** False: the app is not installed in the team, so the bot cannot post in its channels. */
  readonly botInstalled?: boolean;
}

export interface ChannelState {
  readonly id: string;
  readonly displayName: string;
  readonly membershipType: 'standard' | 'private' | 'shared';
  readonly createdDateTime: Date;
  readonly members: Set<string>;
  readonly tabs: SeedTab[];
  /** Whether the app was added to this private or shared channel. */
  appInstalled: boolean;
  /** What the bot posted in the channel, each a new conversation (thread). */
  readonly activities: FakeActivity[];
  /** A private or shared channel's own files (SeedChannel.files). */
  readonly files: SeedDriveItem[];
  /** Its root messages with their replies (SeedChannel.messages). */
  readonly messages: SeedChannelMessage[];
}

export interface TeamState {
  readonly id: string;
  readonly tenantId: string;
  displayName: string;
  readonly members: Set<string>;
  readonly owners: Set<string>;
  readonly visibility: 'private' | 'public';
  isArchived: boolean;
  readonly createdDateTime: Date;
  readonly channels: Map<string, ChannelState>;
  readonly files: SeedDriveItem[];
  /** The app is installed in the team (a team owner added it); false once it is removed. */
  botInstalled: boolean;
}

/** An activity the bot posted, as it stands now. */
export interface FakeActivity {
  readonly id: string;
  /** The last body received for it (POST, then each PUT). */
  body: Record<string, unknown>;
  /** How many times it was updated. */
  updates: number;
}

export interface FakeConversation {
  /** e.g. "a:1…" */
  readonly id: string;
  readonly tenantId: string;
  readonly userId: string;
  readonly activities: FakeActivity[];
  /** Set by `deleteConversation`: the person removed the chat, so its id answers 404. */
  deleted: boolean;
}

export class FakeWorld {
  readonly app: FakeApp;
  readonly tenants = new Map<string, Required<SeedTenant>>();
  readonly users = new Map<string, Required<SeedUser>>();
  readonly teams = new Map<string, TeamState>();
  readonly conversations = new Map<string, FakeConversation>();
  /**
   * How many replies `$expand=replies` brings with each channel message, the rest behind its
   * `replies@odata.nextLink` (https://learn.microsoft.com/graph/api/channel-list-messages: 1000).
   */
  expandedRepliesLimit = 1000;
  #sequence = 0;

  constructor(app: FakeApp) {
    this.app = app;
  }

  addTenant(seed: SeedTenant): void {
    this.tenants.set(seed.id, { permissions: null, consented: true, ...seed });
  }

  addUser(seed: SeedUser): void {
    this.users.set(seed.id, {
      mail: null,
      userPrincipalName: `${seed.id}@fake.onmicrosoft.com`,
      preferredLanguage: null,
      timeZone: 'UTC',
      mailboxLocale: 'en-US',
      hasMailbox: true,
      appInstalled: true,
      blockedBot: false,
      accountEnabled: true,
      ...seed,
    });
  }

  addTeam(seed: SeedTeam): void {
    const channels = new Map<string, ChannelState>();
    for (const channel of seed.channels ?? []) channels.set(channel.id, channelState(channel));
    this.teams.set(seed.id, {
      id: seed.id,
      tenantId: seed.tenantId,
      displayName: seed.displayName ?? seed.id,
      members: new Set([...(seed.members ?? []), ...(seed.owners ?? [])]),
      owners: new Set(seed.owners ?? []),
      visibility: seed.visibility ?? 'private',
      isArchived: seed.isArchived ?? false,
      createdDateTime: seed.createdDateTime ?? new Date('2025-01-01T00:00:00Z'),
      channels,
      files: [...(seed.files ?? [])],
      botInstalled: seed.botInstalled ?? true,
    });
  }

  /** The team channel a Bot Framework conversation id names (a channel's id is its conversation's). */
  channelConversation(conversationId: string): { team: TeamState; channel: ChannelState } | undefined {
    for (const team of this.teams.values()) {
      const channel = team.channels.get(conversationId);
      if (channel) return { team, channel };
    }
    return undefined;
  }

  team(id: string): TeamState {
    const team = this.teams.get(id);
    if (!team) throw new Error(`fake Teams has no team ${id}: add it first`);
    return team;
  }

  /** A person's id from a Teams user id ("29:…", the fake makes it from the object id) or the object id. */
  userFromMemberId(memberId: string): Required<SeedUser> | undefined {
    return this.users.get(memberId.startsWith('29:') ? memberId.slice(3) : memberId);
  }

  /** The bot's 1:1 with a person: created once, the same id every time after (as Teams does). */
  openConversation(tenantId: string, userId: string): FakeConversation {
    const id = `a:1${Buffer.from(`${this.app.id}|${userId}`).toString('base64url')}`;
    const existing = this.conversations.get(id);
    if (existing && !existing.deleted) return existing;
    const conversation: FakeConversation = { id, tenantId, userId, activities: [], deleted: false };
    this.conversations.set(id, conversation);
    return conversation;
  }

  /** Deterministic activity ids: 1700000000001, 1700000000002… */
  nextActivityId(): string {
    return String(1_700_000_000_000 + ++this.#sequence);
  }
}

function channelState(seed: SeedChannel): ChannelState {
  return {
    id: seed.id,
    displayName: seed.displayName,
    membershipType: seed.membershipType ?? 'standard',
    createdDateTime: seed.createdDateTime ?? new Date('2025-01-01T00:00:00Z'),
    members: new Set(seed.members ?? []),
    tabs: [...(seed.tabs ?? [])],
    appInstalled: seed.appInstalled ?? false,
    activities: [],
    files: [...(seed.files ?? [])],
    messages: [...(seed.messages ?? [])],
  };
}
