import { audit, clientTemplate, GOOD_CLIENT, only, verdict } from './helpers';

const noDefault = { Parameters: { Value: { Type: 'String' } } };
const imported = (name: string) => ({ 'Fn::ImportValue': name });

describe('the compliant baseline', () => {
  test('a client configured as the rules want has no finding at all', () => {
    expect(audit(clientTemplate(GOOD_CLIENT))).toEqual([]);
  });
});

describe('TokenGuard-COG1 AccessTokenLifetime', () => {
  const id = 'TokenGuard-COG1';

  test('compliant: 5 minutes', () => {
    expect(verdict(audit(clientTemplate(GOOD_CLIENT)), id, 'Client')).toBe('compliant');
  });

  test('non-compliant: absent means Cognito\'s 60 minutes, above the 15-minute target (warning)', () => {
    const { AccessTokenValidity: _a, ...rest } = GOOD_CLIENT;
    const [f] = only(audit(clientTemplate(rest)), id);
    expect(f).toMatchObject({ severity: 'warning', kind: 'violation', path: 'Properties.AccessTokenValidity' });
    expect(f.message).toContain('not set');
    expect(f.message).toContain('1 hour');
  });

  test('non-compliant: a value without TokenValidityUnits is in hours (60 hours is an error)', () => {
    const [f] = only(audit(clientTemplate({ ...GOOD_CLIENT, AccessTokenValidity: 60, TokenValidityUnits: { IdToken: 'minutes', RefreshToken: 'days' } })), id);
    expect(f.severity).toBe('error');
    expect(f.message).toContain('unit is hours');
    expect(f.message).toContain('60 hours');
  });

  test('units are normalised: 3600 seconds is one hour, at the ceiling (warning, not error)', () => {
    const [f] = only(audit(clientTemplate({ ...GOOD_CLIENT, AccessTokenValidity: 3600, TokenValidityUnits: { AccessToken: 'seconds' } })), id);
    expect(f.severity).toBe('warning');
  });

  test('string numbers (as YAML often has them) are read as numbers', () => {
    const [f] = only(audit(clientTemplate({ ...GOOD_CLIENT, AccessTokenValidity: '2', TokenValidityUnits: { AccessToken: 'hours' } })), id);
    expect(f.severity).toBe('error');
  });

  test('cannot tell: a parameter without default or allowed values', () => {
    const findings = only(audit(clientTemplate({ ...GOOD_CLIENT, AccessTokenValidity: { Ref: 'Value' } }, noDefault)), id);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'cannot-tell', severity: 'warning' });
    expect(findings[0].message).toContain('parameter Value');
  });

  test('cannot tell: an imported value; the policy can make that an error', () => {
    const template = clientTemplate({ ...GOOD_CLIENT, AccessTokenValidity: imported('shared-ttl') });
    expect(verdict(audit(template), id, 'Client')).toBe('cannot-tell');
    expect(only(audit(template, { cannotTell: 'error' }), id)[0].severity).toBe('error');
  });

  test('parameters are evaluated through every AllowedValue and through the Default', () => {
    const allowed = { Parameters: { Ttl: { Type: 'Number', AllowedValues: [5, 120] } } };
    const fromAllowed = only(audit(clientTemplate({ ...GOOD_CLIENT, AccessTokenValidity: { Ref: 'Ttl' } }, allowed)), id);
    expect(fromAllowed).toHaveLength(1);
    expect(fromAllowed[0].message).toContain('an allowed value of parameter Ttl');
    expect(fromAllowed[0].severity).toBe('error');

    const withDefault = { Parameters: { Ttl: { Type: 'Number', Default: 10 } } };
    expect(verdict(audit(clientTemplate({ ...GOOD_CLIENT, AccessTokenValidity: { Ref: 'Ttl' } }, withDefault)), id, 'Client')).toBe('compliant');
  });

  test('Fn::If is evaluated on both branches and the finding names the condition', () => {
    const template = clientTemplate(
      { ...GOOD_CLIENT, AccessTokenValidity: { 'Fn::If': ['IsDev', 1440, 5] } },
      { Conditions: { IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] } }, Parameters: { Env: { Type: 'String' } } },
    );
    const [f, ...rest] = only(audit(template), id);
    expect(rest).toHaveLength(0);
    expect(f.conditions).toEqual(['IsDev=true']);
    expect(f.message).toContain('1 day');
  });

  test('a condition decidable from literals is decided, not branched', () => {
    const template = clientTemplate(
      { ...GOOD_CLIENT, AccessTokenValidity: { 'Fn::If': ['Never', 1440, 5] } },
      { Conditions: { Never: { 'Fn::Equals': ['a', 'b'] } } },
    );
    expect(verdict(audit(template), id, 'Client')).toBe('compliant');
  });

  test('AWS::NoValue removes the property, so Cognito\'s default applies', () => {
    const template = clientTemplate({ ...GOOD_CLIENT, AccessTokenValidity: { Ref: 'AWS::NoValue' } });
    expect(only(audit(template), id)[0].message).toContain('not set');
  });

  test('thresholds come from the policy', () => {
    const template = clientTemplate({ ...GOOD_CLIENT, AccessTokenValidity: 30 });
    expect(only(audit(template), id)[0].severity).toBe('warning');
    expect(only(audit(template, { accessTokenMinutes: { warnAbove: 30, errorAbove: 60 } }), id)).toHaveLength(0);
    expect(only(audit(template, { accessTokenMinutes: { warnAbove: 10, errorAbove: 20 } }), id)[0].severity).toBe('error');
  });
});

