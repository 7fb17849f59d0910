/** Shows a crash of the plugin's editor as a `host-crash` element instead of a blank page. */
import React, { Component, ErrorInfo, ReactNode } from 'react';

export class ErrorBoundary extends Component<{ children: ReactNode }, { error?: Error }> {
  state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('The plugin crashed:', error, info.componentStack);
  }

  render() {
    if (this.state.error) {
      return (
        <div className="host-error" data-testid="host-crash">
          The plugin crashed: {this.state.error.message}
        </div>
      );
    }
    return this.props.children;
  }
}
