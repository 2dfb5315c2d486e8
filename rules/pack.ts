/**
 * `TokenGuardChecks`: the rules as a CDK policy-validation plugin (`IPolicyValidationPlugin`), registered with
 * `Validations.of(app).addPlugins(new TokenGuardChecks(app))`, alone or in the same call as cdk-nag 3's packs. It
 * needs no cdk-nag: an app on cdk-nag 3, on cdk-nag 2 (Aspects and `NagSuppressions`) or on none is gated the same.
 *
 * Unlike packs that inspect typed L1 properties one resource at a time, this pack evaluates the synthesised
 * templates: what `cdk synth` writes is what will be deployed, so `addPropertyOverride`, escape hatches and
 * `CfnInclude`d resources are judged like everything else, and rules that need the whole template (a secret and
 * its rotation schedule, a parameter and where it flows) see it.
 *
 * - ERROR findings fail synth; WARN findings are reported and do not (cdk-nag 3 would fail on both).
 * - Acknowledgements (rules/acknowledgements.ts, the same rules as the audit CLI):
 *   `Validations.of(construct).acknowledge({ id: 'TokenGuard::TokenGuard-COG1', reason })` (the form CDK prints) or
 *   with the bare id `'TokenGuard-COG1'` (cdk-nag's form), on the construct or an ancestor; cdk-nag 2's
 *   `NagSuppressions` (on resources or stacks) and our own `cdk-token-guard` metadata in the template. One without a
 *   reason, or of an unknown rule, is itself an error (TokenGuard-ACK1).
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  Aspects,
  CfnElement,
  CfnResource,
  IAspect,
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  NestedStack,
  PolicyValidationPluginReport,
  PolicyViolation,
  Stack,
  Stage,
} from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { ACKNOWLEDGED_RULES, collectSuppressions, suppressionFor, underPath, type SuppressionEntry } from './acknowledgements';
import type { TokenGuardPolicy, TokenGuardPolicyInput } from './engine/policy';
import { contextPolicy } from './context-policy';
import { auditTemplate } from './engine/run';
import { formatStandard } from './engine/standards';
import type { Finding, RuleMeta } from './engine/types';
import { ALL_RULES, RULE_IDS } from './registry';
import { AcknowledgementReason } from './meta/AcknowledgementReason';
import { META_RULES } from './meta';
import { withNestedStacks, type StackTemplate } from './nested-stacks';

export interface TokenGuardChecksProps {
  /**
   * Policy settings, layered over the `cdk.json` context key `cdk-token-guard:policy` (these win).
   * @default - the context's settings, else the documented defaults (RULES.md)
   */
  readonly policy?: TokenGuardPolicyInput;
  /**
   * Copy every `Validations.of(x).acknowledge` acknowledgement into the `Metadata.cdk_nag.rules_to_suppress` of each
   * resource at or below `x` (as cdk-nag 3's packs do with this prop), so that an audit of the templates alone (the
   * CLI on a template file, a deploy-time check) honours them too. Entries already there (cdk-nag 2's
   * `NagSuppressions`) are kept.
   * @default false
   */
  readonly writeSuppressionsToCloudFormation?: boolean;
}

/** The plugin name: the namespace of acknowledgement ids (`TokenGuard::…`). */
export const PACK_NAME = 'TokenGuard';

export class TokenGuardChecks implements IPolicyValidationPlugin {
  public readonly name: string = PACK_NAME;
  public readonly version?: string = packageVersion();
  public readonly ruleIds?: string[] = [...RULE_IDS, ...META_RULES.map((r) => r.id)];
  private readonly policyInput?: TokenGuardPolicyInput;
  private readonly resolved = new WeakMap<IConstruct, TokenGuardPolicy>();

