/**
 * A miss found by the holdout rw514-rw538 (rw526, after bridgecrewio/checkov
 * tests/cloudformation/checks/resource/aws/example_EC2Credentials/EC2Credentials-FAILED_B64encoded.yaml): user data
 * committed already base64-encoded, as EC2 returns it and as templates copied from running stacks hold it. The same
 * script with an IAM user's access key id and secret access key was an ERROR written as text under Fn::Base64 and
 * passed silently as a base64 string. SEC10 now reads a UserData string that is base64 of text as that text.
 */
import type { Finding } from '../../../rules/engine/types';
import { audit } from '../helpers';

const KEY_ID = 'AKIAQ7MZ3RT5WX2KD4NB';
const SECRET = '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';
const b64 = (text: string) => Buffer.from(text).toString('base64');
const script = (id: string, secret: string) => `#!/bin/bash\nyum install -y httpd\nexport AWS_ACCESS_KEY_ID=${id}\nexport AWS_SECRET_ACCESS_KEY=${secret}\naws s3 sync s3://site /var/www/html\n`;
const sec10 = (findings: Finding[]) => findings.filter((f) => f.ruleId === 'TokenGuard-SEC10').map((f) => `${f.kind} ${f.logicalId} ${f.path}`);
const instance = (userData: unknown) => ({ Resources: { Web: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-0abcdef1234567890', InstanceType: 't3.micro', UserData: userData } } } });

describe('base64-encoded user data', () => {
  test('compliant: encoded scripts without credentials, with placeholder exports, and base64 that is not text', () => {
    expect(sec10(audit(instance(b64('#!/bin/bash\nyum install -y httpd\nsystemctl enable --now httpd\n'))))).toEqual([]);
    expect(sec10(audit(instance(b64(script('FOO', 'bar')))))).toEqual([]);
    expect(sec10(audit(instance(Buffer.from(Array.from({ length: 96 }, (_, i) => (i * 37) % 256)).toString('base64'))))).toEqual([]);
  });

  test('non-compliant: an access key pair in an encoded script, in an instance and in a launch template', () => {
    expect(sec10(audit(instance(b64(script(KEY_ID, SECRET)))))).toEqual(['violation Web Properties.UserData']);
    const launchTemplate = {
      Resources: { Lt: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { ImageId: 'ami-0abcdef1234567890', UserData: b64(script(KEY_ID, SECRET)) } } } },
    };
    expect(sec10(audit(launchTemplate))).toEqual(['violation Lt Properties.LaunchTemplateData.UserData']);
    // The same pair written as text was reported before; it still is.
    expect(sec10(audit(instance({ 'Fn::Base64': script(KEY_ID, SECRET) })))).toEqual(['violation Web Properties.UserData']);
  });

  test('cannot tell: SEC10 judges literals only; user data from an import gives it nothing to read', () => {
    expect(sec10(audit(instance({ 'Fn::Base64': { 'Fn::ImportValue': 'web-user-data' } })))).toEqual([]);
  });
});
