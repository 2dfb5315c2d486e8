/**
 * Turns the paths given to `token-guard audit` into inputs: template files and cloud assemblies.
 *
 * - A file named on the command line is always an input, whatever its extension; loading it says
 *   what is wrong with it.
 * - A directory with a CDK manifest is a cloud assembly (see isCloudAssemblyDir); a directory named
 *   cdk.out without one is an error.
 * - Any other directory is searched recursively, without recursion in our code and without
 *   following a directory twice (symbolic-link loops). `node_modules` and hidden directories are
 *   skipped. A file found there is an input when its extension is .json, .yaml, .yml or .template
 *   and its first MiB shows a template section (`Resources`, `AWSTemplateFormatVersion`, a SAM
 *   `Transform`); everything else is skipped with a reason.
 *
 * Problems are collected per path, never thrown, so one bad path never hides the others.
 */
import { closeSync, constants, openSync, readdirSync, statSync } from 'node:fs';
import type { Dirent, Stats } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { InputError, describeError } from './input-error';
import { isCloudAssemblyDir, loadCloudAssembly, noManifest, type AssemblyTemplate } from './cloud-assembly';
import { resolveLimits, type LoadLimits } from './limits';
import { loadTemplate, TEMPLATE_EXTENSIONS, type LoadedTemplate } from './load-template';
import { fsError, readUpTo, realPath } from './read-file';

export type InputKind = 'template' | 'cloud-assembly';

export interface DiscoveredInput {
  readonly kind: InputKind;
  readonly path: string;
  /** Named on the command line (true) or found in a directory (false). */
  readonly explicit: boolean;
}

export interface SkippedPath {
  readonly path: string;
  readonly reason: string;
}

export interface DiscoverOptions {
  /** Record every skipped file and directory with its reason (for `--verbose`). Default false. */
  readonly verbose?: boolean;
  /** Only `maxBytes` is used here, to bound how much of a file is read while deciding. */
  readonly limits?: LoadLimits;
}

export interface DiscoverResult {
  /** In the order given, directory contents sorted by name; each path once. */
  readonly inputs: DiscoveredInput[];
  /** Skipped files and directories with the reason; filled only with `verbose`. */
  readonly skipped: SkippedPath[];
  /** How many were skipped, verbose or not. */
  readonly skippedCount: number;
  /** One per path that could not be used. */
  readonly errors: InputError[];
}

/** How much of a file found in a directory we read to decide whether it is a template. */
const SNIFF_BYTES = 1024 * 1024;

