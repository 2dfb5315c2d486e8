import type { RuleMeta } from '../engine/types';

/**
 * Not a template rule: the pack and the audit CLI check that every acknowledgement (or in-template suppression)
 * of a TokenGuard rule carries a written reason.
 */
export const AcknowledgementReason: RuleMeta = {
  id: 'TokenGuard-ACK1',
  name: 'AcknowledgementReason',
  category: 'meta',
  summary: 'Every acknowledgement or suppression of a TokenGuard rule carries a reason of at least ten characters.',
  rationale:
    'An accepted risk must be reviewable: a reason tells the next reader why the token setting was allowed and when to revisit it.',
  fix: {
    cdk: 'Validations.of(construct).acknowledge({ id: "TokenGuard::TokenGuard-COG3", reason: "why this is acceptable" })',
    cloudFormation: 'Metadata: { cdk-token-guard: { suppress: [{ id: TokenGuard-COG3, reason: why this is acceptable }] } }',
  },
  standards: [],
  defaultSeverity: 'error',
  levels: 'ERROR in the pack (synth fails); WARN in the audit CLI, where the unreasoned suppression is ignored',
};
