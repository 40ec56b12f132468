import type { Locale } from '../domain/locale.ts';
import type { Person, PlatformIdentity, Role } from '../domain/person.ts';
import type { IsoWeekday, WeeklyHourSlot } from '../domain/weekly-hour-slot.ts';
import { DAY_MS } from '../domain/zoned-time.ts';
import type { DemoContext } from './context.ts';
import type { Random } from './random.ts';

export const DEMO_PEOPLE = 300;

type Culture = 'english' | 'french' | 'russian' | 'japanese' | 'brazilian' | 'indian';

interface NamePool {
  readonly female: readonly string[];
  readonly male: readonly string[];
  readonly surnames: readonly string[];
}

// biome-ignore format: name pools, filled lines; one name a line would make them 300 lines long.
const NAMES: Readonly<Record<Culture, NamePool>> = {
  english: {
    female: ['Emma', 'Olivia', 'Ava', 'Sophia', 'Emily', 'Grace', 'Chloe', 'Hannah', 'Mia', 'Charlotte', 'Amelia',
      'Natalie', 'Zoe', 'Lily', 'Ella', 'Sarah', 'Rachel', 'Laura', 'Megan', 'Jessica', 'Abigail', 'Ruby'],
    male: ['James', 'Liam', 'Noah', 'Michael', 'Daniel', 'Ethan', 'Benjamin', 'Lucas', 'Jacob', 'Samuel', 'Ryan',
      'Oliver', 'Nathan', 'Owen', 'Jack', 'David', 'Thomas', 'Matthew', 'Andrew', 'Chris', 'Henry', 'Connor'],
    surnames: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor',
      'Moore', 'Jackson', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen',
      'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Hill', 'Campbell', 'Mitchell', 'Roberts',
      'Carter', 'Evans', 'Turner', 'Parker', 'Collins', 'Edwards', 'Stewart', 'Murphy', 'Cooper', "O'Brien", 'Kelly'],
  },
  french: {
    female: ['Camille', 'Léa', 'Manon', 'Chloé', 'Inès', 'Jade', 'Louise', 'Zoé', 'Clémence', 'Élodie', 'Margaux',
      'Anaïs', 'Hélène', 'Émilie', 'Juliette', 'Sophie', 'Aurélie', 'Mathilde', 'Céline', 'Océane'],
    male: ['Hugo', 'Louis', 'Gabriel', 'Arthur', 'Jules', 'Théo', 'Raphaël', 'Maxime', 'Antoine', 'Nicolas',
      'Julien', 'Étienne', 'Baptiste', 'Mathieu', 'Guillaume', 'François', 'Rémi', 'Olivier', 'Benoît', 'Loïc'],
    surnames: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
      'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel',
      'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Legrand', 'Garnier', 'Faure',
      'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Perrin', 'Morin', 'Clément', 'Gauthier',
      'Fontaine', 'Chevalier', 'Robin', 'Lemaître', 'Besnard'],
  },
  russian: {
    female: ['Анна', 'Мария', 'Елена', 'Ольга', 'Наталья', 'Екатерина', 'Татьяна', 'Ирина', 'Светлана', 'Юлия',
      'Дарья', 'Ксения', 'Алина', 'Виктория', 'Полина', 'Анастасия'],
    male: ['Александр', 'Дмитрий', 'Максим', 'Сергей', 'Андрей', 'Алексей', 'Иван', 'Михаил', 'Николай', 'Павел',
      'Артём', 'Егор', 'Владимир', 'Кирилл', 'Роман', 'Григорий'],
    // Masculine forms; the feminine is derived (Иванов → Иванова, Покровский → Покровская).
    surnames: ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков',
      'Фёдоров', 'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семёнов', 'Егоров', 'Павлов', 'Козлов', 'Степанов',
      'Николаев', 'Орлов', 'Андреев', 'Макаров', 'Никитин', 'Захаров', 'Зайцев', 'Соловьёв', 'Борисов',
      'Яковлев', 'Григорьев', 'Романов', 'Воробьёв', 'Кузьмин', 'Фролов', 'Белов', 'Покровский', 'Вишневский'],
  },
  japanese: {
    female: ['Yui', 'Hina', 'Sakura', 'Aoi', 'Yuki', 'Mei', 'Akiko', 'Haruka', 'Naomi', 'Emi'],
    male: ['Haruto', 'Yuto', 'Sota', 'Ren', 'Hiroshi', 'Takeshi', 'Kenji', 'Daiki', 'Kaito', 'Shun'],
    surnames: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito', 'Yamamoto', 'Nakamura', 'Kobayashi',
      'Kato', 'Yoshida', 'Yamada', 'Matsumoto', 'Inoue'],
  },
  brazilian: {
    female: ['Ana', 'Beatriz', 'Larissa', 'Camila', 'Juliana', 'Fernanda', 'Mariana', 'Letícia', 'Gabriela', 'Luíza'],
    male: ['João', 'Pedro', 'Lucas', 'Gabriel', 'Rafael', 'Gustavo', 'Felipe', 'Mateus', 'Thiago', 'Caio'],
    surnames: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes',
      'Costa', 'Ribeiro', 'Carvalho', 'Almeida', 'Araújo'],
  },
  indian: {
    female: ['Ananya', 'Priya', 'Aditi', 'Divya', 'Kavya', 'Neha', 'Pooja', 'Shreya', 'Sneha', 'Lakshmi', 'Meera'],
    male: ['Aarav', 'Vivaan', 'Aditya', 'Arjun', 'Rohan', 'Rahul', 'Vikram', 'Karthik', 'Siddharth', 'Anil', 'Ravi'],
    surnames: ['Sharma', 'Patel', 'Gupta', 'Singh', 'Kumar', 'Reddy', 'Iyer', 'Nair', 'Rao', 'Mehta', 'Joshi',
      'Desai', 'Menon', 'Krishnan', 'Chatterjee', 'Banerjee'],
  },
};

