// `npm run demo [-- --port N]`: runs the demo authorization server on loopback, with the two apps that
// sign in against it by themselves (test/apps/: SPA on 9401, server-side app on 9402), until Ctrl-C.
import { DEMO_SPA_PORT, DEMO_WEBAPP_PORT, startDemoWithApps } from '../apps/demo-apps';
import { describeDemo } from './describe';

function portFromArgs(argv: string[], flag: string, env: string | undefined, fallback: number): number {
  const i = argv.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
  const raw = i < 0 ? env : (argv[i]?.split('=')[1] ?? argv[i + 1]);
  const port = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`invalid ${flag}: ${raw}`);
  }
  return port;
}

const argv = process.argv.slice(2);
const demo = await startDemoWithApps({
  port: portFromArgs(argv, '--port', process.env.GRANTSCOPE_DEMO_PORT, 9400),
  spaPort: portFromArgs(argv, '--spa-port', process.env.GRANTSCOPE_SPA_PORT, DEMO_SPA_PORT),
  webappPort: portFromArgs(argv, '--webapp-port', process.env.GRANTSCOPE_WEBAPP_PORT, DEMO_WEBAPP_PORT),
});

console.log(`\n${describeDemo(demo.provider, { spa: demo.spa.origin, webapp: demo.webapp.origin })}\nCtrl-C stops.\n`);

const stop = () => {
  demo.close().then(() => process.exit(0), () => process.exit(1));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
