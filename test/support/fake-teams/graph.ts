import { randomUUID } from 'node:crypto';
import type { HttpAnswer } from '../loopback-server.ts';
import { listChannelMessages, listChannelMessagesDelta, listMessageReplies } from './graph-messages.ts';
import { type Operation, type OperationCall, ServiceFailure } from './service.ts';
import type { ChannelState, SeedDriveItem, SeedTab, TeamState } from './world.ts';

export type GraphOperation =
  | 'getTeam'
  | 'listTeamMembers'
  | 'addTeamMember'
  | 'addChannelMember'
  | 'listChannelMembers'
  | 'listChannels'
  | 'listTabs'
  | 'deleteTab'
  | 'archiveTeam'
  | 'listDriveChildren'
  | 'getFilesFolder'
  | 'listDriveItemChildren'
  | 'getUser'
  | 'getMailboxSettings'
  | 'listChannelMessages'
  | 'listChannelMessagesDelta'
  | 'listMessageReplies';

const GRAPH = 'https://graph.microsoft.com/v1.0';
const MEMBER_TYPE = '#microsoft.graph.aadUserConversationMember';
const DRIVE_PAGE_DEFAULT = 200;
// Graph pages team members at its own size, which no page states: the fake uses 100.
const MEMBERS_PAGE_DEFAULT = 100;
const OWNER_FILTER = "roles/any(r:r eq 'owner')";
// team-list-members, example "Find members of a team by their Microsoft Entra user ID"; channel-list-members takes $filter too.
const USER_FILTER = /^\(microsoft\.graph\.aadUserConversationMember\/userId eq '([^']+)'\)$/;

/** Graph's error body: `{ error: { code, message, innerError } }`. */
export function graphError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): HttpAnswer {
  const innerError = {
    date: new Date().toISOString().replace(/\.\d+Z$/, ''),
    'request-id': randomUUID(),
    'client-request-id': randomUUID(),
  };
  return { status, headers, json: { error: { code, message, innerError } } };
}

/** Application permissions that allow each operation, least privileged first (Graph's reference pages). */
const PERMISSIONS: Readonly<Record<GraphOperation, readonly string[]>> = {
  getTeam: [
    'TeamSettings.Read.Group',
    'TeamSettings.ReadWrite.Group',
    'Team.ReadBasic.All',
    'TeamSettings.Read.All',
    'TeamSettings.ReadWrite.All',
    'Group.Read.All',
  ],
  listTeamMembers: ['TeamMember.Read.Group', 'TeamMember.Read.All', 'TeamMember.ReadWrite.All'],
  addTeamMember: ['TeamMember.ReadWriteNonOwnerRole.All', 'TeamMember.ReadWrite.All'],
  addChannelMember: ['ChannelMember.ReadWrite.Group', 'ChannelMember.ReadWrite.All'],
  // https://learn.microsoft.com/graph/api/channel-list-members
  listChannelMembers: [
    'ChannelMember.Read.Group',
    'ChannelMember.Read.All',
    'ChannelMember.ReadWrite.All',
    'ChannelMember.ReadWrite.Group',
  ],
  listChannels: ['Channel.ReadBasic.All', 'ChannelSettings.Read.All', 'ChannelSettings.ReadWrite.All'],
  listTabs: ['TeamsTab.Read.All', 'TeamsTab.ReadWriteForTeam.All', 'TeamsTab.ReadWrite.All'],
  deleteTab: ['TeamsTab.ReadWriteForTeam.All', 'TeamsTab.ReadWrite.All'],
  archiveTeam: [
    'TeamSettings.ReadWrite.Group',
    'TeamSettings.ReadWrite.All',
    'Group.ReadWrite.All',
    'Directory.ReadWrite.All',
  ],
  listDriveChildren: ['Files.Read.All', 'Sites.Read.All', 'Files.ReadWrite.All', 'Sites.ReadWrite.All'],
  // https://learn.microsoft.com/graph/api/channel-get-filesfolder (File.Read.Group is its RSC form).
  getFilesFolder: [
    'Files.Read.All',
    'File.Read.Group',
    'Files.ReadWrite.All',
    'Group.Read.All',
    'Group.ReadWrite.All',
    'Sites.Read.All',
    'Sites.ReadWrite.All',
  ],
  // https://learn.microsoft.com/graph/api/driveitem-list-children
  listDriveItemChildren: ['Files.Read.All', 'Sites.Read.All', 'Files.ReadWrite.All', 'Sites.ReadWrite.All'],
  getUser: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All'],
  getMailboxSettings: ['MailboxSettings.Read', 'MailboxSettings.ReadWrite'],
  // https://learn.microsoft.com/graph/api/channel-list-messages and chatmessage-list-replies
  // (ChannelMessage.Read.Group is the RSC form).
  listChannelMessages: [
    'ChannelMessage.Read.Group',
    'ChannelMessage.Read.All',
    'Group.Read.All',
    'Group.ReadWrite.All',
  ],
  listMessageReplies: ['ChannelMessage.Read.Group', 'ChannelMessage.Read.All', 'Group.Read.All', 'Group.ReadWrite.All'],
  // https://learn.microsoft.com/graph/api/chatmessage-delta
  listChannelMessagesDelta: ['ChannelMessage.Read.Group', 'ChannelMessage.Read.All'],
};