  /**
   * @param scope the app (or any construct in it): where the `cdk.json` policy is read from
   */
  constructor(scope?: IConstruct, props?: TokenGuardChecksProps) {
    this.policyInput = props?.policy;
    if (scope && props?.writeSuppressionsToCloudFormation) Aspects.of(scope).add(new WriteAcknowledgements());
    // Fail at construction, with the setting named, rather than in the middle of synth.
    const root = scope?.node.root;
    const policy = this.policyFor(root);
    if (root) this.resolved.set(root, policy);
  }

  /** The effective policy for an app: defaults, then `cdk.json` context, then props. */
  public policyFor(root?: IConstruct): TokenGuardPolicy {
    if (root && this.resolved.has(root)) return this.resolved.get(root)!;
    return contextPolicy(root, 'TokenGuardChecks props', this.policyInput);
  }

  /** Called by CDK at synth: evaluates the templates CDK wrote, nested stacks included. */
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const root = context.appConstruct;
    const { stacks, acknowledgements } = walkTree(root);
    const byPath = new Map(stacks.map((s) => [s.node.path, s]));
    const nestedByParent = new Map<Stack, NestedStack[]>();
    for (const s of stacks) {
      if (NestedStack.isNestedStack(s) && s.nestedStackParent) {
        nestedByParent.set(s.nestedStackParent, [...(nestedByParent.get(s.nestedStackParent) ?? []), s]);
      }
    }
    const sources: TemplateSource[] = [];
    const nestedOf = (parent: StackTemplate<Stack>) => (nestedByParent.get(parent.item) ?? []).map((nested) => ({ templateFile: nested.templateFile, open: () => nested }));
    for (const { stack, templatePath } of stackTemplates(context, byPath)) {
      for (const { item, file } of withNestedStacks({ file: templatePath, item: stack }, nestedOf)) {
        sources.push({ stack: item, templatePath: file, read: () => readJson(file) });
      }
    }
    return this.report(root, sources, acknowledgements);
  }

  /** Synth-free entry point for tests: renders each stack under `scope` in memory. */
  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    const { stacks, acknowledgements } = walkTree(scope.node.root);
    const sources = stacks
      .filter((c) => underPath(c.node.path, scope.node.path))
      .map((c) => ({ stack: c, read: () => (c as unknown as { _toCloudFormation(): Record<string, unknown> })._toCloudFormation() }));
    return this.report(scope.node.root, sources, acknowledgements);
  }

  private report(root: IConstruct, sources: TemplateSource[], acknowledgements: Acknowledgements): PolicyValidationPluginReport {
    const policy = this.policyFor(root);
    const violations: PolicyViolation[] = [];
    // Findings with the same rule, level and message (e.g. every client left at Cognito's defaults) become one
    // violation listing every resource: the report stays readable and CDK formats it once.
    const grouped = new Map<string, PolicyViolation>();
    // An acknowledgement on a construct is seen by every template below it; its problem is reported once.
    const reported = new Set<string>();

    for (const source of sources) {
      let template: Record<string, unknown>;
      try {
        template = source.read();
      } catch (e) {
        violations.push({
          ruleName: `${PACK_NAME}-TEMPLATE`,
          description: `TokenGuard could not read the template of ${source.stack.node.path}: ${(e as Error).message}`,
          severity: 'error',
          violatingResources: [{ constructPath: source.stack.node.path, locations: [] }],
        });
        continue;
      }
      // A resource's aws:cdk:path metadata (written unless path metadata is turned off) names its construct; the map
      // of the stack's construct tree is built only for an id without it (parameters, outputs).
      let paths: Map<string, string> | undefined;
      const pathOf = (logicalId: string) => cdkPath(template, logicalId) ?? (paths ??= logicalIdPaths(source.stack)).get(logicalId);
      const entries = collectSuppressions(template, RULE_IDS, { acknowledgements, constructPathOf: pathOf });
      for (const f of auditTemplate(template, { rules: ALL_RULES, policy, constructPaths: pathOf })) {
        if (entries.length > 0 && suppressionFor(f, entries) !== undefined) continue;
        const v = toViolation(f, source.templatePath);
        const key = `${v.ruleName}\u0000${v.severity}\u0000${v.description}`;
        const same = grouped.get(key);
        if (same) same.violatingResources.push(...v.violatingResources);
        else {
          grouped.set(key, v);
          violations.push(v);
        }
      }
      for (const e of entries) {
        if (e.problem === undefined) continue;
        const at = e.scope.kind === 'construct' ? e.scope.constructPath : e.scope.kind === 'resource' ? (pathOf(e.scope.logicalId) ?? source.stack.node.path) : source.stack.node.path;
        const key = `${at}\u0000${e.source}\u0000${e.problem}`;
        if (reported.has(key)) continue;
        reported.add(key);
        violations.push(acknowledgementViolation(e, at));
      }
    }
    return {
      success: !violations.some((v) => v.severity === 'error'),
      violations,
      pluginVersion: this.version,
    };
  }
}

