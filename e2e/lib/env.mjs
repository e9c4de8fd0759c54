/** What e2e/run.sh hands the tests: the server's address, one token per role, and the key to mint more. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const required = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests with bash e2e/run.sh`);
  return value;
};

export const baseUrl = required('BASE_URL');

export const tokens = {
  admin: required('ADMIN_TOKEN'),
  official: required('OFFICIAL_TOKEN'),
  host: required('HOST_TOKEN'),
  platform: required('PLATFORM_TOKEN'),
};

const mintTokenScript = fileURLToPath(new URL('../../bin/mint-token', import.meta.url));

/** A token for any role and claims (e.g. mintToken('host', { streamer_id: 7 })), signed as bin/mint-token does. */
export function mintToken(role, claims = {}) {
  const pairs = Object.entries(claims).map(([name, value]) => `${name}=${value}`);
  return execFileSync(mintTokenScript, [required('JWT_PRIVATE_KEY'), role, ...pairs], { encoding: 'utf8' }).trim();
}