/** How each service words a missing permission. */
function refusal(operation: GraphOperation, granted: readonly string[]): ServiceFailure {
  switch (operation) {
    case 'getUser':
      return new ServiceFailure(
        403,
        'Authorization_RequestDenied',
        'Insufficient privileges to complete the operation.',
      );
    case 'getMailboxSettings':
      return new ServiceFailure(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
    case 'listDriveChildren':
    case 'getFilesFolder':
    case 'listDriveItemChildren':
      return new ServiceFailure(403, 'accessDenied', 'Access denied');
    default:
      return new ServiceFailure(
        403,
        'Forbidden',
        `Missing role permissions on the request. API requires one of '${PERMISSIONS[operation].join(', ')}'. Roles on the request '${granted.join(', ')}'.`,
      );
  }
}

function authorize(call: OperationCall, operation: GraphOperation): void {
  const granted = call.world.tenants.get(call.token.tenantId)?.permissions ?? null;
  if (granted !== null && !PERMISSIONS[operation].some((permission) => granted.includes(permission)))
    throw refusal(operation, granted);
}

/** A team of the caller's tenant: another tenant's teams do not exist for it. */
function teamOf(call: OperationCall): TeamState {
  const team = call.world.teams.get(call.params[0] ?? '');
  if (!team || team.tenantId !== call.token.tenantId)
    throw new ServiceFailure(404, 'NotFound', `No team found with Group Id ${call.params[0]}`);
  return team;
}

function channelOf(call: OperationCall, team: TeamState): ChannelState {
  const channel = team.channels.get(call.params[1] ?? '');
  if (!channel) throw new ServiceFailure(404, 'NotFound', `Channel ${call.params[1]} was not found.`);
  return channel;
}

/** The person a `user@odata.bind` names, in the caller's tenant. */
function boundUser(call: OperationCall): { id: string; displayName: string; mail: string | null } {
  if (call.body?.['@odata.type'] !== MEMBER_TYPE)
    throw new ServiceFailure(400, 'BadRequest', `Expected @odata.type ${MEMBER_TYPE}.`);
  if (!Array.isArray(call.body.roles)) throw new ServiceFailure(400, 'BadRequest', 'roles is required.');
  const bind = call.body['user@odata.bind'];
  const id = typeof bind === 'string' ? /\/users\('([^']+)'\)$/.exec(bind)?.[1] : undefined;
  if (id === undefined) throw new ServiceFailure(400, 'BadRequest', 'Invalid user@odata.bind value.');
  const user = call.world.users.get(id);
  if (!user || user.tenantId !== call.token.tenantId)
    throw new ServiceFailure(404, 'NotFound', `User ${id} was not found.`);
  return user;
}

function member(
  context: string,
  user: { id: string; displayName: string; mail: string | null },
  tenantId: string,
  roles: string[] = [],
) {
  return {
    '@odata.context': context,
    '@odata.type': MEMBER_TYPE,
    id: Buffer.from(`0#${tenantId}#${user.id}`).toString('base64'),
    roles,
    displayName: user.displayName,
    visibleHistoryStartDateTime: '0001-01-01T00:00:00Z',
    userId: user.id,
    email: user.mail,
    tenantId,
  };
}

