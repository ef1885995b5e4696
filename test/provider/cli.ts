// `npm run demo [-- --port N]`: runs the demo authorization server on loopback until Ctrl-C.
import { startDemoProvider } from './demo-provider';
import { describeDemo } from './describe';

function portFromArgs(argv: string[]): number {
  const i = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
  const raw = i < 0 ? process.env.GRANTSCOPE_DEMO_PORT : (argv[i]?.split('=')[1] ?? argv[i + 1]);
  const port = raw === undefined || raw === '' ? 9400 : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`invalid port: ${raw}`);
  }
  return port;
}

const demo = await startDemoProvider({ port: portFromArgs(process.argv.slice(2)) });

console.log(`\n${describeDemo(demo)}\nCtrl-C stops.\n`);

const stop = () => {
  demo.close().then(() => process.exit(0), () => process.exit(1));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
