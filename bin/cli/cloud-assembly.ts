/**
 * CDK cloud assemblies (`cdk.out`): every stack template, stages' nested assemblies, nested stacks,
 * and the construct path of every logical ID.
 *
 * What we rely on, from @aws-cdk/cloud-assembly-schema (aws-cdk-lib 2.276, schema 55) and from
 * synthesising real apps:
 * - `manifest.json` is `{ version, artifacts: { [id]: { type, properties, metadata?,
 *   additionalMetadataFile?, displayName? } } }`.
 * - `aws:cloudformation:stack` artifacts name their template in `properties.templateFile`, relative
 *   to the assembly directory.
 * - `cdk:cloud-assembly` artifacts (one per Stage) name a nested assembly directory in
 *   `properties.directoryName`, with its own manifest.
 * - Metadata maps construct paths ('/Top/T1/Resource') to entries; `aws:cdk:logicalId` entries give
 *   the logical ID of the CloudFormation element at that path, `aws:cdk:templateFile` entries give
 *   the template of the stack (and of each nested stack) at that path. Recent CDK versions write
 *   metadata to `additionalMetadataFile` ('Top.metadata.json') instead of inline.
 * - Nested stacks are `AWS::CloudFormation::Stack` resources in the parent template. With asset
 *   metadata on (the CDK CLI's default) they carry `Metadata['aws:asset:path']`, the nested
 *   template's file name; their resources carry `Metadata['aws:cdk:path']` with path metadata on.
 *   Without asset metadata we fall back to the manifest's `aws:cdk:templateFile` entries and CDK's
 *   naming of the nested stack resource ('<id>.NestedStack/<id>.NestedStackResource').
 *
 * Construct paths are returned without the leading '/', the form `aws:cdk:path` and cdk-nag use:
 * 'Top/T1/Resource'.
 *
 * Every file named by a manifest must stay inside its assembly directory (a crafted manifest could
 * otherwise make an audit read any file on the machine).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ACKNOWLEDGED_RULES } from '../../rules/acknowledgements';
import { InputError, quote } from './input-error';
import { resolveLimits, type LoadLimits, type ResolvedLimits } from './limits';
import { loadTemplate, type LoadedTemplate } from './load-template';
import { fsError, readTextFile, realPath } from './read-file';
import { parseSource } from './source';
import { MAX_NESTED_STACKS, nestedStackResources, withNestedStacks } from '../../rules/nested-stacks';

export const MANIFEST_FILE = 'manifest.json';

export interface AssemblyTemplate extends LoadedTemplate {
  /** A stack artifact's template, or the template of a nested stack inside one. */
  readonly kind: 'stack' | 'nested-stack';
  /** The (possibly nested) assembly directory whose manifest lists the stack. */
  readonly assemblyDir: string;
  /**
   * The manifest artifact ID of the stack (for a nested stack, of the top-level stack holding it;
   * '' for a nested stack template no stack in the manifest claims).
   */
  readonly artifactId: string;
  /** How CDK shows the stack: 'Top', 'Prod/Svc' (stage stacks), 'Top/Inner' for nested stacks. */
  readonly displayName: string;
  /** `properties.stackName`, the deployed stack name, for stack artifacts that set it. */
  readonly stackName?: string;
  /** Construct path of the stack itself ('Top', 'Prod/Svc', 'Top/Inner'), when known. */
  readonly constructPath?: string;
  /** Logical ID (resources, parameters, outputs, conditions, rules) → construct path. */
  readonly constructPaths: ReadonlyMap<string, string>;
  /** For nested stacks: the template holding the AWS::CloudFormation::Stack resource, and its logical ID. */
  readonly parent?: { readonly file: string; readonly logicalId?: string };
  /**
   * Acknowledgements recorded in the assembly's metadata by `Validations.of(construct).acknowledge({ id, reason })`:
   * construct path (no leading '/') → rule id as CDK wrote it → reason. The same map for a stack and its nested
   * stacks; an acknowledgement covers the construct and everything below it.
   */
  readonly acknowledgements?: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
}

export interface CloudAssemblyLoad {
  readonly dir: string;
  /** Every template that loaded, stacks before their nested stacks, in manifest order. */
  readonly templates: AssemblyTemplate[];
  /** Problems with individual templates, metadata files or nested assemblies; the rest still loaded. */
  readonly errors: InputError[];
}

/** Nested assemblies deeper than this are refused (stages within stages within ...). */
const MAX_ASSEMBLY_NESTING = 16;

