/** The sub-editor of each query type: the fields of its core module (src/sentry/queries/<type>.ts). */
import React, { ComponentType } from 'react';

import type { QueryOf, QueryType } from '../../sentry/query';
import type { SubEditorProps } from './common';
import { DistributionEditor } from './DistributionEditor';
import { EventsEditor } from './EventsEditor';
import { EventsStatsEditor } from './EventsStatsEditor';
import { IssuesEditor } from './IssuesEditor';
import { PerformanceEditor } from './PerformanceEditor';
import { ReleasesEditor } from './ReleasesEditor';
import { RequestLookupEditor } from './RequestLookupEditor';
import { SessionsEditor } from './SessionsEditor';
import { SpikeExplainerEditor } from './SpikeExplainerEditor';
import { StatsV2Editor } from './StatsV2Editor';

type EditorOf<T extends QueryType> = ComponentType<SubEditorProps<QueryOf<T>, string>>;

export const QUERY_EDITORS: { [T in QueryType]: EditorOf<T> } = {
  issues: IssuesEditor,
  eventsStats: function EventFrequencyEditor(props) {
    return <EventsStatsEditor {...props} pickDataset />;
  },
  errorDistribution: DistributionEditor,
  events: function EventsTableEditor(props) {
    return <EventsEditor {...props} pickDataset />;
  },
  performance: PerformanceEditor,
  spans: EventsEditor,
  spansStats: EventsStatsEditor,
  sessions: SessionsEditor,
  statsV2: StatsV2Editor,
  releases: ReleasesEditor,
  spikeExplainer: SpikeExplainerEditor,
  requestLookup: RequestLookupEditor,
};
