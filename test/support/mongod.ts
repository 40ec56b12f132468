import { errors, MongoBinary } from 'mongodb-memory-server-core';

// A suite on MongoDB needs a mongod: the one MONGOMS_SYSTEM_BINARY names, one already downloaded, or
// one downloaded now. Where none can be had (no network), the suite says so and is skipped, by name.
const OBTAIN_TIMEOUT_MS = 20_000;

/** Why no mongod can be had here, on one line, or null when one can. */
export async function missingMongod(): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<string>((resolve) => {
    timer = setTimeout(
      () => resolve(`no mongod found, nor downloaded within ${OBTAIN_TIMEOUT_MS / 1000} s`),
      OBTAIN_TIMEOUT_MS,
    );
  });
  try {
    const reason = await Promise.race([MongoBinary.getPath().then(() => null), timedOut]);
    return reason === null ? null : oneLine(reason);
  } catch (error) {
    if (error instanceof errors.DownloadError) return oneLine(`download of ${error.url} failed: ${error.msg}`);
    return oneLine(error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
  }
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
