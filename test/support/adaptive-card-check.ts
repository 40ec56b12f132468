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
