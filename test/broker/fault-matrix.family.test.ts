/**
 * The fault matrix where Cognito's RevokeToken of any one token ends its whole origin_jti family, and presenting a
 * token after its grace period does too: the strictest reading of what AWS documents (matrix.ts).
 */
import { faultMatrix } from './matrix';

faultMatrix('family');
