/**
 * `npm run sandbox -- --port <n>`: starts the sandbox tenant and prints `listening on <url>` once
 * ready. Bad flags print one line naming the flag and the fix, and exit 2.
 */
import { PLANT_NAMES, isPlantName, startSandbox, type PlantName, type SandboxOptions } from './index.ts';

class UsageError extends Error {}

const FLAGS = ['--port', '--host', '--token-lifetime', '--throttle', '--throttle-every', '--retry-after', '--log', '--plant'];

function parse(argv: string[]): SandboxOptions {
  const o: SandboxOptions = {};
  const plants: PlantName[] = [];
  let status: 409 | 429 | undefined;
  let every: number | undefined;
  let retryAfter: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    let flag = argv[i];
    let value: string | undefined;
    const eq = flag.indexOf('=');
    if (flag.startsWith('--') && eq > 0) { value = flag.slice(eq + 1); flag = flag.slice(0, eq); }
    if (!FLAGS.includes(flag)) throw new UsageError(`unknown flag ${flag}; use one of ${FLAGS.join(', ')}`);
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value, e.g. ${flag} ${example(flag)}`);
    }
    const int = (min: number) => {
      if (!/^\d+$/.test(value!) || Number(value) < min) throw new UsageError(`${flag} takes an integer >= ${min}, got "${value}"; e.g. ${flag} ${example(flag)}`);
      return Number(value);
    };
    switch (flag) {
      case '--port': o.port = int(0); if (o.port > 65535) throw new UsageError(`--port takes 0..65535, got "${value}"; use --port 0 for a free port`); break;
      case '--host': o.host = value; break;
      case '--token-lifetime': o.tokenLifetimeSeconds = int(1); break;
      case '--throttle':
        if (value !== '409' && value !== '429') throw new UsageError(`--throttle takes 409 or 429, got "${value}"`);
        status = Number(value) as 409 | 429;
        break;
      case '--throttle-every': every = int(1); break;
      case '--retry-after':
        if (!/^\d+(\.\d+)?$/.test(value)) throw new UsageError(`--retry-after takes seconds >= 0, got "${value}"; e.g. --retry-after 1`);
        retryAfter = Number(value);
        break;
      case '--log': o.requestLogPath = value; break;
      case '--plant':
        if (!isPlantName(value)) throw new UsageError(`--plant "${value}" is unknown; use one of ${PLANT_NAMES.join(', ')}`);
        plants.push(value);
        break;
    }
  }
  if ((every !== undefined || retryAfter !== undefined) && status === undefined) {
    throw new UsageError('--throttle-every and --retry-after need --throttle 409|429 as well');
  }
  if (status) o.throttle = { status, every, retryAfterSeconds: retryAfter };
  if (plants.length) o.plant = plants;
  return o;
}

function example(flag: string): string {
  return ({ '--port': '0', '--host': '127.0.0.1', '--token-lifetime': '3600', '--throttle': '429', '--throttle-every': '5',
    '--retry-after': '1', '--log': 'sandbox-requests.jsonl', '--plant': PLANT_NAMES[0] } as Record<string, string>)[flag] ?? '';
}

let options: SandboxOptions;
try {
  options = parse(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  process.stderr.write(`sandbox: ${e.message}\n`);
  process.exit(2);
}

try {
  const sb = await startSandbox(options);
  process.stdout.write(`listening on ${sb.url}\n`);
  const stop = () => void sb.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (e) {
  process.stderr.write(`sandbox: could not start: ${(e as Error).message}\n`);
  process.exit(1);
}
