/** What a run returned, as plain HTML tables the specs read (and, on request, Grafana's own table and tooltips). */
import React, { useMemo } from 'react';
import { DataFrame, DataQueryError, FieldType, applyFieldOverrides, textUtil } from '@grafana/data';
import { config } from '@grafana/runtime';
import { TableNG } from '@grafana/ui/unstable';

export interface RunState {
  started: number;
  completed: number;
  state: 'Idle' | 'Loading' | 'Done' | 'Error' | 'Skipped';
  frames: DataFrame[];
  errors: DataQueryError[];
  /** Values of a variable query. */
  values?: Array<{ text: string; value: string }>;
}

export const IDLE: RunState = { started: 0, completed: 0, state: 'Idle', frames: [], errors: [] };
const ROWS_SHOWN = 10;

function cellText(value: unknown, type: FieldType): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (type === FieldType.time && typeof value === 'number') {
    return new Date(value).toISOString();
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function FrameTable({ frame, index }: { frame: DataFrame; index: number }) {
  const rows = Math.min(frame.length, ROWS_SHOWN);
  return (
    <table
      className="host-frame"
      data-testid="host-frame"
      data-index={index}
      data-name={frame.name ?? ''}
      data-refid={frame.refId ?? ''}
      data-rows={frame.length}
    >
      <caption>
        {frame.name ?? '(no name)'} · refId {frame.refId ?? '?'} · {frame.length} rows
        {frame.meta?.executedQueryString ? (
          <div className="host-executed" data-testid="host-executed-query">
            {frame.meta.executedQueryString}
          </div>
        ) : null}
        {frame.meta?.notices?.map((n, i) => (
          <div key={i} data-testid="host-frame-notice" data-severity={n.severity}>
            {n.severity}: {n.text}
          </div>
        ))}
      </caption>
      <thead>
        <tr>
          {frame.fields.map((field, i) => (
            <th key={i} data-testid="host-field" data-field-name={field.name} data-field-type={field.type}>
              {field.name}
              {field.labels && Object.keys(field.labels).length ? (
                <span className="host-labels"> {JSON.stringify(field.labels)}</span>
              ) : null}
              <br />
              <small>
                {field.type}
                {field.config?.unit ? ` · ${field.config.unit}` : ''}
              </small>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: rows }, (_, row) => (
          <tr key={row} data-testid="host-row">
            {frame.fields.map((field, i) => (
              <td key={i}>{cellText(field.values[row], field.type)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The frames in Grafana's table panel component (TableNG), after Grafana's field processing. */
export function GrafanaTable({ frame, index }: { frame: DataFrame; index: number }) {
  const [processed] = useMemo(
    () =>
      applyFieldOverrides({
        data: [frame],
        fieldConfig: { defaults: {}, overrides: [] },
        replaceVariables: (value) => value,
        theme: config.theme2,
        timeZone: 'utc',
      }),
    [frame]
  );
  const rows = Math.min(frame.length, ROWS_SHOWN);
  return (
    <div className="host-grafana-table" data-testid="host-grafana-table" data-index={index}>
      <TableNG data={processed} width={1300} height={40 * (rows + 1) + 8} enableVirtualization={false} />
    </div>
  );
}

/**
 * Annotations as Grafana's tooltip (AnnotationTooltip2) renders them: title and text joined into one HTML
 * string, sanitized. Also unsanitized: then only the plugin's own escaping stands between Sentry's strings and
 * the page.
 */
export function AnnotationTooltips({ frames }: { frames: DataFrame[] }) {
  const shown = frames.flatMap((frame) => {
    const title = frame.fields.find((f) => f.name === 'title');
    const text = frame.fields.find((f) => f.name === 'text');
    if (!title || !text) {
      return [];
    }
    return Array.from(
      { length: Math.min(frame.length, ROWS_SHOWN) },
      (_, i) => `${title.values[i]}<br />${text.values[i]}`
    );
  });
  if (!shown.length) {
    return null;
  }
  return (
    <section data-testid="host-annotation-tooltips">
      <h4>As Grafana&apos;s annotation tooltip shows them</h4>
      {shown.map((html, i) => (
        <React.Fragment key={i}>
          <div
            className="host-tooltip"
            data-testid="host-annotation-tooltip"
            data-sanitized="true"
            dangerouslySetInnerHTML={{ __html: textUtil.sanitize(html) }}
          />
          <div
            className="host-tooltip"
            data-testid="host-annotation-tooltip"
            data-sanitized="false"
            dangerouslySetInnerHTML={{ __html: html }}
          />
        </React.Fragment>
      ))}
    </section>
  );
}

export function Results({ run, grafanaTable }: { run: RunState; grafanaTable?: boolean }) {
  return (
    <section
      className="host-results"
      data-testid="host-results"
      data-state={run.state}
      data-started={run.started}
      data-completed={run.completed}
    >
      <h3>
        Result: <span data-testid="host-run-state">{run.state}</span> (run {run.completed} of {run.started})
      </h3>
      {run.errors.map((error, i) => (
        <div key={i} className="host-error" data-testid="host-error" data-refid={error.refId ?? ''}>
          {error.refId ? `${error.refId}: ` : ''}
          {error.message}
        </div>
      ))}
      {run.values && (
        <table className="host-frame" data-testid="host-variable-values" data-rows={run.values.length}>
          <thead>
            <tr>
              <th>text</th>
              <th>value</th>
            </tr>
          </thead>
          <tbody>
            {run.values.map((v, i) => (
              <tr key={i} data-testid="host-variable-value" data-text={v.text} data-value={v.value}>
                <td>{v.text}</td>
                <td>{v.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {run.frames.map((frame, i) => (
        <React.Fragment key={i}>
          <FrameTable frame={frame} index={i} />
          {grafanaTable && <GrafanaTable frame={frame} index={i} />}
        </React.Fragment>
      ))}
    </section>
  );
}
