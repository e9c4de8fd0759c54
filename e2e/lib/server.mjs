/** The server e2e/run.sh started: the screens' tests stop it and start it again (a wall must reconnect). */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const required = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests with bash e2e/run.sh`);
  return value;
};

/** Stops the server (SIGTERM, as a deployment's restart does) and waits until it is gone. */
export async function stopServer() {
  const pid = Number(readFileSync(required('E2E_SERVER_PID'), 'utf8').trim());
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 300; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server ${pid} did not stop within 30 s`);
}

/** Starts the server again with the same settings and waits until it is ready. */
export function startServer() {
  execFileSync(required('E2E_SERVER_START'), { stdio: 'inherit', timeout: 120_000 });
}

/** Runs SQL in the test database (reference data the API cannot write: townships and villages). */
export function sql(statement) {
  return execFileSync('psql', ['-h', required('DB_HOST'), '-p', process.env.DB_PORT ?? '5432', '-U', required('DB_USER'),
    '-d', required('DB_NAME'), '-v', 'ON_ERROR_STOP=1', '-qtAc', statement],
  { encoding: 'utf8', env: { ...process.env, PGPASSWORD: process.env.DB_PASSWORD ?? '' } });
}
