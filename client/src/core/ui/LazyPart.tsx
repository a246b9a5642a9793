import { Component, Suspense, type ReactElement, type ReactNode } from 'react';

type Frame = (content: ReactNode) => ReactElement;

/** The page's own centred message: for whole pages (the start page, the report, the projector). */
const pageFrame: Frame = (content) => <div className="center-message">{content}</div>;

/**
 * A part of the page whose code is its own chunk, loaded when the part is first shown (React.lazy inside).
 * While it loads, `frame` holds a polite "Loading …" status in the place the part will take, so nothing
 * around it moves; if the code cannot be fetched (offline before the app was ever cached, or a build
 * replaced on the server), the same place says so and offers a reload instead of blanking the whole app.
 */
export function LazyPart({
  what,
  frame = pageFrame,
  children,
}: {
  /** What loads, in words that follow "Loading": "the grid", "the export panel". */
  what: string;
  frame?: Frame;
  children: ReactNode;
}) {
  return (
    <LoadFailure what={what} frame={frame}>
      <Suspense
        fallback={frame(
          <p role="status" className="lazy-loading">
            Loading {what}…
          </p>,
        )}
      >
        {children}
      </Suspense>
    </LoadFailure>
  );
}

class LoadFailure extends Component<
  { what: string; frame: Frame; children: ReactNode },
  { error: Error | null }
> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return this.props.frame(
      <div role="alert" className="lazy-failure">
        <p className="error">
          Could not show {this.props.what}: {error.message}
        </p>
        <button type="button" onClick={() => location.reload()}>
          Reload the page
        </button>
      </div>,
    );
  }
}
