import type { DataFrame } from '@grafana/data';

export interface SerializedFrame {
  refId?: string;
  name?: string;
  meta?: DataFrame['meta'];
  fields: Array<{ name: string; type: string; config: object; labels?: object; values: unknown[] }>;
}

/** The CLI's JSON form of a frame: the DataFrame's own keys, nothing Grafana computes later. */
export function serializeFrame(frame: DataFrame): SerializedFrame {
  return {
    refId: frame.refId,
    name: frame.name,
    meta: frame.meta,
    fields: frame.fields.map((f) => ({
      name: f.name,
      type: f.type,
      config: f.config ?? {},
      labels: f.labels,
      values: [...f.values],
    })),
  };
}
