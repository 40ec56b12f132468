import type { OrganisationSettings } from '../domain/organisation.ts';
import type { Clock } from '../ports/clock.ts';
import type { Store } from '../ports/store/index.ts';

/** What every use case may use; edges and jobs pass the same object. */
export interface CoreDeps {
  readonly store: Store;
  readonly clock: Clock;
  /** What the administrator configured; absent, none (every install is a tenant of its own, roles only by hand). */
  readonly organisation?: OrganisationSettings;
  /** Where people reach this service (STEWARD_PUBLIC_URL): links to the dashboard start with it. */
  readonly publicUrl?: string;
}
