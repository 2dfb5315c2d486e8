/**
 * Limits that keep loading an untrusted template bounded in time and memory.
 *
 * Kept in their own module (no dependencies) so the CLI can read the defaults for `--help` and flag
 * parsing without loading the YAML library.
 */
export interface LoadLimits {
  /**
   * Largest file we read, in bytes. Checked with fstat before reading a byte.
   *
   * Default 5 MiB: five times CloudFormation's own ceiling for a template (1 MB when passed by S3
   * URL, 51,200 bytes inline), so every deployable template fits with room for pre-transform SAM
   * and generated benchmark templates.
   */
  readonly maxBytes?: number;
  /**
   * Deepest nesting of mappings and sequences. The template itself is level 1, `Resources` level 2,
   * a resource level 3, its `Properties` level 4. A YAML short-form tag counts as the level its long
   * form adds (`!Ref x` is `{"Ref": "x"}`). Default 40; the deepest of the 15 real templates in the
   * shared corpus is 15. At most MAX_DEPTH_CAP (256).
   */
  readonly maxDepth?: number;
  /**
   * The `yaml` library's alias limit (its `maxAliasCount`): how many times aliases may repeat an
   * anchored node, weighted by the aliases inside it. Default 100, the library's own default; -1
   * disables the check (the node budget below still applies).
   */
  readonly maxAliasCount?: number;
  /**
   * YAML only: most lexical tokens in a file, and most nodes once aliases and merge keys are
   * expanded. YAML parsing costs far more memory per byte than JSON (about 220 bytes of heap per
   * token in the `yaml` library); this keeps a dense adversarial file to a few hundred MB and about
   * two seconds. Default 1,000,000: real templates have about 0.2 tokens per byte, so this allows
   * YAML templates of about 4.5 MB.
   */
  readonly maxYamlTokens?: number;
  /**
   * What to do when one mapping has the same key twice. CloudFormation accepts such templates and
   * silently uses the last value, so a reviewer reading top-down and the deployed stack disagree.
   * `'error'` (default) rejects the file with both positions; `'last-wins'` loads it as
   * CloudFormation does.
   */
  readonly duplicateKeys?: 'error' | 'last-wins';
}

export type ResolvedLimits = Required<LoadLimits>;

/**
 * The highest `maxDepth` we accept. The `yaml` library's composer recurses three or four frames per
 * level and exhausts Node's default stack at 800-900 levels; our JSON depth walk and the rule engine
 * may recurse once per level. 256 leaves a wide margin for all three, and no template needs more.
 */
export const MAX_DEPTH_CAP = 256;

export const DEFAULT_LIMITS: ResolvedLimits = Object.freeze({
  maxBytes: 5 * 1024 * 1024,
  maxDepth: 40,
  maxAliasCount: 100,
  maxYamlTokens: 1_000_000,
  duplicateKeys: 'error',
});

/** Fills in defaults and rejects nonsense values with a clear programming error. */
export function resolveLimits(limits: LoadLimits = {}): ResolvedLimits {
  const resolved: ResolvedLimits = {
    maxBytes: limits.maxBytes ?? DEFAULT_LIMITS.maxBytes,
    maxDepth: limits.maxDepth ?? DEFAULT_LIMITS.maxDepth,
    maxAliasCount: limits.maxAliasCount ?? DEFAULT_LIMITS.maxAliasCount,
    maxYamlTokens: limits.maxYamlTokens ?? DEFAULT_LIMITS.maxYamlTokens,
    duplicateKeys: limits.duplicateKeys ?? DEFAULT_LIMITS.duplicateKeys,
  };
  for (const key of ['maxBytes', 'maxDepth', 'maxYamlTokens'] as const) {
    const value = resolved[key];
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`LoadLimits.${key} must be a positive integer, got ${String(value)}`);
    }
  }
  if (resolved.maxDepth > MAX_DEPTH_CAP) {
    throw new RangeError(`LoadLimits.maxDepth must be at most ${MAX_DEPTH_CAP}, got ${resolved.maxDepth}`);
  }
  if (!Number.isInteger(resolved.maxAliasCount) || resolved.maxAliasCount < -1) {
    throw new RangeError(`LoadLimits.maxAliasCount must be an integer >= -1, got ${String(resolved.maxAliasCount)}`);
  }
  if (resolved.duplicateKeys !== 'error' && resolved.duplicateKeys !== 'last-wins') {
    throw new RangeError(`LoadLimits.duplicateKeys must be 'error' or 'last-wins', got ${String(resolved.duplicateKeys)}`);
  }
  return resolved;
}
