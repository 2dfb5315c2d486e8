/**
 * Written after jaeneungsim/cdk-cognito-s2s-auth-pattern (lib/app1-stack.ts and lib/app-stack.ts): App1 of the
 * service-to-service prototype (App2 is rw321, built in the same app). Its function gets App2's URL, pool id and client
 * id through cross-stack imports, the client secret as the placeholder "REPLACE_WITH_ACTUAL_CLIENT_SECRET", and, as
 * literals, the api-client user's name and password (the same password App2's setup instructions tell the operator to
 * give that user) and the 32-character key both services encrypt passwords with.
 */
import { templateOf } from '../../app-helpers';
import { build } from '../rw321-cdk-s2s-provider-password-clients-with-secrets/app';

export function synth(): Record<string, unknown> {
  const { app, app1 } = build();
  return templateOf(app, app1);
}