function channelJson(team: TeamState, channel: ChannelState) {
  return {
    id: channel.id,
    createdDateTime: channel.createdDateTime.toISOString(),
    displayName: channel.displayName,
    description: null,
    email: '',
    membershipType: channel.membershipType,
    tenantId: team.tenantId,
    webUrl: `https://teams.microsoft.com/l/channel/${encodeURIComponent(channel.id)}/${encodeURIComponent(channel.displayName)}?groupId=${team.id}&tenantId=${team.tenantId}`,
  };
}

const WEBSITE_APP = { id: 'com.microsoft.teamspace.tab.web', displayName: 'Website' };

function tabJson(tab: SeedTab, expandApp: boolean) {
  const app = tab.teamsApp ?? WEBSITE_APP;
  return {
    id: tab.id,
    displayName: tab.displayName,
    webUrl: `https://teams.microsoft.com/l/entity/${encodeURIComponent(app.id)}/tab::${tab.id}?label=${encodeURIComponent(tab.displayName)}`,
    configuration: {
      entityId: null,
      contentUrl: tab.contentUrl ?? tab.websiteUrl ?? null,
      removeUrl: null,
      websiteUrl: tab.websiteUrl ?? null,
    },
    ...(expandApp
      ? { teamsApp: { id: app.id, externalId: null, displayName: app.displayName, distributionMethod: 'store' } }
      : {}),
  };
}

/** A document library: a team's, or a private or shared channel's own site's. */
interface Library {
  readonly driveId: string;
  readonly site: string;
  /** What the library holds at its root. */
  readonly items: readonly SeedDriveItem[];
}

function teamLibrary(team: TeamState): Library {
  return { driveId: `b!${team.id}`, site: team.displayName, items: team.files };
}

/** A private or shared channel's site is named "<team>-<channel>"; its library holds the channel's folder. */
function channelLibrary(team: TeamState, channel: ChannelState): Library {
  const folder: SeedDriveItem = {
    id: `folder-${Buffer.from(channel.id).toString('base64url')}`,
    name: channel.displayName,
    lastModifiedDateTime: channel.createdDateTime,
    children: channel.files,
  };
  return {
    driveId: `b!channel-${Buffer.from(channel.id).toString('base64url')}`,
    site: `${team.displayName}-${channel.displayName}`,
    items: [folder],
  };
}

function driveItemJson(library: Library, item: SeedDriveItem, parentPath: string) {
  const path = `${parentPath}/${item.name}`;
  return {
    id: item.id,
    name: item.name,
    createdDateTime: item.lastModifiedDateTime.toISOString(),
    lastModifiedDateTime: item.lastModifiedDateTime.toISOString(),
    webUrl: `https://fake.sharepoint.com/sites/${encodeURIComponent(library.site)}/Shared%20Documents${path.split('/').map(encodeURIComponent).join('/')}`,
    size: 1024,
    parentReference: { driveType: 'documentLibrary', driveId: library.driveId, path: `/drive/root:${parentPath}` },
    ...(item.children
      ? { folder: { childCount: item.children.length } }
      : { file: { mimeType: 'application/octet-stream' } }),
  };
}

/**
 * The folder where a channel's files are: in its own site for a private or shared channel, else the
 * team library's folder named after it, made when first asked for (Teams makes it with the channel).
 */
function channelFolder(team: TeamState, channel: ChannelState): { library: Library; folder: SeedDriveItem } {
  if (channel.membershipType !== 'standard') {
    const library = channelLibrary(team, channel);
    return { library, folder: library.items[0]! };
  }
  const found = team.files.find((item) => item.children && item.name === channel.displayName);
  if (found) return { library: teamLibrary(team), folder: found };
  const made: SeedDriveItem = {
    id: `folder-${Buffer.from(channel.id).toString('base64url')}`,
    name: channel.displayName,
    lastModifiedDateTime: channel.createdDateTime,
    children: [],
  };
  team.files.push(made);
  return { library: teamLibrary(team), folder: made };
}

