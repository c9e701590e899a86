// `npm run demo-app`: the demo app on APP_PORT (default 3000), trusting OKTA_ISSUER (default the embedded
// emulator). Prints one line with its URL; never a secret.
import 'dotenv/config';
import { optionsFromEnv } from './config.js';
import { startDemoApp } from './server.js';

async function main(): Promise<void> {
  const app = await startDemoApp(optionsFromEnv());
  console.log(`demo app: ${app.url}`);

  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    // Exit explicitly: the SDKs' key caches hold timers that would otherwise keep the process alive.
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
