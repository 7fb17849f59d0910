// `equation|` fields: arithmetic over aggregate functions of the same group.

import { ApiError } from '../errors';
import { isFunctionField, roundValue } from './functions';

/** Tiny arithmetic evaluator for `equation|` fields: + - * / and parentheses over functions and numbers. */
export function evaluateEquation(expression: string, lookup: (field: string) => unknown): number | null {
  const tokens = expression.match(/[a-z_0-9]+\([^)]*\)|\d+(?:\.\d+)?|[-+*/()]/g) ?? [];
  let index = 0;
  const fail = () => new ApiError(400, `Unable to parse ${expression}`);
  const primary = (): number | null => {
    const token = tokens[index++];
    if (token === undefined) {
      throw fail();
    }
    if (token === '(') {
      const value = sum();
      if (tokens[index++] !== ')') {
        throw fail();
      }
      return value;
    }
    if (token === '-') {
      const value = primary();
      return value === null ? null : -value;
    }
    if (/^\d/.test(token)) {
      return Number(token);
    }
    if (isFunctionField(token)) {
      const value = lookup(token);
      return typeof value === 'number' ? value : null;
    }
    throw fail();
  };
  const product = (): number | null => {
    let value = primary();
    while (tokens[index] === '*' || tokens[index] === '/') {
      const op = tokens[index++];
      const right = primary();
      if (value === null || right === null) {
        value = null;
      } else if (op === '*') {
        value *= right;
      } else {
        value = right === 0 ? null : value / right;
      }
    }
    return value;
  };
  const sum = (): number | null => {
    let value = product();
    while (tokens[index] === '+' || tokens[index] === '-') {
      const op = tokens[index++];
      const right = product();
      value = value === null || right === null ? null : op === '+' ? value + right : value - right;
    }
    return value;
  };
  const result = sum();
  if (index !== tokens.length) {
    throw fail();
  }
  return result === null ? null : roundValue(result);
}
