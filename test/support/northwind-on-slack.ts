import type { SeedUser } from './fake-slack/index.ts';

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
} as const satisfies Record<string, SeedUser>;