/**
 * Each top-level stack template CDK asks about, with its stack: from `stackTemplates` (aws-cdk-lib 2.262 and later),
 * else by matching `templatePaths` to where each stack's template is written.
 */
function stackTemplates(context: IPolicyValidationContext, stacks: ReadonlyMap<string, Stack>): { stack: Stack; templatePath: string }[] {
  const listed = (context as { stackTemplates?: readonly { stackConstructPath: string; templatePath: string }[] }).stackTemplates;
  if (listed !== undefined) {
    return listed.flatMap((s) => {
      const stack = stacks.get(s.stackConstructPath);
      return stack ? [{ stack, templatePath: s.templatePath }] : [];
    });
  }
  const byFile = new Map<string, Stack>();
  for (const stack of stacks.values()) {
    const outdir = NestedStack.isNestedStack(stack) ? undefined : Stage.of(stack)?.outdir;
    if (outdir !== undefined) byFile.set(path.resolve(outdir, stack.templateFile), stack);
  }
  return context.templatePaths.flatMap((templatePath) => {
    const stack = byFile.get(path.resolve(templatePath));
    return stack ? [{ stack, templatePath }] : [];
  });
}

interface TemplateSource {
  readonly stack: Stack;
  readonly templatePath?: string;
  read(): Record<string, unknown>;
}

/** A finding as CDK reports it; its construct path is the engine's (the template's `aws:cdk:path`, else the pack's map). */
function toViolation(f: Finding, templatePath: string | undefined): PolicyViolation {
  const { constructPath } = f;
  const when = f.conditions ? ` (when ${f.conditions.join(' and ')})` : '';
  const kind = f.kind === 'cannot-tell' ? '[cannot tell] ' : '';
  return {
    ruleName: f.ruleId,
    description: `${f.ruleId} ${f.ruleName}: ${kind}${f.message}${when} Why: ${f.rationale}`,
    fix: `CDK: ${f.fix.cdk}. CloudFormation: ${f.fix.cloudFormation}.`,
    severity: f.severity,
    ruleMetadata: {
      rule: f.ruleName,
      kind: f.kind,
      standards: f.standards.map(formatStandard).join(', '),
      ...(f.conditions ? { conditions: f.conditions.join(', ') } : {}),
    },
    // CDK needs the template path only to find the construct of a logical id; with the path known it would just
    // cost a path.relative per resource.
    violatingResources: [
      constructPath
        ? { constructPath, locations: [f.path] }
        : { resourceLogicalId: f.logicalId, locations: [f.path], ...(templatePath ? { templatePath } : {}) },
    ],
  };
}

/** The `aws:cdk:path` metadata of a resource of the template. */
function cdkPath(template: Record<string, unknown>, logicalId: string): string | undefined {
  const path = (template.Resources as Record<string, { Metadata?: Record<string, unknown> } | null> | undefined)?.[logicalId]?.Metadata?.['aws:cdk:path'];
  return typeof path === 'string' ? path : undefined;
}

