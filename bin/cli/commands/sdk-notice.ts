/**
 * The AWS SDK prints a multi-line notice on Node.js below 22 (its future releases will need 22) the first time a
 * client is made. It says nothing about the command being run and would break the CLI's one-line-per-problem stderr,
 * so the commands that use the SDK turn it off unless the user has set the SDK's own switch either way.
 */
export function quietSdkNodeNotice(env: NodeJS.ProcessEnv = process.env): void {
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}
