// The page shell every Custom UI resource renders into: one React root, an error boundary that shows a
// message instead of a blank iframe, and the common loading / error / empty blocks.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { Component, StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Loaded } from './hooks';

class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override render(): ReactNode {
    if (this.state.failed)
      return (
        <SectionMessage appearance="error" title="AI Clearance stopped working on this page">
          <p>Reload the page. If it happens again, tell your AI Clearance admin.</p>
        </SectionMessage>
      );
    return this.props.children;
  }
}

/** Renders the page's root component into #root. */
export function mountPage(page: ReactNode): void {
  const el = document.getElementById('root');
  if (!el) throw new Error('the page has no #root element');
  createRoot(el).render(
    <StrictMode>
      <ErrorBoundary>{page}</ErrorBoundary>
    </StrictMode>,
  );
}

export function PageHeading({ children }: { children: ReactNode }) {
  return (
    <div className="aic-heading">
      <Heading size="large" as="h1">
        {children}
      </Heading>
    </div>
  );
}

export function Loading({ label }: { label: string }) {
  return (
    <div className="aic-loading" role="status">
      <Spinner size="medium" label={label} />
      <span>{label}</span>
    </div>
  );
}

export function ErrorMessage({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <SectionMessage
      appearance="error"
      title="Something went wrong"
      actions={onRetry ? <Button onClick={onRetry}>Try again</Button> : undefined}
    >
      <p>{message}</p>
    </SectionMessage>
  );
}

/** Shows the spinner or the error of a load, or renders the loaded data. */
export function Await<T>({
  value,
  label,
  onRetry,
  children,
}: {
  value: Loaded<T>;
  label: string;
  onRetry?: () => void;
  children: (data: T) => ReactNode;
}) {
  if (value.state === 'loading') return <Loading label={label} />;
  if (value.state === 'error') return <ErrorMessage message={value.message} {...(onRetry ? { onRetry } : {})} />;
  return <>{children(value.data)}</>;
}
