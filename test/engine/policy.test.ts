import { DEFAULT_POLICY, PolicyError, resolvePolicy } from '../../rules/engine/policy';
import { RULE_IDS } from '../../rules/registry';

const resolve = (input: unknown, source = 'test') => resolvePolicy([{ source, input }], RULE_IDS);

describe('policy', () => {
  test('defaults are the documented ones', () => {
    expect(DEFAULT_POLICY).toMatchObject({
      accessTokenMinutes: { warnAbove: 15, errorAbove: 60 },
      idTokenMinutes: { warnAbove: 15, errorAbove: 60 },
      refreshTokenDays: { warnAbove: 7, errorAbove: 30 },
      secretRotationDays: { warnAbove: 30 },
      cannotTell: 'warning',
    });
    expect(resolve(undefined)).toEqual(DEFAULT_POLICY);
  });

  test('layers merge field by field, later layers winning', () => {
    const p = resolvePolicy(
      [
        { source: 'context', input: { accessTokenMinutes: { warnAbove: 10 }, rules: { 'TokenGuard-COG8': 'off' } } },
        { source: 'props', input: { accessTokenMinutes: { errorAbove: 30 }, rules: { 'TokenGuard-COG9': 'error' } } },
      ],
      RULE_IDS,
    );
    expect(p.accessTokenMinutes).toEqual({ warnAbove: 10, errorAbove: 30 });
    expect(p.rules).toEqual({ 'TokenGuard-COG8': 'off', 'TokenGuard-COG9': 'error' });
  });

  test.each([
    [{ accesTokenMinutes: {} }, /unknown setting "accesTokenMinutes"/],
    [{ accessTokenMinutes: { errorAbove: 2000 } }, /accessTokenMinutes.errorAbove must be a number of minutes between 5 and 1440; got 2000/],
    [{ accessTokenMinutes: { warnAbove: '15' } }, /accessTokenMinutes.warnAbove must be a number.*got "15"/],
    [{ refreshTokenDays: { max: 3 } }, /unknown setting refreshTokenDays.max/],
    [{ refreshTokenDays: 30 }, /refreshTokenDays must be an object/],
    [{ cannotTell: 'ignore' }, /cannotTell must be "warning" or "error"; got "ignore"/],
    [{ rules: { 'TokenGuard-COG99': 'off' } }, /rules.TokenGuard-COG99: unknown rule id/],
    [{ rules: { 'TokenGuard-COG1': 'info' } }, /rules.TokenGuard-COG1 must be "error", "warning" or "off"/],
    [{ accessTokenMinutes: { warnAbove: 60, errorAbove: 30 } }, /warnAbove \(60\) must not be greater than accessTokenMinutes.errorAbove \(30\)/],
    [[1, 2], /must be an object; got a list/],
  ])('%j is rejected with a clear message', (input, message) => {
    expect(() => resolve(input, 'cdk.json context')).toThrow(PolicyError);
    expect(() => resolve(input, 'cdk.json context')).toThrow(message);
  });

  test('the error names where the bad value came from', () => {
    expect(() => resolve({ cannotTell: 1 }, 'TokenGuardChecks props')).toThrow(/\(TokenGuardChecks props\)/);
  });
});