export function discover(paths: readonly string[], options: DiscoverOptions = {}): DiscoverResult {
  const limits = resolveLimits(options.limits);
  const inputs: DiscoveredInput[] = [];
  const skipped: SkippedPath[] = [];
  const errors: InputError[] = [];
  const seenInputs = new Set<string>();
  const seenDirectories = new Set<string>();
  let skippedCount = 0;

  const skip = (where: string, reason: string): void => {
    skippedCount++;
    if (options.verbose) skipped.push({ path: where, reason });
  };
  const add = (kind: InputKind, where: string, explicit: boolean): void => {
    const key = realPath(where);
    if (seenInputs.has(key)) return;
    seenInputs.add(key);
    inputs.push({ kind, path: where, explicit });
  };
  /** A directory with a CDK manifest is an assembly; one named cdk.out without it, an error. False: neither. */
  const assembly = (dir: string, explicit: boolean): boolean => {
    if (isCloudAssemblyDir(dir, limits.maxBytes)) add('cloud-assembly', dir, explicit);
    else if (basename(resolve(dir)) === 'cdk.out') errors.push(noManifest(dir));
    else return false;
    return true;
  };

  for (const given of paths) {
    let stat: Stats;
    try {
      stat = statSync(given);
    } catch (error) {
      errors.push(fsError(given, error, 'file'));
      continue;
    }
    if (!stat.isDirectory()) {
      add('template', given, true);
      continue;
    }
    if (assembly(given, true)) continue;

    const before = inputs.length;
    const skippedBefore = skippedCount;
    const errorsBefore = errors.length;
    const pending: string[] = [given];
    while (pending.length > 0) {
      const dir = pending.pop()!;
      const key = realPath(dir);
      if (seenDirectories.has(key)) {
        skip(dir, 'directory already searched (a symbolic link loop or a repeated path)');
        continue;
      }
      seenDirectories.add(key);
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch (error) {
        errors.push(fsError(dir, error, 'directory'));
        continue;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const subdirectories: string[] = [];
      for (const entry of entries) {
        const child = join(dir, entry.name);
        let what: Dirent | Stats = entry;
        try {
          if (entry.isSymbolicLink()) what = statSync(child);
        } catch {
          skip(child, 'broken symbolic link');
          continue;
        }
        if (what.isDirectory()) {
          if (entry.name === 'node_modules') {
            skip(child, `${entry.name} is never searched`);
          } else if (entry.name.startsWith('.')) {
            skip(child, 'hidden directory');
          } else if (!assembly(child, false)) {
            subdirectories.push(child);
          }
        } else if (what.isFile()) {
          const verdict = classifyFile(child);
          if (verdict === true) add('template', child, false);
          else if (verdict instanceof InputError) errors.push(verdict);
          else skip(child, verdict);
        } else {
          skip(child, 'not a regular file');
        }
      }
      // Depth-first, in name order.
      for (let i = subdirectories.length - 1; i >= 0; i--) pending.push(subdirectories[i]);
    }
    if (inputs.length === before && errors.length === errorsBefore) {
      const count = skippedCount - skippedBefore;
      errors.push(
        new InputError(
          given,
          'no-templates',
          `no CloudFormation templates or cloud assemblies found in this directory (${count} ${count === 1 ? 'entry' : 'entries'} skipped${options.verbose ? '' : '; --verbose lists them'})`,
        ),
      );
    }
  }
  return { inputs, skipped, skippedCount, errors };
}

/** true: a template; a string: why it was skipped; an InputError: it looked like one but cannot be read. */
function classifyFile(file: string): true | string | InputError {
  const extension = extname(file).toLowerCase();
  if (!TEMPLATE_EXTENSIONS.has(extension)) {
    return extension === '' ? 'no file extension' : `not a template file extension (${extension})`;
  }
  let head: string;
  try {
    head = readHead(file, SNIFF_BYTES);
  } catch (error) {
    return fsError(file, error);
  }
  if (head.length === 0) return 'empty file';
  if (head.includes('\u0000')) return 'binary file';
  if (looksLikeTemplate(head)) return true;
  return `no Resources mapping, AWSTemplateFormatVersion or Transform section in the first ${SNIFF_BYTES / 1024 / 1024} MiB`;
}

const JSON_MARKER = /"(?:Resources"\s*:\s*\{|AWSTemplateFormatVersion"\s*:)/;
const YAML_MARKER = /^["']?(?:Resources["']?[ \t]*:(?![ \t]*(?:\[|\r?\n[ \t]*-))|(?:AWSTemplateFormatVersion|Transform)["']?[ \t]*:)/m;

/** A cheap look for a template section name at the top level (YAML) or anywhere (JSON); a `Resources` list is not a template's (a CodeDeploy AppSpec, a Security Hub finding). */
export function looksLikeTemplate(text: string): boolean {
  return JSON_MARKER.test(text) || YAML_MARKER.test(text);
}

function readHead(file: string, bytes: number): string {
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    return readUpTo(fd, bytes).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

// ---------------------------------------------------------------------------------------------------

export interface LoadedInput {
  readonly input: DiscoveredInput;
  /** One template for a template file; every stack and nested stack for a cloud assembly. */
  readonly templates: Array<LoadedTemplate | AssemblyTemplate>;
  readonly errors: InputError[];
}

/** Loads one discovered input; never throws. Unexpected failures become 'internal' InputErrors. */
export function loadInput(input: DiscoveredInput, limits?: LoadLimits): LoadedInput {
  try {
    if (input.kind === 'cloud-assembly') {
      const assembly = loadCloudAssembly(input.path, limits);
      return { input, templates: assembly.templates, errors: assembly.errors };
    }
    return { input, templates: [loadTemplate(input.path, limits)], errors: [] };
  } catch (error) {
    if (error instanceof InputError) return { input, templates: [], errors: [error] };
    return {
      input,
      templates: [],
      errors: [new InputError(input.path, 'internal', `unexpected failure while reading this input (please report it): ${describeError(error)}`, { cause: error })],
    };
  }
}
