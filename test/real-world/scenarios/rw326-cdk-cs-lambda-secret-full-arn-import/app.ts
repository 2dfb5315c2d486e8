/**
 * Written after PatrickDinh/aws-cdk-csharp (Infrastructure/LambdaStack.cs and Infrastructure/Program.cs): the Lambda
 * stack of the C# app whose secrets stack is rw325 (built in the same app). Its .NET function's only environment
 * variable, TOP_SECRET_ARN, is the secret's full ARN imported from the secrets stack, and the function is granted read
 * access to the secret.
 */
import { templateOf } from '../../app-helpers';
import { build } from '../rw325-cdk-cs-secret-from-plaintext-value/app';

export function synth(): Record<string, unknown> {
  const { app, lambdas } = build();
  return templateOf(app, lambdas);
}
