/**
 * The real-world set's machinery, shared by its test and by the table printer: finds the scenarios and the shared
 * corpus, reads their expectations, audits them (templates through the CLI's loader and audit unit, as
 * `token-guard audit` does; CDK apps on the template `cdk synth` writes) and compares.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { auditLoaded } from '../../bin/cli/audit/audit-input';
import { loadInput } from '../../bin/cli/discover';
import { loadTemplate, parseTemplateText } from '../../bin/cli/load-template';
import { DEFAULT_POLICY } from '../../rules/engine/policy';

export const SCENARIOS = path.join(__dirname, 'scenarios');

/** Where the shared corpus is: TOKEN_GUARD_REAL_TEMPLATES, the shared folder, or beside the main checkout. */
export const CORPUS = [
  process.env.TOKEN_GUARD_REAL_TEMPLATES,
  '/work/shared/corpus/real-templates',
  path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'real-templates'),
].find((c): c is string => c !== undefined && c !== '' && fs.existsSync(c));

export interface Expected {
  readonly rule: string;
  /** Logical id, or the parameter's, output's or Globals section's name. */
  readonly at?: string;
  readonly path?: string;
  readonly level?: 'error' | 'warning';
  readonly kind?: 'violation' | 'cannot-tell';
  /** How many findings with these fields; @default 1 */
  readonly count?: number;
  readonly why: string;
}

/**
 * A difference between the expected findings and what the rules report today, kept in the open: `findings` stay the
 * correct expectation, and the contract pins today's answer (the expected keys without `missed`, plus `extra`), so
 * the suite stays green and fails as soon as the difference changes (fixed, or worse) until this entry is updated.
 */
export interface KnownDifference {
  /** The rule-bug class, as reported to the lead. */
  readonly class: string;
  readonly why: string;
  /** Expected findings the rules do not report today (keys as `key()` gives them). */
  readonly missed?: readonly string[];
  /** Findings the rules report today that are not expected. */
  readonly extra?: readonly string[];
}

export interface Expectations {
  readonly title?: string;
  readonly source?: { readonly repo: string; readonly file: string; readonly commit: string };
  readonly clean?: boolean;
  readonly findings: readonly Expected[];
  readonly mustNot: readonly Expected[];
  readonly knownDifference?: KnownDifference;
}

/** A finding reduced to what the expectations name. */
export interface Reported {
  readonly rule: string;
  readonly at: string;
  readonly path: string;
  readonly level: 'error' | 'warning';
  readonly kind: 'violation' | 'cannot-tell';
  readonly message: string;
}

export interface Case {
  /** The scenario's folder name or the corpus file's name. */
  readonly name: string;
  readonly expectations: Expectations;
  /** Audits the case, returning the findings the audit reports. */
  readonly run: () => Reported[];
}

const SETTINGS = { limits: {}, policy: DEFAULT_POLICY, parameters: {} };

function reduce(findings: readonly { ruleId: string; logicalId: string; path: string; severity: 'error' | 'warning'; kind: 'violation' | 'cannot-tell'; message: string }[]): Reported[] {
  return findings.map((f) => ({ rule: f.ruleId, at: f.logicalId, path: f.path, level: f.severity, kind: f.kind, message: f.message }));
}

/** A template file as `token-guard audit` reads and audits it. */
function auditFile(file: string): Reported[] {
  return reduce(auditLoaded(loadTemplate(file), SETTINGS).findings);
}

/** A synthesised template, audited from its JSON text the way the CLI audits a template file of cdk.out. */
function auditSynthesised(name: string, template: Record<string, unknown>): Reported[] {
  return reduce(auditLoaded(parseTemplateText(`${name}.template.json`, JSON.stringify(template, null, 1)), SETTINGS).findings);
}

