import { PlatformError } from '../../core/src/index.ts';

/** The PlatformError a platform call ends with; fails the test if it succeeds or throws anything else. */
export async function platformRejection(call: Promise<unknown>): Promise<PlatformError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof PlatformError) return error;
    throw error;
  }
  throw new Error('the call succeeded');
}
