/**
 * Which rotation schedules belong to which secret. Built once per template: a schedule names its secret by `Ref`
 * (the ARN), `Fn::GetAtt …Id`, a `Ref` to an `AWS::SecretsManager::SecretTargetAttachment` (as CDK does for
 * attached secrets), the literal ARN, or the secret's `Name` (literal, or the parameter both name). A schedule whose
 * `SecretId` cannot be resolved is kept apart: it may rotate any secret of the template.
 */
import type { Evaluator } from '../engine/evaluate';
import type { RuleContext } from '../engine/types';
import type { ResourceEntry, TemplateModel } from '../engine/template';
import { ABSENT, Composite, Opaque } from '../engine/values';
import { describeCandidate } from '../engine/describe';

export const SECRET = 'AWS::SecretsManager::Secret';
export const ROTATION_SCHEDULE = 'AWS::SecretsManager::RotationSchedule';
const TARGET_ATTACHMENT = 'AWS::SecretsManager::SecretTargetAttachment';

/**
 * A schedule whose `SecretId` cannot be resolved (a parameter without default, an import, an unknown intrinsic): it
 * may rotate any secret of the template, and `from` says where the id comes from. (Another resource's attribute names
 * that resource's secret, not one of this template's.)
 */
export interface UnresolvedSchedule {
  readonly schedule: ResourceEntry;
  readonly from: string;
}

export interface ScheduleTargets {
  /** Rotation schedules targeting each secret, by the secret's logical id. */
  readonly bySecret: Map<string, ResourceEntry[]>;
  readonly unresolved: UnresolvedSchedule[];
}

/** Which secret each rotation schedule targets; worked out once per template. */
export function schedulesBySecret(ctx: RuleContext): ScheduleTargets {
  return ctx.evaluator.once(findSchedules, ctx.template);
}

/** Stands for a `SecretId` that cannot be resolved. */
const UNKNOWN = Symbol('unknown');

function findSchedules(t: TemplateModel, ev: Evaluator): ScheduleTargets {
  const secrets = t.resourcesOfType(SECRET);
  const byName = new Map<string, string>();
  for (const s of secrets) {
    for (const n of ev.scalars(s.properties, ['Name'])) {
      const key = nameKey(n.value);
      if (key !== undefined) byName.set(key, s.logicalId);
    }
  }
  const bySecret = new Map<string, ResourceEntry[]>();
  const unresolved: UnresolvedSchedule[] = [];
  for (const schedule of t.resourcesOfType(ROTATION_SCHEDULE)) {
    const targets = new Set<string>();
    for (const c of ev.scalars(schedule.properties, ['SecretId'])) {
      const id = secretTarget(c.value, t, ev, byName);
      if (id === UNKNOWN) unresolved.push({ schedule, from: describeCandidate(c) });
      else if (id) targets.add(id);
    }
    for (const id of targets) {
      const list = bySecret.get(id);
      if (list) list.push(schedule);
      else bySecret.set(id, [schedule]);
    }
  }
  return { bySecret, unresolved };
}

/** The key a secret's `Name` and a schedule's `SecretId` meet under: the text, or the parameter both name. */
function nameKey(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof Opaque && v.source.kind === 'parameter') return `\0parameter ${v.source.name}`;
  return undefined;
}

/** Sources of a `SecretId` that could name any secret, this template's included. */
const UNKNOWABLE = new Set(['parameter', 'import', 'unknown-function', 'unresolved']);

function secretTarget(v: unknown, t: TemplateModel, ev: Evaluator, byName: Map<string, string>): string | undefined | typeof UNKNOWN {
  if (v === ABSENT) return undefined;
  const key = nameKey(v);
  if (key !== undefined && byName.has(key)) return byName.get(key);
  if (v instanceof Opaque) {
    const s = v.source;
    if (s.kind === 'resource' || s.kind === 'attribute') {
      const r = t.resource(s.logicalId);
      if (r?.type === SECRET) return r.logicalId;
      if (r?.type === TARGET_ATTACHMENT) {
        for (const alt of ev.scalars(r.properties, ['SecretId'])) {
          const inner = secretTarget(alt.value, t, ev, byName);
          if (inner) return inner;
        }
      }
      return undefined;
    }
    return UNKNOWABLE.has(s.kind) ? UNKNOWN : undefined;
  }
  if (typeof v === 'string') {
    const name = arnSecretName(v);
    return name !== undefined ? byName.get(name) : undefined;
  }
  if (v instanceof Composite) {
    // An ARN assembled with Fn::Sub, e.g. arn:${AWS::Partition}:secretsmanager:…:secret:my-name
    const tail = v.parts[v.parts.length - 1];
    const name = typeof tail === 'string' ? arnSecretName(tail) : undefined;
    if (name !== undefined) return byName.get(name);
    return v.parts.some((p) => p instanceof Opaque && (UNKNOWABLE.has(p.source.kind) || secretTarget(p, t, ev, byName) === UNKNOWN)) ? UNKNOWN : undefined;
  }
  return undefined;
}