/** The library a drive id names, among the caller's tenant's teams and their channels. */
function libraryOf(call: OperationCall, driveId: string): Library | null {
  for (const team of call.world.teams.values()) {
    if (team.tenantId !== call.token.tenantId) continue;
    if (driveId === `b!${team.id}`) return teamLibrary(team);
    for (const channel of team.channels.values()) {
      if (channel.membershipType !== 'standard' && driveId === channelLibrary(team, channel).driveId)
        return channelLibrary(team, channel);
    }
  }
  return null;
}

/** A page of a folder's children, `$top` at a time with an `@odata.nextLink` while more remain. */
function childrenPage(
  call: OperationCall,
  library: Library,
  folder: { item: { children?: readonly SeedDriveItem[] }; path: string },
  context: string,
): HttpAnswer {
  const top = Number(call.request.query.get('$top') ?? DRIVE_PAGE_DEFAULT);
  const skip = Number(call.request.query.get('$skiptoken') ?? 0);
  const children = folder.item.children ?? [];
  const nextLink = new URL(`${call.origin}${call.request.path}`);
  nextLink.searchParams.set('$top', String(top));
  nextLink.searchParams.set('$skiptoken', String(skip + top));
  return {
    status: 200,
    json: {
      '@odata.context': context,
      value: children.slice(skip, skip + top).map((item) => driveItemJson(library, item, folder.path)),
      ...(skip + top < children.length ? { '@odata.nextLink': nextLink.toString() } : {}),
    },
  };
}

/** The folder a drive path names, with its path from the root; null for an unknown item. */
function findFolder(
  items: readonly SeedDriveItem[],
  id: string,
  path = '',
): { item: SeedDriveItem; path: string } | null {
  for (const item of items) {
    if (item.id === id) return { item, path: `${path}/${item.name}` };
    const inside = item.children ? findFolder(item.children, id, `${path}/${item.name}`) : null;
    if (inside) return inside;
  }
  return null;
}

const USER_DEFAULT_SELECT = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
];

const graphCall = (
  operation: GraphOperation,
  method: Operation<GraphOperation>['method'],
  pattern: RegExp,
  handle: (call: OperationCall) => HttpAnswer,
): Operation<GraphOperation> => ({
  name: operation,
  method,
  pattern,
  draws: (call) => [{ limit: 'graph', key: `graph:${call.token.tenantId}` }],
  handle: (call) => {
    authorize(call, operation);
    return handle(call);
  },
});

/**
 * The Microsoft Graph v1.0 calls Group Steward makes, in Graph's shapes: add a member to a team or
 * to a private or shared channel, list channels, their tabs (with the app behind each) and the
 * team's files, remove a tab, and read a person and their mailbox settings.
 */
