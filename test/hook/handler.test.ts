/**
 * The hook's Lambda handler against a local HTTPS stand-in for the payload URL (payload-standin.ts): stack, change-set
 * and resource requests; compliant, non-compliant and warnings-only templates; acknowledgements with and without a
 * reason; oversized, malformed and refused payloads; internal failures in both failure modes; and logs without
 * template secrets.
 */
import { createLogger } from '../../lib/handlers/log';
import { createHookHandler, FAILURE_MODE_ENV, POLICY_ENV, type HookHandler } from '../../lib/token-guard-hook/hook.handler';
import type { HookResponse } from '../../lib/token-guard-hook/protocol';
import { clientTemplate, GOOD_CLIENT } from '../rules/helpers';
import { presignedQuery, stackPayload, startPayloadStandIn, type PayloadStandIn } from './payload-standin';
import { changeSetRequest, resourceRequest, stackRequest } from './requests';

let s3: PayloadStandIn;
beforeAll(async () => {
  s3 = await startPayloadStandIn();
});
afterAll(() => s3.close());

interface Harness {
  readonly handle: HookHandler;
  readonly logs: string[];
}

function harness(env: Record<string, string> = {}, maxBytes?: number): Harness {
  const logs: string[] = [];
  const handle = createHookHandler({
    env,
    payload: { ...s3.options, ...(maxBytes !== undefined ? { maxBytes } : {}) },
    log: createLogger({ write: (line) => logs.push(line) }),
  });
  return { handle, logs };
}

const json = (t: unknown) => JSON.stringify(t, undefined, 2);
/** A client with the implicit grant on (TokenGuard-COG6, an ERROR). */
const IMPLICIT = clientTemplate({ ...GOOD_CLIENT, AllowedOAuthFlows: ['code', 'implicit'] });
/** Cognito's default token lifetimes on an otherwise careful client: warnings only. */
const WARNINGS_ONLY = clientTemplate(Object.fromEntries(Object.entries(GOOD_CLIENT).filter(([key]) => !/TokenValidity(Units)?$/.test(key))));

async function stack(h: Harness, template: string | null): Promise<HookResponse> {
  return h.handle(stackRequest(s3.put(stackPayload(template, null))));
}

const failedNames = (r: HookResponse) => (r.annotations ?? []).filter((a) => a.status === 'FAILED').map((a) => a.annotationName);

