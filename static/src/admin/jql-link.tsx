// A link to Jira's issue navigator for a JQL query. Custom UI runs in an iframe, so the product navigates
// (@forge/bridge router.navigate); the href keeps it a real link for keyboards and screen readers.
import { router } from '@forge/bridge';
import type { ReactNode } from 'react';

export const issueNavigatorUrl = (jql: string) => `/issues/?jql=${encodeURIComponent(jql)}`;

export function JqlLink({ jql, children, label }: { jql: string; children: ReactNode; label?: string }) {
  const url = issueNavigatorUrl(jql);
  return (
    <a
      className="aic-text-link"
      href={url}
      {...(label ? { 'aria-label': label } : {})}
      onClick={(e) => {
        e.preventDefault();
        void router.navigate(url);
      }}
    >
      {children}
    </a>
  );
}
