/**
 * A read-only, indexed view of one CloudFormation (or SAM) template given as a plain object.
 *
 * The model never throws on odd input: entries that are not CloudFormation-shaped (a resource without a `Type`,
 * a parameter that is not a mapping) are skipped here; the audit CLI rejects templates that are not templates at
 * all before they reach the engine.
 */
import { samGenerated, type SamGenerated } from './sam';
import { Assumption, cfnBoolean, isPlainObject } from './values';
import { expandForEach } from './foreach';

export interface ResourceEntry {
  readonly logicalId: string;
  readonly type: string;
  /** The raw `Properties` (intrinsics unevaluated); `undefined` when absent. */
  readonly properties: unknown;
  /** The resource's `Condition`, if any: the resource exists only when it is true. */
  readonly condition?: string;
  /** The assumptions under which the resource exists: its `Condition` taken as true (empty when unconditional). */
  readonly when: readonly Assumption[];
  readonly metadata?: Record<string, unknown>;
  /** From the resource's `aws:cdk:path` metadata; see {@link TemplateModel.constructPathOf} for the full lookup. */
  readonly constructPath?: string;
}

export interface ParameterDef {
  readonly name: string;
  readonly type?: string;
  readonly noEcho: boolean;
  readonly hasDefault: boolean;
  readonly default?: unknown;
  readonly allowedValues?: readonly unknown[];
  readonly description?: string;
}

export interface OutputDef {
  readonly name: string;
  readonly value: unknown;
  readonly exportName?: unknown;
  readonly condition?: string;
}

export interface TemplateModelOptions {
  /**
   * Construct paths by logical id, for templates without `aws:cdk:path` metadata (or for parameters and outputs,
   * which never carry it). A function is called only for ids that need it.
   */
  readonly constructPaths?:
    | ReadonlyMap<string, string>
    | Readonly<Record<string, string>>
    | ((logicalId: string) => string | undefined);
}

/** The assumptions of a resource without a `Condition`: none (one array, shared). */
const UNCONDITIONAL: readonly Assumption[] = Object.freeze([]);

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

export class TemplateModel {
  readonly resources: readonly ResourceEntry[];
  readonly parameters: ReadonlyMap<string, ParameterDef>;
  readonly outputs: readonly OutputDef[];
  readonly conditions: Readonly<Record<string, unknown>>;
  readonly mappings: Readonly<Record<string, unknown>>;
  /** SAM `Globals` section, if any. */
  readonly globals: Readonly<Record<string, unknown>> | undefined;
  /** True when the template declares the SAM transform. */
  readonly isSam: boolean;

  private readonly byId = new Map<string, ResourceEntry>();
  private readonly byType = new Map<string, ResourceEntry[]>();
  private readonly lookupPath: (logicalId: string) => string | undefined;
  private sam: SamGenerated | undefined;

  constructor(
    readonly raw: Readonly<Record<string, unknown>>,
    options: TemplateModelOptions = {},
  ) {
    const paths = options.constructPaths;
    this.lookupPath =
      typeof paths === 'function' ? (id) => paths(id) : paths instanceof Map ? (id) => paths.get(id) : (id) => (paths as Record<string, string> | undefined)?.[id];

    const resources: ResourceEntry[] = [];
    const transforms = [raw.Transform].flat(), extensions = transforms.includes('AWS::LanguageExtensions');
    const rawResources = expandForEach(isPlainObject(raw.Resources) ? raw.Resources : {}, raw.Parameters, extensions);
    // Object.keys, not Object.entries: no [key, value] array for each of thousands of resources (the CLI runs cold).
    const ids = Object.keys(rawResources);
    for (let i = 0; i < ids.length; i++) {
      const logicalId = ids[i];
      const r = rawResources[logicalId];
      if (!isPlainObject(r) || typeof r.Type !== 'string') continue;
      const metadata = isPlainObject(r.Metadata) ? r.Metadata : undefined;
      const cdkPath = metadata && typeof metadata['aws:cdk:path'] === 'string' ? metadata['aws:cdk:path'] : undefined;
      const condition = typeof r.Condition === 'string' ? r.Condition : undefined;
      const entry: ResourceEntry = {
        logicalId,
        type: r.Type,
        properties: r.Properties,
        condition,
        when: condition === undefined ? UNCONDITIONAL : [{ condition, value: true }],
        metadata,
        constructPath: cdkPath,
      };
      resources.push(entry);
      this.byId.set(logicalId, entry);
      const list = this.byType.get(entry.type);
      if (list) list.push(entry);
      else this.byType.set(entry.type, [entry]);
    }
    this.resources = resources;

    const parameters = new Map<string, ParameterDef>();
    if (isPlainObject(raw.Parameters)) {
      for (const [name, p] of Object.entries(raw.Parameters)) {
        if (!isPlainObject(p)) continue;
        parameters.set(name, {
          name,
          type: typeof p.Type === 'string' ? p.Type : undefined,
          noEcho: cfnBoolean(p.NoEcho) === true,
          hasDefault: 'Default' in p,
          default: p.Default,
          allowedValues: Array.isArray(p.AllowedValues) ? p.AllowedValues : undefined,
          description: typeof p.Description === 'string' ? p.Description : undefined,
        });
      }
    }
    this.parameters = parameters;

    const outputs: OutputDef[] = [];
    if (isPlainObject(raw.Outputs)) {
      for (const [name, o] of Object.entries(expandForEach(raw.Outputs, raw.Parameters, extensions))) {
        if (!isPlainObject(o)) continue;
        outputs.push({
          name,
          value: o.Value,
          exportName: isPlainObject(o.Export) ? o.Export.Name : undefined,
          condition: typeof o.Condition === 'string' ? o.Condition : undefined,
        });
      }
    }
    this.outputs = outputs;

    this.conditions = isPlainObject(raw.Conditions) ? raw.Conditions : {};
    this.mappings = isPlainObject(raw.Mappings) ? raw.Mappings : {};
    this.globals = isPlainObject(raw.Globals) ? raw.Globals : undefined;
    this.isSam = transforms.includes(SAM_TRANSFORM) || this.globals !== undefined;
  }

  resource(logicalId: string): ResourceEntry | undefined {
    return this.byId.get(logicalId);
  }

  resourcesOfType(...types: string[]): readonly ResourceEntry[] {
    if (types.length === 1) return this.byType.get(types[0]) ?? [];
    return types.flatMap((t) => this.byType.get(t) ?? []);
  }

  /**
   * The type of a resource the SAM transform creates from this template's SAM resources (`ServerlessRestApi`,
   * `MyFunctionRole`, `MyApi.Stage`, …; see sam.ts), or undefined. Always undefined for templates without SAM.
   */
  samGeneratedType(name: string): string | undefined {
    if (!this.isSam) return undefined;
    this.sam ??= samGenerated(this.resources.filter((r) => r.type.startsWith('AWS::Serverless::')));
    return this.sam.typeOf(name);
  }

  parameter(name: string): ParameterDef | undefined {
    return this.parameters.get(name);
  }

  /** Construct path of a resource, parameter or output, when known: the template's metadata first, then the caller's. */
  constructPathOf(logicalId: string): string | undefined {
    return this.byId.get(logicalId)?.constructPath ?? this.lookupPath(logicalId);
  }
}
