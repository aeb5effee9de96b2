/**
 * Amounts cross the contract as decimal strings of planck. Everything here is
 * bigint arithmetic on those digits: a balance is never a floating-point number,
 * so 0.1 DOT shows as exactly 0.1 DOT however large the account.
 */

export interface TokenFormat {
  symbol: string;
  decimals: number;
}

export interface FormatAmountOptions {
  /** Fraction digits shown at most; the rest is cut towards zero (default 4, `Infinity` for all). */
  maxFractionDigits?: number;
  /** Leave out the token symbol (for table cells with the symbol in the header). */
  withoutSymbol?: boolean;
}

/** `12345678901234` planck with 10 decimals → `1,234.5678 DOT`. */
export function formatAmount(planck: bigint | string, token: TokenFormat, options: FormatAmountOptions = {}): string {
  const value = toPlanck(planck);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(token.decimals + 1, '0');
  const whole = digits.slice(0, digits.length - token.decimals);
  const maxFraction = options.maxFractionDigits ?? 4;
  let fraction = digits.slice(digits.length - token.decimals).replace(/0+$/, '');
  const cut = Number.isFinite(maxFraction) && fraction.length > maxFraction;
  if (cut) fraction = fraction.slice(0, maxFraction).replace(/0+$/, '');
  // A non-zero amount that rounds to nothing must not read as zero.
  const tiny = cut && fraction === '' && whole.replace(/0/g, '') === '' && value !== 0n;
  const number = tiny ? `<0.${'0'.repeat(Math.max(0, maxFraction - 1))}1` : `${groupThousands(whole)}${fraction ? `.${fraction}` : ''}`;
  const signed = negative ? `−${number}` : number;
  return options.withoutSymbol ? signed : `${signed} ${token.symbol}`;
}

/** Every digit, for a tooltip or a confirmation: `1,234.567890123 DOT`. */
export function formatAmountExact(planck: bigint | string, token: TokenFormat): string {
  return formatAmount(planck, token, { maxFractionDigits: Infinity });
}

export type ParsedAmount = { ok: true; planck: bigint } | { ok: false; reason: string };

/** Reads what an operator typed (`1,234.5`, `0.25`) into planck, refusing more decimals than the token has. */
export function parseAmount(text: string, token: TokenFormat): ParsedAmount {
  const cleaned = text.trim().replace(/[,_\s]/g, '');
  if (cleaned === '') return { ok: false, reason: 'Enter an amount.' };
  const match = /^(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) return { ok: false, reason: `“${text.trim()}” is not an amount: use digits and one decimal point.` };
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  if (fraction.length > token.decimals) {
    return { ok: false, reason: `${token.symbol} has ${token.decimals} decimals; “${text.trim()}” has ${fraction.length}.` };
  }
  const planck = BigInt(`${whole || '0'}${fraction.padEnd(token.decimals, '0')}`);
  return { ok: true, planck };
}

/** The sum of several planck amounts, for "total locked" lines. */
export function sumPlanck(amounts: ReadonlyArray<bigint | string>): bigint {
  return amounts.reduce<bigint>((total, amount) => total + toPlanck(amount), 0n);
}

export function toPlanck(planck: bigint | string): bigint {
  if (typeof planck === 'bigint') return planck;
  if (!/^-?\d+$/.test(planck)) throw new Error(`Not an amount in planck: "${planck}"`);
  return BigInt(planck);
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
