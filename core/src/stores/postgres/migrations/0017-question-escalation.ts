import type { Migration } from '../migrate.ts';

// Released: never edit. Change the schema with a new migration.
//
// The escalation ladder of unanswered questions: the last step taken for each question (null:
// none yet), so that each step is taken once. The ladder reads the tenant's open questions by age
// across its groups; the index holds only the open ones (a question leaves it when answered), as
// `questions_open` does per group. Adding a column with a constant default rewrites nothing.
export const questionEscalation: Migration = {
  version: 17,
  name: 'question-escalation',
  sql: /* sql */ `
ALTER TABLE questions
  ADD COLUMN escalation text CHECK (escalation IN ('remind', 'helpers', 'digest'));
CREATE INDEX questions_open_by_age ON questions (tenant_id, asked_at, group_id, thread_id) WHERE first_response_at IS NULL;
`,
};
