/** Source positions shared by the JSON and YAML readers. */

/** A 1-based position. Columns count UTF-16 code units, SARIF's default `columnKind`. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** A path into a template object: mapping keys and sequence indexes, e.g. ['Resources', 'Fn', 'Properties']. */
export type TemplatePath = ReadonlyArray<string | number>;

/** Maps string offsets to lines and columns; the table of line starts is built on first use. */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  position(offset: number): SourcePosition {
    const starts = (this.starts ??= lineStarts(this.text));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low] + 1 };
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  // \n, \r\n and a lone \r all end a line (YAML and JSON agree; editors do too).
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      starts.push(i + 1);
    } else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}
