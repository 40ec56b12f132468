/**
 * Every reliability scenario ends by printing what it measured in one shape, so that the suite's
 * output reads as one table and a closing note can quote it.
 */
export interface Figure {
  readonly name: string;
  readonly value: number | string;
  /** What the figure must be, e.g. "0" or "≤ 64 MB"; shown beside it. */
  readonly expected?: string;
}

export function printFigures(scenario: string, figures: readonly Figure[]): void {
  const width = Math.max(...figures.map((figure) => figure.name.length));
  const lines = figures.map(
    ({ name, value, expected }) =>
      `  ${name.padEnd(width)}  ${String(value)}${expected === undefined ? '' : `  (expected ${expected})`}`,
  );
  console.log(`\n[reliability] ${scenario}\n${lines.join('\n')}`);
}
