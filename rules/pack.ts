/**
 * `TokenGuardChecks`: the rules as a cdk-nag 3 pack, i.e. a CDK policy-validation plugin.
 *
 * Unlike packs that inspect typed L1 properties one resource at a time, this pack evaluates the synthesised
 * templates: what `cdk synth` writes is what will be deployed, so `addPropertyOverride`, escape hatches and
 * `CfnInclude`d resources are judged like everything else, and rules that need the whole template (a secret and
 * its rotation schedule, a parameter and where it flows) see it.
 *
 * - ERROR findings fail synth; WARN findings are reported and do not (cdk-nag 3 would fail on both).
 * - Acknowledge with `Validations.of(construct).acknowledge({ id: 'TokenGuard::TokenGuard-COG1', reason })`, the
 *   form CDK prints (handled by CDK core), or with the bare id `'TokenGuard-COG1'` (cdk-nag's own form, handled
 *   here). An acknowledgement of one of our rules without a reason is itself an error.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  CfnElement,
  IPolicyValidationContext,
  NestedStack,
  PolicyValidationPluginReport,
  PolicyViolation,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import { NagPack, NagPackProps } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import type { TokenGuardPolicy, TokenGuardPolicyInput } from './engine/policy';
import { contextPolicy } from './context-policy';
import { auditTemplate } from './engine/run';
import { formatStandard } from './engine/standards';
import type { Finding, RuleMeta } from './engine/types';
import { ALL_RULES, RULE_IDS } from './registry';
import { AcknowledgementReason } from './meta/AcknowledgementReason';
import { withNestedStacks, type StackTemplate } from './nested-stacks';

export interface TokenGuardChecksProps extends NagPackProps {
  /**
   * Policy settings, layered over the `cdk.json` context key `cdk-token-guard:policy` (these win).
   * @default - the context's settings, else the documented defaults (RULES.md)
   */
  readonly policy?: TokenGuardPolicyInput;
}

/** The plugin name: the namespace of acknowledgement ids (`TokenGuard::…`). */
export const PACK_NAME = 'TokenGuard';

export class TokenGuardChecks extends NagPack {
  public readonly name = PACK_NAME;
  public readonly version: string = packageVersion();
  public readonly ruleIds: string[] = [...RULE_IDS, AcknowledgementReason.id];
  private readonly policyInput?: TokenGuardPolicyInput;
  private readonly resolved = new WeakMap<IConstruct, TokenGuardPolicy>();

  constructor(scope?: IConstruct, props?: TokenGuardChecksProps) {
    super(scope, props);
    this.packName = PACK_NAME;
    this.policyInput = props?.policy;
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
    // One pass over the construct tree finds the stacks, the nested stacks under each parent and the acknowledgements.
    const all = root.node.findAll();
    const stacks = new Map<string, Stack>();
    const nestedByParent = new Map<Stack, NestedStack[]>();
    for (const c of all) {
      if (!Stack.isStack(c)) continue;
      stacks.set(c.node.path, c);
      if (NestedStack.isNestedStack(c) && c.nestedStackParent) {
        nestedByParent.set(c.nestedStackParent, [...(nestedByParent.get(c.nestedStackParent) ?? []), c]);
      }
    }
    const sources: TemplateSource[] = [];
    for (const s of context.stackTemplates) {
      const stack = stacks.get(s.stackConstructPath);
      if (!stack) continue;
      const nestedOf = (parent: StackTemplate<Stack>) => (nestedByParent.get(parent.item) ?? []).map((nested) => ({ templateFile: nested.templateFile, open: () => nested }));
      for (const { item, file } of withNestedStacks({ file: s.templatePath, item: stack }, nestedOf)) {
        sources.push({ stack: item, templatePath: file, read: () => readJson(file) });
      }
    }
    return this.report(root, sources, all);
  }