describe('TokenGuard-COG2 IdTokenLifetime', () => {
  const id = 'TokenGuard-COG2';
  test('compliant, non-compliant and cannot tell', () => {
    expect(verdict(audit(clientTemplate(GOOD_CLIENT)), id, 'Client')).toBe('compliant');
    const long = only(audit(clientTemplate({ ...GOOD_CLIENT, IdTokenValidity: 1, TokenValidityUnits: { IdToken: 'days' } })), id);
    expect(long[0]).toMatchObject({ severity: 'error', path: 'Properties.IdTokenValidity' });
    expect(verdict(audit(clientTemplate({ ...GOOD_CLIENT, IdTokenValidity: { Ref: 'Value' } }, noDefault)), id, 'Client')).toBe('cannot-tell');
  });
});

describe('TokenGuard-COG3 RefreshTokenLifetime', () => {
  const id = 'TokenGuard-COG3';

  test('compliant: 7 days', () => {
    expect(verdict(audit(clientTemplate(GOOD_CLIENT)), id, 'Client')).toBe('compliant');
  });

  test('non-compliant: 3650 days is an error; absent means 30 days, a warning', () => {
    const long = only(audit(clientTemplate({ ...GOOD_CLIENT, RefreshTokenValidity: 3650 })), id);
    expect(long[0]).toMatchObject({ severity: 'error' });
    expect(long[0].message).toContain('3650 days');
    const { RefreshTokenValidity: _r, ...rest } = GOOD_CLIENT;
    expect(only(audit(clientTemplate(rest)), id)[0]).toMatchObject({ severity: 'warning' });
  });

  test('units: 5256000 minutes is 3650 days', () => {
    const f = only(audit(clientTemplate({ ...GOOD_CLIENT, RefreshTokenValidity: 5256000, TokenValidityUnits: { RefreshToken: 'minutes' } })), id);
    expect(f[0].message).toContain('3650 days');
  });

  test('not applicable to a client-credentials client with no sign-in flow', () => {
    const m2m = clientTemplate({
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: ['api/read'],
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      RefreshTokenValidity: 3650,
    });
    expect(verdict(audit(m2m), id, 'Client')).toBe('compliant');
  });

  test('a client-credentials client that leaves ExplicitAuthFlows unset still gets refresh tokens through SRP sign-in', () => {
    const m2m = clientTemplate({ AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['client_credentials'], RefreshTokenValidity: 3650 });
    expect(verdict(audit(m2m), id, 'Client')).toBe('non-compliant');
  });

  test('cannot tell: imported lifetime', () => {
    expect(verdict(audit(clientTemplate({ ...GOOD_CLIENT, RefreshTokenValidity: imported('x') })), id, 'Client')).toBe('cannot-tell');
  });
});