/**
 * A cloud assembly (a cdk.out folder, committed under another name because cdk.out is ignored here) as
 * `token-guard audit <dir>` reads it: every stack and nested stack the manifest leads to, with the acknowledgements
 * in its metadata. A finding's `at` is `<template file>/<logical id>`, the file relative to the assembly.
 */
function auditAssembly(dir: string): Reported[] {
  const loaded = loadInput({ kind: 'cloud-assembly', path: dir, explicit: true }, SETTINGS.limits);
  if (loaded.errors.length > 0) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  return loaded.templates.flatMap((t) =>
    reduce(auditLoaded(t, SETTINGS).findings).map((f) => ({ ...f, at: `${path.relative(dir, t.file)}/${f.at}` })),
  );
}

export function scenarioCases(): Case[] {
  return fs
    .readdirSync(SCENARIOS)
    .filter((d) => fs.statSync(path.join(SCENARIOS, d)).isDirectory())
    .sort()
    .map((name) => {
      const dir = path.join(SCENARIOS, name);
      const expectations = normalise(parse(fs.readFileSync(path.join(dir, 'expected.yaml'), 'utf8')) as Expectations);
      const files = fs.readdirSync(dir);
      const template = files.find((f) => /^template\.(ya?ml|json)$/.test(f));
      if (template !== undefined) return { name, expectations, run: () => auditFile(path.join(dir, template)) };
      if (files.includes('assembly')) return { name, expectations, run: () => auditAssembly(path.join(dir, 'assembly')) };
      if (!files.includes('app.ts')) throw new Error(`${name}: neither a template, an assembly nor app.ts`);
      return {
        name,
        expectations,
        run: () => {
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          const app = require(path.join(dir, 'app.ts')) as { synth: () => Record<string, unknown> };
          return auditSynthesised(name, app.synth());
        },
      };
    });
}

export function corpusCases(): Case[] {
  if (CORPUS === undefined) return [];
  const all = parse(fs.readFileSync(path.join(__dirname, 'corpus-expected.yaml'), 'utf8')) as Record<string, Expectations>;
  return Object.keys(all)
    .sort()
    .map((name) => ({ name, expectations: normalise(all[name]), run: () => auditFile(path.join(CORPUS, name)) }));
}

function normalise(e: Expectations): Expectations {
  return { ...e, findings: e.findings ?? [], mustNot: e.mustNot ?? [] };
}

/** `rule at path level kind`: the key findings are compared by. */
export function key(f: Pick<Expected, 'rule' | 'at' | 'path' | 'level' | 'kind'>): string {
  return `${f.rule} ${f.at} ${f.path} ${f.level} ${f.kind}`;
}

/** The expected findings as keys, each repeated `count` times, sorted. */
export function expectedKeys(e: Expectations): string[] {
  return e.findings.flatMap((f) => Array<string>(f.count ?? 1).fill(key(f))).sort();
}

/** What the test holds the rules to: the expected keys, less a known difference's `missed`, plus its `extra`. */
export function contractKeys(e: Expectations): string[] {
  const keys = expectedKeys(e);
  for (const m of e.knownDifference?.missed ?? []) {
    const i = keys.indexOf(m);
    if (i < 0) throw new Error(`knownDifference.missed names a finding that is not expected: ${m}`);
    keys.splice(i, 1);
  }
  return [...keys, ...(e.knownDifference?.extra ?? [])].sort();
}

/** Reported findings that match a must-not entry (on the fields it gives). */
export function forbidden(e: Expectations, reported: readonly Reported[]): string[] {
  const out: string[] = [];
  for (const m of e.mustNot) {
    for (const r of reported) {
      const matches =
        r.rule === m.rule &&
        (m.at === undefined || r.at === m.at) &&
        (m.path === undefined || r.path === m.path) &&
        (m.level === undefined || r.level === m.level) &&
        (m.kind === undefined || r.kind === m.kind);
      if (matches) out.push(`${key(r)} (must not: ${m.why})`);
    }
  }
  return out;
}
