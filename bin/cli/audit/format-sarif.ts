/**
 * `--format sarif`: SARIF 2.1.0 (OASIS), as code-scanning services ingest it.
 *
 * - `tool.driver.rules`: every rule with its summary, rationale, fix (help text and markdown), standards (tags),
 *   default level and a help URI to its section of RULES.md.
 * - `results`: level `error` / `warning`; a physical location (file relative to `%SRCROOT%`, the working
 *   directory, and line/column where the loader has them) and a logical location (the resource, parameter or
 *   output, fully qualified by its construct path when known); a partial fingerprint that survives line moves.
 * - Suppressed findings stay in `results` with an `inSource` suppression carrying the written reason.
 * - Input errors become `toolExecutionNotifications` of the invocation, which is marked unsuccessful.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { formatStandard } from '../../../rules/engine/standards';
import type { RuleMeta } from '../../../rules/engine/types';
import { META_RULES } from '../../../rules/meta';
import { ALL_RULES } from '../../../rules/registry';
import { anchor } from '../../../rules/docs/anchor';
import { packageInfo } from '../package-info';
import type { AuditReport, ReportError, ReportFinding, SuppressedFinding } from './report';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

export function formatSarif(report: AuditReport, cwd: string): string {
  const info = packageInfo();
  const rules: RuleMeta[] = [...ALL_RULES, ...META_RULES];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results: Sarif.Result[] = [
    ...report.findings.map((f) => result(f, index, cwd)),
    ...report.suppressed.map((f) => result(f, index, cwd)),
  ];
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'token-guard',
            fullName: 'cdk-token-guard audit',
            version: info.version,
            semanticVersion: info.version,
            informationUri: info.rulesUrl,
            rules: rules.map((r) => descriptor(r, info.rulesUrl)),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd.endsWith(sep) ? cwd : `${cwd}${sep}`).href } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: report.errors.length === 0,
            exitCode: report.summary.exitCode,
            toolExecutionNotifications: report.errors.map((e) => notification(e, cwd)),
          },
        ],
        results,
      },
    ],
  };
  return `${JSON.stringify(log, undefined, 2)}\n`;
}

function descriptor(r: RuleMeta, rulesUrl: string): Sarif.ReportingDescriptor {
  const helpUri = `${rulesUrl}#${anchor(r)}`;
  return {
    id: r.id,
    name: r.name,
    shortDescription: { text: r.summary },
    fullDescription: { text: r.rationale },
    help: {
      text: `Fix in CloudFormation: ${r.fix.cloudFormation}\nFix in CDK: ${r.fix.cdk}\nLevel: ${r.levels}`,
      markdown: `**Fix in CloudFormation:** ${r.fix.cloudFormation}\n\n**Fix in CDK:** \`${r.fix.cdk.replace(/`/g, "'")}\`\n\n**Level:** ${r.levels}\n\n[${r.id} in RULES.md](${helpUri})`,
    },
    helpUri,
    defaultConfiguration: { level: r.defaultSeverity === 'error' ? 'error' : 'warning' },
    properties: {
      category: r.category,
      tags: ['security', r.category, ...r.standards.map(formatStandard)],
    },
  };
}

/** Loaded with the first fingerprint, not with the CLI: a JSON or text report never needs node:crypto. */
function sha256(): import('node:crypto').Hash {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('node:crypto') as typeof import('node:crypto')).createHash('sha256');
}

function result(f: ReportFinding | SuppressedFinding, index: ReadonlyMap<string, number>, cwd: string): Sarif.Result {
  const when = f.conditions !== undefined && f.conditions.length > 0 ? ` (when ${f.conditions.join(' and ')})` : '';
  const out: Sarif.Result = {
    ruleId: f.ruleId,
    ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
    level: f.severity === 'error' ? 'error' : 'warning',
    message: { text: `${f.kind === 'cannot-tell' ? '[cannot tell] ' : ''}${f.message}${when}` },
    locations: [
      {
        ...physical(f.file, f.line, f.column, cwd),
        logicalLocations: [
          {
            name: f.logicalId,
            fullyQualifiedName: f.constructPath ?? [f.stack, f.section === 'Resources' ? f.logicalId : `${f.section}.${f.logicalId}`].filter(Boolean).join('/'),
            kind: LOGICAL_KINDS[f.section] ?? 'section',
          },
        ],
      },
    ],
    partialFingerprints: {
      'tokenGuardFinding/v1': sha256()
        .update([f.ruleId, f.file, f.stack ?? '', f.section, f.logicalId, f.path, f.message].join('\u0000'))
        .digest('hex')
        .slice(0, 32),
    },
    properties: {
      kind: f.kind,
      ruleName: f.ruleName,
      path: f.path,
      ...(f.resourceType !== undefined ? { resourceType: f.resourceType } : {}),
      ...(f.stack !== undefined ? { stack: f.stack } : {}),
      ...(f.conditions !== undefined ? { conditions: f.conditions } : {}),
      standards: f.standards,
    },
  };
  if ('suppression' in f) {
    out.suppressions = [
      {
        kind: 'inSource',
        status: 'accepted',
        justification: f.suppression.reason,
        ...(f.suppression.line !== undefined ? { location: physical(f.file, f.suppression.line, f.suppression.column, cwd) } : {}),
        properties: { source: f.suppression.source },
      },
    ];
  }
  return out;
}

const LOGICAL_KINDS: Readonly<Record<string, string>> = { Parameters: 'parameter', Outputs: 'output', Resources: 'resource' };

function notification(e: ReportError, cwd: string): Sarif.Notification {
  return {
    level: 'error',
    message: { text: e.message },
    descriptor: { id: e.code },
    locations: [physical(e.file, e.line, e.column, cwd)],
  };
}

/** The last file's artifact location: a template's results come one after another. */
let last: { file: string; cwd: string; location: Sarif.ArtifactLocation } | undefined;

/** A physical location: relative to %SRCROOT% when the file is under the working directory. */
function physical(file: string, line: number | undefined, column: number | undefined, cwd: string): Sarif.Location {
  if (file === '-' || file === '<stdin>') return { message: { text: 'standard input' } };
  if (last?.file !== file || last.cwd !== cwd) {
    const absolute = resolve(cwd, file);
    const under = relative(cwd, absolute);
    const location = under !== '' && !under.startsWith('..') && !isAbsolute(under) ? { uri: under.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT } : { uri: pathToFileURL(absolute).href };
    last = { file, cwd, location };
  }
  const artifactLocation = last.location;
  return {
    physicalLocation: {
      artifactLocation,
      ...(line !== undefined ? { region: { startLine: line, ...(column !== undefined ? { startColumn: column } : {}) } } : {}),
    },
  };
}
