/**
 * A dashboard panel as Grafana draws it: the frames through Grafana's field processing (applyFieldOverrides with
 * the panel's fieldConfig: units, min/max, display names, display processors, the theme) and then @grafana/ui's
 * own components: TimeSeries for time series, TableNG for tables, BarGauge for stat and bar gauge panels. @grafana/ui
 * 12.4 exports no PieChart (it lives in Grafana's panel plugin), so a pie is drawn as bar gauges of the same values,
 * with a note saying so.
 */
import React from 'react';
import {
  DataFrame,
  DisplayValue,
  FieldConfigOptionsRegistry,
  FieldConfigPropertyItem,
  FieldColorModeId,
  FieldConfigSource,
  FieldType,
  InterpolateFunction,
  ReduceDataOptions,
  ScopedVars,
  ThresholdsConfig,
  ThresholdsMode,
  TimeRange,
  VizOrientation,
  applyFieldOverrides,
  displayNameOverrideProcessor,
  getFieldDisplayName,
  getFieldDisplayValues,
  identityOverrideProcessor,
  numberOverrideProcessor,
} from '@grafana/data';
import { config } from '@grafana/runtime';
import { BarGaugeDisplayMode, LegendDisplayMode } from '@grafana/schema';
import { BarGauge, TimeSeries } from '@grafana/ui';
import { TableNG } from '@grafana/ui/unstable';

import type { DashboardTemplateSrv } from '../../../cli/templateSrv';

/** Grafana's time series panel defaults for what a saved panel leaves out (its plugin's field config defaults). */
const TIMESERIES_CUSTOM = {
  drawStyle: 'line',
  lineInterpolation: 'linear',
  lineWidth: 1,
  fillOpacity: 0,
  gradientMode: 'none',
  showPoints: 'auto',
  pointSize: 5,
  spanNulls: false,
  axisPlacement: 'auto',
  axisSoftMin: undefined,
  barAlignment: 0,
  stacking: { mode: 'none', group: 'A' },
  hideFrom: { legend: false, tooltip: false, viz: false },
  thresholdsStyle: { mode: 'off' },
};

/** Grafana's default thresholds: what the bar gauge reads when a panel sets none. */
const BASE_THRESHOLDS: ThresholdsConfig = {
  mode: ThresholdsMode.Absolute,
  steps: [{ value: -Infinity, color: 'green' }],
};

/** The time series panel's default colours: one per series from the classic palette. */
const CLASSIC_PALETTE = { mode: FieldColorModeId.PaletteClassic };

const item = (id: string, process: FieldConfigPropertyItem['process'], isCustom = false): FieldConfigPropertyItem =>
  ({ id, path: id, name: id, process, isCustom, shouldApply: () => true }) as unknown as FieldConfigPropertyItem;

/**
 * The field config properties a saved panel sets, as Grafana's registry processes them: standard ones (display
 * names with variables expanded, numbers as numbers) and the panel's custom ones as they are.
 */
function registryFor(fieldConfig: FieldConfigSource): FieldConfigOptionsRegistry {
  const registry = new FieldConfigOptionsRegistry(() => [
    item('displayName', (v, context) => displayNameOverrideProcessor(v, context, { expandTemplateVars: true })),
    item('unit', identityOverrideProcessor),
    item('min', (v, context) => numberOverrideProcessor(v, context)),
    item('max', (v, context) => numberOverrideProcessor(v, context)),
    item('decimals', (v, context) => numberOverrideProcessor(v, context)),
    item('noValue', identityOverrideProcessor),
    item('color', identityOverrideProcessor),
    item('thresholds', identityOverrideProcessor),
    item('mappings', identityOverrideProcessor),
    item('links', identityOverrideProcessor),
    ...Object.keys(fieldConfig.defaults.custom ?? {}).map((key) => item(key, identityOverrideProcessor, true)),
  ]);
  return registry;
}

