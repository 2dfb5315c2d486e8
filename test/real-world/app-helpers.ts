/**
 * Shared by the CDK-app scenarios of the real-world set: a fresh App (validation off, output in a temporary
 * directory) and the synthesised template of one stack.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';

export function newApp(): App {
  return new App({ builtinCloudFormationValidation: false, outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'tg-real-world-')) });
}

/** The template `cdk synth` writes for `stack`. */
export function templateOf(app: App, stack: Stack): Record<string, unknown> {
  return app.synth().getStackByName(stack.stackName).template as Record<string, unknown>;
}