/** Offices of the demo company: how many people sit where, and who they tend to be. */
const OFFICES: readonly {
  readonly zone: string;
  readonly headcount: number;
  readonly mix: readonly (readonly [readonly [Culture, Locale], number])[];
}[] = [
  {
    zone: 'Europe/Paris',
    headcount: 70,
    mix: [
      [['french', 'fr'], 85],
      [['french', 'en'], 5],
      [['english', 'en'], 10],
    ],
  },
  {
    zone: 'America/Toronto',
    headcount: 10,
    mix: [
      [['french', 'fr'], 60],
      [['english', 'en'], 40],
    ],
  },
  {
    zone: 'America/New_York',
    headcount: 45,
    mix: [
      [['english', 'en'], 88],
      [['indian', 'en'], 12],
    ],
  },
  {
    zone: 'America/Los_Angeles',
    headcount: 30,
    mix: [
      [['english', 'en'], 80],
      [['indian', 'en'], 10],
      [['japanese', 'en'], 10],
    ],
  },
  {
    zone: 'Europe/London',
    headcount: 20,
    mix: [
      [['english', 'en'], 85],
      [['french', 'fr'], 5],
      [['indian', 'en'], 10],
    ],
  },
  {
    zone: 'Europe/Moscow',
    headcount: 45,
    mix: [
      [['russian', 'ru'], 88],
      [['russian', 'en'], 12],
    ],
  },
  {
    zone: 'Asia/Tokyo',
    headcount: 15,
    mix: [
      [['japanese', 'en'], 85],
      [['english', 'en'], 15],
    ],
  },
  { zone: 'Australia/Sydney', headcount: 15, mix: [[['english', 'en'], 100]] },
  {
    zone: 'America/Sao_Paulo',
    headcount: 20,
    mix: [
      [['brazilian', 'en'], 95],
      [['english', 'en'], 5],
    ],
  },
  { zone: 'Asia/Kolkata', headcount: 30, mix: [[['indian', 'en'], 100]] },
];

/** Which platforms a person uses: most companies in a migration have a mix. */
const PRESENCE: readonly (readonly ['slack' | 'teams' | 'both', number])[] = [
  ['slack', 45],
  ['teams', 30],
  ['both', 25],
];

const SLOT_TIMES = ['08:30', '09:00', '09:30', '10:00', '11:00', '13:30', '14:00', '15:00', '16:00', '17:30'];

const COMMUNITY_MANAGERS = 4;
/** People who left the company; some of them owned groups that are now ownerless. */
const DEACTIVATED = 12;

