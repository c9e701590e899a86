// The okta-emulator command line, parsed without side effects (the bin prints, starts and exits). Besides
// --seed, `--client` and `--user` register a user's own app and test users in one line each, so pointing an
// existing app at the emulator needs no seed file. Errors never quote a secret or a password.
import type { SeedClient, SeedInput, SeedUser } from '../types.js';

export const USAGE = `usage: okta-emulator [--port N] [--seed FILE] [--state FILE] [--https [--ca-dir DIR]]
                     [--client ID:REDIRECT_URI | --client ID:SECRET@REDIRECT_URI]... [--user LOGIN:PASSWORD]...
  --client   your app: a public PKCE client (ID:URI) or a confidential one (ID:SECRET@URI); repeat it
             to add redirect URIs; each URI's origin + "/" becomes a post-logout redirect URI
  --user     a test user (assigned to every client); repeatable
  --https    serve TLS with a certificate signed by a local CA kept in --ca-dir
             (default ~/.cache/playwright-okta/emulator-ca); trust it with NODE_EXTRA_CA_CERTS`;

export interface CliOptions {
  port: number;
  seed?: string;
  stateFile?: string;
  clients: SeedClient[];
  users: SeedUser[];
  https: boolean;
  caDir?: string;
}

/** Throws an Error whose message is safe to print (no secret, no password). */
export function parseArgs(argv: string[], defaultPort: number): CliOptions | 'help' {
  const options: CliOptions = { port: defaultPort, clients: [], users: [], https: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined || next === '') throw new Error(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--port': {
        const text = value();
        const port = Number(text);
        if (!/^\d+$/.test(text) || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${text}"`);
        options.port = port;
        break;
      }
      case '--seed':
        options.seed = value();
        break;
      case '--state':
        options.stateFile = value();
        break;
      case '--client':
        addClient(options.clients, parseClient(value()));
        break;
      case '--user':
        options.users.push(parseUser(value()));
        break;
      case '--https':
        if (inline !== undefined) throw new Error('--https takes no value');
        options.https = true;
        break;
      case '--ca-dir':
        options.caDir = value();
        break;
      case '--help':
      case '-h':
        return 'help';
      default:
        throw new Error(`unknown option "${arg}"`);
    }
  }
  if (options.caDir && !options.https) throw new Error('--ca-dir is for --https; add --https');
  return options;
}

/** `ID:URI` (public, PKCE) or `ID:SECRET@URI` (confidential, client_secret_basic or _post). */
export function parseClient(text: string): SeedClient {
  const colon = text.indexOf(':');
  const clientId = colon > 0 ? text.slice(0, colon) : '';
  if (!clientId || !/^[\w.-]+$/.test(clientId)) throw new Error('--client needs ID:REDIRECT_URI or ID:SECRET@REDIRECT_URI (the ID of letters, digits, ".", "_" or "-")');
  let rest = text.slice(colon + 1);
  let secret: string | undefined;
  // A redirect URI starts with its scheme ("http:", "com.example.app:"); before it, up to an @, is the secret.
  const scheme = /^[a-z][a-z0-9+.-]*:/i;
  if (!scheme.test(rest)) {
    let at = rest.indexOf('@');
    while (at >= 0 && !scheme.test(rest.slice(at + 1))) at = rest.indexOf('@', at + 1);
    if (at <= 0) throw new Error(`--client ${clientId}: after "${clientId}:" comes a redirect URI (http://…) or SECRET@URI`);
    secret = rest.slice(0, at);
    rest = rest.slice(at + 1);
  }
  let uri: URL;
  try {
    uri = new URL(rest);
  } catch {
    throw new Error(`--client ${clientId}: "${rest}" is not an absolute redirect URI`);
  }
  if (uri.hash) throw new Error(`--client ${clientId}: a redirect URI cannot have a #fragment`);
  const client: SeedClient = { clientId, redirectUris: [rest] };
  if (/^https?:$/.test(uri.protocol)) client.postLogoutRedirectUris = [`${uri.origin}/`];
  if (secret) client.clientSecret = secret;
  else client.tokenEndpointAuthMethod = 'none';
  return client;
}

/** `LOGIN:PASSWORD`; the password is everything after the first colon. */
export function parseUser(text: string): SeedUser {
  const colon = text.indexOf(':');
  const login = colon > 0 ? text.slice(0, colon) : '';
  if (!login) throw new Error('--user needs LOGIN:PASSWORD');
  const password = text.slice(colon + 1);
  if (!password) throw new Error(`--user ${login}: the password is empty (LOGIN:PASSWORD)`);
  const local = login.split('@')[0]!;
  const first = local.split(/[._-]/)[0] || local;
  return { login, password, firstName: first.charAt(0).toUpperCase() + first.slice(1), lastName: 'User' };
}

// The same ID twice adds redirect URIs; a different secret for it is a mistake worth stopping on.
function addClient(clients: SeedClient[], client: SeedClient): void {
  const known = clients.find((c) => c.clientId === client.clientId);
  if (!known) return void clients.push(client);
  if (known.clientSecret !== client.clientSecret) throw new Error(`--client ${client.clientId}: given twice with different secrets (or once without)`);
  known.redirectUris = [...new Set([...known.redirectUris, ...client.redirectUris])];
  known.postLogoutRedirectUris = [...new Set([...(known.postLogoutRedirectUris ?? []), ...(client.postLogoutRedirectUris ?? [])])];
}

/** The seed file's content with the flags' clients and users added (a flag's entry replaces the file's). */
export function seedWithFlags(fileSeed: SeedInput, options: Pick<CliOptions, 'clients' | 'users'>): SeedInput {
  return {
    ...fileSeed,
    clients: [...(fileSeed.clients ?? []), ...options.clients],
    users: [...(fileSeed.users ?? []), ...options.users],
  };
}
