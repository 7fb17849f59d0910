/** What the query, variable and annotation pages share: the plugin's editor, a Run button and the saved JSON. */
import React, { ReactNode } from 'react';
import { Button } from '@grafana/ui';

import { ErrorBoundary } from './ErrorBoundary';

interface Props {
  /** Test id of the editor's box. */
  testId: string;
  /** What the editor saved, shown as JSON. */
  saved: unknown;
  onRun: () => void;
  /** The plugin's editor. */
  children: ReactNode;
}

export function Workbench({ testId, saved, onRun, children }: Props) {
  return (
    <>
      <div className="host-editor" data-testid={testId}>
        <ErrorBoundary>{children}</ErrorBoundary>
      </div>
      <div className="host-toolbar">
        <Button data-testid="host-run" icon="sync" onClick={onRun}>
          Run query
        </Button>
      </div>
      <pre className="host-json" data-testid="host-query-json">
        {JSON.stringify(saved)}
      </pre>
    </>
  );
}