/** `${__field.<path>}` and `${__data.fields[<n or "name">]}` (what `${__cell_<n>}` becomes in "all values" mode). */
const FIELD_MACRO = /\$\{__field\.([\w.]+)\}|\$\{__data\.fields\[(?:(\d+)|"([^"]+)")\]\}/g;

interface DataContext {
  frame?: DataFrame;
  field?: DataFrame['fields'][number];
  rowIndex?: number;
}

/**
 * The dashboard's variables plus Grafana's data macros, as its TemplateSrv reads them from the data context of the
 * field (and row) being processed: `${__field.labels.release}`, `${__field.name}`, `${__data.fields[0]}`. A macro
 * with nothing to read gives "", as in Grafana.
 */
export function fieldVariables(templateSrv: DashboardTemplateSrv): InterpolateFunction {
  return (value: string, scopedVars?: ScopedVars, format?: string | Function) => {
    const context = (scopedVars?.__dataContext?.value ?? {}) as DataContext;
    const withMacros = value.replace(FIELD_MACRO, (match, fieldPath?: string, index?: string, name?: string) => {
      if (fieldPath) {
        const found = fieldPath
          .split('.')
          .reduce<unknown>(
            (at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined),
            context.field ? { name: context.field.name, labels: context.field.labels ?? {} } : undefined
          );
        return found === undefined || found === null ? '' : String(found);
      }
      const frame = context.frame;
      const cell =
        frame && context.rowIndex !== undefined
          ? (index !== undefined ? frame.fields[Number(index)] : frame.fields.find((f) => f.name === name))?.values[
              context.rowIndex
            ]
          : undefined;
      return cell === undefined || cell === null ? '' : String(cell);
    });
    return templateSrv.replace(withMacros, scopedVars, format);
  };
}

export interface ProcessedPanel {
  frames: DataFrame[];
  fieldConfig: FieldConfigSource;
}

/** The frames after Grafana's field processing with the panel's fieldConfig (and its plugin's defaults). */
export function processFrames(
  type: string,
  frames: DataFrame[],
  saved: FieldConfigSource | undefined,
  replaceVariables: InterpolateFunction
): ProcessedPanel {
  const defaults = saved?.defaults ?? {};
  const fieldConfig: FieldConfigSource = {
    defaults:
      type === 'timeseries'
        ? { color: CLASSIC_PALETTE, ...defaults, custom: { ...TIMESERIES_CUSTOM, ...defaults.custom } }
        : defaults,
    overrides: saved?.overrides ?? [],
  };
  const processed = applyFieldOverrides({
    data: frames,
    fieldConfig,
    fieldConfigRegistry: registryFor(fieldConfig),
    replaceVariables,
    theme: config.theme2,
    timeZone: 'utc',
  });
  return { frames: processed, fieldConfig };
}

interface VizProps {
  type: string;
  processed: ProcessedPanel;
  options: Record<string, unknown>;
  range: TimeRange;
  replaceVariables: InterpolateFunction;
  width: number;
  height: number;
}

/** The component a panel type is drawn with in the host (what `data-viz` says). */
export function vizFor(type: string): 'TimeSeries' | 'TableNG' | 'BarGauge' {
  if (type === 'timeseries') {
    return 'TimeSeries';
  }
  return type === 'piechart' || type === 'stat' || type === 'bargauge' ? 'BarGauge' : 'TableNG';
}

const NOTES: Record<string, string> = {
  piechart: '@grafana/ui 12.4 has no PieChart: the same values as bar gauges',
};

export function noteFor(type: string): string | undefined {
  return (
    NOTES[type] ??
    (['timeseries', 'table', 'stat', 'bargauge', 'piechart'].includes(type) ? undefined : `${type}: drawn as a table`)
  );
}

export function Visualization({ type, processed, options, range, replaceVariables, width, height }: VizProps) {
  const viz = vizFor(type);
  if (viz === 'TimeSeries') {
    // The time series panel draws frames with a time field and numbers.
    const frames = processed.frames.filter(
      (f) => f.fields.some((x) => x.type === FieldType.time) && f.fields.some((x) => x.type === FieldType.number)
    );
    return (
      <TimeSeries
        frames={frames}
        width={width}
        height={height}
        timeRange={range}
        timeZone="utc"
        legend={{ showLegend: true, displayMode: LegendDisplayMode.List, placement: 'bottom', calcs: [] }}
        options={options}
      />
    );
  }
  if (viz === 'BarGauge') {
    return (
      <Gauges
        processed={processed}
        options={options}
        replaceVariables={replaceVariables}
        width={width}
        height={height}
      />
    );
  }
  const frames = processed.frames;
  const each = Math.max(80, Math.floor(height / Math.max(1, frames.length)));
  return (
    <>
      {frames.map((frame, i) => (
        <TableNG key={i} data={frame} width={width} height={each} enableVirtualization={false} />
      ))}
    </>
  );
}

/** Stat, bar gauge and pie panels: one reduced value per field (or every value) as Grafana's display values. */
function Gauges({
  processed,
  options,
  replaceVariables,
  width,
  height,
}: Pick<VizProps, 'processed' | 'options' | 'replaceVariables' | 'width' | 'height'>) {
  const reduceOptions = (options.reduceOptions as ReduceDataOptions | undefined) ?? { calcs: ['lastNotNull'] };
  const values = getFieldDisplayValues({
    data: processed.frames,
    reduceOptions,
    fieldConfig: processed.fieldConfig,
    replaceVariables,
    theme: config.theme2,
    timeZone: 'utc',
  });
  const rowHeight = Math.max(24, Math.min(40, Math.floor(height / Math.max(1, values.length))));
  const max = Math.max(...values.map((v) => (Number.isFinite(v.display.numeric) ? v.display.numeric : 0)));
  const theme = config.theme2;
  return (
    <div data-testid="host-gauges" data-titles={JSON.stringify(values.map((v) => v.display.title ?? ''))}>
      {values.map((value, i) => {
        // One colour per value from Grafana's classic palette, as a pie's slices have.
        const color = theme.visualization.getColorByName(
          theme.visualization.palette[i % theme.visualization.palette.length]
        );
        const display: DisplayValue = { ...value.display, title: value.display.title ?? value.name, color };
        return (
          <BarGauge
            key={i}
            width={width}
            height={rowHeight}
            value={display}
            field={{ ...value.field, min: 0, max: max > 0 ? max : 1, thresholds: BASE_THRESHOLDS }}
            orientation={VizOrientation.Horizontal}
            displayMode={BarGaugeDisplayMode.Basic}
            theme={config.theme2}
            isOverflow={false}
          />
        );
      })}
    </div>
  );
}

/** The names a panel's fields show with (after display names and units), for the specs. */
export function shownFieldNames(frames: DataFrame[]): string[] {
  return frames.flatMap((frame) => frame.fields.map((field) => getFieldDisplayName(field, frame, frames)));
}
