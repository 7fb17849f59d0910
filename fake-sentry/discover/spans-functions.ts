// The spans dataset's (EAP) functions: names, arguments, meta types and values as Sentry resolves them.
// Sources: src/sentry/search/eap/spans/aggregates.py (SPAN_AGGREGATE_DEFINITIONS: percentiles, avg, sum, min,
// max and count default to span.duration), formulas.py (failure_rate = spans whose trace.status is not ok,
// cancelled or unknown over all spans; epm), getsentry/sentry#94919 (apdex and user_misery, with the
// is_transaction filter built in), getsentry/sentry#99957 (failure_count, eps), and the forms Sentry's own
// translation writes (src/sentry/discover/translation/mep_to_eap.py: `apdex(span.duration,300)`,
// `user_misery(span.duration,300)`, count_miserable and last_seen dropped). Errors follow
// src/sentry/search/eap/resolver.py.

import { badRequest } from '../errors';
import { COLUMNS, Row } from './columns';
import {
  DISCOVER_FUNCTIONS,
  FAILURE_EXCLUDED,
  FunctionSpec,
  MISERY_ALPHA,
  MISERY_BETA,
  miserableUsers,
  numericValues,
  percentile,
  rateSpec,
  thresholdArg,
} from './function-specs';

const SPAN_DURATION = 'span.duration';
/** The fake's numeric span attributes; anything else resolves as a string attribute (a tag) on EAP. */
const NUMERIC_ATTRIBUTES = new Set(['span.duration', 'span.self_time']);
/** attribute_types as aggregates.py lists them (Python prints a set; its order may differ on a real server). */
const NUMERIC_TYPES = "{'duration', 'number', 'size'}";
const NUMERIC_OR_PERCENTAGE_TYPES = "{'duration', 'number', 'percentage', 'size'}";

interface SpansFunction {
  /** Arguments without a default (resolver: `required_arguments`). */
  required: number;
  /** Arguments the definition takes (more are ignored by the resolver, fewer are filled with defaults). */
  max: number;
  /** Index of an attribute argument that must be numeric (defaults to span.duration when omitted). */
  attribute?: number;
  /** The attribute types named when the attribute is not numeric. */
  types?: string;
  spec: FunctionSpec;
}

function attributeOf(args: string[], index = 0): string {
  return args[index] ?? SPAN_DURATION;
}

function isSegment(row: Row): boolean {
  return row.kind === 'span' && row.isTransaction;
}

function failed(row: Row): boolean {
  return row.kind === 'span' && !FAILURE_EXCLUDED.has(row.status);
}

/** An aggregate over a numeric attribute (default span.duration), typed like the attribute. */
function attributeAggregate(reduce: (values: number[]) => number | null, types = NUMERIC_TYPES): SpansFunction {
  return {
    required: 0,
    max: 1,
    attribute: 0,
    types,
    spec: {
      minArgs: 0,
      maxArgs: 1,
      resultType: (args) => COLUMNS[attributeOf(args)]?.type ?? 'duration',
      unit: (args) => COLUMNS[attributeOf(args)]?.unit ?? 'millisecond',
      compute: (rows, args) => reduce(numericValues(rows, attributeOf(args))),
    },
  };
}

function percentileOf(q: number): SpansFunction {
  return attributeAggregate((values) => percentile(values, q));
}

const average = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

/** A formula over transaction spans only (apdex, user_misery): (attribute, threshold). */
function segmentFormula(compute: (segments: Row[], threshold: number) => number): SpansFunction {
  return {
    required: 2,
    max: 2,
    attribute: 0,
    spec: {
      minArgs: 2,
      maxArgs: 2,
      resultType: () => 'number',
      unit: () => null,
      compute: (rows, args) => compute(rows.filter(isSegment), thresholdArg(args, 1)),
    },
  };
}

function zeroArgs(spec: FunctionSpec): SpansFunction {
  return { required: 0, max: 0, spec: { ...spec, minArgs: 0, maxArgs: 0 } };
}

