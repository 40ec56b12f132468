import type { SeedUser as SlackUser } from './fake-slack/index.ts';
import type { SeedUser as TeamsUser } from './fake-teams/index.ts';

// Northwind, the company the end-to-end tests of the server stage on both fakes: its people, by first name.

/** The Slack user ids of Northwind's people, by first name. */
export const NORTHWIND_SLACK_IDS = {
  alice: 'U0ALICE',
  boris: 'U0BORIS',
  dmitri: 'U0DMITRI',
  erin: 'U0ERIN',
  gina: 'U0GINA',
  frank: 'U0FRANK',
  carla: 'U0CARLA',
} as const;

/**
 * The people of Northwind's Slack workspace, as the end-to-end tests of the server stage them in
 * #design: who they are, where, and in which language Slack shows them. A test changes a person's
 * field where its story needs it (`{ ...NORTHWIND_ON_SLACK.alice, locale: 'fr-FR' }`).
 */
export const NORTHWIND_ON_SLACK = {
  alice: {
    id: NORTHWIND_SLACK_IDS.alice,
    realName: 'Alice Martin',
    email: 'alice@northwind.example',
    tz: 'Europe/Paris',
    locale: 'en-GB',
  },
  boris: {
    id: NORTHWIND_SLACK_IDS.boris,
    realName: 'Boris Lefèvre',
    email: 'boris@northwind.example',
    tz: 'Europe/Paris',
    locale: 'fr-FR',
  },
  dmitri: {
    id: NORTHWIND_SLACK_IDS.dmitri,
    realName: 'Dmitri Orlov',
    email: 'dmitri@northwind.example',
    tz: 'Europe/Moscow',
    locale: 'ru-RU',
  },
  erin: {
    id: NORTHWIND_SLACK_IDS.erin,
    realName: 'Erin Walsh',
    email: 'erin@northwind.example',
    tz: 'Europe/Dublin',
    locale: 'en-IE',
  },
  gina: {
    id: NORTHWIND_SLACK_IDS.gina,
    realName: 'Gina Rossi',
    email: 'gina@northwind.example',
    tz: 'Europe/Rome',
    locale: 'en-GB',
  },
  frank: {
    id: NORTHWIND_SLACK_IDS.frank,
    realName: 'Frank Meyer',
    email: 'frank@northwind.example',
    tz: 'Europe/Berlin',
    locale: 'en-GB',
  },
  carla: {
    id: NORTHWIND_SLACK_IDS.carla,
    realName: 'Carla Rossi',
    email: 'carla@northwind.example',
    tz: 'Europe/Rome',
    locale: 'en-GB',
  },
} as const satisfies Record<string, SlackUser>;

/** The Entra object ids of Northwind's people on Teams (Alice's and Boris's are those of test/fixtures/teams' channel activities). */
export const NORTHWIND_TEAMS_IDS = {
  alice: 'aaaaaaaa-0000-4000-8000-000000000001',
  boris: 'bbbbbbbb-0000-4000-8000-000000000002',
  chloe: 'cccccccc-0000-4000-8000-000000000003',
  olga: 'dddddddd-0000-4000-8000-0000000000d4',
} as const;

/** Northwind's people in its Entra tenant, as Graph shows them; the tenant is the one the test stages them in. */
export const NORTHWIND_ON_TEAMS = {
  alice: { id: NORTHWIND_TEAMS_IDS.alice, displayName: 'Alice Martin', mail: 'alice@northwind.example' },
  olga: { id: NORTHWIND_TEAMS_IDS.olga, displayName: 'Olga Petrova', mail: 'olga@northwind.example' },
  boris: { id: NORTHWIND_TEAMS_IDS.boris, displayName: 'Boris Ivanov', mail: 'boris@northwind.example' },
  chloe: { id: NORTHWIND_TEAMS_IDS.chloe, displayName: 'Chloé Dubois', mail: 'chloe@northwind.example' },
} as const satisfies Record<string, Omit<TeamsUser, 'tenantId'>>;
