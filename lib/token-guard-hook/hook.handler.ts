/**
 * The Lambda function of `TokenGuardHook`: CloudFormation calls it before a stack, change set or resource is
 * provisioned; it answers with the TokenGuard rules' verdict (protocol.ts has the shapes and their sources).
 *
 * - Stack and change-set operations: the template comes from the payload URL in the request, and only from there
 *   (payload.ts checks it is an HTTPS S3 presigned URL); it is read and audited as `token-guard audit` reads and audits
 *   a file, acknowledgements included (evaluate.ts).
 * - Resource operations: the resource's proposed properties, audited alone.
 * - Anything that stops the evaluation (a payload that cannot be had, a template that cannot be read, a bad setting, a
 *   bug) is answered `FAILED`/`InternalFailure`, and the message says what the hook's failure mode makes of it. The
 *   function never throws and answers before CloudFormation's 30 seconds are up.
 * - Logs: one line per request with the decision, counts, rule ids and logical ids. Never template text, finding
 *   messages, the payload URL or the reason a template could not be read (it may quote the template).
 *
 * Settings come from the environment the construct writes: `TOKEN_GUARD_POLICY` (the resolved policy as JSON) and
 * `TOKEN_GUARD_FAILURE_MODE` (`FAIL` or `WARN`, the hook's own, so messages can say what happens next).
 */
import { resolvePolicy, type TokenGuardPolicy } from '../../rules/engine/policy';
import { RULE_IDS } from '../../rules/registry';
import { createLogger, type Logger } from '../handlers/log';
import { evaluateResource, evaluateTemplateText, type Evaluation } from './evaluate';
import { checkPayloadUrl, fetchPayload, parsePayload, PayloadError, type PayloadOptions } from './payload';
import { CHANGE_SET_TARGET, CLOUD_CONTROL_TARGET, FAILURE_MODE_ENV, LIMITS, POLICY_ENV, requestToken, STACK_TARGET, type HookRequest, type HookResponse } from './protocol';
import { internalFailure, respond, type FailureMode, type Target } from './respond';

export { FAILURE_MODE_ENV, POLICY_ENV };

export interface HookHandlerOptions {
  /** @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly payload?: PayloadOptions;
  readonly log?: Logger;
  /**
   * Time kept back, out of what is left of the invocation, to build and return the answer after fetching.
   * @default 3000 ms
   */
  readonly answerMarginMs?: number;
}

/** The part of the Lambda context the handler reads. */
export interface InvocationContext {
  getRemainingTimeInMillis?(): number;
}

export type HookHandler = (event: unknown, context?: InvocationContext) => Promise<HookResponse>;

interface Settings {
  readonly policy?: TokenGuardPolicy;
  readonly failureMode: FailureMode;
  /** Why the settings are unusable. */
  readonly problem?: string;
}

