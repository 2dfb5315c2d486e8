/**
 * Loads one CloudFormation or SAM template (JSON or YAML) into a plain object in long-form intrinsic
 * syntax, with lazily computed source positions. Everything that can go wrong becomes an InputError.
 */
import { extname } from 'node:path';
import { InputError, quote } from './input-error';
import { resolveLimits, type LoadLimits, type ResolvedLimits } from './limits';
import { readTextFile } from './read-file';
import { parseSource, type Source, type SourceFormat, type TemplatePath } from './source';

/** A template as the rule engine sees it: JSON values, intrinsics in long form, a Resources mapping. */
export interface CloudFormationTemplate {
  Resources: Record<string, unknown>;
  [section: string]: unknown;
}

/** `locate`: where each path (or the deepest part of it in the file) is, computed when asked (see Source). */
export interface LoadedTemplate extends Pick<Source, 'locate'> {
  /** The path as given (or as found in a directory or cloud assembly). */
  readonly file: string;
  /** How the file was parsed. A `.yaml` file holding plain JSON is read as JSON (faster, same value). */
  readonly format: SourceFormat;
  readonly template: CloudFormationTemplate;
}

export const TEMPLATE_EXTENSIONS: ReadonlySet<string> = new Set(['.json', '.yaml', '.yml', '.template']);

/** Reads, parses and checks one template file. Throws InputError. */
export function loadTemplate(file: string, limits?: LoadLimits): LoadedTemplate {
  const resolved = resolveLimits(limits);
  const text = readTextFile(file, resolved.maxBytes);
  return parseTemplateText(file, text, resolved);
}

/**
 * Parses template text that did not come from a file of ours (stdin, tests). `file` is used for
 * messages and to pick the format by extension.
 */
export function parseTemplateText(file: string, text: string, limits?: LoadLimits | ResolvedLimits): LoadedTemplate {
  const resolved = resolveLimits(limits);
  if (text.length > resolved.maxBytes && Buffer.byteLength(text, 'utf8') > resolved.maxBytes) {
    throw new InputError(file, 'too-large', `template is over the ${resolved.maxBytes} byte limit`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (/^\s*$/.test(text)) {
    throw new InputError(file, 'empty', text.length === 0 ? 'file is empty' : 'file has only whitespace');
  }

  const format = detectFormat(file, text);
  const source = parseSource(file, text, format, resolved);
  const template = checkTemplateShape(file, source);
  return { file, format, template, locate: source.locate };
}

/**
 * `.json` is JSON, `.yaml`/`.yml` is YAML; anything else (`.template`, no extension) is JSON when it
 * starts with '{' and YAML otherwise. A YAML file that starts with '{' is tried as JSON first:
 * JSON is (for templates) valid YAML with the same meaning, and much faster to parse.
 */
export function detectFormat(file: string, text: string): SourceFormat {
  const extension = extname(file).toLowerCase();
  const startsLikeJson = /^\s*\{/.test(text);
  if (extension === '.json') return 'json';
  if (extension === '.yaml' || extension === '.yml') {
    return startsLikeJson && isJson(text) ? 'json' : 'yaml';
  }
  return startsLikeJson ? 'json' : 'yaml';
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `a string (${quote(value, 40)})`;
  return typeof value === 'number' || typeof value === 'boolean' ? `a ${typeof value} (${String(value)})` : `a ${typeof value}`;
}

/** The checks that make a parsed document a template the engine can walk. */
function checkTemplateShape(file: string, source: Source): CloudFormationTemplate {
  const value = source.value;
  const at = (path: TemplatePath) => source.locate([path])[0];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(
      file,
      'not-a-template',
      `not a CloudFormation template: the top level is ${describeValue(value)}, not a mapping with a Resources section`,
      at([]),
    );
  }
  const top = value as Record<string, unknown>;
  if (!Object.prototype.hasOwnProperty.call(top, 'Resources')) {
    const keys = Object.keys(top);
    const nearMiss = keys.find((key) => key.toLowerCase() === 'resources');
    const hint = nearMiss !== undefined ? ` (found ${quote(nearMiss)}; section names are case-sensitive)` : '';
    const shown = keys.slice(0, 8).map((key) => quote(key, 40)).join(', ');
    const listed = keys.length === 0 ? 'the mapping is empty' : `top-level keys: ${shown}${keys.length > 8 ? `, … (${keys.length} in all)` : ''}`;
    throw new InputError(
      file,
      'not-a-template',
      `not a CloudFormation template: no Resources section${hint}; ${listed}`,
      at(nearMiss !== undefined ? [nearMiss] : []),
    );
  }
  const resources = top.Resources;
  if (resources === null || typeof resources !== 'object' || Array.isArray(resources)) {
    throw new InputError(
      file,
      'not-a-template',
      `Resources is ${describeValue(resources)}, not a mapping of logical IDs to resources`,
      at(['Resources']),
    );
  }
  return top as CloudFormationTemplate;
}
