/**
 * Secret redaction for everything the suite writes: attachments, logs, error messages, replay
 * commands, snapshots. Secrets are registered as they become known (passwords at profile
 * load, tokens when issued) in every spelling they can take on the wire: raw, URL-encoded (form
 * bodies) and inside base64 Basic credentials.
 */
const secrets = new Set<string>();
/** longest first, so a secret that contains another is replaced whole; rebuilt when a secret is added */
let ordered: string[] | null = null;
export const REDACTED = '«redacted»';

export function addSecret(value: string | undefined | null): void {
  if (!value || value.length < 4) return;
  ordered = null;
  secrets.add(value);
  secrets.add(encodeURIComponent(value));
  secrets.add(new URLSearchParams({ x: value }).toString().slice(2));
  secrets.add(JSON.stringify(value).slice(1, -1));
}

/** Basic credentials: the base64 of `user:password` is itself a secret. */
export function addBasicSecret(username: string, password: string): void {
  addSecret(password);
  addSecret(Buffer.from(`${username}:${password}`).toString('base64'));
}

const PATTERNS: [RegExp, string][] = [
  [/(authorization["']?\s*[:=]\s*["']?)(Bearer|Basic)\s+[^\s"',}]+/gi, `$1$2 ${REDACTED}`],
  [/("(?:access_token|refresh_token|password)"\s*:\s*")[^"]*(")/gi, `$1${REDACTED}$2`],
  [/((?:^|[?&\s'"])(?:password|refresh_token|access_token)=)[^&\s'"]*/gi, `$1${REDACTED}`],
];

/** Whether the text holds a registered secret (a real token, a password), as opposed to a made-up credential. */
export function holdsSecret(text: string): boolean {
  ordered ??= [...secrets].sort((a, b) => b.length - a.length);
  return ordered.some((s) => text.includes(s));
}

export function redact(text: string): string {
  let out = text;
  ordered ??= [...secrets].sort((a, b) => b.length - a.length);
  for (const s of ordered) if (out.includes(s)) out = out.split(s).join(REDACTED);
  for (const [re, rep] of PATTERNS) out = out.replace(re, rep);
  return out;
}

export function redactHeaders(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k] = /^authorization$/i.test(k) ? `${v.split(' ')[0]} ${REDACTED}` : redact(v);
  return out;
}