describe('stack operations', () => {
  it('a compliant template succeeds, and every rule is annotated PASSED', async () => {
    const r = await stack(harness(), json(clientTemplate(GOOD_CLIENT)));
    expect(r).toMatchObject({ hookStatus: 'SUCCESS', clientRequestToken: 'f8da6d11-b23f-48f4-814c-0fb6a667f50e' });
    expect(r.errorCode).toBeUndefined();
    expect(r.message).toBe('TokenGuard: stack orders-prod passes (no findings).');
    expect(r.annotations!.length).toBeGreaterThan(20);
    expect(r.annotations!.every((a) => a.status === 'PASSED')).toBe(true);
  });

  it('an ERROR finding fails the operation: rule and resource first, then the finding and its fix; a HIGH annotation', async () => {
    const r = await stack(harness(), json(IMPLICIT));
    expect(r).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(r.message).toMatch(/^TokenGuard blocks stack orders-prod: 1 ERROR finding\. TokenGuard-COG6 ImplicitGrant \(ERROR\) on Client\. \[ERROR\] TokenGuard-COG6 Client Properties\.AllowedOAuthFlows/);
    expect(r.message).toContain('Fix: ');
    const a = r.annotations!.find((x) => x.annotationName === 'TokenGuard-COG6')!;
    expect(a).toMatchObject({ status: 'FAILED', severityLevel: 'HIGH' });
    expect(a.remediationMessage).toMatch(/^CloudFormation: .+ CDK: .+ Why: /);
    expect(failedNames(r)).toEqual(['TokenGuard-COG6']);
  });

  it('WARN findings succeed with a message naming them, MEDIUM annotations', async () => {
    const r = await stack(harness(), json(WARNINGS_ONLY));
    expect(r.hookStatus).toBe('SUCCESS');
    expect(r.message).toMatch(/^TokenGuard: stack orders-prod passes with 3 warnings\. TokenGuard-COG1 AccessTokenLifetime \(WARN\) on Client\./);
    expect(failedNames(r).sort()).toEqual(['TokenGuard-COG1', 'TokenGuard-COG2', 'TokenGuard-COG3']);
    expect(r.annotations!.filter((a) => a.status === 'FAILED').every((a) => a.severityLevel === 'MEDIUM')).toBe(true);
  });

  it('in WARN failure mode an ERROR finding still answers FAILED, and the message says the operation goes on', async () => {
    const r = await stack(harness({ [FAILURE_MODE_ENV]: 'WARN' }), json(IMPLICIT));
    expect(r).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(r.message).toMatch(/^TokenGuard: stack orders-prod has 1 ERROR finding; the hook is in WARN mode, so the operation goes on\./);
  });

  it('reads YAML with short-form intrinsics as the CLI does (the condition is named)', async () => {
    const yaml = [
      'Conditions:',
      '  IsProd: !Equals [!Ref "AWS::Region", eu-west-1]',
      'Resources:',
      '  Pool:',
      '    Type: AWS::Cognito::UserPool',
      '  Client:',
      '    Type: AWS::Cognito::UserPoolClient',
      '    Properties:',
      '      UserPoolId: !Ref Pool',
      ...Object.entries({ ...GOOD_CLIENT, AllowedOAuthFlows: undefined }).filter(([, v]) => v !== undefined).map(([k, v]) => `      ${k}: ${JSON.stringify(v)}`),
      '      AllowedOAuthFlows: !If [IsProd, [code], [code, implicit]]',
    ].join('\n');
    const r = await stack(harness(), yaml);
    expect(r.hookStatus).toBe('FAILED');
    expect(r.message).toContain('(when IsProd=false)');
  });

  it('applies the policy from the environment (a rule switched off is SKIPPED, a threshold moved)', async () => {
    const h = harness({ [POLICY_ENV]: JSON.stringify({ rules: { 'TokenGuard-COG6': 'off' }, accessTokenMinutes: { warnAbove: 60 } }) });
    const r = await stack(h, json(IMPLICIT));
    expect(r.hookStatus).toBe('SUCCESS');
    expect(r.annotations!.find((a) => a.annotationName === 'TokenGuard-COG6')).toMatchObject({ status: 'SKIPPED' });
  });

  it('a stack deletion (empty template) and the DELETE invocation point have nothing to check', async () => {
    const h = harness();
    expect(await stack(h, null)).toMatchObject({ hookStatus: 'SUCCESS', message: 'TokenGuard: stack orders-prod has no template to check.' });
    const before = s3.requests.length;
    const r = await h.handle(stackRequest(s3.put(stackPayload(json(IMPLICIT))), { actionInvocationPoint: 'DELETE_PRE_PROVISION' }));
    expect(r.hookStatus).toBe('SUCCESS');
    expect(s3.requests.length).toBe(before);
  });
});

describe('acknowledgements travel in the template', () => {
  const acknowledged = (reason: string) => {
    const t = IMPLICIT as { Resources: Record<string, Record<string, unknown>> };
    return json({ ...t, Resources: { ...t.Resources, Client: { ...t.Resources.Client, Metadata: { 'cdk-token-guard': { suppress: [{ id: 'TokenGuard-COG6', reason }] } } } } });
  };

  it('with a reason, the finding is acknowledged: the operation succeeds and the annotation carries the reason', async () => {
    const r = await stack(harness(), acknowledged('Legacy SPA, replaced by the code flow in Q3 (ticket SEC-42).'));
    expect(r.hookStatus).toBe('SUCCESS');
    expect(r.message).toBe('TokenGuard: stack orders-prod passes (no findings; 1 acknowledged finding).');
    expect(r.annotations!.find((a) => a.annotationName === 'TokenGuard-COG6')!.statusMessage).toContain('Legacy SPA, replaced by the code flow');
  });

  it('cdk-nag\'s rules_to_suppress (what cdk-nag writes into templates) counts too', async () => {
    const t = IMPLICIT as { Resources: Record<string, Record<string, unknown>> };
    const template = { ...t, Resources: { ...t.Resources, Client: { ...t.Resources.Client, Metadata: { cdk_nag: { rules_to_suppress: [{ id: 'TokenGuard-COG6', reason: 'Legacy SPA until the Q3 migration (SEC-42).' }] } } } } };
    expect((await stack(harness(), json(template))).hookStatus).toBe('SUCCESS');
  });

  it('without a reason it does not count: the finding blocks, and TokenGuard-ACK1 says why', async () => {
    const r = await stack(harness(), acknowledged(''));
    expect(r).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(failedNames(r).sort()).toEqual(['TokenGuard-ACK1', 'TokenGuard-COG6']);
    expect(r.message).toContain('TokenGuard-ACK1 AcknowledgementReason (WARN) on Client');
  });
});

