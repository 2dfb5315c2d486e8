/**
 * `WorkloadClient`: a machine-to-machine Cognito app client. Client credentials only, so it never receives a refresh
 * token; short access tokens limited to resource-server scopes; and a client secret that lives only in Secrets
 * Manager, rotated with Cognito's two-secret model by a rotation function that also seeds it.
 *
 * Why the client is still created with `GenerateSecret: true`: `AddUserPoolClientSecret` adds a secret to an
 * "existing confidential user pool app client" (API reference), and CloudFormation can make a client confidential
 * only by generating a secret. That first secret's value goes from Cognito to CloudFormation's resource handler and
 * no further: this construct never reads it (no `Fn::GetAtt ….ClientSecret`, no `userPoolClientSecret`), never
 * publishes it, and the seeding rotation, which Secrets Manager starts as soon as the stack creates the rotation
 * schedule, deletes it from Cognito once the secret Cognito generated for the rotation function is stored and tested.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { TokenGuardPolicy, TokenGuardPolicyInput } from '../rules/engine/policy';
import { GuardedSecret } from './internal/guarded-secret';
import { acknowledgeFunction, ROTATION_FUNCTION } from './internal/nag';
import { checkAgainstPolicy, checkRange, constructPolicy, knownDuration, TokenGuardValidationError } from './internal/policy';
import { functionRuntime } from './internal/lambda-code';
import { RotationFunction } from './internal/rotation-function';

const KIND = 'WorkloadClient';

/** Scopes that a client-credentials grant cannot carry (they describe a user). */
const USER_SCOPES = new Set(['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin']);

/**
 * The one explicit auth flow: `GetClientToken` only. `ALLOW_CLIENT_TOKEN_AUTH` must be a client's only flow, so no
 * sign-in flow that issues refresh tokens can be enabled beside it. (Not in the CDK `AuthFlow` type nor the SDK's
 * enum yet, hence set on the L1.)
 */
export const CLIENT_TOKEN_AUTH_FLOW = 'ALLOW_CLIENT_TOKEN_AUTH';

/** The secret's value before the seeding rotation: nothing. */
export const UNSEEDED_CLIENT_CREDENTIALS = '{"clientId":"","clientSecret":""}';

/** What the secret holds once seeded. Consumers read `clientId` and `clientSecret`. */
export interface ClientCredentials {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Cognito's id of this secret (not secret): how the rotation knows which Cognito secret a version holds. */
  readonly clientSecretId: string;
}

export interface WorkloadClientProps {
  /** The user pool the client belongs to. */
  readonly userPool: cognito.IUserPool;
  /**
   * Resource-server scopes the workload may request (`OAuthScope.resourceServer(server, scope)`), at least one.
   * User scopes (`openid`, `email`, `phone`, `profile`, `aws.cognito.signin.user.admin`) are refused: a
   * client-credentials token acts for no user.
   */
  readonly scopes: cognito.OAuthScope[];
  /**
   * Access token lifetime: how long a token stays usable after the secret that obtained it is rotated out (M2M access
   * tokens cannot be revoked). Must not exceed the policy's `accessTokenMinutes.errorAbove` (default 60 minutes).
   * Consumers should cache tokens for their lifetime: M2M token requests are billed.
   * @default Duration.minutes(5)
   */
  readonly accessTokenValidity?: Duration;
  /**
   * How often the client secret is rotated. The previous secret keeps working until the next rotation deletes it,
   * so consumers must re-read the secret more often than this (and once more when a token request is refused).
   * At least 4 hours (Secrets Manager's minimum), in whole hours.
   * @default - 30 days, or the policy's `secretRotationDays.warnAbove` if that is shorter
   */
  readonly secretRotationInterval?: Duration;
  /**
   * Roles that may read the client credentials (`GetSecretValue`, and decrypt through Secrets Manager). No other
   * principal can read the secret's value: its resource policy denies everyone else. Add more with `grantRead`.
   * @default - none
   */
  readonly consumers?: iam.IRole[];
  /**
   * Retention of the rotation function's log group.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * The Node.js runtime of the secret's rotation function: Node.js 20 or later.
   * @default - the newest Node.js runtime the installed aws-cdk-lib knows (what cdk-nag's AwsSolutions-L1 asks for),
   * found at synth
   */
  readonly runtime?: lambda.Runtime;
  /**
   * Name of the app client.
   * @default - generated by CloudFormation
   */
  readonly userPoolClientName?: string;
  /**
   * Policy settings layered over the `cdk.json` context key `cdk-token-guard:policy`.
   * @default - the context's settings, else the documented defaults
   */
  readonly policy?: TokenGuardPolicyInput;
}

export class WorkloadClient extends Construct {
  public readonly userPool: cognito.IUserPool;
  public readonly userPoolClient: cognito.UserPoolClient;
  public readonly userPoolClientId: string;
  public readonly accessTokenValidity: Duration;
  public readonly secretRotationInterval: Duration;
  /** Holds `{ userPoolId, clientId, clientSecret, clientSecretId }` once seeded. */
  public readonly secret: secretsmanager.ISecret;
  public readonly encryptionKey: kms.IKey;
  /** The function that seeds and rotates the client secret. */
  public readonly rotationFunction: lambda.IFunction;
  public readonly policy: TokenGuardPolicy;
  private readonly guarded: GuardedSecret;