export const GRAPH_OPERATIONS: readonly Operation<GraphOperation>[] = [
  // https://learn.microsoft.com/graph/api/team-get: the team resource (resources/team.md).
  graphCall('getTeam', 'GET', /^\/v1\.0\/teams\/([^/]+)$/, (call) => {
    const team = teamOf(call);
    return {
      status: 200,
      json: {
        '@odata.context': `${GRAPH}/$metadata#teams/$entity`,
        id: team.id,
        createdDateTime: team.createdDateTime.toISOString(),
        displayName: team.displayName,
        description: null,
        internalId: `19:${team.id.replaceAll('-', '')}@thread.tacv2`,
        classification: null,
        specialization: 'none',
        visibility: team.visibility,
        webUrl: `https://teams.microsoft.com/l/team/19%3a${team.id.replaceAll('-', '')}%40thread.tacv2/conversations?groupId=${team.id}&tenantId=${team.tenantId}`,
        isArchived: team.isArchived,
        tenantId: team.tenantId,
      },
    };
  }),
  graphCall('listTeamMembers', 'GET', /^\/v1\.0\/teams\/([^/]+)\/members$/, (call) => listTeamMembers(call)),
  graphCall('addTeamMember', 'POST', /^\/v1\.0\/teams\/([^/]+)\/members$/, (call) => {
    const team = teamOf(call);
    const user = boundUser(call);
    // Graph answers 201 again for someone already in the team (microsoft-graph-docs issue 9303).
    team.members.add(user.id);
    return { status: 201, json: member(`${GRAPH}/$metadata#teams('${team.id}')/members/$entity`, user, team.tenantId) };
  }),
  // https://learn.microsoft.com/graph/api/channel-list-members: a standard channel has its team's members.
  graphCall('listChannelMembers', 'GET', /^\/v1\.0\/teams\/([^/]+)\/channels\/([^/]+)\/members$/, (call) => {
    const team = teamOf(call);
    const channel = channelOf(call, team);
    const members = channel.membershipType === 'standard' ? team.members : channel.members;
    const context = `${GRAPH}/$metadata#teams('${team.id}')/channels('${encodeURIComponent(channel.id)}')/members`;
    return membersPage(call, team, members, context);
  }),
  graphCall('addChannelMember', 'POST', /^\/v1\.0\/teams\/([^/]+)\/channels\/([^/]+)\/members$/, (call) => {
    const team = teamOf(call);
    const channel = channelOf(call, team);
    const user = boundUser(call);
    if (channel.membershipType === 'standard') {
      throw new ServiceFailure(
        400,
        'BadRequest',
        'Members cannot be added to a standard channel: it has the members of its team.',
      );
    }
    channel.members.add(user.id);
    return {
      status: 201,
      json: member(
        `${GRAPH}/$metadata#teams('${team.id}')/channels('${encodeURIComponent(channel.id)}')/members/$entity`,
        user,
        team.tenantId,
      ),
    };
  }),
  graphCall('listChannels', 'GET', /^\/v1\.0\/teams\/([^/]+)\/channels$/, (call) => {
    const team = teamOf(call);
    return {
      status: 200,
      json: {
        '@odata.context': `${GRAPH}/$metadata#teams('${team.id}')/channels`,
        '@odata.count': team.channels.size,
        value: [...team.channels.values()].map((channel) => channelJson(team, channel)),
      },
    };
  }),
  graphCall('listTabs', 'GET', /^\/v1\.0\/teams\/([^/]+)\/channels\/([^/]+)\/tabs$/, (call) => {
    const team = teamOf(call);
    const channel = channelOf(call, team);
    const expandApp = (call.request.query.get('$expand') ?? '').split(',').includes('teamsApp');
    return {
      status: 200,
      json: {
        '@odata.context': `${GRAPH}/$metadata#teams('${team.id}')/channels('${encodeURIComponent(channel.id)}')/tabs`,
        '@odata.count': channel.tabs.length,
        value: channel.tabs.map((tab) => tabJson(tab, expandApp)),
      },
    };
  }),
  graphCall('deleteTab', 'DELETE', /^\/v1\.0\/teams\/([^/]+)\/channels\/([^/]+)\/tabs\/([^/]+)$/, (call) => {
    const channel = channelOf(call, teamOf(call));
    const index = channel.tabs.findIndex((tab) => tab.id === call.params[2]);
    if (index < 0) throw new ServiceFailure(404, 'NotFound', `Tab ${call.params[2]} was not found.`);
    channel.tabs.splice(index, 1);
    return { status: 204 };
  }),
  // https://learn.microsoft.com/graph/api/team-archive: 202 Accepted, the Location of a
  // teamsAsyncOperation to poll; "the team and group must have an owner". The fake archives at once.
  graphCall('archiveTeam', 'POST', /^\/v1\.0\/teams\/([^/]+)\/archive$/, (call) => {
    const team = teamOf(call);
    if (team.owners.size === 0)
      throw new ServiceFailure(400, 'BadRequest', 'To archive a team, the team and group must have an owner.');
    team.isArchived = true;
    return { status: 202, headers: { Location: `/teams('${team.id}')/operations('${randomUUID()}')` } };
  }),
  graphCall(
    'listDriveChildren',
    'GET',
    /^\/v1\.0\/groups\/([^/]+)\/drive\/(?:root|items\/([^/]+))\/children$/,
    (call) => {
      const team = call.world.teams.get(call.params[0] ?? '');
      if (!team || team.tenantId !== call.token.tenantId)
        throw new ServiceFailure(404, 'itemNotFound', 'The resource could not be found.');
      const folder = call.params[1]
        ? findFolder(team.files, call.params[1])
        : { item: { children: team.files }, path: '' };
      if (!folder?.item.children) throw new ServiceFailure(404, 'itemNotFound', 'The resource could not be found.');
      return childrenPage(call, teamLibrary(team), folder, `${GRAPH}/$metadata#groups('${team.id}')/drive/items`);
    },
  ),
  // https://learn.microsoft.com/graph/api/channel-get-filesfolder: the driveItem of the channel's
  // folder, with the drive that holds it in parentReference.driveId.
  graphCall('getFilesFolder', 'GET', /^\/v1\.0\/teams\/([^/]+)\/channels\/([^/]+)\/filesFolder$/, (call) => {
    const team = teamOf(call);
    const channel = channelOf(call, team);
    const { library, folder } = channelFolder(team, channel);
    const { parentReference, ...item } = driveItemJson(library, folder, '');
    return {
      status: 200,
      json: {
        '@odata.context': `${GRAPH}/$metadata#teams('${team.id}')/channels('${encodeURIComponent(channel.id)}')/filesFolder/$entity`,
        ...item,
        parentReference: { driveId: parentReference.driveId, driveType: parentReference.driveType },
      },
    };
  }),
  // https://learn.microsoft.com/graph/api/driveitem-list-children: GET /drives/{drive-id}/items/{item-id}/children.
  graphCall('listDriveItemChildren', 'GET', /^\/v1\.0\/drives\/([^/]+)\/items\/([^/]+)\/children$/, (call) => {
    const library = libraryOf(call, call.params[0] ?? '');
    const folder = library ? findFolder(library.items, call.params[1] ?? '') : null;
    if (!library || !folder?.item.children)
      throw new ServiceFailure(404, 'itemNotFound', 'The resource could not be found.');
    return childrenPage(
      call,
      library,
      folder,
      `${GRAPH}/$metadata#drives('${library.driveId}')/items('${call.params[1]}')/children`,
    );
  }),
  graphCall('listChannelMessages', 'GET', /^\/v1\.0\/teams\/([^/]+)\/channels\/([^/]+)\/messages$/, (call) => {
    const team = teamOf(call);
    return listChannelMessages(call, team, channelOf(call, team));
  }),
  graphCall(
    'listChannelMessagesDelta',
    'GET',
    /^\/v1\.0\/teams\/([^/]+)\/channels\/([^/]+)\/messages\/delta$/,
    (call) => {
      const team = teamOf(call);
      return listChannelMessagesDelta(call, team, channelOf(call, team));
    },
  ),
  graphCall(
    'listMessageReplies',
    'GET',
    /^\/v1\.0\/teams\/([^/]+)\/channels\/([^/]+)\/messages\/([^/]+)\/replies$/,
    (call) => {
      const team = teamOf(call);
      return listMessageReplies(call, team, channelOf(call, team));
    },
  ),
  graphCall('getUser', 'GET', /^\/v1\.0\/users\/([^/]+)$/, (call) => {
    const user = call.world.users.get(call.params[0] ?? '');
    if (!user || user.tenantId !== call.token.tenantId) {
      throw new ServiceFailure(
        404,
        'Request_ResourceNotFound',
        `Resource '${call.params[0]}' does not exist or one of its queried reference-property objects are not present.`,
      );
    }
    const fields: Record<string, unknown> = {
      id: user.id,
      displayName: user.displayName,
      mail: user.mail,
      userPrincipalName: user.userPrincipalName,
      preferredLanguage: user.preferredLanguage,
      accountEnabled: user.accountEnabled,
      businessPhones: [],
      givenName: null,
      surname: null,
      jobTitle: null,
      mobilePhone: null,
      officeLocation: null,
    };
    const select =
      call.request.query
        .get('$select')
        ?.split(',')
        .map((name) => name.trim()) ?? USER_DEFAULT_SELECT;
    const unknown = select.find((name) => !(name in fields));
    if (unknown !== undefined)
      throw new ServiceFailure(
        400,
        'BadRequest',
        `Could not find a property named '${unknown}' on type 'microsoft.graph.user'.`,
      );
    return {
      status: 200,
      json: {
        '@odata.context': `${GRAPH}/$metadata#users(${select.join(',')})/$entity`,
        ...Object.fromEntries(select.map((name) => [name, fields[name]])),
      },
    };
  }),
  graphCall('getMailboxSettings', 'GET', /^\/v1\.0\/users\/([^/]+)\/mailboxSettings$/, (call) => {
    const user = call.world.users.get(call.params[0] ?? '');
    if (!user || user.tenantId !== call.token.tenantId)
      throw new ServiceFailure(404, 'ErrorInvalidUser', `The requested user '${call.params[0]}' is invalid.`);
    if (!user.hasMailbox)
      throw new ServiceFailure(
        404,
        'MailboxNotEnabledForRESTAPI',
        'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
      );
    return {
      status: 200,
      json: {
        '@odata.context': `${GRAPH}/$metadata#users('${user.id}')/mailboxSettings`,
        archiveFolder: 'AAMkAGI2TGuLAAA=',
        timeZone: user.timeZone,
        delegateMeetingMessageDeliveryOptions: 'sendToDelegateOnly',
        dateFormat: 'dd/MM/yyyy',
        timeFormat: 'HH:mm',
        userPurpose: 'user',
        automaticRepliesSetting: {
          status: 'disabled',
          externalAudience: 'all',
          internalReplyMessage: '',
          externalReplyMessage: '',
        },
        language: { locale: user.mailboxLocale, displayName: user.mailboxLocale },
        workingHours: {
          daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
          startTime: '08:00:00.0000000',
          endTime: '17:00:00.0000000',
          timeZone: { name: user.timeZone },
        },
      },
    };
  }),
];

