/**
 * The gate as CI runs it: the real `cdk synth` CLI on the reference app (cdk.json), both variants.
 * Slow (a process per synth), so kept to these two runs.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

function synth(...args: string[]) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-synth-'));
  const result = spawnSync('npx', ['cdk', 'synth', '--no-notices', '--quiet', '--output', out, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production', CI: 'true', FORCE_COLOR: '0' },
    timeout: 240_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}`, out };
}

describe('npx cdk synth through the gate', () => {
  test('the reference app synthesises (exit 0) with no TokenGuard finding', () => {
    const r = synth();
    expect(r.output).not.toMatch(/TokenGuard-[A-Z]+\d+ \w+:/);
    expect(r.status).toBe(0);
    expect(fs.readdirSync(r.out).some((f) => f.endsWith('.template.json'))).toBe(true);
    // The delegated client's vault is served by a token broker, whose rotation function runs the vault's schedule and
    // whose revocation function ends the grant; alarms and the unexpected-read rule watch it.
    const template = JSON.parse(fs.readFileSync(path.join(r.out, 'TokenGuardReference.template.json'), 'utf8')) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    const resources = Object.values(template.Resources);
    const alarms = resources.filter((x) => x.Type === 'AWS::CloudWatch::Alarm').map((x) => x.Properties.MetricName);
    expect(alarms.sort()).toEqual(['BrokerFailure', 'GrantUnusable', 'RevocationFailure', 'RotationFailure']);
    const functions = Object.entries(template.Resources).filter(([, x]) => x.Type === 'AWS::Lambda::Function').map(([id]) => id);
    expect(functions.filter((id) => id.startsWith('IntegrationBroker'))).toHaveLength(3);
    // The unexpected-read rule (read-only events need the state that admits them) and the vault-change alert's three.
    expect(resources.filter((x) => x.Type === 'AWS::Events::Rule').map((x) => x.Properties.State).sort()).toEqual(['ENABLED', 'ENABLED', 'ENABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS']);
  }, 300_000);

  test('the risky variant fails (non-zero exit) and names the rules', () => {
    const r = synth('-c', 'variant=risky');
    expect(r.status).not.toBe(0);
    for (const id of ['TokenGuard-COG3', 'TokenGuard-COG4', 'TokenGuard-COG6']) expect(r.output).toContain(`ERROR ${id}`);
    expect(r.output).toContain('Refresh tokens live 3650 days');
  }, 300_000);
});