  constructor(scope: Construct, id: string, props: WorkloadClientProps) {
    super(scope, id);
    this.policy = constructPolicy(this, KIND, props.policy);
    this.userPool = props.userPool;

    this.accessTokenValidity = knownDuration(this, KIND, 'accessTokenValidity', props.accessTokenValidity ?? Duration.minutes(5));
    checkAgainstPolicy({ scope: this, kind: KIND, prop: 'accessTokenValidity', value: this.accessTokenValidity, setting: 'accessTokenMinutes', unit: 'minutes', ...this.policy.accessTokenMinutes });
    this.secretRotationInterval = this.rotationInterval(props.secretRotationInterval);
    const scopes = this.checkScopes(props.scopes);

    this.userPoolClient = new cognito.UserPoolClient(this, 'Resource', {
      userPool: props.userPool,
      userPoolClientName: props.userPoolClientName,
      generateSecret: true,
      oAuth: { flows: { clientCredentials: true, authorizationCodeGrant: false, implicitCodeGrant: false }, scopes },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: this.accessTokenValidity,
      // Neither is ever issued to this client; both are set to Cognito's minimum so the template says so.
      idTokenValidity: Duration.minutes(5),
      refreshTokenValidity: Duration.minutes(60),
      authSessionValidity: Duration.minutes(3),
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
    });
    const cfnClient = this.userPoolClient.node.defaultChild as cognito.CfnUserPoolClient;
    cfnClient.explicitAuthFlows = [CLIENT_TOKEN_AUTH_FLOW];
    Validations.of(cfnClient).acknowledge({
      id: 'CloudFormation-Validate::W3030',
      reason:
        'The validator takes ExplicitAuthFlows values from the Cognito service model, which does not list ALLOW_CLIENT_TOKEN_AUTH yet; ' +
        'the GetClientToken API reference requires that flow, as the only one, on a client that calls it',
    });
    this.userPoolClientId = this.userPoolClient.userPoolClientId;

    this.guarded = new GuardedSecret(this, 'Credentials', {
      description: `Client credentials of Cognito app client ${this.node.path} (rotated; seeded by its rotation function)`,
      placeholder: UNSEEDED_CLIENT_CREDENTIALS,
      material: 'client-secret',
    });
    this.secret = this.guarded.secret;
    this.encryptionKey = this.guarded.key;

    const rotator = new RotationFunction(this, 'SecretRotation', {
      handler: 'workload-client/secret-rotation.handler',
      runtime: functionRuntime(this, KIND, props.runtime),
      description: 'Seeds and rotates one Cognito app client secret (two-secret model)',
      environment: { USER_POOL_ID: props.userPool.userPoolId, CLIENT_ID: this.userPoolClientId, SECRET_ARN: this.secret.secretArn },
      logGroupName: `${this.guarded.logGroupPrefix}secret-rotation`,
      logKey: this.guarded.key,
      logRetention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
    });
    rotator.policy.addStatements(
      new iam.PolicyStatement({
        sid: 'ManageClientSecrets',
        // IAM cannot narrow these to one app client (the resource is the user pool); the function acts on the
        // client id it is configured with only. GetClientToken (the test step) is not IAM-authorised.
        actions: ['cognito-idp:AddUserPoolClientSecret', 'cognito-idp:DeleteUserPoolClientSecret', 'cognito-idp:ListUserPoolClientSecrets'],
        resources: [props.userPool.userPoolArn],
      }),
    );
    acknowledgeFunction(rotator.function, ROTATION_FUNCTION);
    this.rotationFunction = rotator.function;
    const rotation = new Construct(this, 'Rotation');
    this.guarded.attachRotation(rotation, rotator.function, this.secretRotationInterval);

    for (const role of props.consumers ?? []) this.grantRead(role);
  }

  /** Lets `role` read the client credentials: an identity policy, and an exception in the secret's deny. */
  public grantRead(role: iam.IRole): void {
    this.guarded.admit(role, 'read');
  }

  private rotationInterval(given: Duration | undefined): Duration {
    const warnDays = this.policy.secretRotationDays.warnAbove;
    if (given === undefined) return warnDays >= 30 ? Duration.days(30) : Duration.hours(Math.max(4, Math.floor(warnDays * 24)));
    knownDuration(this, KIND, 'secretRotationInterval', given);
    if (!Number.isInteger(given.toHours({ integral: false }))) {
      throw new TokenGuardValidationError(`${KIND} secretRotationInterval: must be a whole number of hours; received ${given.toHumanString()}`, this);
    }
    checkRange(this, KIND, 'secretRotationInterval', given, Duration.hours(4), Duration.days(1000), "Secrets Manager's rotation schedule range");
    checkAgainstPolicy({ scope: this, kind: KIND, prop: 'secretRotationInterval', value: given, setting: 'secretRotationDays', unit: 'days', warnAbove: warnDays });
    return given;
  }

  private checkScopes(scopes: cognito.OAuthScope[]): cognito.OAuthScope[] {
    if (scopes.length === 0) throw new TokenGuardValidationError(`${KIND} scopes: at least one resource-server scope is required`, this);
    for (const s of scopes) {
      if (USER_SCOPES.has(s.scopeName)) {
        throw new TokenGuardValidationError(`${KIND} scopes: ${s.scopeName} is a user scope; a client-credentials token can carry resource-server scopes only`, this);
      }
    }
    return scopes;
  }
}
