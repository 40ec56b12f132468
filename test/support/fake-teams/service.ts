import type { HttpAnswer, HttpRequest } from '../loopback-server.ts';
import type { LimitName } from './limits.ts';
import type { IssuedToken } from './tokens.ts';
import type { FakeWorld } from './world.ts';

/** A request matched to one of a service's operations, its caller known. */
export interface OperationCall {
  readonly request: HttpRequest;
  /** The path's parameters, decoded. */
  readonly params: readonly string[];
  /** The JSON body, or null when there is none. */
  readonly body: Record<string, unknown> | null;
  readonly token: IssuedToken;
  readonly world: FakeWorld;
  /** Where this server answers, for links it gives out (Graph's `@odata.nextLink`). */
  readonly origin: string;
}

/** A counter the call draws on: one of the limits, under a key. */
export interface Draw {
  readonly limit: LimitName;
  readonly key: string;
}

export interface Operation<Name extends string> {
  readonly name: Name;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Matched against the path after the service's prefix, percent-encoding kept. */
  readonly pattern: RegExp;
  /** The limits the call counts against; none when the resource is unknown (it fails anyway). */
  readonly draws: (call: OperationCall) => readonly Draw[];
  readonly handle: (call: OperationCall) => HttpAnswer;
}

/** An expected failure inside an operation, answered in the service's error shape. */
export class ServiceFailure extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function matchOperation<Name extends string>(
  operations: readonly Operation<Name>[],
  method: string,
  path: string,
): { operation: Operation<Name>; params: string[] } | null {
  for (const operation of operations) {
    const match = operation.method === method ? operation.pattern.exec(path) : null;
    if (match) return { operation, params: match.slice(1).map((segment) => decodeURIComponent(segment ?? '')) };
  }
  return null;
}