/** Logical id → construct path for every element of this stack (resources, parameters, outputs). */
function logicalIdPaths(stack: Stack): Map<string, string> {
  const map = new Map<string, string>();
  for (const c of stack.node.findAll()) {
    if (!CfnElement.isCfnElement(c) || c.stack !== stack) continue;
    const id = stack.resolve(c.logicalId);
    if (typeof id === 'string') map.set(id, c.node.path);
  }
  return map;
}

/** CDK acknowledgements (id → reason) by construct path, for the constructs that have any. */
type Acknowledgements = Map<string, Record<string, unknown>>;

/**
 * One walk of the construct tree, parents first: its stacks (nested ones included) and its acknowledgements. Plain
 * loops over each construct's children, not `findAll()` and `for…of`: the walk runs once per synth, cold, over
 * every construct of the app, where each iteration step would allocate.
 */
function walkTree(root: IConstruct): { stacks: Stack[]; acknowledgements: Acknowledgements } {
  const stacks: Stack[] = [];
  const acknowledgements: Acknowledgements = new Map();
  const visit = (c: IConstruct): void => {
    if (Stack.isStack(c)) stacks.push(c);
    const metadata = c.node.metadata;
    for (let i = 0; i < metadata.length; i++) {
      const entry = metadata[i];
      if (entry.type !== ACKNOWLEDGED_RULES || !entry.data) continue;
      acknowledgements.set(c.node.path, { ...acknowledgements.get(c.node.path), ...(entry.data as Record<string, unknown>) });
    }
    const children = c.node.children;
    for (let i = 0; i < children.length; i++) visit(children[i]);
  };
  visit(root);
  return { stacks, acknowledgements };
}

/** `writeSuppressionsToCloudFormation`: the same entries, in the same order, as cdk-nag 3's aspect writes. */
class WriteAcknowledgements implements IAspect {
  public visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node)) return;
    const existing = (node.getMetadata('cdk_nag') as { rules_to_suppress?: unknown } | undefined)?.rules_to_suppress;
    const rules: unknown[] = Array.isArray(existing) ? [...existing] : [];
    const ids = new Set(rules.map((r) => (r !== null && typeof r === 'object' ? (r as { id?: unknown }).id : undefined)));
    const before = rules.length;
    for (let c: IConstruct | undefined = node; c !== undefined; c = c.node.scope) {
      for (const entry of c.node.metadata) {
        if (entry.type !== ACKNOWLEDGED_RULES || !entry.data) continue;
        for (const [qualified, reason] of Object.entries(entry.data as Record<string, unknown>)) {
          const id = qualified.replace(/^annotation::/i, '');
          if (ids.has(id)) continue;
          ids.add(id);
          rules.push({ id, reason });
        }
      }
    }
    if (rules.length > before) node.addMetadata('cdk_nag', { rules_to_suppress: rules });
  }
}

/** TokenGuard-ACK1: an acknowledgement that acknowledges nothing, and why. An error: synth fails until it is mended. */
function acknowledgementViolation(e: SuppressionEntry, constructPath: string): PolicyViolation {
  return {
    ruleName: AcknowledgementReason.id,
    description: `${AcknowledgementReason.id} ${AcknowledgementReason.name}: on ${constructPath === '' ? 'the app' : constructPath}, ${e.problem}. Why: ${AcknowledgementReason.rationale}`,
    fix: `${AcknowledgementReason.fix.cdk}.`,
    severity: 'error',
    ruleMetadata: { rule: AcknowledgementReason.name, ...(e.ruleId !== '' ? { acknowledged: e.ruleId } : {}) },
    violatingResources: [{ constructPath, locations: e.entryPath === undefined ? [] : [e.entryPath.join('.')] }],
  };
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function packageVersion(): string {
  for (const candidate of [path.join(__dirname, '..', 'package.json'), path.join(__dirname, '..', '..', 'package.json')]) {
    try {
      const pkg = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'cdk-token-guard' && pkg.version) return pkg.version;
    } catch {
      // try the next location (source tree vs dist/)
    }
  }
  return '0.0.0';
}

export type { RuleMeta };