describe('TokenGuard-COG4 RefreshTokenRotation', () => {
  const id = 'TokenGuard-COG4';

  test('compliant: rotation ENABLED', () => {
    expect(verdict(audit(clientTemplate(GOOD_CLIENT)), id, 'Client')).toBe('compliant');
  });

  test('non-compliant: absent or DISABLED on a client that can receive refresh tokens', () => {
    const { RefreshTokenRotation: _x, ...rest } = GOOD_CLIENT;
    const [absent] = only(audit(clientTemplate(rest)), id);
    expect(absent).toMatchObject({ severity: 'error', path: 'Properties.RefreshTokenRotation.Feature' });
    expect(absent.message).toContain('authorization-code flow');
    expect(verdict(audit(clientTemplate({ ...GOOD_CLIENT, RefreshTokenRotation: { Feature: 'DISABLED' } })), id, 'Client')).toBe('non-compliant');
  });

  test('non-compliant through default sign-in flows even without OAuth', () => {
    const [f] = only(audit(clientTemplate({ GenerateSecret: false })), id);
    expect(f.message).toContain('default sign-in flows');
  });

  test('not applicable when the client cannot receive refresh tokens', () => {
    const m2m = clientTemplate({ AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['client_credentials'], ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'] });
    expect(verdict(audit(m2m), id, 'Client')).toBe('compliant');
  });

  test('cannot tell: the feature comes from a parameter without default', () => {
    expect(verdict(audit(clientTemplate({ ...GOOD_CLIENT, RefreshTokenRotation: { Feature: { Ref: 'Value' } } }, noDefault)), id, 'Client')).toBe('cannot-tell');
  });

  test('cannot tell: rotation off and the auth flows unknown', () => {
    const template = clientTemplate({ ExplicitAuthFlows: { Ref: 'Value' } }, noDefault);
    const [f] = only(audit(template), id);
    expect(f.kind).toBe('cannot-tell');
  });
});

describe('TokenGuard-COG5 TokenRevocation', () => {
  const id = 'TokenGuard-COG5';
  test('compliant when true or absent (the default)', () => {
    expect(verdict(audit(clientTemplate(GOOD_CLIENT)), id, 'Client')).toBe('compliant');
    const { EnableTokenRevocation: _e, ...rest } = GOOD_CLIENT;
    expect(verdict(audit(clientTemplate(rest)), id, 'Client')).toBe('compliant');
  });
  test('non-compliant when false (boolean or string)', () => {
    expect(only(audit(clientTemplate({ ...GOOD_CLIENT, EnableTokenRevocation: false })), id)[0].severity).toBe('error');
    expect(verdict(audit(clientTemplate({ ...GOOD_CLIENT, EnableTokenRevocation: 'false' })), id, 'Client')).toBe('non-compliant');
  });
  test('cannot tell when imported', () => {
    expect(verdict(audit(clientTemplate({ ...GOOD_CLIENT, EnableTokenRevocation: imported('flag') })), id, 'Client')).toBe('cannot-tell');
  });
});

describe('TokenGuard-COG6 ImplicitGrant', () => {
  const id = 'TokenGuard-COG6';
  test('compliant: code only, or implicit listed while OAuth is off', () => {
    expect(verdict(audit(clientTemplate(GOOD_CLIENT)), id, 'Client')).toBe('compliant');
    expect(verdict(audit(clientTemplate({ ...GOOD_CLIENT, AllowedOAuthFlowsUserPoolClient: false, AllowedOAuthFlows: ['implicit'] })), id, 'Client')).toBe('compliant');
  });
  test('non-compliant: implicit with OAuth on', () => {
    const [f] = only(audit(clientTemplate({ ...GOOD_CLIENT, AllowedOAuthFlows: ['implicit', 'code'] })), id);
    expect(f).toMatchObject({ severity: 'error', path: 'Properties.AllowedOAuthFlows' });
  });
  test('non-compliant in the branch that enables it', () => {
    const template = clientTemplate(
      { ...GOOD_CLIENT, AllowedOAuthFlows: { 'Fn::If': ['Legacy', ['implicit'], ['code']] } },
      { Conditions: { Legacy: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] } } },
    );
    expect(only(audit(template), id)[0].conditions).toEqual(['Legacy=true']);
  });
  test('cannot tell: flows from a CommaDelimitedList parameter without default, or implicit with OAuth switch unknown', () => {
    const list = { Parameters: { Flows: { Type: 'CommaDelimitedList' } } };
    expect(verdict(audit(clientTemplate({ ...GOOD_CLIENT, AllowedOAuthFlows: { Ref: 'Flows' } }, list)), id, 'Client')).toBe('cannot-tell');
    const unknownSwitch = clientTemplate({ ...GOOD_CLIENT, AllowedOAuthFlowsUserPoolClient: imported('x'), AllowedOAuthFlows: ['implicit'] });
    expect(verdict(audit(unknownSwitch), id, 'Client')).toBe('cannot-tell');
  });
  test('a CommaDelimitedList default is split', () => {
    const list = { Parameters: { Flows: { Type: 'CommaDelimitedList', Default: 'code,implicit' } } };
    expect(verdict(audit(clientTemplate({ ...GOOD_CLIENT, AllowedOAuthFlows: { Ref: 'Flows' } }, list)), id, 'Client')).toBe('non-compliant');
  });
});

