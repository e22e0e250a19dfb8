// tsx cleanroom/cli.ts --port 0 --preset minimal [--knob name=value]… [--token-lifetime 60] [--profile-out path.json]

import { writeFileSync } from 'node:fs';
import { startCleanroom, KNOB_NAMES, PRESETS, SILENT_POINTS, parseKnobValue, type Knobs } from './index.ts';
import type { PresetName } from './knobs.ts';

function usage(code: number): never {
  const lines = [
    'usage: tsx cleanroom/cli.ts [--port N] [--preset default|minimal|maximal|other-way]',
    '                            [--knob name=value]... [--token-lifetime SECONDS] [--profile-out FILE] [--list-knobs]',
  ];
  (code === 0 ? console.log : console.error)(lines.join('\n'));
  process.exit(code);
}

const argv = process.argv.slice(2);
let port = 0;
let preset: PresetName = 'default';
let profileOut: string | undefined;
let tokenLifetimeSeconds: number | undefined;
const knobs: Record<string, unknown> = {};

for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const eq = a.indexOf('=');
  const flag = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
  const inline = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : undefined;
  const next = (): string => {
    if (inline !== undefined) return inline;
    const v = argv[++i];
    if (v === undefined) usage(2);
    return v;
  };
  switch (flag) {
    case '--port':
      port = Number(next());
      if (!Number.isInteger(port) || port < 0 || port > 65535) usage(2);
      break;
    case '--preset': {
      const p = next();
      if (!(p in PRESETS)) {
        console.error(`unknown preset ${p}`);
        usage(2);
      }
      preset = p as PresetName;
      break;
    }
    case '--knob': {
      const kv = next();
      const k = kv.indexOf('=');
      if (k <= 0) usage(2);
      const name = kv.slice(0, k);
      if (!KNOB_NAMES.includes(name)) {
        console.error(`unknown knob ${name}; known: ${KNOB_NAMES.join(', ')}`);
        process.exit(2);
      }
      knobs[name] = parseKnobValue(kv.slice(k + 1));
      break;
    }
    case '--token-lifetime':
      tokenLifetimeSeconds = Number(next());
      break;
    case '--profile-out':
      profileOut = next();
      break;
    case '--list-knobs':
      for (const s of SILENT_POINTS) console.log(`${s.knob}\t${JSON.stringify(s.values)}\t${s.section}`);
      process.exit(0);
      break;
    case '--help':
    case '-h':
      usage(0);
      break;
    default:
      console.error(`unknown argument ${a}`);
      usage(2);
  }
}

try {
  const tenant = await startCleanroom({ port, preset, knobs: knobs as Partial<Knobs>, tokenLifetimeSeconds });
  if (profileOut) writeFileSync(profileOut, `${JSON.stringify(tenant.profile, null, 2)}\n`);
  console.log(`listening on ${tenant.url}`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void tenant.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(2);
}
