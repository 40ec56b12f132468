import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import type { CsvColumn } from './route.ts';

/**
 * Streams a CSV to the response a page of rows at a time, never holding the whole file: RFC 4180
 * quoting, a UTF-8 byte order mark so that Excel reads the accents and Cyrillic right, and text
 * cells that a spreadsheet would take for a formula (= + - @, tab, carriage return) prefixed with
 * ' (OWASP's advice on CSV injection); negative numbers stay numbers. `first` is already read.
 */
export async function streamCsv<R>(
  response: Response,
  filename: string,
  columns: readonly CsvColumn<R>[],
  first: readonly R[],
  rest: AsyncIterator<readonly R[]>,
): Promise<void> {
  response.status(200);
  response.type('text/csv; charset=utf-8');
  response.attachment(filename);
  response.setHeader('Cache-Control', 'no-store');
  const csv = stringify({ bom: true, header: true, columns: columns.map((c) => c.header), escape_formulas: true, cast: { boolean: (value) => String(value) } });
  csv.pipe(response);
  // A client that goes away ends the export at the next row instead of leaving it waiting.
  const gone = new AbortController();
  response.once('close', () => gone.abort());
  const write = async (rows: readonly R[]) => {
    for (const row of rows) {
      gone.signal.throwIfAborted();
      // Backpressure: a slow client holds the next page's read, not memory.
      if (!csv.write(columns.map((c) => c.cell(row)))) await once(csv, 'drain', { signal: gone.signal });
    }
  };
  try {
    await write(first);
    for (let page = await rest.next(); !page.done; page = await rest.next()) await write(page.value);
    csv.end();
    await once(response, 'finish');
  } catch (error) {
    // The status is sent: all that can be said now is that the file is cut.
    csv.unpipe(response);
    response.destroy(error as Error);
    throw error;
  }
}
