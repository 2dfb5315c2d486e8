/**
 * The bad-input corpus shared by the input layer's tests (bad-inputs.test.ts) and the CLI's end-to-end tests
 * (audit-bad-inputs.test.ts): each case makes one input that must be refused with one InputError. All inputs are
 * generated; nothing is committed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { InputErrorCode } from '../../bin/cli/input-error';
import { DEFAULT_LIMITS } from '../../bin/cli/limits';
import { MINIMAL_JSON, MINIMAL_YAML, write } from './helpers';

const nested = (levels: number) => '{"a":'.repeat(levels - 2) + '{}' + '}'.repeat(levels - 2);
const yamlNested = (levels: number) =>
  'Resources: {}\n' + Array.from({ length: levels - 1 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' leaf\n';
const laughs = (levels: number) =>
  ['Resources: {}', 'l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    .concat(Array.from({ length: levels }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(',')}]`))
    .join('\n');

export type Maker = (dir: string) => string;
const file = (name: string, content: string | Buffer): Maker => (dir) => write(dir, name, content);

/** [name, how to make it, expected code, expected reason (a regex when it names temp paths)] */
export const BAD_INPUTS: Array<[string, Maker, InputErrorCode, string | RegExp]> = [
  // Malformed JSON at various places
  ['JSON: value missing', file('a.json', '{"Resources": {"A": }}'), 'syntax', 'malformed JSON: expected a value but found "}"'],
  ['JSON: trailing comma', file('a.json', '{"Resources": {"A": {"Type": "x"},}}'), 'syntax', "malformed JSON: trailing comma before '}'"],
  ['JSON: missing colon', file('a.json', '{"Resources" {}}'), 'syntax', `malformed JSON: expected ':' after the key but found "{"`],
  ['JSON: unterminated string', file('a.json', '{"Resources": {"A": {"Type": "AWS::SNS::Topic}}}'), 'syntax', 'malformed JSON: unterminated string (a line break inside quotes?)'],
  ['JSON: truncated file', file('a.json', MINIMAL_JSON.slice(0, 51)), 'syntax', "malformed JSON: expected '}' but found the end of the file"],
  ['JSON: truncated in a string', file('a.json', MINIMAL_JSON.slice(0, 30)), 'syntax', 'malformed JSON: unterminated string (a line break inside quotes?)'],
  ['JSON: single quotes', file('a.json', "{'Resources': {}}"), 'syntax', 'malformed JSON: unexpected single quote (JSON strings use double quotes)'],
  ['JSON: a comment', file('a.json', '{\n  // the stack\n  "Resources": {}\n}'), 'syntax', 'malformed JSON: a comment, which JSON does not have'],
  ['JSON: two documents', file('a.json', `${MINIMAL_JSON}\n${MINIMAL_JSON}`), 'syntax', 'malformed JSON: unexpected "{" after the end of the JSON value'],
  ['JSON: bad escape', file('a.json', '{"Resources": {"A\\x": {}}}'), 'syntax', 'malformed JSON: invalid escape in a string'],
  ['JSON: raw line break in a string', file('a.json', '{"Resources": {"A": {"Type": "AWS::\nSNS"}}}'), 'syntax', 'malformed JSON: unterminated string (a line break inside quotes?)'],
  // Malformed YAML
  ['YAML: bad indentation', file('a.yaml', 'Resources:\n  A:\n    Type: x\n   Properties: {}\n'), 'syntax', 'malformed YAML: All mapping items must start at the same column'],
  ['YAML: tab indentation', file('a.yaml', 'Resources:\n\tA: {}\n'), 'syntax', 'malformed YAML: Tabs are not allowed as indentation'],
  ['YAML: unclosed flow sequence', file('a.yaml', 'Resources:\n  A: [x, y\n  B: z\n'), 'syntax', 'malformed YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
  ['YAML: unclosed quote', file('a.yaml', 'Resources:\n  A: "open\n'), 'syntax', 'malformed YAML: Missing closing "quote'],
  ['YAML: two tags on one node', file('a.yaml', 'Resources:\n  A: !Base64 !Sub x\n'), 'syntax', 'malformed YAML: A node can have at most one tag'],
  ['YAML: unknown alias', file('a.yaml', 'Resources:\n  A: *nowhere\n'), 'syntax', 'alias *nowhere has no anchor &nowhere before it'],
  ['YAML: circular alias', file('a.yaml', 'Resources: &r\n  A: [*r]\n'), 'syntax', 'alias *r refers to a node that contains it (a circular reference)'],
  ['YAML: a collection as a key', file('a.yaml', 'Resources: {}\n? [a, b]\n: c\n'), 'unsupported-yaml', 'a mapping key is a collection; template keys are strings'],
  ['YAML: several documents', file('a.yaml', `${MINIMAL_YAML}---\n${MINIMAL_YAML}`), 'unsupported-yaml', "file holds 2 YAML documents ('---'); a template is a single document"],
  // Alias bombs
  ['YAML: billion laughs', file('a.yaml', laughs(9)), 'too-complex', /^YAML aliases expand too much \(the yaml library's alias limit of 100 says/],
  ['YAML: small alias bomb', file('a.yaml', laughs(3)), 'too-complex', /^YAML aliases expand too much \(the yaml library's alias limit of 100 says/],
  // Deep nesting
  ['JSON: 50 levels deep', file('a.json', `{"Resources": {}, "X": ${nested(50)}}`), 'too-deep', 'nesting is deeper than 40 levels (the depth limit)'],
  ['YAML: 50 levels deep', file('a.yaml', yamlNested(50)), 'too-deep', 'nesting is deeper than 40 levels (the depth limit)'],
  ['JSON: a million levels deep', file('a.json', '['.repeat(1_000_000) + ']'.repeat(1_000_000)), 'too-deep', 'nesting is deeper than 40 levels (the depth limit)'],
  ['YAML: 300,000 flow levels deep', file('a.yaml', `Resources:\n  A: ${'['.repeat(300_000)}`), 'too-deep', 'nesting is deeper than 40 levels (the depth limit)'],
  // Size, encoding, emptiness
  [
    'a file over the size cap',
    file('a.json', `{"Resources": {}, "Pad": "${'x'.repeat(DEFAULT_LIMITS.maxBytes)}"}`),
    'too-large',
    /^file is 5,242,90\d bytes, over the 5 MiB limit \(5,242,880 bytes; the size limit can be raised\)$/,
  ],
  ['binary bytes', file('a.json', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00])), 'binary', 'file contains binary data (a NUL byte at offset 8); not a template'],
  ['UTF-16 text', file('a.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MINIMAL_YAML, 'utf16le')])), 'binary', 'file is UTF-16 encoded; save it as UTF-8'],
  ['Latin-1 text', file('a.yaml', Buffer.from('Resources: {}\nDescription: caf\xe9\n', 'latin1')), 'binary', 'file is not valid UTF-8 text (binary data or another encoding)'],
  ['an empty file', file('a.json', ''), 'empty', 'file is empty'],
  ['only whitespace', file('a.yaml', '  \n\n\t\n'), 'empty', 'file has only whitespace'],
  ['only comments', file('a.yaml', '# TODO: write the template\n---\n'), 'empty', 'file has no content (only whitespace, YAML comments or document markers)'],
  // Parses, but is not a template
  ['JSON: a list at the top', file('a.json', '[{"Resources": {}}]'), 'not-a-template', 'not a CloudFormation template: the top level is a list, not a mapping with a Resources section'],
  ['JSON: a number at the top', file('a.json', '42'), 'not-a-template', 'not a CloudFormation template: the top level is a number (42), not a mapping with a Resources section'],
  ['JSON: a string at the top', file('a.json', '"Resources"'), 'not-a-template', 'not a CloudFormation template: the top level is a string ("Resources"), not a mapping with a Resources section'],
  ['JSON: null at the top', file('a.json', 'null'), 'not-a-template', 'not a CloudFormation template: the top level is empty (null), not a mapping with a Resources section'],
  ['YAML: plain text', file('a.yaml', 'Just some notes about the stack\n'), 'not-a-template', 'not a CloudFormation template: the top level is a string ("Just some notes about the stack"), not a mapping with a Resources section'],
  ['a mapping without Resources', file('a.json', '{"AWSTemplateFormatVersion": "2010-09-09", "Outputs": {}}'), 'not-a-template', 'not a CloudFormation template: no Resources section; top-level keys: "AWSTemplateFormatVersion", "Outputs"'],
  ['lower-case resources', file('a.yaml', 'resources:\n  A: {}\n'), 'not-a-template', 'not a CloudFormation template: no Resources section (found "resources"; section names are case-sensitive); top-level keys: "resources"'],
  ['Resources as a list', file('a.yaml', 'Resources:\n  - Type: AWS::SNS::Topic\n'), 'not-a-template', 'Resources is a list, not a mapping of logical IDs to resources'],
  ['Resources empty', file('a.yaml', 'AWSTemplateFormatVersion: 2010-09-09\nResources:\n'), 'not-a-template', 'Resources is empty (null), not a mapping of logical IDs to resources'],
  ['Resources a string', file('a.json', '{"Resources": "none"}'), 'not-a-template', 'Resources is a string ("none"), not a mapping of logical IDs to resources'],
  // Tags CloudFormation does not have
  ['YAML: an unknown short-form tag', file('a.yaml', 'Resources:\n  A:\n    Type: x\n    Properties:\n      V: !Uppercase foo\n'), 'unsupported-yaml', 'unknown short-form tag "!Uppercase": not a CloudFormation intrinsic function'],
  ['YAML: !!binary', file('a.yaml', 'Resources: {}\nData: !!binary aGVsbG8=\n'), 'unsupported-yaml', 'CloudFormation does not support the !!binary tag'],
  ['YAML: !!timestamp', file('a.yaml', 'Resources: {}\nWhen: !!timestamp 2024-01-01\n'), 'unsupported-yaml', 'CloudFormation does not support the !!timestamp tag'],
  ['YAML: a URI tag', file('a.yaml', 'Resources: {}\nX: !<tag:example.com,2000:thing> y\n'), 'unsupported-yaml', 'unsupported YAML tag "tag:example.com,2000:thing"'],
  // Duplicate keys
  ['JSON: duplicate logical ID', file('a.json', '{"Resources": {\n "A": {"Type": "x"},\n "A": {"Type": "y"}}}'), 'duplicate-key', 'duplicate key "A" (first at line 2, column 2); CloudFormation would silently use the last one'],
  ['YAML: duplicate property', file('a.yaml', 'Resources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      EnableTokenRevocation: true\n      EnableTokenRevocation: false\n'), 'duplicate-key', 'duplicate key "EnableTokenRevocation" (first at line 5, column 7); CloudFormation would silently use the last one'],
  ['YAML: duplicate section', file('a.yaml', `${MINIMAL_YAML}Resources: {}\n`), 'duplicate-key', 'duplicate key "Resources" (first at line 1, column 1); CloudFormation would silently use the last one'],
  // Paths
  ['a missing path', (dir) => path.join(dir, 'does-not-exist.yaml'), 'not-found', 'no such file or directory'],
  ['a dangling symbolic link', (dir) => { const link = path.join(dir, 'link.yaml'); fs.symlinkSync(path.join(dir, 'gone.yaml'), link); return link; }, 'not-found', 'no such file or directory'],
  ['a directory without templates', (dir) => { write(dir, 'notes/readme.txt', 'hello'); write(dir, 'notes/package.json', '{}'); return path.join(dir, 'notes'); }, 'no-templates', 'no CloudFormation templates or cloud assemblies found in this directory (2 entries skipped; --verbose lists them)'],
  ['a file name with a line break', file('evil\nname.json', '{'), 'syntax', "malformed JSON: expected '}' but found the end of the file"],
  // Cloud assemblies
  ['cdk.out without manifest.json', (dir) => { write(dir, 'cdk.out/Stack.template.json', MINIMAL_JSON); return path.join(dir, 'cdk.out'); }, 'cloud-assembly', 'no manifest.json: not a CDK cloud assembly (did cdk synth finish?)'],
  ['cdk.out with a malformed manifest', (dir) => { write(dir, 'cdk.out/manifest.json', '{"version": "55.0.0", "artifacts": {'); return path.join(dir, 'cdk.out'); }, 'cloud-assembly', "malformed cloud assembly manifest: malformed JSON: expected '}' but found the end of the file"],
  ['cdk.out with no stacks', (dir) => { write(dir, 'cdk.out/manifest.json', '{"version": "55.0.0", "artifacts": {}}'); return path.join(dir, 'cdk.out'); }, 'cloud-assembly', 'the cloud assembly has no stacks (no aws:cloudformation:stack artifacts in manifest.json)'],
  [
    'a manifest pointing at a missing template',
    (dir) => {
      write(dir, 'cdk.out/manifest.json', '{"version": "55.0.0", "artifacts": {"App": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "App.template.json"}}}}');
      return path.join(dir, 'cdk.out');
    },
    'cloud-assembly',
    /^no such file or directory \(it is the templateFile of stack artifact "App" in .*manifest\.json\)$/,
  ],
  [
    'a manifest pointing outside its directory',
    (dir) => {
      write(dir, 'cdk.out/manifest.json', '{"version": "55.0.0", "artifacts": {"App": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "/etc/passwd"}}}}');
      return path.join(dir, 'cdk.out');
    },
    'cloud-assembly',
    'stack artifact "App"\'s templateFile points outside the assembly directory ("/etc/passwd"); refusing to read it',
  ],
];
