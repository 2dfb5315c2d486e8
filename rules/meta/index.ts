import type { RuleMeta } from '../engine/types';
import { AcknowledgementReason } from './AcknowledgementReason';
import { FindingLimit } from './FindingLimit';

/** Rules that check no template but speak in reports: every front door and RULES.md list them after the rules. */
export const META_RULES: readonly RuleMeta[] = [AcknowledgementReason, FindingLimit];
