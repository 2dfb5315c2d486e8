/** Source positions shared by the JSON and YAML readers. */

/** A 1-based position. Columns count UTF-16 code units, SARIF's default `columnKind`. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** A path into a template object: mapping keys and sequence indexes, e.g. ['Resources', 'Fn', 'Properties']. */
export type TemplatePath = ReadonlyArray<string | number>;

/**
 * One line and its end: \n, \r\n and a lone \r all end a line (YAML and JSON agree; editors do
 * too). `\r(?!\n)`, not `\r\n?`: repeated, `\r\n?` could backtrack into reading \r\n as two
 * line ends.
 */
const LINE = /[^\n\r]*(?:\r\n|\r(?!\n)|\n)/y;
const LINES_PER_STEP = 32;
const LINES_PER_HOP = 4;
const LINES = new RegExp(`(?:${LINE.source}){${LINES_PER_STEP}}`, 'y');
const HOP = new RegExp(`(?:${LINE.source}){${LINES_PER_HOP}}`, 'y');

/**
 * Maps string offsets to lines and columns.
 *
 * A table of every line start would cost one step in JavaScript per line of the text, and a
 * 2,000-resource template has 45,000 lines, nearly all of which no finding is on. So the table
 * holds the start of every 32nd line, found by a sticky regular expression that crosses 32 lines in
 * one step, and is built on first use only as far as the offsets asked for. From its table entry,
 * a position is found 4 lines at a time, then line by line: at most 7 + 3 more steps.
 */
export class LineIndex {
  /** The starts of lines 1, 33, 65, …, as far as they have been needed. */
  private readonly steps = [0];
  private complete = false;

  constructor(private readonly text: string) {}

  position(offset: number): SourcePosition {
    const { text, steps } = this;
    while (!this.complete && steps[steps.length - 1] <= offset) {
      LINES.lastIndex = steps[steps.length - 1];
      if (LINES.test(text)) steps.push(LINES.lastIndex);
      else this.complete = true;
    }
    let low = 0;
    let high = steps.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (steps[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    let line = low * LINES_PER_STEP + 1;
    let start = steps[low];
    for (;;) {
      HOP.lastIndex = start;
      if (!HOP.test(text) || HOP.lastIndex > offset) break;
      line += LINES_PER_HOP;
      start = HOP.lastIndex;
    }
    for (;;) {
      LINE.lastIndex = start;
      if (!LINE.test(text) || LINE.lastIndex > offset) break;
      line++;
      start = LINE.lastIndex;
    }
    return { line, column: offset - start + 1 };
  }
}
