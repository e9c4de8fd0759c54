// Figures as officials write them: yuan with ¥ and two decimals where exact, 万元 / 亿元 where large.
// Money arrives as decimal strings (BigDecimal) and is handled in whole fen (BigInt), never as floats.

/** A decimal string ("1234.5", "-3.20") as whole fen; rounds half up beyond two decimals. */
export function toFen(amount) {
  const text = String(amount ?? '0').trim();
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match) throw new Error(`not an amount: ${text}`);
  const [, sign, whole, decimals = ''] = match;
  let fen = BigInt(whole || '0') * 100n + BigInt((decimals + '00').slice(0, 2));
  if ((decimals[2] ?? '0') >= '5') fen += 1n;
  return sign ? -fen : fen;
}

const group = (digits) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Exact: ¥1,234.50. */
export function yuan(amount) {
  const fen = toFen(amount);
  const abs = fen < 0n ? -fen : fen;
  return `${fen < 0n ? '-' : ''}¥${group((abs / 100n).toString())}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** fen / unit rounded half up to two decimals, as text. */
function scaled(fen, unitFen) {
  const abs = fen < 0n ? -fen : fen;
  const hundredths = (abs * 100n + unitFen / 2n) / unitFen;
  return `${fen < 0n ? '-' : ''}${group((hundredths / 100n).toString())}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}

/** As an official writes a large sum: 3.51亿元, 12.35万元; exact (¥) below 10,000 yuan. */
export function yuanShort(amount) {
  const fen = toFen(amount);
  const abs = fen < 0n ? -fen : fen;
  if (abs >= 10_000_000_000n) return `${scaled(fen, 10_000_000_000n)}亿元`;
  if (abs >= 1_000_000n) return `${scaled(fen, 1_000_000n)}万元`;
  return yuan(amount);
}

/** The number of an amount for a chart (its position only; labels use the exact text). */
export const yuanNumber = (amount) => Number(toFen(amount)) / 100;

export const count = (n) => group(String(n ?? 0));

/** 0.7473 → "74.7%". */
export const percent = (ratio, digits = 1) => `${(Number(ratio ?? 0) * 100).toFixed(digits)}%`;

/** Seconds as 1:02:03 (or 02:03 under an hour). */
export function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const hh = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return hh ? `${hh}:${mm}:${ss}` : `${mm}:${ss}`;
}
