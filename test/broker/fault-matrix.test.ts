/**
 * The fault matrix where Cognito's RevokeToken ends only the token presented (matrix.ts says what runs and what is
 * checked; fault-matrix.family.test.ts runs it where revocation ends the whole origin_jti family).
 */
import { faultMatrix } from './matrix';

faultMatrix('token');