const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** "Élodie Lefèvre" → "elodie.lefevre", "Анна Иванова" → "anna.ivanova". */
function mailbox(first: string, last: string): string {
  const latin = (name: string) =>
    [...name.toLowerCase()]
      .map((c) => CYRILLIC[c] ?? c)
      .join('')
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[^a-z0-9]/g, '');
  return `${latin(first)}.${latin(last)}`;
}

function feminine(surname: string): string {
  if (surname.endsWith('ский')) return `${surname.slice(0, -4)}ская`;
  return `${surname}а`;
}

function aName(random: Random, culture: Culture): { first: string; last: string } {
  const pool = NAMES[culture];
  const female = random.chance(0.5);
  const first = random.pick(female ? pool.female : pool.male);
  const surname = random.pick(pool.surnames);
  return { first, last: culture === 'russian' && female ? feminine(surname) : surname };
}

function aSlot(random: Random): WeeklyHourSlot {
  return { weekday: random.int(1, 5) as IsoWeekday, time: random.pick(SLOT_TIMES) };
}

/**
 * The demo company's 300 employees, across ten offices and three locales. Everyone has an e-mail;
 * a quarter are known on both platforms (one person, two identities).
 */
export function generatePeople(random: Random, context: DemoContext): Person[] {
  const usedNames = new Set<string>();
  const usedMailboxes = new Set<string>();
  const usedUserIds = new Set<string>();
  const slackUserId = () => uniqueId(usedUserIds, () => `U0${random.chars('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 8)}`);

  const people: Person[] = [];
  for (const office of OFFICES) {
    for (let n = 0; n < office.headcount; n++) {
      const [culture, locale] = random.weighted(office.mix);
      let name = aName(random, culture);
      // Namesakes exist in real companies, but a demo reads better without them.
      for (let attempt = 0; attempt < 20 && usedNames.has(`${name.first} ${name.last}`); attempt++) {
        name = aName(random, culture);
      }
      const displayName = `${name.first} ${name.last}`;
      usedNames.add(displayName);
      const base = mailbox(name.first, name.last);
      let box = base;
      for (let suffix = 2; usedMailboxes.has(box); suffix++) box = `${base}${suffix}`;
      usedMailboxes.add(box);

      const presence = random.weighted(PRESENCE);
      const identities: PlatformIdentity[] = [];
      if (presence !== 'teams') {
        identities.push({ platform: 'slack', workspaceId: context.slackWorkspaceId, userId: slackUserId() });
      }
      if (presence !== 'slack') {
        // Teams knows people by their Entra object id.
        identities.push({ platform: 'teams', workspaceId: context.teamsTenantId, userId: random.uuid() });
      }
      people.push({
        id: random.uuid(),
        tenantId: context.tenantId,
        displayName,
        email: `${box}@${context.emailDomain}`,
        identities,
        timeZone: office.zone,
        locale,
        roles: [],
        weeklyHour: random.chance(0.18) ? aSlot(random) : null,
        preferredPlatform: null,
        timeOff: null,
        deactivatedAt: null,
      });
    }
  }
  return assignRolesAndDepartures(random, context, people);
}

function assignRolesAndDepartures(random: Random, context: DemoContext, people: Person[]): Person[] {
  const onBoth = people.filter((p) => p.identities.length === 2);
  // Community managers look after both platforms; one of them also administers the service.
  const managers = random.sample(onBoth, COMMUNITY_MANAGERS);
  const roles = new Map<string, Role[]>(
    managers.map((p, i) => [p.id, i === 0 ? ['community_manager', 'administrator'] : ['community_manager']]),
  );
  // Leavers span both platforms so that ownerless groups can arise on each.
  const candidates = people.filter((p) => !roles.has(p.id));
  const leaversOnBoth = random.sample(
    candidates.filter((p) => p.identities.length === 2),
    4,
  );
  const others = random.sample(
    candidates.filter((p) => !leaversOnBoth.includes(p)),
    DEACTIVATED - leaversOnBoth.length,
  );
  const departures = new Map<string, Date>(
    [...leaversOnBoth, ...others].map((p) => [p.id, new Date(context.now.getTime() - random.between(10, 80) * DAY_MS)]),
  );
  return people.map((person) => ({
    ...person,
    roles: roles.get(person.id) ?? [],
    deactivatedAt: departures.get(person.id) ?? null,
  }));
}

function uniqueId(used: Set<string>, make: () => string): string {
  let id = make();
  while (used.has(id)) id = make();
  used.add(id);
  return id;
}