  /** Synth-free entry point for tests: renders each stack under `scope` in memory. */
  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    const sources: TemplateSource[] = [];
    for (const c of scope.node.findAll()) {
      if (!Stack.isStack(c)) continue;
      sources.push({ stack: c, read: () => ({ template: (c as unknown as { _toCloudFormation(): Record<string, unknown> })._toCloudFormation() }) });
    }
    return this.report(scope.node.root, sources, scope.node.root.node.findAll());
  }

  protected checkResource(): void {
    // Not used: this pack evaluates whole templates (see validate), not one typed L1 at a time.
  }

  private report(root: IConstruct, sources: TemplateSource[], constructs: readonly IConstruct[]): PolicyValidationPluginReport {
    const policy = this.policyFor(root);
    const violations: PolicyViolation[] = [];
    // Findings with the same rule, level and message (e.g. every client left at Cognito's defaults) become one
    // violation listing every resource: the report stays readable and CDK formats it once.
    const grouped = new Map<string, PolicyViolation>();
    const acks = collectAcknowledgements(constructs);

    for (const source of sources) {
      let template: Record<string, unknown>;
      let sourceText: string | undefined;
      try {
        ({ template, sourceText } = source.read());
      } catch (e) {
        violations.push({
          ruleName: `${PACK_NAME}-TEMPLATE`,
          description: `TokenGuard could not read the template of ${source.stack.node.path}: ${(e as Error).message}`,
          severity: 'error',
          violatingResources: [{ constructPath: source.stack.node.path, locations: [] }],
        });
        continue;
      }
      // Templates synthesised by the CLI carry aws:cdk:path; the logical id map is built only when one is missing.
      let paths: Map<string, string> | undefined;
      const pathOf = (logicalId: string) => (paths ??= logicalIdPaths(source.stack)).get(logicalId);
      for (const f of auditTemplate(template, { rules: ALL_RULES, policy, constructPaths: pathOf, sourceText })) {
        const constructPath = f.constructPath ?? pathOf(f.logicalId);
        if (constructPath !== undefined && acknowledgedByBareId(acks, constructPath, f.ruleId)) continue;
        const v = toViolation(f, constructPath, source.templatePath);
        const key = `${v.ruleName}\u0000${v.severity}\u0000${v.description}`;
        const same = grouped.get(key);
        if (same) same.violatingResources.push(...v.violatingResources);
        else {
          grouped.set(key, v);
          violations.push(v);
        }
      }
    }
    violations.push(...missingReasons(acks));
    return {
      success: !violations.some((v) => v.severity === 'error'),
      violations,
      pluginVersion: this.version,
    };
  }
}

interface TemplateSource {
  readonly stack: Stack;
  readonly templatePath?: string;
  /** The template, and the JSON text it was read from when it came from a file. */
  read(): { template: Record<string, unknown>; sourceText?: string };
}

function toViolation(f: Finding, constructPath: string | undefined, templatePath: string | undefined): PolicyViolation {
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

const ACK_KEY = Validations.ACKNOWLEDGED_RULES_METADATA_KEY;

/** Acknowledgement metadata (id → reason) by construct path, for the constructs that have any. */
function collectAcknowledgements(constructs: readonly IConstruct[]): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const c of constructs) {
    for (const entry of c.node.metadata) {
      if (entry.type !== ACK_KEY || !entry.data) continue;
      out.set(c.node.path, { ...out.get(c.node.path), ...(entry.data as Record<string, unknown>) });
    }
  }
  return out;
}

/** cdk-nag's form: `acknowledge({ id: 'TokenGuard-COG1' })` on the construct or an ancestor. */
function acknowledgedByBareId(acks: Map<string, Record<string, unknown>>, constructPath: string, ruleId: string): boolean {
  if (acks.size === 0) return false;
  // The construct, then each ancestor up to the root (whose path is '').
  for (let p = constructPath; ; p = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '') {
    const ids = acks.get(p);
    if (ids && Object.keys(ids).some((id) => id.replace(/^annotation::/i, '') === ruleId)) return true;
    if (p === '') break;
  }
  return false;
}

/** Acknowledgements of our rules without a written reason fail synth (brief principle 7). */
function missingReasons(acks: Map<string, Record<string, unknown>>): PolicyViolation[] {
  const out: PolicyViolation[] = [];
  for (const [constructPath, ids] of acks) {
    for (const [id, reason] of Object.entries(ids)) {
      const bare = id.replace(/^[^:]+::/, '');
      if (!bare.startsWith(`${PACK_NAME}-`)) continue;
      if (typeof reason === 'string' && reason.trim().length >= 10) continue;
      out.push({
        ruleName: AcknowledgementReason.id,
        description: `${AcknowledgementReason.id} ${AcknowledgementReason.name}: the acknowledgement of ${bare} on ${constructPath} has no reason (at least ten characters): say why the risk is accepted. Why: ${AcknowledgementReason.rationale}`,
        fix: `${AcknowledgementReason.fix.cdk}.`,
        severity: 'error',
        ruleMetadata: { rule: AcknowledgementReason.name, acknowledged: bare },
        violatingResources: [{ constructPath, locations: [] }],
      });
    }
  }
  return out;
}

function readJson(file: string): { template: Record<string, unknown>; sourceText: string } {
  const sourceText = fs.readFileSync(file, 'utf8');
  return { template: JSON.parse(sourceText) as Record<string, unknown>, sourceText };
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