/**
 * Loads every template in the cloud assembly at `dir`. Throws InputError when `dir` is not a usable
 * assembly (no manifest.json, unreadable or malformed manifest); problems with single templates are
 * returned in `errors` so the others can still be audited.
 */
export function loadCloudAssembly(dir: string, limits?: LoadLimits): CloudAssemblyLoad {
  const resolved = resolveLimits(limits);
  const templates: AssemblyTemplate[] = [];
  const errors: InputError[] = [];
  const visited = new Set<string>();

  const queue: Array<{ dir: string; depth: number; from?: string }> = [{ dir, depth: 0 }];
  while (queue.length > 0) {
    const assembly = queue.shift()!;
    let manifest: Manifest;
    try {
      const real = realPath(assembly.dir);
      if (visited.has(real)) continue;
      visited.add(real);
      manifest = readManifest(assembly.dir, resolved);
    } catch (error) {
      if (assembly.depth === 0) throw error;
      errors.push(inContext(error, assembly.from!));
      continue;
    }

    for (const [artifactId, artifact] of manifest.artifacts) {
      if (artifact.type === 'cdk:cloud-assembly') {
        const directoryName = artifact.properties.directoryName;
        if (typeof directoryName !== 'string' || directoryName === '') {
          errors.push(manifestError(manifest.file, `artifact ${quote(artifactId)} (a nested assembly) has no properties.directoryName`));
          continue;
        }
        if (assembly.depth + 1 > MAX_ASSEMBLY_NESTING) {
          errors.push(manifestError(manifest.file, `nested assemblies go deeper than ${MAX_ASSEMBLY_NESTING} levels`));
          continue;
        }
        try {
          queue.push({
            dir: insideAssembly(assembly.dir, directoryName, manifest.file, `artifact ${quote(artifactId)}`),
            depth: assembly.depth + 1,
            from: `the directory of nested assembly ${quote(artifactId)} in ${manifest.file}`,
          });
        } catch (error) {
          errors.push(error as InputError);
        }
      } else if (artifact.type === 'aws:cloudformation:stack') {
        loadStackArtifact(assembly.dir, manifest.file, artifactId, artifact, resolved, templates, errors);
      }
    }
    loadUnclaimedNestedTemplates(assembly.dir, resolved, templates, errors);
  }
  if (templates.length === 0 && errors.length === 0) {
    // Nothing to audit is not a pass.
    throw new InputError(dir, 'cloud-assembly', `the cloud assembly has no stacks (no aws:cloudformation:stack artifacts in ${MANIFEST_FILE})`);
  }
  return { dir, templates, errors };
}

/**
 * Whether `dir` should be read as a cloud assembly: it has a manifest.json and either CDK's `cdk.out`
 * marker file, the name cdk.out, or a manifest with `version` and `artifacts`. (Plenty of other
 * tools write a manifest.json; those directories are scanned as ordinary folders.)
 */
