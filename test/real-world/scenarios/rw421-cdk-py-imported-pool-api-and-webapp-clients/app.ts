/**
 * Written after a Python CDK stack found by code search (the index does not name its repository; `class UserPool(Stack)`
 * that imports a console-made pool with from_user_pool_id and adds two clients: "APIClient" with
 * auth_flows=AuthFlow(user_password=True) for a command-line tool and "WebappClient" with no options), rewritten in
 * TypeScript. Both clients get the L2's OAuth defaults. Names follow the source; the pool id is ours.
 */
import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'UserPool', { env: { account: '111122223333', region: 'us-east-2' } });
  const userPool = cognito.UserPool.fromUserPoolId(stack, 'UserPool', 'us-east-2_EXAMPLE11');
  userPool.addClient('APIClient', { authFlows: { userPassword: true } });
  userPool.addClient('WebappClient');
  return templateOf(app, stack);
}
