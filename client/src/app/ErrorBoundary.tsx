/**
 * Catches a render error anywhere below it and shows what happened with a way back, instead of a
 * blank page. The match itself is safe on the server; reloading rejoins it.
 */
import { Component, type ReactNode } from "react";

interface State {
  readonly error: Error | null;
}

/** Shows a recoverable message when a child throws while rendering. */
export class ErrorBoundary extends Component<{ readonly children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <main className="page" role="alert" data-testid="app-error">
        <h1>Something went wrong on this page</h1>
        <p>
          Your match is safe on the server. Reload the page to rejoin it; if this keeps happening, tell the
          host what you were doing.
        </p>
        <p>
          <code>{this.state.error.message}</code>
        </p>
        <p>
          <button type="button" onClick={() => window.location.reload()}>
            Reload
          </button>
        </p>
      </main>
    );
  }
}
