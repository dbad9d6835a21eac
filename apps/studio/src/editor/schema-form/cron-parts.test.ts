import { describe, expect, it } from 'vitest';
import { cronParts, withCronPart, withSeconds } from './cron-parts';

describe('cron builder parts', () => {
  it('splits a pattern into five parts, or six with seconds, padding one being typed', () => {
    expect(cronParts('0 9 * * 1-5')).toEqual(['0', '9', '*', '*', '1-5']);
    expect(cronParts('*/30 * * * * *')).toHaveLength(6);
    expect(cronParts('')).toEqual(['*', '*', '*', '*', '*']);
    expect(cronParts('15')).toEqual(['15', '*', '*', '*', '*']);
  });

  it('replaces one part, an emptied one with *', () => {
    expect(withCronPart('0 9 * * *', 4, '1-5')).toBe('0 9 * * 1-5');
    expect(withCronPart('0 9 * * 1-5', 1, '')).toBe('0 * * * 1-5');
    expect(withCronPart('', 1, ' 8 ')).toBe('* 8 * * *');
  });

  it('adds seconds first and takes them away', () => {
    expect(withSeconds('0 9 * * *', true)).toBe('0 0 9 * * *');
    expect(withSeconds('30 0 9 * * *', false)).toBe('0 9 * * *');
    expect(withSeconds('0 9 * * *', false)).toBe('0 9 * * *');
  });
});
