// The demo service app `demo-management`: an API Services app that signs its client assertions with this
// key (private_key_jwt, the only method Okta allows for Okta-scoped tokens) and is granted the Management
// API scopes on the org authorization server. Demo data, published in the README like DEMO's passwords:
// never a secret, never trusted by a real org.

export const DEMO_MANAGEMENT_CLIENT_ID = 'demo-management';

/** The Okta scopes the demo service app is granted (manage implies read, as in Okta). */
export const DEMO_MANAGEMENT_SCOPES = [
  'okta.users.manage',
  'okta.users.read',
  'okta.groups.manage',
  'okta.groups.read',
  'okta.apps.read',
] as const;

/** RSA 2048 private JWK (RS256, `kid` demo-management-key): what OKTA_MANAGEMENT_PRIVATE_KEY holds in the demo. */
export const DEMO_MANAGEMENT_PRIVATE_JWK = {
  kty: 'RSA',
  kid: 'demo-management-key',
  alg: 'RS256',
  use: 'sig',
  n: 'wMDz06uA5Z3rkEdely5N7f5McJsPfGEYA1vL82xeLEJYNYyDkB_lnirU4cS9koi7ze9E7qpK8wdj_ajJ_5lMyIjS-BtNYYHDVmzGlVH-AkDPtRfN7G1WFDrmhjBn2MM8rMWcLWWAwk1SjrzVDOUYN9d7_7mVqp_UNfPQKj1efaWkPQDYd_C6qErzVja3gFJnnvcNPQa3gwlWn0m3U_Ghlt2yJIO19co4sKxd3vNfzKqHJNsIuDasP9lyLi20YWnsN5YpblGDf_7GrVE3M8-DlDTIDDcqf_PNzFSl0Q3KZ0fXhgrlflRkOVoF1VE_aJxkV5_MVb2_2fV3MoAj6rQsfw',
  e: 'AQAB',
  d: 'L3JPkpbwz5Sj24v12LjpLeAe6MkCctdjldAO0Aio1bQvCl9gMyXm25wncrt-_obx06tGCImakWAMWPAnaOdPYz1q0O_HiGzsrGVyLGdWYy-Y8Ta-1afEPI6TGAzqQw0r7ktmOjZ2D14BKGmK9_WclIJSX4xLLwjQr8coQn2AuOSTlFPkhXSJbN0xTh8zqLMjZe-NsWHWjvNMT4t2axSiAWjwDXTB8aY4cL615r-C1vlQOSvwX4uUdXyTAfZNe0bXhxApLZgCfLXF_FPmMIkZIBx3em9JnRCN_EgsBrmnGkbDFmEmxHLosDzVLKb5IsXgnXtnrueJGqEFK75YD_1LIQ',
  p: '6wLbzIwmG_10sJfWwQlSGZmG_tWfh9gtXDP4ELP9xiwMxqlzyAxJHVB0FXcU7gSWRMDL2psRYMcouTLKOcWDpe8gHjd5ioceNfFOpLShOcXhInqn4v6qN1Oa0kXPYSc3EWhorJGM_KDHqqA-4dwNCCg0tbtp5oNzYc5zAulpZQU',
  q: '0ffygYVza8zyF6dzrPX5ESFiSa0LRf-iWnotDq-E8lz-uf6iwnTEzZH_rvXX0VZj_5MHeZhq3WL3C-fA7McfKxW_m-mS-PX0AoOc-F6QtrZOs73CQAJdJ0-vmg1HtpDHHqWo3oJdstQ3Hk9ZPXc_Y7_DXYhgSkqaty4KZwu-grM',
  dp: 'l9p6AjrQ6Scl_nGub39BUI9WnlWUxqdV8A0YjlpvcVzHSJr32Fyv5cQ1riULHh1Sp8xYLMIkQX-O_dQmvZu1zEOuYjgAThWu3LY21dBtmTIWnjvZPaDGhgd8s8AuFx3KxHHNqSxHiHmvar4uw6x3szyfioo2DKAFrz5CLLB7zK0',
  dq: 'CdeVhny67FKvBmzS_0iIZEUsVkfGP4G8GoGfmxCfKr0xM4a8GmFe2EP_uDPN6gIirdg2gXyjhb0d13EFmhO7YkmisaxBN2pQBc4ljX7hSa9CASrj8BwsQat6j74Pnn8q1kTtpYB24-sOql0N0dPFJOfYQIoj-VeF6RA_bJUgWQ',
  qi: 'XdeqpxJbNbjjqqeera6rXavnWyjZCtHgxCbiMWhUHvdPXafn82K08EufYPyqR7wVrzTh9CmoU40efEUqmdFBL8-OITGJ7sYWcs2ETJCcNRAL261pExp6dtRyTdVkF4iegXmmJoDNRXhfwORWvu4dDW5DuZk_1TFAWd2KnbvFlmM',
} as const;

/** Its public half, registered as the client's JWKS. */
export const DEMO_MANAGEMENT_PUBLIC_JWK = {
  kty: DEMO_MANAGEMENT_PRIVATE_JWK.kty,
  kid: DEMO_MANAGEMENT_PRIVATE_JWK.kid,
  alg: DEMO_MANAGEMENT_PRIVATE_JWK.alg,
  use: DEMO_MANAGEMENT_PRIVATE_JWK.use,
  n: DEMO_MANAGEMENT_PRIVATE_JWK.n,
  e: DEMO_MANAGEMENT_PRIVATE_JWK.e,
};
