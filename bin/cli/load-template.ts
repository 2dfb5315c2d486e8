/**
 * Loads one CloudFormation or SAM template (JSON or YAML) into a plain object in long-form intrinsic
 * syntax, with lazily computed source positions. Everything that can go wrong becomes an InputError.
 */
import { extname } from 'node:path';
import { InputError, quote } from './input-error';
import { resolveLimits, type LoadLimits, type ResolvedLimits } from './limits';
import { parseJsonSource, type ParsedSource } from './json-source';
import { readTextFile } from './read-file';
import type { SourcePosition, TemplatePath } from './source-position';
import type * as YamlSourceModule from './yaml-source';
import { markUsed, Part } from './parts-used';

export type { LoadLimits } from './limits';
export type { SourcePosition, TemplatePath } from './source-position';

export type TemplateFormat = 'json' | 'yaml';

/** A template as the rule engine sees it: JSON values, intrinsics in long form, a Resources mapping. */
export interface CloudFormationTemplate {
  Resources: Record<string, unknown>;
  [section: string]: unknown;
}

export interface LoadedTemplate {
  /** The path as given (or as found in a directory or cloud assembly). */
  readonly file: string;
  /** How the file was parsed. A `.yaml` file holding plain JSON is read as JSON (faster, same value). */
  readonly format: TemplateFormat;
  readonly template: CloudFormationTemplate;
  /**
   * Where `path` is in the file, 1-based, or undefined when the path does not exist. For a mapping
   * member this is the position of its key; for a sequence item, of the item; a YAML short-form tag
   * stands for its long-form key (`['Fn::If']` is where `!If` is). Computed on first use; free
   * when unused.
   */
  locate(path: TemplatePath): SourcePosition | undefined;
  /** The file's text when it is JSON: the rules' pre-checks search it instead of serialising the template again. */
  readonly jsonText?: string;
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
  markUsed(format === 'json' ? Part.jsonInput : Part.yamlInput);
  let source: ParsedSource;
  if (format === 'json') {
    source = parseJsonSource(file, text, resolved);
  } else {
    source = yamlSource().parseYamlSource(file, text, resolved);
  }
  const template = checkTemplateShape(file, source);
  return { file, format, template, locate: source.locate, ...(format === 'json' ? { jsonText: text } : {}) };
}

/**
 * `.json` is JSON, `.yaml`/`.yml` is YAML; anything else (`.template`, no extension) is JSON when it
 * starts with '{' and YAML otherwise. A YAML file that starts with '{' is tried as JSON first:
 * JSON is (for templates) valid YAML with the same meaning, and much faster to parse.
 */
export function detectFormat(file: string, text: string): TemplateFormat {
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

let yamlModule: typeof YamlSourceModule | undefined;

/** The YAML reader and the `yaml` library are loaded on first use only (~25 ms a JSON audit need not pay). */
function yamlSource(): typeof YamlSourceModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  yamlModule ??= require('./yaml-source') as typeof YamlSourceModule;
  return yamlModule;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `a string (${quote(value, 40)})`;
    case 'number':
      return `a number (${String(value)})`;
    case 'boolean':
      return `a boolean (${String(value)})`;
    default:
      return `a ${typeof value}`;
  }
}

/** The checks that make a parsed document a template the engine can walk. */
function checkTemplateShape(file: string, source: ParsedSource): CloudFormationTemplate {
  const value = source.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(
      file,
      'not-a-template',
      `not a CloudFormation template: the top level is ${describeValue(value)}, not a mapping with a Resources section`,
      source.locate([]),
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
      nearMiss !== undefined ? source.locate([nearMiss]) : source.locate([]),
    );
  }
  const resources = top.Resources;
  if (resources === null || typeof resources !== 'object' || Array.isArray(resources)) {
    throw new InputError(
      file,
      'not-a-template',
      `Resources is ${describeValue(resources)}, not a mapping of logical IDs to resources`,
      source.locate(['Resources']),
    );
  }
  return top as CloudFormationTemplate;
}
