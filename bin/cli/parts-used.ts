/**
 * Which parts of the CLI a run used, one bit each: parts whose code only some runs compile (a YAML template, findings
 * to place and report, a SARIF report, …). The compile cache (compile-cache.ts) holds the code of the run that wrote
 * it; when a later run uses a part that run did not, the cache is written again, with that run's code as well (a
 * run's cached data holds every function it loaded from the cache and every function it compiled). So the first
 * audit of a compliant JSON template does not leave every later audit with findings compiling their report.
 */
export const Part = {
  jsonInput: 1 << 0,
  yamlInput: 1 << 1,
  cloudAssembly: 1 << 2,
  findings: 1 << 3,
  suppressions: 1 << 4,
  inputErrors: 1 << 5,
  textReport: 1 << 6,
  jsonReport: 1 << 7,
  sarifReport: 1 << 8,
  outputFile: 1 << 9,
} as const;

let used = 0;

export function markUsed(part: number): void {
  used |= part;
}

/** The parts this process has used so far. */
export function partsUsed(): number {
  return used;
}
