// Classic Engine or Identity Engine (`/.well-known/okta-organization`), and what that means for a
// browserless login through the Authentication API.
import { isOktaError } from '../../engine/index.js';
import { describeError, type DoctorContext } from './context.js';
import { organizationRequest, processOrganizationResponse, type OktaOrganization } from '../../engine/diagnostics.js';

export async function checkOrg(ctx: DoctorContext): Promise<OktaOrganization> {
  const { config, report } = ctx;
  let org: OktaOrganization;
  try {
    org = await processOrganizationResponse(await organizationRequest(config.orgUrl, config.timeoutMs));
  } catch (error) {
    if (isOktaError(error, 'ERR_IDP_UNREACHABLE')) {
      report.skip('org', `not checked: ${config.orgUrl} does not answer.`);
      return { pipeline: 'unknown', detail: 'unreachable' };
    }
    org = { pipeline: 'unknown', detail: describeError(error) };
  }
  switch (org.pipeline) {
    case 'classic':
      report.ok('org', 'Okta Classic Engine (pipeline v1): the browserless flow (authn → sessionToken → /authorize) is native here; a password, plus TOTP where the sign-on policy asks for MFA, is all it needs.');
      break;
    case 'identity-engine':
      report.ok('org', "Okta Identity Engine (pipeline idx): /api/v1/authn still works, but /authorize accepts its sessionToken only when the app's authentication policy is met by a password (plus TOTP); otherwise Okta answers with its sign-in page. Each identity's check below tells.");
      break;
    default:
      report.warn('org', `${config.orgUrl}/.well-known/okta-organization did not say which engine the org runs (${org.detail}): a custom URL domain or a non-Okta issuer? The checks below still tell whether the flow works.`);
  }
  return org;
}
