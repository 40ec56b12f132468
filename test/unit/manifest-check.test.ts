import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compare, type ProblemKind } from '../../manifests/slack/compare.ts';
import { EVENT_SCOPES } from '../../manifests/slack/event-scopes.ts';
import { METHOD_SCOPES } from '../../manifests/slack/method-scopes.ts';

interface ManifestParts {
  events?: string[];
  commands?: string[];
  scopes?: string[];
  homeTab?: boolean;
}

function manifest({ events = [], commands = [], scopes = [], homeTab = true }: ManifestParts): unknown {
  return {
    _metadata: { major_version: 2 },
    display_information: { name: 'Test' },
    features: {
      app_home: { home_tab_enabled: homeTab },
      slash_commands: commands.map((command) => ({ command, description: 'test' })),
    },
    oauth_config: { scopes: { bot: scopes } },
    settings: { event_subscriptions: { bot_events: events } },
  };
}

function check(parts: ManifestParts, ...files: string[]) {
  const sources = new Map(files.map((text, index) => [`apps/slack/src/file${index}.ts`, text]));
  return compare({ manifest: manifest(parts), sources });
}

const kinds = (problems: { kind: ProblemKind }[]) => problems.map((problem) => problem.kind);

const source = `
  app.event('pin_added', async ({ event, client }) => {
    await client.pins.list({ channel: event.channel_id });
  });
  app.command('/steward', async ({ ack }) => { await ack(); });
`;
const matching: ManifestParts = {
  events: ['pin_added'],
  commands: ['/steward'],
  scopes: ['pins:read', 'commands'],
};