/**
 * The secret name of an ARN's `:secret:<name>` tail, without the six characters Secrets Manager appends. Only the
 * last line can match (`.` stops at line breaks, `$` is the end), so only it is searched: over the whole text, the
 * search would cross it again from every `:secret:` before a line break.
 */
function arnSecretName(text: string): string | undefined {
  const line = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'), text.lastIndexOf('\u2028'), text.lastIndexOf('\u2029')) + 1;
  return /:secret:(.+?)(-[A-Za-z0-9]{6})?$/.exec(line === 0 ? text : text.slice(line))?.[1];
}

/**
 * Rotation interval of a schedule in days, from `RotationRules.AutomaticallyAfterDays` or
 * `RotationRules.ScheduleExpression` (`rate(…)` or `cron(…)`, the longest gap between runs).
 * Returns `undefined` when neither is set, `null` when it cannot be determined.
 */
export function intervalDays(value: unknown, kind: 'days' | 'expression'): number | null | undefined {
  if (value === ABSENT || value === undefined) return undefined;
  if (kind === 'days') {
    const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
    return Number.isFinite(n) ? n : null;
  }
  if (typeof value !== 'string') return null;
  const rate = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/i.exec(value.trim());
  if (rate) {
    const n = Number(rate[1]);
    const unit = rate[2].toLowerCase();
    return unit.startsWith('day') ? n : unit.startsWith('hour') ? n / 24 : n / 1440;
  }
  const cron = /^cron\((.*)\)$/i.exec(value.trim());
  if (cron) return cronMaxGapDays(cron[1]);
  return null;
}

/** Longest gap, in days, between runs of a six-field AWS cron expression; null if the expression is not understood. */
export function cronMaxGapDays(expr: string): number | null {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 6) return null;
  const [, , dom, month, dow] = fields;
  const any = (f: string) => f === '*' || f === '?';
  const monthGap = any(month) ? 1 : maxCyclicGap(parseField(month, 1, 12), 12);
  if (monthGap === null) return null;
  if (monthGap > 1) return monthGap * 31;
  if (any(dom) && any(dow)) return 1;
  if (!any(dow)) {
    if (/#|L/i.test(dow)) return 35; // the nth or last weekday of a month
    return maxCyclicGap(parseField(dow, 1, 7, DAY_NAMES), 7);
  }
  if (/^L$/i.test(dom)) return 31;
  return maxCyclicGap(parseField(dom.replace(/W/gi, ''), 1, 31), 31);
}

const DAY_NAMES: Record<string, number> = { SUN: 1, MON: 2, TUE: 3, WED: 4, THU: 5, FRI: 6, SAT: 7 };
const MONTH_NAMES: Record<string, number> = {
  JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12,
};

function parseField(field: string, min: number, max: number, names: Record<string, number> = MONTH_NAMES): number[] | null {
  const values = new Set<number>();
  const num = (s: string): number => (s.toUpperCase() in names ? names[s.toUpperCase()] : Number(s));
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let lo: number;
    let hi: number;
    if (range === '*') [lo, hi] = [min, max];
    else if (range.includes('-')) [lo, hi] = range.split('-').map(num) as [number, number];
    else [lo, hi] = [num(range), stepText === undefined ? num(range) : max];
    if (![lo, hi, step].every(Number.isInteger) || step < 1 || lo < min || hi > max || lo > hi) return null;
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return values.size > 0 ? [...values].sort((a, b) => a - b) : null;
}

function maxCyclicGap(sorted: number[] | null, cycle: number): number | null {
  if (!sorted) return null;
  let gap = sorted[0] + cycle - sorted[sorted.length - 1];
  for (let i = 1; i < sorted.length; i++) gap = Math.max(gap, sorted[i] - sorted[i - 1]);
  return gap;
}