describe('TokenGuard-COG7 PasswordAuthFlows', () => {
  const id = 'TokenGuard-COG7';
  test('compliant with SRP only, and with the default flows', () => {
    expect(verdict(audit(clientTemplate(GOOD_CLIENT)), id, 'Client')).toBe('compliant');
    const { ExplicitAuthFlows: _f, ...rest } = GOOD_CLIENT;
    expect(verdict(audit(clientTemplate(rest)), id, 'Client')).toBe('compliant');
  });
  test.each(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'])(
    'non-compliant with %s',
    (flow) => {
      const [f] = only(audit(clientTemplate({ ...GOOD_CLIENT, ExplicitAuthFlows: [flow] })), id);
      expect(f.severity).toBe('error');
      expect(f.message).toContain(flow);
    },
  );
  test('cannot tell when imported', () => {
    expect(verdict(audit(clientTemplate({ ...GOOD_CLIENT, ExplicitAuthFlows: imported('flows') })), id, 'Client')).toBe('cannot-tell');
  });
});

describe('TokenGuard-COG8 CustomAuthFlow', () => {
  const id = 'TokenGuard-COG8';
  test('compliant with explicit flows that exclude custom auth', () => {
    expect(verdict(audit(clientTemplate(GOOD_CLIENT)), id, 'Client')).toBe('compliant');
  });
  test('non-compliant explicitly and by default', () => {
    expect(only(audit(clientTemplate({ ...GOOD_CLIENT, ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH'] })), id)[0].severity).toBe('warning');
    const { ExplicitAuthFlows: _f, ...rest } = GOOD_CLIENT;
    expect(only(audit(clientTemplate(rest)), id)[0].message).toContain('by default');
  });
  test('cannot tell when imported', () => {
    expect(verdict(audit(clientTemplate({ ...GOOD_CLIENT, ExplicitAuthFlows: imported('flows') })), id, 'Client')).toBe('cannot-tell');
  });
});

describe('TokenGuard-COG9 UserExistenceErrors', () => {
  const id = 'TokenGuard-COG9';
  test('compliant, non-compliant (absent or LEGACY) and cannot tell', () => {
    expect(verdict(audit(clientTemplate(GOOD_CLIENT)), id, 'Client')).toBe('compliant');
    expect(verdict(audit(clientTemplate({ ...GOOD_CLIENT, PreventUserExistenceErrors: 'LEGACY' })), id, 'Client')).toBe('non-compliant');
    const { PreventUserExistenceErrors: _p, ...rest } = GOOD_CLIENT;
    expect(only(audit(clientTemplate(rest)), id)[0]).toMatchObject({ severity: 'warning' });
    expect(verdict(audit(clientTemplate({ ...GOOD_CLIENT, PreventUserExistenceErrors: { Ref: 'Value' } }, noDefault)), id, 'Client')).toBe('cannot-tell');
  });
});

describe('TokenGuard-COG10 AuthSessionLifetime', () => {
  const id = 'TokenGuard-COG10';
  test('compliant, non-compliant and cannot tell', () => {
    expect(verdict(audit(clientTemplate(GOOD_CLIENT)), id, 'Client')).toBe('compliant');
    const { AuthSessionValidity: _a, ...rest } = GOOD_CLIENT;
    expect(verdict(audit(clientTemplate(rest)), id, 'Client')).toBe('compliant');
    expect(only(audit(clientTemplate({ ...GOOD_CLIENT, AuthSessionValidity: 15 })), id)[0]).toMatchObject({ severity: 'warning', path: 'Properties.AuthSessionValidity' });
    expect(verdict(audit(clientTemplate({ ...GOOD_CLIENT, AuthSessionValidity: imported('s') })), id, 'Client')).toBe('cannot-tell');
  });
});

describe('TokenGuard-COG11 CallbackUrls', () => {
  const id = 'TokenGuard-COG11';
  test('compliant: HTTPS and native-app custom schemes', () => {
    expect(verdict(audit(clientTemplate({ ...GOOD_CLIENT, CallbackURLs: ['https://a.example.com/cb', 'myapp://callback'] })), id, 'Client')).toBe('compliant');
  });
  test('non-compliant: plain HTTP is an error, loopback a warning, with the URL index in the path', () => {
    const findings = only(audit(clientTemplate({ ...GOOD_CLIENT, CallbackURLs: ['https://ok.example.com', 'http://app.example.com/cb?x=secret', 'http://localhost:3000/cb'] })), id);
    expect(findings.map((f) => [f.path, f.severity])).toEqual([
      ['Properties.CallbackURLs.1', 'error'],
      ['Properties.CallbackURLs.2', 'warning'],
    ]);
    expect(findings[0].message).not.toContain('secret'); // query strings are not echoed
  });
  test('DefaultRedirectURI is checked too', () => {
    expect(verdict(audit(clientTemplate({ ...GOOD_CLIENT, DefaultRedirectURI: 'http://app.example.com/cb' })), id, 'Client')).toBe('non-compliant');
  });
  test('a Sub with a literal https:// host prefix is fine; an unknown scheme cannot be told', () => {
    const sub = { 'Fn::Sub': 'https://app.example.com/${Stage}/cb' };
    expect(verdict(audit(clientTemplate({ ...GOOD_CLIENT, CallbackURLs: [sub] }, { Parameters: { Stage: { Type: 'String' } } })), id, 'Client')).toBe('compliant');
    const host = { 'Fn::Sub': '${Scheme}://app.example.com/cb' };
    expect(verdict(audit(clientTemplate({ ...GOOD_CLIENT, CallbackURLs: [host] }, { Parameters: { Scheme: { Type: 'String' } } })), id, 'Client')).toBe('cannot-tell');
  });
  describe('only on clients that can use the code or implicit grant (the only grants that redirect)', () => {
    const m2m = { ...GOOD_CLIENT, GenerateSecret: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['api/read'] };
    test('compliant: a client-credentials client is not judged on callbacks it can never use', () => {
      const t = clientTemplate({ ...m2m, CallbackURLs: ['http://app.example.com/unused', 'http://localhost:9000/done'], DefaultRedirectURI: 'http://localhost:9000/done' });
      expect(verdict(audit(t), id, 'Client')).toBe('compliant');
    });
    test('non-compliant: the same callbacks on a code-grant client, and on the Fn::If branch that grants code', () => {
      expect(only(audit(clientTemplate({ ...GOOD_CLIENT, CallbackURLs: ['http://app.example.com/unused'] })), id).map((f) => f.severity)).toEqual(['error']);
      const flows = { 'Fn::If': ['Interactive', ['code'], ['client_credentials']] };
      const t = clientTemplate({ ...m2m, AllowedOAuthFlows: flows, CallbackURLs: ['http://app.example.com/cb'] }, { Parameters: { Mode: { Type: 'String' } }, Conditions: { Interactive: { 'Fn::Equals': [{ Ref: 'Mode' }, 'interactive'] } } });
      const found = only(audit(t), id);
      expect(found.map((f) => [f.path, f.severity, f.conditions])).toEqual([['Properties.CallbackURLs.0', 'error', ['Interactive=true']]]);
    });
    test('cannot tell: flows from a parameter are judged as if they could redirect; an unknown OAuth switch stays cannot-tell', () => {
      const flows = clientTemplate({ ...m2m, AllowedOAuthFlows: { Ref: 'Flows' }, CallbackURLs: ['http://app.example.com/cb'] }, { Parameters: { Flows: { Type: 'CommaDelimitedList' } } });
      expect(only(audit(flows), id).map((f) => f.severity)).toEqual(['error']);
      const sw = clientTemplate({ ...GOOD_CLIENT, AllowedOAuthFlowsUserPoolClient: { Ref: 'OAuth' }, CallbackURLs: ['http://app.example.com/cb'] }, { Parameters: { OAuth: { Type: 'String' } } });
      expect(verdict(audit(sw), id, 'Client')).toBe('cannot-tell');
    });
  });
});

describe('TokenGuard-COG12 AdminScope', () => {
  const id = 'TokenGuard-COG12';
  test('compliant, non-compliant and cannot tell', () => {
    expect(verdict(audit(clientTemplate(GOOD_CLIENT)), id, 'Client')).toBe('compliant');
    expect(only(audit(clientTemplate({ ...GOOD_CLIENT, AllowedOAuthScopes: ['openid', 'aws.cognito.signin.user.admin'] })), id)[0].severity).toBe('warning');
    expect(verdict(audit(clientTemplate({ ...GOOD_CLIENT, AllowedOAuthScopes: imported('scopes') })), id, 'Client')).toBe('cannot-tell');
  });
});

describe('findings carry what makes them actionable', () => {
  test('rule id, name, severity, logical id, path, message, rationale, fix and standards', () => {
    const [f] = only(audit(clientTemplate({ ...GOOD_CLIENT, EnableTokenRevocation: false })), 'TokenGuard-COG5');
    expect(f).toMatchObject({
      ruleId: 'TokenGuard-COG5',
      ruleName: 'TokenRevocation',
      section: 'Resources',
      logicalId: 'Client',
      resourceType: 'AWS::Cognito::UserPoolClient',
      path: 'Properties.EnableTokenRevocation',
    });
    expect(f.rationale.length).toBeGreaterThan(40);
    expect(f.fix.cdk).toContain('enableTokenRevocation');
    expect(f.fix.cloudFormation).toContain('EnableTokenRevocation');
    expect(f.standards.map((s) => s.framework)).toContain('NIST-800-53r5');
  });

  test('the construct path comes from aws:cdk:path metadata when the template has it', () => {
    const template = clientTemplate({ ...GOOD_CLIENT, EnableTokenRevocation: false });
    (template.Resources as Record<string, Record<string, unknown>>).Client.Metadata = { 'aws:cdk:path': 'App/Pool/Client/Resource' };
    expect(only(audit(template), 'TokenGuard-COG5')[0].constructPath).toBe('App/Pool/Client/Resource');
  });

  test('a resource Condition is reported on its findings', () => {
    const template = clientTemplate({ ...GOOD_CLIENT, EnableTokenRevocation: false });
    (template.Resources as Record<string, Record<string, unknown>>).Client.Condition = 'CreateClient';
    expect(only(audit(template), 'TokenGuard-COG5')[0].conditions).toEqual(['CreateClient=true']);
  });

  test('a policy level override turns a rule off, down or up', () => {
    const template = clientTemplate({ ...GOOD_CLIENT, AllowedOAuthFlows: ['implicit'], PreventUserExistenceErrors: 'LEGACY' });
    expect(only(audit(template, { rules: { 'TokenGuard-COG6': 'off' } }), 'TokenGuard-COG6')).toHaveLength(0);
    expect(only(audit(template, { rules: { 'TokenGuard-COG6': 'warning' } }), 'TokenGuard-COG6')[0].severity).toBe('warning');
    expect(only(audit(template, { rules: { 'TokenGuard-COG9': 'error' } }), 'TokenGuard-COG9')[0].severity).toBe('error');
  });
});
