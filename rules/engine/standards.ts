/**
 * The standards rules map to. Only mappings we can justify in one line are listed; RULES.md prints them.
 *
 * Sources: OWASP Non-Human Identities Top 10 (2025); RFC 9700 (OAuth 2.0 Security Best Current Practice, BCP 240);
 * RFC 6749 (OAuth 2.0); NIST SP 800-53 Rev. 5.
 */
import type { StandardRef } from './types';

const nhi = (control: string, title: string): StandardRef => ({ framework: 'OWASP-NHI-2025', control, title });
const rfc9700 = (control: string, title: string): StandardRef => ({ framework: 'RFC9700', control, title });
const nist = (control: string, title: string): StandardRef => ({ framework: 'NIST-800-53r5', control, title });

export const STANDARDS = {
  nhi2SecretLeakage: nhi('NHI2', 'Secret Leakage: credentials exposed in code, configuration or logs'),
  nhi4InsecureAuthentication: nhi('NHI4', 'Insecure Authentication: deprecated or weak authentication flows'),
  nhi5Overprivileged: nhi('NHI5', 'Overprivileged NHI: more access than the workload needs'),
  nhi7LongLived: nhi('NHI7', 'Long-Lived Secrets: credentials that expire too late or never, without rotation'),

  rfc9700Implicit: rfc9700('§2.1.2', 'Clients SHOULD NOT use the implicit grant'),
  rfc9700RefreshRotation: rfc9700(
    '§2.2.2',
    'Refresh tokens for public clients MUST be sender-constrained or use refresh token rotation',
  ),
  rfc9700PrivilegeRestriction: rfc9700('§2.3', 'Access token privileges SHOULD be restricted to the minimum required'),
  rfc9700NoPasswordGrant: rfc9700('§2.4', 'The resource owner password credentials grant MUST NOT be used'),
  rfc9700RefreshProtection: rfc9700(
    '§4.14.2',
    'Refresh tokens SHOULD expire when unused and be revocable; rotation detects replay',
  ),
  rfc6749RedirectTls: {
    framework: 'RFC6749',
    control: '§3.1.2.1',
    title: 'The redirection endpoint SHOULD require TLS when the response carries codes or tokens',
  } as StandardRef,

  nistAc3: nist('AC-3', 'Access enforcement'),
  nistAc6: nist('AC-6', 'Least privilege'),
  nistAc12: nist('AC-12', 'Session termination after a defined condition or time'),
  nistIa2_8: nist('IA-2(8)', 'Replay-resistant authentication'),
  nistIa5d: nist('IA-5d', 'Authenticator management: procedures for revoking authenticators'),
  nistIa5f: nist('IA-5f', 'Authenticator management: change or refresh authenticators periodically'),
  nistIa5g: nist('IA-5g', 'Authenticator management: protect authenticator content from disclosure'),
  nistIa5_7: nist('IA-5(7)', 'No embedded unencrypted static authenticators'),
  nistSc8: nist('SC-8', 'Transmission confidentiality and integrity'),
  nistSc12: nist('SC-12', 'Cryptographic key establishment and management'),
  nistSc28: nist('SC-28', 'Protection of information at rest'),
  nistSi11: nist('SI-11', 'Error handling that does not reveal exploitable information'),
} as const;

/** Compact form for reports: `OWASP-NHI-2025 NHI7`. */
export function formatStandard(s: StandardRef): string {
  return `${s.framework} ${s.control}`;
}
