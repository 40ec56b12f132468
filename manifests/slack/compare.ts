// Compares the Slack app manifest with what the Slack edge's source uses: events, slash commands,
// Web API methods and the bot scopes they need. Pure: manifests/check.ts does the reading.
//
// The source is parsed with the TypeScript compiler rather than matched with regular expressions,
// so comments, strings and line breaks inside a call do not fool the scan. A name may be a string
// literal, or a const (or a for...of over a const array) declared in the same file.

import ts from 'typescript';
import { COMMAND_SCOPES, EVENT_SCOPES } from './event-scopes.ts';
import { METHOD_SCOPES, type ScopeRule } from './method-scopes.ts';

export type ProblemKind =
  | 'manifest-shape'
  | 'unreadable-name'
  | 'event-not-declared'
  | 'event-not-listened'
  | 'event-unknown'
  | 'command-not-declared'
  | 'command-not-handled'
  | 'method-unknown'
  | 'scope-missing'
  | 'scope-unused'
  | 'install-scopes-differ'
  | 'home-tab-disabled';

export interface Problem {
  readonly kind: ProblemKind;
  readonly message: string;
}

export interface CompareInput {
  /** The manifest as parsed from YAML or JSON. */
  readonly manifest: unknown;
  /** Source text by path, e.g. apps/slack/src/app.ts. */
  readonly sources: ReadonlyMap<string, string>;
}

export interface ManifestFacts {
  readonly botEvents: readonly string[];
  readonly userEvents: readonly string[];
  readonly commands: readonly string[];
  readonly botScopes: readonly string[];
  readonly userScopes: readonly string[];
  readonly homeTabEnabled: boolean;
}

/** What the source uses, each name with the first place ("path:line") it is used. */
interface Usage {
  /** Event types; Bolt's app.message(...) appears as "message". */
  readonly events: ReadonlyMap<string, string>;
  readonly commands: ReadonlyMap<string, string>;
  readonly methods: ReadonlyMap<string, string>;
  /** The scopes OAuth installs ask for, from `const SLACK_BOT_SCOPES = [...]`, if the code has one. */
  readonly installScopes?: { readonly scopes: readonly string[]; readonly where: string };
}

const MESSAGE_PREFIX = 'message.';
/** The constant the Slack edge passes to Bolt's `scopes` option for OAuth installs. */
const INSTALL_SCOPES_CONST = 'SLACK_BOT_SCOPES';

export function compare(input: CompareInput): Problem[] {
  const manifest = readManifest(input.manifest);
  const usage = scanSources(input.sources);
  return [...manifest.problems, ...usage.problems, ...compareUsage(manifest.facts, usage.usage)];
}

export function readManifest(raw: unknown): { facts: ManifestFacts; problems: Problem[] } {
  const problems: Problem[] = [];
  const list = (path: readonly string[]): string[] => {
    const value = at(raw, path);
    if (value === undefined) return [];
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
    problems.push({ kind: 'manifest-shape', message: `manifest: ${path.join('.')} must be a list of strings` });
    return [];
  };
  const commands: string[] = [];
  const slashCommands = at(raw, ['features', 'slash_commands']);
  if (Array.isArray(slashCommands)) {
    for (const entry of slashCommands) {
      const command = at(entry, ['command']);
      if (typeof command === 'string') commands.push(command);
      else
        problems.push({
          kind: 'manifest-shape',
          message: 'manifest: every features.slash_commands entry needs a command',
        });
    }
  } else if (slashCommands !== undefined) {
    problems.push({ kind: 'manifest-shape', message: 'manifest: features.slash_commands must be a list' });
  }
  return {
    facts: {
      botEvents: list(['settings', 'event_subscriptions', 'bot_events']),
      userEvents: list(['settings', 'event_subscriptions', 'user_events']),
      commands,
      botScopes: list(['oauth_config', 'scopes', 'bot']),
      userScopes: list(['oauth_config', 'scopes', 'user']),
      homeTabEnabled: at(raw, ['features', 'app_home', 'home_tab_enabled']) === true,
    },
    problems,
  };
}

