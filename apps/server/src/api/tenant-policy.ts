import { type CoreDeps, ErrorCode, fail, ok, type Person, type Result, type Tenant } from '@steward/core';
import { z } from 'zod';
import { apiSchemas } from './openapi.ts';
import { type Access, jsonRoute } from './route.ts';

// An organisation-wide setting is read beside its documented defaults and set by a POST of the
// same shape; the core checks the role, validates and audits. Each setting is one call to this.

export interface TenantPolicy<K extends string, P extends z.ZodType> {
  /** The path under /api/v1 of both the GET and the POST. */
  readonly path: string;
  /** The answer's field holding the organisation's value, beside `defaults`. */
  readonly field: K;
  /** The setting's shape: the POST's body, and both values of the answer. */
  readonly schema: P;
  /** The answer's name in the OpenAPI document. */
  readonly answerId: string;
  readonly defaults: z.input<P>;
  readonly read: {
    readonly summary: string;
    readonly access: Access;
    readonly current: (deps: CoreDeps, tenantId: string) => Promise<Result<z.input<P>>>;
  };
  readonly write: {
    readonly summary: string;
    readonly set: (deps: CoreDeps, actor: Person, body: z.output<P>) => Promise<Result<z.input<P>>>;
  };
}

/** The GET and the POST of one tenant setting. */
export function tenantPolicyRoutes<K extends string, P extends z.ZodType>(policy: TenantPolicy<K, P>) {
  const answer = z
    .object({ [policy.field]: policy.schema, defaults: policy.schema })
    .register(apiSchemas, { id: policy.answerId });
  const answerWith = (value: z.input<P>) =>
    ok({ [policy.field]: value, defaults: policy.defaults } as z.input<typeof answer>);
  const get = jsonRoute({
    method: 'get',
    path: policy.path,
    summary: policy.read.summary,
    access: policy.read.access,
    response: answer,
    handle: async ({ deps, viewer }) => {
      const value = await policy.read.current(deps, viewer.tenantId);
      return value.ok ? answerWith(value.value) : value;
    },
  });
  // Only community managers reach the core, which refuses whoever does not hold the role it asks.
  const set = jsonRoute({
    method: 'post',
    path: policy.path,
    summary: policy.write.summary,
    access: 'community_manager',
    body: policy.schema,
    response: answer,
    handle: async ({ deps, viewer, body }) => {
      const actor = await deps.store.people.get(viewer.tenantId, viewer.personId);
      if (!actor) return fail(ErrorCode.NotFound, `person ${viewer.personId}`);
      const value = await policy.write.set(deps, actor, body);
      return value.ok ? answerWith(value.value) : value;
    },
  });
  return [get, set] as const;
}

/** A tenant's own value read from its row, or not found. */
export function fromTenant<T>(read: (tenant: Tenant) => T) {
  return async (deps: CoreDeps, tenantId: string): Promise<Result<T>> => {
    const tenant = await deps.store.tenants.get(tenantId);
    return tenant ? ok(read(tenant)) : fail(ErrorCode.NotFound, `tenant ${tenantId}`);
  };
}