/**
 * https://learn.microsoft.com/graph/api/team-list-members: conversationMember items, an owner's
 * `roles` holding "owner", paged with `@odata.nextLink`. The only filter answered is the one by
 * role, which Graph's known issues say needs `$top` or `$skiptoken` ("Requests to filter team
 * members by role require a parameter").
 */
function listTeamMembers(call: OperationCall): HttpAnswer {
  const team = teamOf(call);
  return membersPage(call, team, team.members, `${GRAPH}/$metadata#teams('${team.id}')/members`);
}

/**
 * A page of members, filtered by role (owners) or by Entra user id as Graph allows
 * (team-list-members, channel-list-members); any other filter is refused.
 */
function membersPage(call: OperationCall, team: TeamState, members: ReadonlySet<string>, context: string): HttpAnswer {
  const filter = call.request.query.get('$filter');
  const top = call.request.query.get('$top');
  const skip = Number(call.request.query.get('$skiptoken') ?? 0);
  const userId = filter === null ? null : (USER_FILTER.exec(filter)?.[1] ?? null);
  if (filter !== null && filter !== OWNER_FILTER && userId === null)
    throw new ServiceFailure(400, 'BadRequest', `Unsupported filter: ${filter}`);
  if (filter === OWNER_FILTER && top === null && call.request.query.get('$skiptoken') === null) {
    throw new ServiceFailure(400, 'BadRequest', 'Filtering members by role requires $top or $skiptoken.');
  }
  const size = Number(top ?? MEMBERS_PAGE_DEFAULT);
  const ids = [...members].filter((id) => (userId !== null ? id === userId : filter === null || team.owners.has(id)));
  const value = ids.slice(skip, skip + size).flatMap((id) => {
    const user = call.world.users.get(id);
    return user ? [member(context, user, team.tenantId, team.owners.has(id) ? ['owner'] : [])] : [];
  });
  const next = new URL(`${call.origin}${call.request.path}`);
  for (const [name, given] of call.request.query) next.searchParams.set(name, given);
  next.searchParams.set('$skiptoken', String(skip + size));
  return {
    status: 200,
    json: {
      '@odata.context': context,
      '@odata.count': value.length,
      value: value.map(({ '@odata.context': _, ...item }) => item),
      ...(skip + size < ids.length ? { '@odata.nextLink': next.toString() } : {}),
    },
  };
}