function scanSources(sources: ReadonlyMap<string, string>): { usage: Usage; problems: Problem[] } {
  const events = new Map<string, string>();
  const commands = new Map<string, string>();
  const methods = new Map<string, string>();
  let installScopes: Usage['installScopes'];
  const problems: Problem[] = [];

  for (const [path, text] of sources) {
    const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const where = (node: ts.Node): string =>
      `${path}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`;
    // A name the scan cannot read could hide an event, command, method or scope, so it is a problem.
    const names = (node: ts.Node, value: ts.Expression | undefined, what: string): readonly string[] => {
      const found = value === undefined ? undefined : stringsOf(value);
      if (found !== undefined) return found;
      problems.push({
        kind: 'unreadable-name',
        message: `${where(node)}: ${what} is neither a string literal nor a const of this file, so manifest:check cannot see it`,
      });
      return [];
    };
    const record = (into: Map<string, string>, found: readonly string[], node: ts.Node): void => {
      for (const name of found) if (!into.has(name)) into.set(name, where(node));
    };

    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const first = node.arguments[0];
        const method = webClientMethod(callee);
        if (method !== undefined) {
          record(methods, [method], node);
        } else if (calleeName(callee) === 'apiCall') {
          record(methods, names(node, first, 'the apiCall method name'), node);
        } else if (ts.isPropertyAccessExpression(callee)) {
          switch (callee.name.text) {
            case 'event':
              record(events, names(node, first, 'the event name'), node);
              break;
            case 'message':
              record(events, ['message'], node);
              break;
            case 'command':
              record(commands, names(node, first, 'the command name'), node);
              break;
            case 'paginate':
              record(methods, names(node, first, 'the paginate method name'), node);
              break;
          }
        }
      } else if (
        ts.isVariableDeclaration(node) &&
        ts.isIdentifier(node.name) &&
        node.name.text === INSTALL_SCOPES_CONST
      ) {
        installScopes = { scopes: names(node, node.initializer, INSTALL_SCOPES_CONST), where: where(node) };
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return { usage: { events, commands, methods, installScopes }, problems };
}

function compareUsage(manifest: ManifestFacts, usage: Usage): Problem[] {
  const problems: Problem[] = [];
  const declaredEvents = new Set(manifest.botEvents);
  const messageEvents = manifest.botEvents.filter((event) => event.startsWith(MESSAGE_PREFIX));
  const listensTo = (event: string): boolean => usage.events.has(event.startsWith(MESSAGE_PREFIX) ? 'message' : event);

  // Events, both ways; a message listener is served by any declared message.* event.
  for (const [event, where] of usage.events) {
    if (event === 'message' && messageEvents.length === 0) {
      problems.push({
        kind: 'event-not-declared',
        message: `${where}: the code listens to message events, but settings.event_subscriptions.bot_events has no message.* event (message.channels, message.groups)`,
      });
    } else if (event !== 'message' && !declaredEvents.has(event)) {
      problems.push({
        kind: 'event-not-declared',
        message: `${where}: the code listens to event "${event}", which settings.event_subscriptions.bot_events does not declare`,
      });
    }
  }
  for (const event of manifest.botEvents) {
    if (!listensTo(event)) {
      problems.push({
        kind: 'event-not-listened',
        message: `manifest: bot event "${event}" is declared, but no listener in the code handles it`,
      });
    }
  }
  for (const event of manifest.userEvents) {
    problems.push({
      kind: 'event-not-listened',
      message: `manifest: user event "${event}" is declared, but the app listens with its bot token only`,
    });
  }

  // Commands, both ways.
  const declaredCommands = new Set(manifest.commands);
  for (const [command, where] of usage.commands) {
    if (!declaredCommands.has(command)) {
      problems.push({
        kind: 'command-not-declared',
        message: `${where}: the code handles command "${command}", which features.slash_commands does not declare`,
      });
    }
  }
  for (const command of manifest.commands) {
    if (!usage.commands.has(command)) {
      problems.push({
        kind: 'command-not-handled',
        message: `manifest: command "${command}" is declared in features.slash_commands, but no .command('${command}') handler exists`,
      });
    }
  }

  // Scopes the used events, commands and methods need, each with what needs it.
  const needed = new Map<string, string[]>();
  const need = (rule: ScopeRule, reason: string): void => {
    for (const scope of rule.scopes) needed.set(scope, [...(needed.get(scope) ?? []), reason]);
  };
  for (const [event, where] of usage.events) {
    // A message listener needs the scopes of the message.* events it is subscribed to.
    for (const subscribed of event === 'message' ? messageEvents : [event]) {
      const rule = lookup(EVENT_SCOPES, subscribed);
      if (rule === undefined) {
        problems.push({
          kind: 'event-unknown',
          message: `${where}: event "${subscribed}" is not in manifests/slack/event-scopes.ts; add it with its scopes and source`,
        });
      } else {
        need(rule, `event ${subscribed}`);
      }
    }
  }
  if (usage.commands.size > 0) need(COMMAND_SCOPES, 'slash commands');
  for (const [method, where] of usage.methods) {
    const rule = lookup(METHOD_SCOPES, method);
    if (rule === undefined) {
      problems.push({
        kind: 'method-unknown',
        message: `${where}: Web API method "${method}" is not in manifests/slack/method-scopes.ts; add it with its scopes and source`,
      });
    } else {
      need(rule, `${method} (${where})`);
    }
  }

  const declaredScopes = new Set(manifest.botScopes);
  for (const [scope, reasons] of needed) {
    if (!declaredScopes.has(scope)) {
      problems.push({
        kind: 'scope-missing',
        message: `manifest: bot scope "${scope}" is missing from oauth_config.scopes.bot; needed by ${reasons.join(', ')}`,
      });
    }
  }
  for (const scope of manifest.botScopes) {
    if (!needed.has(scope)) {
      problems.push({
        kind: 'scope-unused',
        message: `manifest: bot scope "${scope}" is declared, but no event, command or Web API method in the code needs it`,
      });
    }
  }
  for (const scope of manifest.userScopes) {
    problems.push({
      kind: 'scope-unused',
      message: `manifest: user scope "${scope}" is declared, but the app calls Slack with its bot token only`,
    });
  }

  // OAuth installs grant the scopes the code asks for, so they must be the manifest's.
  if (usage.installScopes !== undefined) {
    const { scopes, where } = usage.installScopes;
    for (const scope of scopes.filter((scope) => !declaredScopes.has(scope))) {
      problems.push({
        kind: 'install-scopes-differ',
        message: `${where}: ${INSTALL_SCOPES_CONST} asks for "${scope}" at install, but oauth_config.scopes.bot does not declare it`,
      });
    }
    for (const scope of manifest.botScopes.filter((scope) => !scopes.includes(scope))) {
      problems.push({
        kind: 'install-scopes-differ',
        message: `${where}: ${INSTALL_SCOPES_CONST} lacks "${scope}", which oauth_config.scopes.bot declares, so OAuth installs would not grant it`,
      });
    }
  }

  const publish = usage.methods.get('views.publish');
  if (publish !== undefined && !manifest.homeTabEnabled) {
    problems.push({
      kind: 'home-tab-disabled',
      message: `${publish}: views.publish is called, but features.app_home.home_tab_enabled is not true (Slack answers not_enabled)`,
    });
  }
  return problems;
}

/** "chat.postMessage" for client.chat.postMessage(...), this.client.chat.postMessage(...), etc. */
function webClientMethod(callee: ts.Expression): string | undefined {
  const parts: string[] = [];
  let target = callee;
  while (ts.isPropertyAccessExpression(target) && target.name.text !== 'client') {
    parts.unshift(target.name.text);
    target = target.expression;
  }
  const isClient =
    (ts.isPropertyAccessExpression(target) && target.name.text === 'client') ||
    (ts.isIdentifier(target) && target.text === 'client');
  // client.apiCall(...) and client.paginate(...) have one part and are read from their argument.
  return isClient && parts.length >= 2 ? parts.join('.') : undefined;
}

/**
 * The strings an expression can be: a string literal, an array of them, or an identifier bound to
 * one by a const or a for...of in an enclosing scope of the same file. Undefined when unknown.
 */
function stringsOf(expression: ts.Expression, depth = 0): readonly string[] | undefined {
  const value = unwrap(expression);
  if (ts.isStringLiteralLike(value)) return [value.text];
  if (depth > 8) return undefined; // a const that refers to itself, or a very long chain
  if (ts.isArrayLiteralExpression(value)) {
    const items = value.elements.map((element) => stringsOf(element, depth + 1));
    return items.every((item) => item !== undefined) ? items.flat() : undefined;
  }
  if (ts.isIdentifier(value)) {
    const binding = bindingOf(value);
    return binding === undefined ? undefined : stringsOf(binding, depth + 1);
  }
  return undefined;
}

/** The expression an identifier is bound to, walking out through its enclosing scopes. */
function bindingOf(identifier: ts.Identifier): ts.Expression | undefined {
  const name = identifier.text;
  for (let scope: ts.Node | undefined = identifier.parent; scope !== undefined; scope = scope.parent) {
    // for (const name of list): the name takes each value of the list.
    if (ts.isForOfStatement(scope) && ts.isVariableDeclarationList(scope.initializer)) {
      const [declaration] = scope.initializer.declarations;
      if (declaration !== undefined && ts.isIdentifier(declaration.name) && declaration.name.text === name) {
        return scope.expression;
      }
    }
    // A parameter of that name shadows anything outside and cannot be known.
    if (ts.isFunctionLike(scope) && scope.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === name)) {
      return undefined;
    }
    if (ts.isBlock(scope) || ts.isSourceFile(scope)) {
      for (const statement of scope.statements) {
        if (!ts.isVariableStatement(statement) || (statement.declarationList.flags & ts.NodeFlags.Const) === 0)
          continue;
        for (const declaration of statement.declarationList.declarations) {
          if (ts.isIdentifier(declaration.name) && declaration.name.text === name) return declaration.initializer;
        }
      }
    }
  }
  return undefined;
}

/** `x as const`, `x satisfies T`, `(x)` and `<T>x` are x. */
function unwrap(expression: ts.Expression): ts.Expression {
  let value = expression;
  while (
    ts.isParenthesizedExpression(value) ||
    ts.isAsExpression(value) ||
    ts.isSatisfiesExpression(value) ||
    ts.isTypeAssertionExpression(value)
  ) {
    value = value.expression;
  }
  return value;
}

function calleeName(callee: ts.Expression): string | undefined {
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

function lookup(table: Readonly<Record<string, ScopeRule>>, key: string): ScopeRule | undefined {
  // Own keys only, so a name such as "constructor" is not found on Object.prototype.
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function at(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