describe('manifest check', () => {
  it('passes when the manifest and the code agree', () => {
    expect(check(matching, source)).toEqual([]);
  });

  it('reports an event the code listens to that the manifest lacks, with where it is used', () => {
    const problems = check(matching, source, `\n\napp.event('reaction_added', handler);`);
    expect(kinds(problems)).toEqual(['event-not-declared', 'scope-missing']);
    expect(problems[0]?.message).toBe(
      'apps/slack/src/file1.ts:3: the code listens to event "reaction_added", which settings.event_subscriptions.bot_events does not declare',
    );
    expect(problems[1]?.message).toContain('"reactions:read" is missing');
  });

  it('reports a declared bot event no listener handles', () => {
    const problems = check({ ...matching, events: ['pin_added', 'pin_removed'] }, source);
    expect(problems).toEqual([
      {
        kind: 'event-not-listened',
        message: 'manifest: bot event "pin_removed" is declared, but no listener in the code handles it',
      },
    ]);
  });

  it('lets app.message match message.channels and message.groups, and needs their scopes', () => {
    const parts = { events: ['message.channels', 'message.groups'], scopes: ['channels:history', 'groups:history'] };
    expect(check(parts, `app.message(async ({ message }) => record(message));`)).toEqual([]);
    expect(kinds(check({ ...parts, scopes: ['channels:history'] }, `app.message(handler);`))).toEqual([
      'scope-missing',
    ]);
    expect(kinds(check({}, `app.message(handler);`))).toEqual(['event-not-declared']);
    expect(kinds(check(parts, `app.event('pin_added', handler);`))).toEqual([
      'event-not-declared',
      'event-not-listened',
      'event-not-listened',
      'scope-missing',
      'scope-unused',
      'scope-unused',
    ]);
  });

  it('reports a command used but not declared, and one declared but unused', () => {
    const problems = check({ ...matching, commands: ['/other'] }, source);
    expect(problems.map((problem) => problem.message)).toEqual([
      'apps/slack/src/file0.ts:5: the code handles command "/steward", which features.slash_commands does not declare',
      `manifest: command "/other" is declared in features.slash_commands, but no .command('/other') handler exists`,
    ]);
  });

  it('reports a scope a used method needs but the manifest lacks', () => {
    const code = `${source}\nawait client.chat.postMessage({ channel, text });`;
    expect(check(matching, code)).toEqual([
      {
        kind: 'scope-missing',
        message:
          'manifest: bot scope "chat:write" is missing from oauth_config.scopes.bot; needed by chat.postMessage (apps/slack/src/file0.ts:7)',
      },
    ]);
  });

  it('reports a scope an event needs but the manifest lacks', () => {
    expect(check({ ...matching, scopes: ['commands'] }, source).map((problem) => problem.message)).toEqual([
      'manifest: bot scope "pins:read" is missing from oauth_config.scopes.bot; needed by event pin_added, pins.list (apps/slack/src/file0.ts:3)',
    ]);
  });

  it('reports a declared scope nothing needs', () => {
    expect(check({ ...matching, scopes: [...(matching.scopes ?? []), 'team:read'] }, source)).toEqual([
      {
        kind: 'scope-unused',
        message:
          'manifest: bot scope "team:read" is declared, but no event, command or Web API method in the code needs it',
      },
    ]);
  });

  it('reports a Web API method the scope table does not know', () => {
    const problems = check(matching, source, `await client.team.info();`);
    expect(problems).toEqual([
      {
        kind: 'method-unknown',
        message:
          'apps/slack/src/file1.ts:1: Web API method "team.info" is not in manifests/slack/method-scopes.ts; add it with its scopes and source',
      },
    ]);
  });

  it('reports an event the scope table does not know', () => {
    const problems = check(
      { ...matching, events: ['pin_added', 'emoji_changed'] },
      source,
      `app.event('emoji_changed', h);`,
    );
    expect(kinds(problems)).toEqual(['event-unknown']);
  });

  it('reads methods from every call style and ignores comments and strings', () => {
    const code = `
      // client.pins.remove({ channel }) is not called: comments do not count
      const note = 'client.bookmarks.remove(';
      await this.client.chat
        .update({ channel, ts, text });
      await deps.client.apiCall('users.info', { user });
      for await (const page of client.paginate('files.list', { channel })) use(page);
      await client.views.publish({ user_id, view });
    `;
    const scopes = ['pins:read', 'commands', 'chat:write', 'users:read', 'users:read.email', 'files:read'];
    expect(check({ ...matching, scopes }, source, code)).toEqual([]);
    expect(kinds(check({ ...matching, scopes: [...scopes, 'pins:write', 'bookmarks:write'] }, source, code))).toEqual([
      'scope-unused',
      'scope-unused',
    ]);
  });

  it('reads names from consts and for...of loops over const arrays of the same file', () => {
    const code = `
      const COMMAND = '/steward';
      const EVENTS = ['message', 'pin_added'] as const;
      export function register(app: App) {
        for (const type of EVENTS) app.event(type, handle);
        app.command(COMMAND, handle);
      }
    `;
    const parts = {
      ...matching,
      events: ['message.channels', 'pin_added'],
      scopes: ['channels:history', 'pins:read', 'commands'],
    };
    expect(check(parts, code)).toEqual([]);
  });

  it('reports names it cannot read instead of skipping them', () => {
    const code = [
      `import { NAME } from './names.ts';`,
      'app.event(NAME, h);',
      'app.command(context.command, h);',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source code under check, template literal included.
      'client.apiCall(`${family}.info`);',
      `const EVENT = 'pin_added'; function on(EVENT: string) { app.event(EVENT, h); }`,
    ].join('\n');
    const problems = check(matching, source, code);
    expect(kinds(problems)).toEqual(['unreadable-name', 'unreadable-name', 'unreadable-name', 'unreadable-name']);
    expect(problems[0]?.message).toBe(
      'apps/slack/src/file1.ts:2: the event name is neither a string literal nor a const of this file, so manifest:check cannot see it',
    );
  });

  it('compares the SLACK_BOT_SCOPES asked for at OAuth install with the manifest, both ways', () => {
    const scopesFile = (scopes: string[]) => `export const SLACK_BOT_SCOPES = ${JSON.stringify(scopes)} as const;`;
    expect(check(matching, source, scopesFile(['commands', 'pins:read']))).toEqual([]);
    expect(
      check(matching, source, scopesFile(['commands', 'app_mentions:read'])).map((problem) => problem.message),
    ).toEqual([
      'apps/slack/src/file1.ts:1: SLACK_BOT_SCOPES asks for "app_mentions:read" at install, but oauth_config.scopes.bot does not declare it',
      'apps/slack/src/file1.ts:1: SLACK_BOT_SCOPES lacks "pins:read", which oauth_config.scopes.bot declares, so OAuth installs would not grant it',
    ]);
  });

  it('reports views.publish without the Home tab', () => {
    const code = `await client.views.publish({ user_id, view });`;
    expect(kinds(check({ ...matching, homeTab: false }, source, code))).toEqual(['home-tab-disabled']);
  });

  it('reports a manifest of the wrong shape', () => {
    const problems = compare({
      manifest: { settings: { event_subscriptions: { bot_events: 'pin_added' } } },
      sources: new Map([['a.ts', '']]),
    });
    expect(problems).toEqual([
      {
        kind: 'manifest-shape',
        message: 'manifest: settings.event_subscriptions.bot_events must be a list of strings',
      },
    ]);
  });

  it('gives every table row a source', () => {
    for (const rule of [...Object.values(METHOD_SCOPES), ...Object.values(EVENT_SCOPES)]) {
      expect(rule.source).not.toBe('');
    }
  });

  // What `npm run manifest:check` runs, kept green by the test suite too.
  it('finds the shipped manifest.yaml and the Slack edge in agreement', async () => {
    const root = new URL('../../', import.meta.url);
    const shipped: unknown = parse(await readFile(new URL('manifests/slack/manifest.yaml', root), 'utf8'));
    const folder = new URL('apps/slack/src/', root);
    const files = (await readdir(folder, { recursive: true })).filter((file) => file.endsWith('.ts'));
    const sources = new Map(
      await Promise.all(
        files.map(async (file) => [`apps/slack/src/${file}`, await readFile(new URL(file, folder), 'utf8')] as const),
      ),
    );
    expect(sources.size).toBeGreaterThan(10);
    expect(compare({ manifest: shipped, sources })).toEqual([]);
  });
});
