import type { RegisterCommand } from '../command.ts';
import { registerBackfill } from './backfill.ts';
import { registerDoctor } from './doctor.ts';
import { registerOrganisation } from './organisation.ts';
import { registerOutbox } from './outbox.ts';
import { registerErasePerson, registerExportPerson } from './person.ts';
import { registerRetention } from './retention.ts';
import { registerRoles } from './roles.ts';

/** Every command of `steward`, in the order `--help` lists them: one line each. */
export const COMMANDS: readonly RegisterCommand[] = [
  registerRoles,
  registerOrganisation,
  registerOutbox,
  registerDoctor,
  registerExportPerson,
  registerErasePerson,
  registerRetention,
  registerBackfill,
];