export function isCloudAssemblyDir(dir: string, maxBytes: number): boolean {
  const manifest = join(dir, MANIFEST_FILE);
  if (!isFile(manifest)) return false;
  if (basename(resolve(dir)) === 'cdk.out' || isFile(join(dir, 'cdk.out'))) return true;
  try {
    const value: unknown = JSON.parse(readTextFile(manifest, maxBytes));
    return isRecord(value) && typeof value.version === 'string' && typeof value.artifacts === 'object';
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------

/** A manifest artifact: its `type` and `properties` checked; `metadata`, `additionalMetadataFile`, `displayName` not yet. */
type ArtifactEntry = Readonly<Record<string, unknown>> & { readonly type: string; readonly properties: Record<string, unknown> };

interface Manifest {
  readonly file: string;
  readonly artifacts: Array<[string, ArtifactEntry]>;
}

export function noManifest(dir: string): InputError {
  return new InputError(dir, 'cloud-assembly', `no ${MANIFEST_FILE}: not a CDK cloud assembly (did cdk synth finish?)`);
}

function manifestError(file: string, reason: string, position?: { line: number; column: number }): InputError {
  return new InputError(file, 'cloud-assembly', reason, position);
}

function readManifest(dir: string, limits: ResolvedLimits): Manifest {
  const file = join(dir, MANIFEST_FILE);
  let stat: Stats;
  try {
    stat = statSync(dir);
  } catch (error) {
    throw fsError(dir, error);
  }
  if (!stat.isDirectory()) {
    throw new InputError(dir, 'cloud-assembly', 'is not a directory, so not a CDK cloud assembly');
  }
  if (!existsSync(file)) throw noManifest(dir);
  let text: string;
  try {
    text = readTextFile(file, limits.maxBytes);
  } catch (error) {
    throw new InputError(file, 'cloud-assembly', `cannot read the cloud assembly manifest: ${(error as InputError).reason}`, { cause: error });
  }
  let value: unknown;
  try {
    value = parseSource(file, text, 'json', { ...limits, duplicateKeys: 'last-wins' }).value;
  } catch (error) {
    const inner = error as InputError;
    throw new InputError(file, 'cloud-assembly', `malformed cloud assembly manifest: ${inner.reason}`, {
      line: inner.line,
      column: inner.column,
      cause: error,
    });
  }
  const malformed = (reason: string) => manifestError(file, `malformed cloud assembly manifest: ${reason}`);
  if (!isRecord(value)) throw malformed('the top level is not a JSON object');
  if (typeof value.version !== 'string') throw malformed('no "version" string (is this a CDK manifest?)');
  const artifacts = value.artifacts ?? {};
  if (!isRecord(artifacts)) throw malformed('"artifacts" is not an object');
  const entries: Array<[string, ArtifactEntry]> = [];
  for (const [id, artifact] of Object.entries(artifacts)) {
    if (!isRecord(artifact)) throw malformed(`artifact ${quote(id)} is not an object`);
    if (typeof artifact.type !== 'string') throw malformed(`artifact ${quote(id)} has no "type"`);
    const properties = artifact.properties ?? {};
    if (!isRecord(properties)) throw malformed(`artifact ${quote(id)} has "properties" that are not an object`);
    entries.push([id, { ...artifact, type: artifact.type, properties }]);
  }
  return { file, artifacts: entries };
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Resolves a manifest-relative name and refuses anything outside the assembly directory. */
function insideAssembly(dir: string, name: string, manifestFile: string, what: string): string {
  const base = resolve(dir);
  const full = resolve(base, name);
  const escapes = (from: string, to: string): boolean => {
    const rel = relative(from, to);
    return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  };
  if (escapes(base, full)) {
    throw manifestError(manifestFile, `${what} points outside the assembly directory (${quote(name)}); refusing to read it`);
  }
  // Symbolic links must not lead out either. (What does not exist is said when it is loaded, naming the file.)
  if (existsSync(full) && escapes(realPath(base), realPath(full))) {
    throw manifestError(manifestFile, `${what} (${quote(name)}) is a link to outside the assembly directory; refusing to read it`);
  }
  return join(dir, name);
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Construct path as cdk-nag and aws:cdk:path write it: no leading slash. */
function normalisePath(constructPath: string): string {
  return constructPath.startsWith('/') ? constructPath.slice(1) : constructPath;
}

interface MetadataFacts {
  /** Construct path → template file (aws:cdk:templateFile). */
  readonly templateFiles: Map<string, string>;
  /** [construct path, logical ID] (aws:cdk:logicalId). */
  readonly logicalIds: Array<[string, string]>;
  /** Construct path → rule id → reason (aws:cdk:acknowledged-rules, from `Validations.of(x).acknowledge`). */
  readonly acknowledgements: Map<string, Record<string, unknown>>;
}

function collectMetadata(metadata: unknown, facts: MetadataFacts): void {
  if (!isRecord(metadata)) return;
  for (const [constructPath, entries] of Object.entries(metadata)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      if (entry === null || typeof entry !== 'object') continue;
      const { type, data } = entry as { type?: unknown; data?: unknown };
      if (type === ACKNOWLEDGED_RULES && isRecord(data)) {
        const at = normalisePath(constructPath);
        facts.acknowledgements.set(at, { ...facts.acknowledgements.get(at), ...data });
        continue;
      }
      if (typeof data !== 'string') continue;
      if (type === 'aws:cdk:logicalId') facts.logicalIds.push([normalisePath(constructPath), data]);
      else if (type === 'aws:cdk:templateFile') facts.templateFiles.set(normalisePath(constructPath), data);
    }
  }
}

interface Pending {
  template: LoadedTemplate;
  kind: 'stack' | 'nested-stack';
  constructPath?: string;
  parent?: { file: string; logicalId?: string };
}

function loadStackArtifact(
  dir: string,
  manifestFile: string,
  artifactId: string,
  artifact: ArtifactEntry,
  limits: ResolvedLimits,
  out: AssemblyTemplate[],
  errors: InputError[],
): void {
  const templateFile = artifact.properties.templateFile;
  const what = `stack artifact ${quote(artifactId)}`;
  if (typeof templateFile !== 'string' || templateFile === '') {
    errors.push(manifestError(manifestFile, `${what} has no properties.templateFile`));
    return;
  }

  const facts: MetadataFacts = { templateFiles: new Map(), logicalIds: [], acknowledgements: new Map() };
  collectMetadata(artifact.metadata, facts);
  if (typeof artifact.additionalMetadataFile === 'string') {
    try {
      const metadataFile = insideAssembly(dir, artifact.additionalMetadataFile, manifestFile, `${what}'s additionalMetadataFile`);
      const text = readTextFile(metadataFile, limits.maxBytes);
      collectMetadata(parseSource(metadataFile, text, 'json', { ...limits, duplicateKeys: 'last-wins' }).value, facts);
    } catch (error) {
      // Without metadata we still audit the template; construct paths then come from the template alone.
      errors.push(error instanceof InputError ? error : fsError(String(artifact.additionalMetadataFile), error));
    }
  }

  const displayName = typeof artifact.displayName === 'string' ? artifact.displayName : artifactId;
  const stackName = typeof artifact.properties.stackName === 'string' ? artifact.properties.stackName : undefined;
  // The stack's own construct path, and the nested stacks the metadata announces (construct path by resolved file).
  let stackPath: string | undefined;
  const announced = new Map<string, string>();
  for (const [constructPath, file] of facts.templateFiles) {
    if (file === templateFile) stackPath = constructPath;
    else announced.set(resolve(dir, file), constructPath);
  }

  let stackTemplate: LoadedTemplate;
  try {
    stackTemplate = loadTemplate(insideAssembly(dir, templateFile, manifestFile, `${what}'s templateFile`), limits);
  } catch (error) {
    errors.push(inContext(error, `the templateFile of ${what} in ${manifestFile}`));
    return;
  }

  const tooMany = () => errors.push(manifestError(manifestFile, `${what} has more than ${MAX_NESTED_STACKS} nested stacks`));
  const tried = new Set<string>([resolve(stackTemplate.file)]);
  const loadNested = (file: string, info: Omit<Pending, 'template' | 'kind'>): Pending | undefined => {
    tried.add(resolve(file));
    try {
      const template = loadTemplate(insideAssembly(dir, relative(dir, file), manifestFile, `a nested stack of ${what}`), limits);
      return { template, kind: 'nested-stack', ...info };
    } catch (error) {
      errors.push(inContext(error, `a nested stack template of ${what}`));
      return undefined;
    }
  };

  // 1. Follow AWS::CloudFormation::Stack resources that name their template (aws:asset:path), as the pack does.
  const reached = withNestedStacks<Pending>(
    { file: stackTemplate.file, item: { template: stackTemplate, kind: 'stack', constructPath: stackPath ?? displayName } },
    (parent) =>
      nestedStackResources(parent.item.template.template).map((nested) => ({
        templateFile: nested.templateFile,
        open: (file) =>
          loadNested(file, {
            constructPath: announced.get(resolve(file)) ?? nestedStackPathFromResource(nested.cdkPath),
            parent: { file: parent.item.template.file, logicalId: nested.logicalId },
          }),
      })),
    tooMany,
  );
  const loaded = reached.map((r) => r.item);

  // 2. Nested stacks only the metadata knows (asset metadata turned off), shallowest first.
  const remaining = [...announced.entries()]
    .filter(([file]) => !tried.has(file))
    .sort((a, b) => a[1].split('/').length - b[1].split('/').length);
  for (const [file, constructPath] of remaining) {
    if (tried.size > MAX_NESTED_STACKS) {
      tooMany();
      break;
    }
    const resourcePath = nestedStackResourcePath(constructPath);
    const logicalId = facts.logicalIds.find(([p]) => p === resourcePath)?.[1];
    const parent = owner(loaded, resourcePath);
    const pending = loadNested(file, { constructPath, parent: parent !== undefined ? { file: parent.template.file, logicalId } : undefined });
    if (pending !== undefined) loaded.push(pending);
  }

  // 3. Construct paths: manifest logical-ID entries go to the stack whose path is their longest
  //    prefix; each resource's own aws:cdk:path wins where present.
  const maps = new Map<Pending, Map<string, string>>(loaded.map((p) => [p, new Map<string, string>()]));
  for (const [constructPath, logicalId] of facts.logicalIds) {
    const target = owner(loaded, constructPath) ?? loaded[0];
    maps.get(target)!.set(logicalId, constructPath);
  }
  for (const pending of loaded) addCdkPaths(pending.template, maps.get(pending)!);

  for (const pending of loaded) {
    const nestedName =
      pending.kind === 'stack' ? displayName : (pending.constructPath ?? `${displayName}/${pending.parent?.logicalId ?? basename(pending.template.file)}`);
    out.push({
      ...pending.template,
      kind: pending.kind,
      assemblyDir: dir,
      artifactId,
      displayName: nestedName,
      stackName: pending.kind === 'stack' ? stackName : undefined,
      constructPath: pending.constructPath,
      constructPaths: maps.get(pending)!,
      parent: pending.parent,
      ...(facts.acknowledgements.size > 0 ? { acknowledgements: facts.acknowledgements } : {}),
    });
  }
}

/**
 * CDK writes every nested stack template into the assembly as `*.nested.template.json`. One that no
 * stack claimed (an older CDK without `aws:cdk:templateFile` metadata, with asset metadata off) is
 * still audited, without a parent: nothing in the assembly goes unread.
 */
function loadUnclaimedNestedTemplates(dir: string, limits: ResolvedLimits, out: AssemblyTemplate[], errors: InputError[]): void {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.nested.template.json')).sort();
  } catch {
    return;
  }
  const claimed = new Set([...out.map((t) => resolve(t.file)), ...errors.map((e) => resolve(e.file))]);
  for (const name of names) {
    const file = join(dir, name);
    if (claimed.has(resolve(file))) continue;
    try {
      const template = loadTemplate(insideAssembly(dir, name, join(dir, MANIFEST_FILE), `nested stack template ${quote(name)}`), limits);
      const constructPaths = addCdkPaths(template, new Map());
      out.push({
        ...template,
        kind: 'nested-stack',
        assemblyDir: dir,
        artifactId: '',
        displayName: name.slice(0, -'.nested.template.json'.length),
        constructPaths,
      });
    } catch (error) {
      errors.push(error instanceof InputError ? error : fsError(file, error));
    }
  }
}

/** The loaded stack whose construct path is the longest proper prefix of `constructPath`. */
function owner(loaded: readonly Pending[], constructPath: string): Pending | undefined {
  let best: Pending | undefined;
  for (const pending of loaded) {
    const prefix = pending.constructPath;
    if (prefix === undefined || !constructPath.startsWith(`${prefix}/`)) continue;
    if (best === undefined || prefix.length > best.constructPath!.length) best = pending;
  }
  return best;
}

/** Each resource's own `aws:cdk:path` (path metadata on) into `paths`, which wins over what the manifest said. */
function addCdkPaths(loaded: LoadedTemplate, paths: Map<string, string>): Map<string, string> {
  for (const [logicalId, resource] of Object.entries(loaded.template.Resources)) {
    const metadata: unknown = isRecord(resource) ? resource.Metadata : undefined;
    const cdkPath = metadata !== null && typeof metadata === 'object' ? (metadata as Record<string, unknown>)['aws:cdk:path'] : undefined;
    if (typeof cdkPath === 'string') paths.set(logicalId, normalisePath(cdkPath));
  }
  return paths;
}

/** 'Top/Inner' → 'Top/Inner.NestedStack/Inner.NestedStackResource' (how NestedStack names its resource). */
function nestedStackResourcePath(nestedStackPath: string): string {
  const id = nestedStackPath.slice(nestedStackPath.lastIndexOf('/') + 1);
  return `${nestedStackPath}.NestedStack/${id}.NestedStackResource`;
}

/** The reverse: 'Top/Inner.NestedStack/Inner.NestedStackResource' → 'Top/Inner'. */
function nestedStackPathFromResource(resourcePath: string | undefined): string | undefined {
  if (resourcePath === undefined) return undefined;
  const match = /^(.*)\.NestedStack\/[^/]*\.NestedStackResource$/.exec(normalisePath(resourcePath));
  return match?.[1];
}

/** Adds where a file was listed to a not-found error; other errors already say enough. */
function inContext(error: unknown, where: string): InputError {
  if (!(error instanceof InputError)) return fsError(where, error);
  if (error.code !== 'not-found') return error;
  return new InputError(error.file, 'cloud-assembly', `${error.reason} (it is ${where})`, { cause: error });
}