export function createHookHandler(options: HookHandlerOptions = {}): HookHandler {
  const env = options.env ?? process.env;
  const log = options.log ?? createLogger();
  const settings = readSettings(env);
  const margin = options.answerMarginMs ?? 3000;

  return async (event, context) => {
    const started = Date.now();
    const request = (event !== null && typeof event === 'object' ? event : {}) as HookRequest;
    let token = '';
    let target: Target = { description: 'this operation', messageLimit: LIMITS.message, resourceView: false };
    const fields: Record<string, string | undefined> = {};
    const finish = (response: HookResponse, extra: Record<string, string | number | readonly string[] | undefined> = {}) => {
      log.info('answered', { ...fields, hookStatus: response.hookStatus, errorCode: response.errorCode, ...extra, durationMs: Date.now() - started });
      return response;
    };
    try {
      token = requestToken(request);
      const data = request.requestData ?? {};
      const targetType = typeof data.targetType === 'string' ? data.targetType : '';
      target = describeTarget(request, targetType);
      Object.assign(fields, { hookRequest: token, stackId: request.stackId ?? request.stackID, targetType });
      fields.invocationPoint = request.actionInvocationPoint;
      if (token === '') return finish(internalFailure(token, `TokenGuard could not evaluate ${target.description}: the request has no clientRequestToken.`, settings.failureMode));
      if (settings.problem !== undefined || settings.policy === undefined) {
        return finish(internalFailure(token, `TokenGuard could not evaluate ${target.description}: its settings are unusable (${settings.problem}).`, settings.failureMode), { reason: 'settings' });
      }
      if (request.actionInvocationPoint === 'DELETE_PRE_PROVISION') {
        return finish({ hookStatus: 'SUCCESS', message: `TokenGuard: nothing to check when deleting ${target.description}.`, clientRequestToken: token });
      }
      let evaluation: Evaluation;
      if (targetType === STACK_TARGET || targetType === CHANGE_SET_TARGET) {
        const deadline = AbortSignal.timeout(Math.max(1000, (context?.getRemainingTimeInMillis?.() ?? LIMITS.hookWaitMs) - margin));
        let template: string | undefined;
        try {
          const url = checkPayloadUrl(data.payload, options.payload);
          ({ template } = parsePayload(await fetchPayload(url, deadline, options.payload)));
        } catch (e) {
          if (!(e instanceof PayloadError)) throw e;
          return finish(internalFailure(token, `TokenGuard could not evaluate ${target.description}: ${e.message}.`, settings.failureMode), { reason: `payload:${e.code}` });
        }
        if (template === undefined || template.trim() === '') {
          return finish({ hookStatus: 'SUCCESS', message: `TokenGuard: ${target.description} has no template to check.`, clientRequestToken: token });
        }
        evaluation = evaluateTemplateText(template, settings.policy);
      } else if (targetType !== '') {
        const properties = data.targetModel?.resourceProperties;
        const type = typeof data.targetName === 'string' && data.targetName !== '' ? data.targetName : targetType;
        if (properties === undefined || properties === null || typeof properties !== 'object' || Array.isArray(properties) || Object.keys(properties).length === 0) {
          return finish({ hookStatus: 'SUCCESS', message: `TokenGuard: ${target.description} has no properties to check.`, clientRequestToken: token });
        }
        evaluation = evaluateResource(type, logicalIdOf(data.targetLogicalId), properties, settings.policy);
      } else {
        return finish(internalFailure(token, 'TokenGuard could not evaluate this operation: the request names no target type.', settings.failureMode), { reason: 'request' });
      }
      const response = respond(token, evaluation, target, settings.failureMode);
      return finish(response, {
        decision: evaluation.decision,
        reason: evaluation.problem?.code,
        errors: evaluation.findings.filter((f) => f.severity === 'error').length,
        warnings: evaluation.findings.filter((f) => f.severity === 'warning').length,
        acknowledged: evaluation.suppressed.length,
        rules: [...new Set(evaluation.findings.map((f) => f.ruleId))],
        subjects: [...new Set(evaluation.findings.map((f) => f.logicalId))].slice(0, 50),
      });
    } catch (e) {
      // A bug: the name only (a message could quote the template).
      return finish(internalFailure(token, `TokenGuard could not evaluate ${target.description}: internal error (${(e as Error)?.name ?? 'unknown'}); please report it.`, settings.failureMode), {
        reason: 'internal',
        error: (e as Error)?.name,
      });
    }
  };
}

function readSettings(env: Readonly<Record<string, string | undefined>>): Settings {
  const mode = env[FAILURE_MODE_ENV];
  const failureMode: FailureMode = mode === 'WARN' ? 'WARN' : 'FAIL';
  if (mode !== undefined && mode !== 'FAIL' && mode !== 'WARN') return { failureMode, problem: `${FAILURE_MODE_ENV} must be FAIL or WARN` };
  try {
    const raw = env[POLICY_ENV];
    const input: unknown = raw === undefined || raw === '' ? undefined : JSON.parse(raw);
    return { failureMode, policy: resolvePolicy([{ source: `${POLICY_ENV} environment variable`, input }], RULE_IDS) };
  } catch (e) {
    return { failureMode, problem: e instanceof SyntaxError ? `${POLICY_ENV} is not JSON` : (e as Error).message };
  }
}

function describeTarget(request: HookRequest, targetType: string): Target {
  const data = request.requestData ?? {};
  const id = typeof data.targetLogicalId === 'string' && data.targetLogicalId !== '' ? data.targetLogicalId : undefined;
  if (targetType === STACK_TARGET) return { description: id ? `stack ${id}` : 'this stack', messageLimit: LIMITS.message, resourceView: false };
  if (targetType === CHANGE_SET_TARGET) return { description: id ? `change set ${id}` : 'this change set', messageLimit: LIMITS.message, resourceView: false };
  const type = typeof data.targetName === 'string' && data.targetName !== '' ? data.targetName : targetType;
  return {
    description: `resource ${id ?? '(unnamed)'}${type ? ` (${type})` : ''}`,
    messageLimit: targetType === CLOUD_CONTROL_TARGET ? LIMITS.cloudControlMessage : LIMITS.message,
    resourceView: true,
  };
}

/** A logical id the template model accepts (Cloud Control API invocations carry a constructed one). */
function logicalIdOf(id: unknown): string {
  return typeof id === 'string' && id !== '' ? id : 'Resource';
}

export const handler: HookHandler = createHookHandler();
