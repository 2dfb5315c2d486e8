/**
 * A counting seam for the linear-work tests: while `fn` runs, every regular-expression execution (exec, test, match,
 * matchAll, replace, split all go through `RegExp.prototype.exec` once it is replaced) and every `indexOf` /
 * `includes` / `lastIndexOf` on a string is counted, with the characters it crossed: from where it started to where it
 * matched, or to the end when it did not. It counts what the engine asks for, not how a pattern backtracks inside
 * one execution: for that, the tests' inputs are large enough that a pattern crossing its text again from each of
 * thousands of starts would not finish.
 */
export interface ScanCount {
  /** Pattern executions and string searches. */
  calls: number;
  /** Characters they crossed. */
  crossed: number;
}

export function countScans<T>(fn: () => T): { result: T; scans: ScanCount } {
  const scans: ScanCount = { calls: 0, crossed: 0 };
  const exec = RegExp.prototype.exec;
  const indexOf = String.prototype.indexOf;
  const includes = String.prototype.includes;
  const lastIndexOf = String.prototype.lastIndexOf;
  RegExp.prototype.exec = function (this: RegExp, text: string) {
    const from = this.global || this.sticky ? this.lastIndex : 0;
    const m = exec.call(this, text);
    scans.calls++;
    // A sticky expression (`String.prototype.split` runs its pattern sticky at each position) looks only where it starts.
    const end = m !== null ? m.index + m[0].length : this.sticky ? from + 1 : String(text).length;
    scans.crossed += Math.max(1, end - from);
    return m;
  };
  String.prototype.indexOf = function (this: string, needle: string, from = 0) {
    const at = indexOf.call(this, needle, from);
    scans.calls++;
    scans.crossed += (at === -1 ? this.length : at + needle.length) - Math.max(0, from);
    return at;
  };
  String.prototype.includes = function (this: string, needle: string, from = 0) {
    const at = indexOf.call(this, needle, from);
    scans.calls++;
    scans.crossed += (at === -1 ? this.length : at + needle.length) - Math.max(0, from);
    return at !== -1;
  };
  String.prototype.lastIndexOf = function (this: string, needle: string, from?: number) {
    const at = lastIndexOf.call(this, needle, from);
    scans.calls++;
    scans.crossed += this.length - (at === -1 ? 0 : at);
    return at;
  };
  try {
    return { result: fn(), scans };
  } finally {
    RegExp.prototype.exec = exec;
    String.prototype.indexOf = indexOf;
    String.prototype.includes = includes;
    String.prototype.lastIndexOf = lastIndexOf;
  }
}

/** Characters of every string in a parsed template, keys and values, and how many strings there are. */
export function templateText(node: unknown): { characters: number; strings: number } {
  const total = { characters: 0, strings: 0 };
  const visit = (x: unknown): void => {
    if (typeof x === 'string') {
      total.characters += x.length;
      total.strings++;
    } else if (Array.isArray(x)) {
      x.forEach(visit);
    } else if (typeof x === 'object' && x !== null) {
      for (const [k, v] of Object.entries(x)) {
        visit(k);
        visit(v);
      }
    }
  };
  visit(node);
  return total;
}
