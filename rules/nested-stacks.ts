/**
 * Nested stacks, found the same way by both front doors: the pack (from the construct tree, at synth) and the CLI
 * (from the templates of a cloud assembly). CDK writes a nested stack's template next to its parent's, under the file
 * name the parent records: `NestedStack.templateFile` in the construct tree, and in the parent's template the
 * `aws:asset:path` metadata of its `AWS::CloudFormation::Stack` resource (when asset metadata is on, the CDK CLI's
 * default).
 */
import * as path from 'path';

/** Nested stacks below one stack past this many are not followed (the caller is told). */
export const MAX_NESTED_STACKS = 1000;

export interface StackTemplate<T> {
  /** The template's file. */
  readonly file: string;
  /** What the front door knows of the stack: the pack its Stack construct, the CLI the loaded template. */
  readonly item: T;
}

export interface NestedStackLink<T> {
  /** The nested template's file name, as the parent records it (relative to the parent template's directory). */
  readonly templateFile: string;
  /** The nested stack for its template file; undefined when it cannot be had (the front door says why). */
  open(file: string): T | undefined;
}

/**
 * `root` and every stack nested below it, parents before their nested stacks (breadth-first, in the order each parent
 * names them): each template file once, at most MAX_NESTED_STACKS below the root (`tooMany` is called once past it).
 */
export function withNestedStacks<T>(
  root: StackTemplate<T>,
  nested: (parent: StackTemplate<T>) => ReadonlyArray<NestedStackLink<T>>,
  tooMany?: () => void,
): StackTemplate<T>[] {
  const out: StackTemplate<T>[] = [root];
  const files = new Set([path.resolve(root.file)]);
  for (let i = 0; i < out.length; i++) {
    for (const link of nested(out[i])) {
      const file = path.join(path.dirname(out[i].file), link.templateFile);
      if (files.has(path.resolve(file))) continue;
      if (files.size > MAX_NESTED_STACKS) {
        tooMany?.();
        return out;
      }
      files.add(path.resolve(file));
      const item = link.open(file);
      if (item !== undefined) out.push({ file, item });
    }
  }
  return out;
}

/**
 * The nested stacks a template names: its `AWS::CloudFormation::Stack` resources that carry CDK's `aws:asset:path`
 * metadata for a JSON template, with their logical id and `aws:cdk:path` (when path metadata is on).
 */
export function nestedStackResources(template: { readonly Resources?: unknown }): Array<{ logicalId: string; templateFile: string; cdkPath?: string }> {
  const resources = template.Resources;
  if (resources === null || typeof resources !== 'object') return [];
  const out: Array<{ logicalId: string; templateFile: string; cdkPath?: string }> = [];
  for (const [logicalId, resource] of Object.entries(resources as Record<string, unknown>)) {
    if (resource === null || typeof resource !== 'object' || (resource as Record<string, unknown>).Type !== 'AWS::CloudFormation::Stack') continue;
    const metadata = (resource as Record<string, unknown>).Metadata;
    if (metadata === null || typeof metadata !== 'object') continue;
    const { 'aws:asset:path': templateFile, 'aws:cdk:path': cdkPath } = metadata as Record<string, unknown>;
    if (typeof templateFile !== 'string' || !/\.json$/i.test(templateFile)) continue;
    out.push({ logicalId, templateFile, ...(typeof cdkPath === 'string' ? { cdkPath } : {}) });
  }
  return out;
}
