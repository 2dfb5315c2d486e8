/**
 * The vocabulary shared by the engine, the rules and every front door (the cdk-nag pack, the audit CLI).
 *
 * A rule is a small pure function over the CloudFormation form of a resource (or of the whole template) that
 * returns observations. The engine turns observations into findings: it adds the rule's metadata, the resource's
 * construct path, and applies the policy's levels.
 */
import type { Assumption } from './values';
import type { TokenGuardPolicy } from './policy';
import type { TemplateModel, ResourceEntry } from './template';
import type { Evaluator } from './evaluate';

export type Severity = 'error' | 'warning';

/** What a rule says about one place in a template. An empty list of observations means "compliant". */
export interface Observation {
  /** `non-compliant`: the value is risky. `cannot-tell`: the value cannot be known statically (principle 4). */
  readonly outcome: 'non-compliant' | 'cannot-tell';
  /**
   * Severity of a non-compliant observation. Threshold rules choose between warning and error themselves;
   * the policy may still override per rule. Ignored for `cannot-tell` (the policy's `cannotTell` level applies).
   * @default the rule's `defaultSeverity`
   */
  readonly severity?: Severity;
  /**
   * Where, relative to the subject: `Properties.X.Y` for resources, `Parameters.Name…` or `Outputs.Name…` or
   * `Globals.Function…` for template-level subjects.
   */
  readonly path: string;
  /** What was found, specific to this template (never a secret value); may be a getter: read only to compare or report. */
  readonly message: string;
  /** The `Fn::If` conditions (and resource `Condition`s) this observation depends on. */
  readonly when?: readonly Assumption[];
  /**
   * For template-scope rules: the subject's section and logical id (parameter, output, resource name).
   * Resource-scope rules leave it out; the engine fills in the resource.
   */
  readonly subject?: { readonly section: Section; readonly logicalId: string };
}

export type Section = 'Resources' | 'Parameters' | 'Outputs' | 'Globals' | 'Conditions' | 'Mappings' | 'Metadata';

/** A reference to a standard or guideline a rule maps to. */
export interface StandardRef {
  /** e.g. `OWASP-NHI-2025`, `RFC9700`, `NIST-800-53r5` */
  readonly framework: string;
  /** e.g. `NHI7`, `§2.2.2`, `IA-5(7)` */
  readonly control: string;
  /** One line: what that control says, as it applies here. */
  readonly title: string;
}

export interface RuleFix {
  /** How to fix it in CDK (TypeScript). */
  readonly cdk: string;
  /** How to fix it in raw CloudFormation. */
  readonly cloudFormation: string;
}

export type RuleCategory = 'app-client' | 'secret-placement' | 'secrets-manager' | 'meta';

/** Metadata every rule carries; RULES.md is generated from it. */
export interface RuleMeta {
  /** Stable id, e.g. `TokenGuard-COG1`. This is what users acknowledge and suppress. */
  readonly id: string;
  /** PascalCase name equal to the rule's file name, e.g. `AccessTokenLifetime`. */
  readonly name: string;
  readonly category: RuleCategory;
  /** One line: what the rule checks. */
  readonly summary: string;
  /** One or two sentences: why it matters (the risk, in terms of tokens and grants). */
  readonly rationale: string;
  readonly fix: RuleFix;
  readonly standards: readonly StandardRef[];
  /** Level of a non-compliant observation when the rule does not choose one itself. */
  readonly defaultSeverity: Severity;
  /** How the level is decided, for the docs, e.g. "ERROR above `accessTokenMinutes.errorAbove` (60)". */
  readonly levels: string;
}

export interface RuleContext {
  readonly template: TemplateModel;
  readonly evaluator: Evaluator;
  readonly policy: TokenGuardPolicy;
}

export interface ResourceRule extends RuleMeta {
  readonly scope: 'resource';
  /** CloudFormation types this rule looks at. */
  readonly resourceTypes: readonly string[];
  check(resource: ResourceEntry, ctx: RuleContext): Observation[];
}

export interface TemplateRule extends RuleMeta {
  readonly scope: 'template';
  check(ctx: RuleContext): Observation[];
}

export type Rule = ResourceRule | TemplateRule;

/** A finding as every front door reports it. */
export interface Finding {
  readonly ruleId: string;
  readonly ruleName: string;
  readonly severity: Severity;
  /** `violation`: the setting is risky. `cannot-tell`: it could not be evaluated, which is reported, never passed. */
  readonly kind: 'violation' | 'cannot-tell';
  readonly section: Section;
  /** Resource logical id, or the parameter's / output's name for findings in those sections. */
  readonly logicalId: string;
  readonly resourceType?: string;
  /** Construct path, when the template (or the caller) knows it. */
  readonly constructPath?: string;
  /** `Properties.…` for resources; `Parameters.<Name>…`, `Outputs.<Name>…`, `Globals.…` otherwise. */
  readonly path: string;
  readonly message: string;
  readonly rationale: string;
  readonly fix: RuleFix;
  readonly standards: readonly StandardRef[];
  /** Conditions this finding depends on, e.g. `IsProd=true`. Absent when it holds unconditionally. */
  readonly conditions?: readonly string[];
}