const SPANS_FUNCTIONS: Record<string, SpansFunction> = {
  count: {
    required: 0,
    max: 1,
    attribute: 0,
    spec: { minArgs: 0, maxArgs: 1, resultType: () => 'integer', unit: () => null, compute: (rows) => rows.length },
  },
  count_unique: { required: 1, max: 1, spec: DISCOVER_FUNCTIONS.count_unique },
  sum: attributeAggregate((values) => values.reduce((a, b) => a + b, 0)),
  avg: attributeAggregate(average, NUMERIC_OR_PERCENTAGE_TYPES),
  min: attributeAggregate((values) => (values.length ? Math.min(...values) : null), NUMERIC_OR_PERCENTAGE_TYPES),
  max: attributeAggregate((values) => (values.length ? Math.max(...values) : null), NUMERIC_OR_PERCENTAGE_TYPES),
  p50: percentileOf(0.5),
  p75: percentileOf(0.75),
  p90: percentileOf(0.9),
  p95: percentileOf(0.95),
  p99: percentileOf(0.99),
  p100: percentileOf(1),
  epm: zeroArgs(rateSpec(60_000, '1/minute')),
  eps: zeroArgs(rateSpec(1000, '1/second')),
  failure_rate: zeroArgs({
    minArgs: 0,
    maxArgs: 0,
    resultType: () => 'percentage',
    unit: () => null,
    compute: (rows) => (rows.length === 0 ? 0 : rows.filter(failed).length / rows.length),
  }),
  failure_count: zeroArgs({
    minArgs: 0,
    maxArgs: 0,
    resultType: () => 'integer',
    unit: () => null,
    compute: (rows) => rows.filter(failed).length,
  }),
  apdex: segmentFormula((segments, threshold) => {
    let satisfied = 0;
    let tolerated = 0;
    for (const row of segments) {
      const duration = row.kind === 'span' ? row.duration : 0;
      if (duration <= threshold) {
        satisfied++;
      } else if (duration <= 4 * threshold) {
        tolerated++;
      }
    }
    return segments.length === 0 ? 0 : (satisfied + tolerated / 2) / segments.length;
  }),
  user_misery: segmentFormula((segments, threshold) => {
    const { miserable, unique } = miserableUsers(segments, threshold);
    return (miserable + MISERY_ALPHA) / (unique + MISERY_ALPHA + MISERY_BETA);
  }),
};

function fits(fn: SpansFunction, args: string[]): boolean {
  return (
    args.length >= fn.required &&
    args.length <= fn.max &&
    (fn.attribute === undefined || NUMERIC_ATTRIBUTES.has(attributeOf(args, fn.attribute)))
  );
}

/**
 * The spans spec for a function, or null to fall back to Discover's (lenient dialect, a form EAP lacks).
 * `strict` (sentry.io) answers what the EAP resolver answers instead: unknown function, missing arguments,
 * a non-numeric attribute.
 */
export function spansSpec(name: string, args: string[], strict: boolean): FunctionSpec | null {
  const fn = SPANS_FUNCTIONS[name];
  if (!strict) {
    return fn && fits(fn, args) ? fn.spec : null;
  }
  if (!fn) {
    throw badRequest(`Unknown function ${name}`);
  }
  if (args.length < fn.required) {
    throw badRequest(`Invalid number of arguments for ${name}, was expecting ${fn.required} arguments`);
  }
  if (fn.attribute !== undefined) {
    const attribute = attributeOf(args, fn.attribute);
    if (!NUMERIC_ATTRIBUTES.has(attribute)) {
      throw badRequest(
        `${attribute} is invalid for parameter ${fn.attribute + 1} in ${name}. Its a string type field, but it must be one of these types: ${fn.types ?? NUMERIC_TYPES}`
      );
    }
  }
  // The resolver ignores arguments past the definition's.
  return fn.spec;
}
