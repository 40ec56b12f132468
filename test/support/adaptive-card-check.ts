import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';

// No npm package ships the Adaptive Cards 1.5 JSON schema, so this one holds the subset we write,
// rule by rule from the specification (the .md beside it names the source of each).
const subsetSchema = JSON.parse(
  readFileSync(new URL('../unit/teams/adaptive-card-1.5.subset.schema.json', import.meta.url), 'utf8'),
) as object;
const validateSubset: ValidateFunction = new Ajv({ allErrors: true }).compile(subsetSchema);

/** Where a card breaks the Adaptive Cards 1.5 subset schema (and Teams' narrower rules); none for a valid card. */
export function schemaErrors(card: unknown): string[] {
  return validateSubset(card)
    ? []
    : (validateSubset.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}

/** An `Action.Execute` of a card: the verb and data Teams sends back when it is pressed. */
export interface ExecuteAction {
  readonly verb: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * Every `Action.Execute` anywhere in a card or an activity carrying one (its body, action sets,
 * shown cards, refresh), in document order: where tests find the buttons of a card a fake received.
 */
export function executeActions(node: unknown): ExecuteAction[] {
  if (Array.isArray(node)) return node.flatMap(executeActions);
  if (!node || typeof node !== 'object') return [];
  const fields = node as Record<string, unknown>;
  const own =
    fields['type'] === 'Action.Execute' && typeof fields['verb'] === 'string'
      ? [{ verb: fields['verb'], data: (fields['data'] ?? {}) as Record<string, unknown> }]
      : [];
  return [...own, ...Object.values(fields).flatMap(executeActions)];
}
