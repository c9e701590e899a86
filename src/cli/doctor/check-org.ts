// Classic Engine or Identity Engine (`/.well-known/okta-organization`), what that means for a browserless
// login, and so the flow each user identity signs in with (OKTA_LOGIN_FLOW) and why.
import { isOktaError, type Identity } from '../../engine/index.js';
import { describeError, type DoctorContext } from './context.js';
import { flowFor, organizationRequest, processOrganizationResponse, type FlowChoice, type OktaOrganization } from '../../engine/diagnostics.js';

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
      report.ok('org', "Okta Identity Engine (pipeline idx): sign-in through IDX (the Interaction Code flow) honours app authentication policies that want a second factor; /api/v1/authn still works, but /authorize accepts its sessionToken only when the app's policy is met by what authn proved. Each identity's check below tells.");
      break;
    default:
      report.warn('org', `${config.orgUrl}/.well-known/okta-organization did not say which engine the org runs (${org.detail}): a custom URL domain or a non-Okta issuer? The checks below still tell whether the flow works.`);
  }
  return org;
}

/** One line per user identity: the flow the engine will use for it, and why. */
export function checkFlows(ctx: DoctorContext, identities: Identity[], org: OktaOrganization): Map<string, FlowChoice> {
  const flows = new Map<string, FlowChoice>();
  for (const identity of identities) {
    if (identity.kind !== 'user') continue;
    const choice = flowFor(ctx.config, identity.clientId, org);
    flows.set(identity.role, choice);
    const line = `signs in through ${FLOW_NAMES[choice.flow]}, because ${choice.reason}.`;
    if (choice.flow === 'direct' && org.pipeline === 'classic') {
      ctx.report.warn(`${identity.role} flow`, `${line} Direct Authentication exists only on Identity Engine orgs. Fix: set OKTA_LOGIN_FLOW=auto (or authn).`);
    } else if (choice.flow === 'idx' && org.pipeline === 'classic') {
      ctx.report.warn(`${identity.role} flow`, `${line} IDX exists only on Identity Engine orgs. Fix: set OKTA_LOGIN_FLOW=auto (or authn).`);
    } else {
      ctx.report.ok(`${identity.role} flow`, line);
    }
  }
  return flows;
}

const FLOW_NAMES = { authn: 'authn (sessionToken → /authorize → code)', idx: 'IDX (interact → identify → interaction code)', direct: 'Direct Authentication (password and mfa-otp grants)' } as const;