describe('change-set operations', () => {
  it('evaluate the change set\'s whole template, as for a stack', async () => {
    const payload = JSON.stringify({
      template: json(IMPLICIT),
      changedResources: [{ action: 'UPDATE', logicalResourceId: 'Client', resourceType: 'AWS::Cognito::UserPoolClient', lineNumber: 5, beforeContext: '{}', afterContext: '{}' }],
    });
    const r = await harness().handle(changeSetRequest(s3.put(payload)));
    expect(r).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(r.message).toMatch(/^TokenGuard blocks change set arn:aws:cloudformation:us-west-2:123456789012:changeSet\/SampleChangeSet\//);
    expect(failedNames(r)).toEqual(['TokenGuard-COG6']);
  });
});

describe('resource operations', () => {
  const clientProps = { ...GOOD_CLIENT, UserPoolId: 'us-west-2_aBcDeFgHi' };

  it('a compliant resource succeeds; a risky one fails, named by its logical id and type', async () => {
    const h = harness();
    expect((await h.handle(resourceRequest('AWS::Cognito::UserPoolClient', 'Client', clientProps))).hookStatus).toBe('SUCCESS');
    const r = await h.handle(resourceRequest('AWS::Cognito::UserPoolClient', 'Client', { ...clientProps, AllowedOAuthFlows: ['implicit'] }));
    expect(r).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(r.message).toMatch(/^TokenGuard blocks resource Client \(AWS::Cognito::UserPoolClient\): 1 ERROR finding\. TokenGuard-COG6/);
  });

  it('rules that need the rest of the stack are SKIPPED, not failed (a secret alone shows no rotation schedule)', async () => {
    const key = 'arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const r = await harness().handle(resourceRequest('AWS::SecretsManager::Secret', 'Vault', { KmsKeyId: key, GenerateSecretString: {} }));
    expect(r.hookStatus).toBe('SUCCESS');
    expect(r.annotations!.find((a) => a.annotationName === 'TokenGuard-SMG2')).toMatchObject({ status: 'SKIPPED' });
    expect(r.annotations!.find((a) => a.annotationName === 'TokenGuard-SMG2')!.statusMessage).toContain('stack operations check it');
  });

  it('a resolved secret value in a Lambda environment is caught', async () => {
    const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
    const r = await harness().handle(resourceRequest('AWS::Lambda::Function', 'Fn', { Runtime: 'nodejs22.x', Environment: { Variables: { API_TOKEN: jwt } } }));
    expect(r).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(r.message).not.toContain(jwt);
  });

  it('deletions and empty properties have nothing to check', async () => {
    const h = harness();
    expect((await h.handle(resourceRequest('AWS::Cognito::UserPoolClient', 'Client', null, { point: 'DELETE_PRE_PROVISION' }))).hookStatus).toBe('SUCCESS');
    expect((await h.handle(resourceRequest('AWS::Cognito::UserPoolClient', 'Client', {}))).hookStatus).toBe('SUCCESS');
  });

  it('Cloud Control API requests get a message within their 1,024 characters', async () => {
    const r = await harness().handle(
      resourceRequest('AWS::Cognito::UserPoolClient', 'Client', { UserPoolId: 'us-west-2_aBcDeFgHi', AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['implicit'], CallbackURLs: ['http://localhost/cb'] }, { cloudControl: true }),
    );
    expect(r.hookStatus).toBe('FAILED');
    expect(r.message.length).toBeLessThanOrEqual(1024);
    expect(r.message).toMatch(/^TokenGuard blocks resource Client/);
  });
});

describe('the message stays within CloudFormation\'s 4,096 characters', () => {
  it('with 200 risky clients: the rules and resources first, then as many findings as fit, and a count of the rest', async () => {
    const t = IMPLICIT as { Resources: Record<string, unknown> };
    const resources: Record<string, unknown> = { Pool: t.Resources.Pool };
    for (let i = 0; i < 200; i++) resources[`Client${i}`] = { Type: 'AWS::Cognito::UserPoolClient', Properties: { ...GOOD_CLIENT, UserPoolId: { Ref: 'Pool' }, AllowedOAuthFlows: ['implicit'], AccessTokenValidity: 30 } };
    const r = await stack(harness(), json({ Resources: resources }));
    expect(r.hookStatus).toBe('FAILED');
    expect(r.message.length).toBeLessThanOrEqual(4096);
    expect(r.message.startsWith('TokenGuard blocks stack orders-prod: 200 ERROR findings, 200 warnings. TokenGuard-COG6 ImplicitGrant (ERROR) on Client0, Client1')).toBe(true);
    expect(r.message).toMatch(/… \d+ more line/);
    // Every finding is in the annotations, within their own limits.
    const cog6 = r.annotations!.find((a) => a.annotationName === 'TokenGuard-COG6')!;
    expect(cog6.statusMessage!.length).toBeLessThanOrEqual(16384);
  });
});

describe('payloads that cannot be had, in both failure modes', () => {
  const cases: [string, () => string, RegExp][] = [
    ['oversized (declared)', () => s3.put({ body: 'x'.repeat(2048) }), /the payload is 0\.0 MiB, over the 0\.0 MiB limit|over the .* limit/],
    ['oversized (streamed without a length)', () => s3.put({ body: 'x'.repeat(4096), chunked: true }), /the payload is over the .* limit/],
    ['not JSON', () => s3.put('<Error><Code>AccessDenied</Code></Error>'), /the payload is not JSON/],
    ['a template that is not text', () => s3.put(JSON.stringify({ template: { Resources: {} } })), /the payload's template is not text/],
    ['refused by S3 (HTTP 403)', () => s3.put({ status: 403, body: 'AccessDenied' }), /fetching the payload failed with HTTP 403/],
    ['a redirect (not followed)', () => s3.put({ status: 307, headers: { location: 'https://example.com/' } }), /redirected \(HTTP 307\); not followed/],
  ];
  for (const mode of ['FAIL', 'WARN'] as const) {
    for (const [name, url, why] of cases) {
      it(`${name}: InternalFailure, and the message says what ${mode} does`, async () => {
        const h = harness({ [FAILURE_MODE_ENV]: mode }, 1024);
        const r = await h.handle(stackRequest(url()));
        expect(r).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure' });
        expect(r.message).toMatch(why);
        expect(r.message).toContain(mode === 'FAIL' ? 'failure mode is FAIL, so CloudFormation stops this operation' : 'failure mode is WARN, so CloudFormation goes on with this warning');
      });
    }
  }

  it('a malformed template: InternalFailure with the line and the reason', async () => {
    const r = await stack(harness(), 'Resources:\n  A:\n    Type: AWS::SNS::Topic\n  A:\n    Type: AWS::SNS::Topic\n');
    expect(r).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure' });
    expect(r.message).toMatch(/^TokenGuard could not evaluate stack orders-prod: the template could not be read \(line 4, column 3: .*duplicate/i);
  });

  it('a payload that never comes: the handler gives up in time to answer', async () => {
    const h = createHookHandler({ env: {}, payload: s3.options, log: createLogger({ write: () => undefined }), answerMarginMs: 0 });
    const r = await h(stackRequest(s3.put({ stall: true })), { getRemainingTimeInMillis: () => 1000 });
    expect(r).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure' });
    expect(r.message).toMatch(/took too long; gave up to answer CloudFormation in time/);
  });

  it.each([
    ['plain HTTP', (u: string) => u.replace('https:', 'http:'), /not HTTPS/],
    ['another host', () => `https://example.com/x?${presignedQuery()}`, /not the stand-in's/],
    ['no signature', (u: string) => u.replace(/&X-Amz-Signature=[0-9a-f]+/, ''), /X-Amz-Signature missing/],
    ['no URL at all', () => '', /no payload URL/],
  ])('a payload URL that is not a presigned URL of the expected origin (%s) is refused without a request', async (_name, mangle, why) => {
    const before = s3.requests.length;
    const r = await harness().handle(stackRequest(mangle(s3.put(stackPayload(json(IMPLICIT))))));
    expect(r).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure' });
    expect(r.message).toMatch(why);
    expect(s3.requests.length).toBe(before);
  });
});

describe('internal failures', () => {
  it.each(['FAIL', 'WARN'] as const)('unusable settings (failure mode %s) are an InternalFailure that names the setting', async (mode) => {
    const r = await stack(harness({ [FAILURE_MODE_ENV]: mode, [POLICY_ENV]: '{"accessTokenMinutes":{"warnAbove":9999}}' }), json(IMPLICIT));
    expect(r).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure' });
    expect(r.message).toMatch(/its settings are unusable \(cdk-token-guard policy \(TOKEN_GUARD_POLICY environment variable\): accessTokenMinutes\.warnAbove/);
    expect(r.message).toContain(`failure mode is ${mode}`);
  });

  it('a bug in the handler is caught: InternalFailure naming only the error type, in the configured failure mode', async () => {
    const event = stackRequest('unused');
    Object.defineProperty(event, 'actionInvocationPoint', { get: () => { throw new TypeError('boom: eyJhbGciOiJIUzI1NiJ9.secret'); } });
    const h = harness({ [FAILURE_MODE_ENV]: 'WARN' });
    const r = await h.handle(event);
    expect(r).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure' });
    expect(r.message).toBe('TokenGuard could not evaluate stack orders-prod: internal error (TypeError); please report it. The hook\'s failure mode is WARN, so CloudFormation goes on with this warning.');
    expect(h.logs.join('\n')).not.toContain('boom');
  });

  it('a request without a token or a target type is answered, not thrown', async () => {
    expect(await harness().handle(undefined)).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure', clientRequestToken: '' });
    const r = await harness().handle({ clientRequestToken: 't-1', requestData: {} });
    expect(r).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure', clientRequestToken: 't-1' });
    expect(r.message).toMatch(/names no target type/);
  });

  it('reads the user guide\'s other spelling of the token (clientRequesttoken)', async () => {
    const { clientRequestToken: _drop, ...rest } = stackRequest(s3.put(stackPayload(json(clientTemplate(GOOD_CLIENT)))));
    const r = await harness().handle({ ...rest, clientRequesttoken: 'spelt-differently' });
    expect(r).toMatchObject({ hookStatus: 'SUCCESS', clientRequestToken: 'spelt-differently' });
  });
});

describe('logs', () => {
  it('one line per request, with decision, counts, rule ids and logical ids; never template text, secrets or the payload URL', async () => {
    const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ3b3JrbG9hZCIsImV4cCI6NDEwMjQ0NDgwMH0.kT9n0wE2bQm3XcF1yU7pLs8dHaVrJ4Zg6NtO5iYcB2s';
    const template = json({ Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs22.x', Environment: { Variables: { REFRESH_TOKEN: jwt } } } } } });
    const h = harness();
    const url = s3.put(stackPayload(template));
    const r = await h.handle(stackRequest(url));
    expect(r.hookStatus).toBe('FAILED');
    // A malformed template's reason (which may quote it) is not logged either.
    await stack(h, `Resources: [${jwt}`);
    expect(h.logs).toHaveLength(2);
    const text = h.logs.join('\n');
    for (const secret of [jwt, jwt.split('.')[2], 'X-Amz-Signature', new URL(url).search, 'REFRESH_TOKEN']) expect(text).not.toContain(secret);
    const line = JSON.parse(h.logs[0]) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'INFO', message: 'answered', hookStatus: 'FAILED', errorCode: 'NonCompliant', decision: 'non-compliant', subjects: ['Fn'] });
    expect(line.rules).toEqual(expect.arrayContaining(['TokenGuard-SEC1']));
    expect(JSON.parse(h.logs[1])).toMatchObject({ errorCode: 'InternalFailure', reason: 'syntax' });
  });
});
