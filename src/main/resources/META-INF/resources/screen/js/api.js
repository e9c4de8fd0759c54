// The public GraphQL API, as any client reads it: queries by POST /graphql, live figures over one
// graphql-transport-ws socket (live.js). The token goes in the Authorization header only.
import { signOut, token } from './auth.js';

/** A failure a screen shows as a message instead of figures. */
export class ScreenError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

const TOKEN_REASONS = {
  expired: '登录已过期，请重新粘贴令牌登录。',
  'not-yet-valid': '令牌尚未生效，请检查本机时间或换一个令牌。',
  'bad-signature': '令牌签名无效：它不是本系统签发的，或已被改动。',
  'wrong-issuer': '令牌不是本系统签发的。',
  malformed: '这不是一个有效的令牌，请完整粘贴。',
  'no-expiry': '令牌没有有效期，本系统不接受。',
};

/** What to tell a person whose token the service refused (its reason, as docs/SECURITY.md lists them). */
export const refusedTokenMessage = (reason) => TOKEN_REASONS[reason] ?? `令牌被拒绝（${reason ?? '原因未知'}），请重新登录。`;

/**
 * Runs a query and answers { data, errors }. A refused token signs out (with its reason); a network failure or
 * an answer that is not GraphQL throws a ScreenError.
 */
export async function query(document, variables = {}, { signOutOnRefusal = true } = {}) {
  let response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        authorization: `Bearer ${token()}`,
      },
      body: JSON.stringify({ query: document, variables }),
      cache: 'no-store',
    });
  } catch {
    throw new ScreenError('offline', '无法连接服务器，请检查网络。');
  }
  const body = await response.json().catch(() => null);
  const first = body?.errors?.[0];
  if (response.status === 401 || first?.extensions?.code === 'invalid-token') {
    const message = refusedTokenMessage(first?.extensions?.reason);
    if (signOutOnRefusal) signOut(message);
    throw new ScreenError('invalid-token', message);
  }
  if (!body || (!body.data && !body.errors)) {
    throw new ScreenError('http', `服务器暂时无法回答（HTTP ${response.status}），稍后自动重试。`);
  }
  return { data: body.data ?? null, errors: body.errors ?? [] };
}

/** The first error of a response whose path starts with the given root field (or alias), if any. */
export const errorAt = (result, root) => result.errors.find((e) => !e.path || e.path[0] === root);

/** Throws the response's first error as a ScreenError (for answers a screen cannot show in part). */
export function whole(result) {
  const first = result.errors[0];
  if (first) throw new ScreenError(first.extensions?.code ?? 'error', first.message);
  return result.data;
}

/** The file name of a Content-Disposition header: RFC 5987's filename* (UTF-8), else the plain one. */
export function dispositionName(header, fallback) {
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header ?? '');
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch { /* a malformed name: the plain one */ }
  }
  return /filename\s*=\s*"([^"]*)"/i.exec(header ?? '')?.[1] || fallback;
}

/**
 * Downloads a report (/reports/…) as a person saves a file: fetched with the token in the Authorization header
 * (never in a URL), kept as a Blob and saved through a temporary object URL under the service's file name.
 * A refused token signs out; another refusal throws a ScreenError with the service's message.
 */
export async function download(path, fallbackName) {
  let response;
  try {
    response = await fetch(path, { headers: { authorization: `Bearer ${token()}` }, cache: 'no-store' });
  } catch {
    throw new ScreenError('offline', '无法连接服务器，请检查网络。');
  }
  if (!response.ok) {
    const first = (await response.json().catch(() => null))?.errors?.[0];
    if (response.status === 401) {
      const message = refusedTokenMessage(first?.extensions?.reason);
      signOut(message);
      throw new ScreenError('invalid-token', message);
    }
    throw new ScreenError(first?.extensions?.code ?? 'http', first?.message ?? `下载失败（HTTP ${response.status}）。`);
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = dispositionName(response.headers.get('content-disposition'), fallbackName);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { name: link.download, bytes: blob.size };
}
