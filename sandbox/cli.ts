/**
 * `npm run sandbox -- --port <n>`: starts the sandbox tenant and prints `listening on <url>` once
 * ready. Bad flags print one line naming the flag and the fix, and exit 2.
 */
import { readFileSync } from 'node:fs';
import { faultProblem, variationProblem, startSandbox, type FaultName, type SandboxOptions, type VariationName } from './index.ts';

class UsageError extends Error {}
class HelpRequested extends Error {}

/** the access-token lifetime the docs show (nexudus-api.md §4, expires_in 604799): what an ordinary client plans for */
const DOCUMENTED_TOKEN_LIFETIME = 604_799;

const HELP = `npm run sandbox -- [options]: the embedded sandbox tenant (profile: sandbox/profile.json); prints "listening on <url>"

  --port <n>              port (0: a free one; default 0)
  --host <addr>           address to bind (default 127.0.0.1)
  --token-lifetime <s>    access-token lifetime in seconds (default ${DOCUMENTED_TOKEN_LIFETIME}, as documented; the suite's
                          own run shortens it to the profile's tokenLifetimeSeconds for its expiry check)
  --throttle 409|429      answer every n-th request throttled, in the documented (409) or the live (429) form
  --throttle-every <n>    which request is throttled (default 7)
  --retry-after <s>       the wait it announces
  --log <file>            append every request to a JSON Lines file
  --fault <name>          break one documented rule (repeatable, or a comma list; sandbox/README.md "Faults")
  --vary <name>           answer a silent point another conformant way (sandbox/README.md "Variations")
  --help                  this text

Stop it with Ctrl-C (SIGINT) or SIGTERM.`;

const FLAGS = ['--port', '--host', '--token-lifetime', '--throttle', '--throttle-every', '--retry-after', '--log', '--fault', '--vary'];

/** `--fault a --fault b,c`: each value may be a comma-separated list; every name is checked. */
function names(flag: string, value: string, problem: (n: string) => string | undefined): string[] {
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (!list.length) throw new UsageError(`${flag} needs a name, e.g. ${flag} ${example(flag)}`);
  for (const n of list) {
    const p = problem(n);
    // the option and the name as typed: `--fault nope: unknown fault "nope"; …`
    if (p) throw new UsageError(`${flag} ${n}: ${p}`);
  }
  return list;
}

function parse(argv: string[]): SandboxOptions {
  const o: SandboxOptions = {};
  const faults: string[] = [];
  const variations: string[] = [];
  let status: 409 | 429 | undefined;
  let every: number | undefined;
  let retryAfter: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    let flag = argv[i];
    let value: string | undefined;
    const eq = flag.indexOf('=');
    if (flag.startsWith('--') && eq > 0) { value = flag.slice(eq + 1); flag = flag.slice(0, eq); }
    if (flag === '--help' || flag === '-h') throw new HelpRequested();
    if (!FLAGS.includes(flag)) throw new UsageError(`unknown flag ${flag}; use one of ${FLAGS.join(', ')} (--help explains them)`);
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
      case '--fault': faults.push(...names(flag, value, faultProblem)); break;
      case '--vary': variations.push(...names(flag, value, variationProblem)); break;
    }
  }
  const form = variations.includes('throttle-409') ? 409 : variations.includes('throttle-429') ? 429 : undefined;
  if (variations.includes('throttle-409') && variations.includes('throttle-429')) throw new UsageError('--vary throttle-409 and throttle-429 exclude each other; choose one');
  if (status !== undefined && form !== undefined && status !== form) throw new UsageError(`--throttle ${status} contradicts --vary throttle-${form}; use one of them`);
  if ((every !== undefined || retryAfter !== undefined) && status === undefined && form === undefined) {
    throw new UsageError('--throttle-every and --retry-after need --throttle 409|429 or --vary throttle-409|throttle-429 as well');
  }
  if (status !== undefined || every !== undefined || retryAfter !== undefined) o.throttle = { status, every, retryAfterSeconds: retryAfter };
  if (faults.length) o.faults = faults as FaultName[];
  if (variations.length) o.variations = variations as VariationName[];
  o.tokenLifetimeSeconds ??= DOCUMENTED_TOKEN_LIFETIME;
  return o;
}

/**
 * `npm run sandbox` starts npm → sh → tsx → this process, and npm does not pass a SIGTERM on: killing npm would
 * leave the server running. So the processes that launched this one are watched (Linux /proc, up to npm), and the
 * sandbox stops when any of them is gone.
 */
function watchLaunchers(stop: () => void): void {
  const launchers: number[] = [];
  let pid = process.ppid;
  let npmFound = false;
  try {
    for (let i = 0; i < 6 && pid > 1; i++) {
      launchers.push(pid);
      // npm sets its title ("npm run sandbox …"); started as a script it shows as …/npm-cli.js
      if (/(^|\/)npm([\s\0]|$)|npm-cli\.js/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))) { npmFound = true; break; }
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    }
  } catch {
    // no /proc: the direct parent only
    npmFound = true;
  }
  // started by npm, but npm is gone already (killed while this process was starting)
  if (process.env.npm_lifecycle_event && !npmFound) return stop();
  const alive = (p: number) => { try { process.kill(p, 0); return true; } catch { return false; } };
  setInterval(() => { if (!launchers.every(alive)) stop(); }, 500).unref();
}

function example(flag: string): string {
  return ({ '--port': '0', '--host': '127.0.0.1', '--token-lifetime': '3600', '--throttle': '429', '--throttle-every': '5',
    '--retry-after': '1', '--log': 'sandbox-requests.jsonl', '--fault': 'put-merges', '--vary': 'throttle-429' } as Record<string, string>)[flag] ?? '';
}

let options: SandboxOptions;
try {
  options = parse(process.argv.slice(2));
} catch (e) {
  if (e instanceof HelpRequested) {
    process.stdout.write(`${HELP}\n`);
    process.exit(0);
  }
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
  watchLaunchers(stop);
} catch (e) {
  process.stderr.write(`sandbox: could not start: ${(e as Error).message}\n`);
  process.exit(1);
}
