import { describe, expect, it } from 'vitest';
import { formatAmount, formatAmountExact, parseAmount, sumPlanck } from '../../../../renderer/src/format/amount';

const DOT = { symbol: 'DOT', decimals: 10 };
const KSM = { symbol: 'KSM', decimals: 12 };

describe('amounts in the network token', () => {
  it('shows planck in the token with grouping and at most four decimals by default', () => {
    expect(formatAmount('12345678901234', DOT)).toBe('1,234.5678 DOT');
    expect(formatAmount(10_000_000_000n, DOT)).toBe('1 DOT');
    expect(formatAmount('0', DOT)).toBe('0 DOT');
    expect(formatAmount('1000000000000', KSM)).toBe('1 KSM');
  });

  it('never loses precision on amounts far beyond a float', () => {
    const huge = '123456789012345678901234567890';
    expect(formatAmountExact(huge, DOT)).toBe('12,345,678,901,234,567,890.123456789 DOT');
    expect(formatAmountExact('33000000000000000', DOT)).toBe('3,300,000 DOT');
  });

  it('shows 0.1 DOT as exactly 0.1, not 0.09999', () => {
    expect(formatAmount('1000000000', DOT)).toBe('0.1 DOT');
  });

  it('says a dust amount is small instead of showing zero', () => {
    expect(formatAmount('1', DOT)).toBe('<0.0001 DOT');
    expect(formatAmount('1', DOT, { maxFractionDigits: 2 })).toBe('<0.01 DOT');
    expect(formatAmountExact('1', DOT)).toBe('0.0000000001 DOT');
  });

  it('cuts towards zero rather than rounding up a balance', () => {
    expect(formatAmount('19999999999', DOT)).toBe('1.9999 DOT');
  });

  it('can leave the symbol out and shows negatives with a minus sign', () => {
    expect(formatAmount('25000000000', DOT, { withoutSymbol: true })).toBe('2.5');
    expect(formatAmount(-25_000_000_000n, DOT)).toBe('−2.5 DOT');
  });

  it('refuses a planck string that is not digits', () => {
    expect(() => formatAmount('1.5', DOT)).toThrow(/Not an amount in planck/);
  });

  it('adds amounts as bigint', () => {
    expect(sumPlanck(['1', 2n, '3'])).toBe(6n);
  });
});

describe('reading an amount the operator typed', () => {
  it('turns token text into exact planck', () => {
    expect(parseAmount('1.5', DOT)).toEqual({ ok: true, planck: 15_000_000_000n });
    expect(parseAmount(' 1,234.0000000001 ', DOT)).toEqual({ ok: true, planck: 12_340_000_000_001n });
    expect(parseAmount('.25', DOT)).toEqual({ ok: true, planck: 2_500_000_000n });
    expect(parseAmount('7', KSM)).toEqual({ ok: true, planck: 7_000_000_000_000n });
  });

  it('says why the text is not an amount', () => {
    expect(parseAmount('', DOT)).toEqual({ ok: false, reason: 'Enter an amount.' });
    expect(parseAmount('1.2.3', DOT)).toMatchObject({ ok: false, reason: expect.stringContaining('not an amount') });
    expect(parseAmount('-1', DOT)).toMatchObject({ ok: false });
    expect(parseAmount('abc', DOT)).toMatchObject({ ok: false });
    expect(parseAmount('.', DOT)).toMatchObject({ ok: false });
    expect(parseAmount('0.00000000001', DOT)).toEqual({ ok: false, reason: 'DOT has 10 decimals; “0.00000000001” has 11.' });
  });
});
