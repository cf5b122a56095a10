// A person's own AI access, one tab each: their grants (expiry, countdown and actions), their requests and
// the approved-tools directory. Shared by My AI access in Jira (jira:globalPage, which adds an approver's
// tab) and on the customer portal's Profile page (jiraServiceManagement:portalProfilePanel).
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import type { ReactNode } from 'react';
import type { MyAccess } from '../access';
import { call } from '../invoke';
import type { RequestableTool } from '../types';
import { Directory } from './directory';
import { MyGrants } from './grants';
import { MyRequests } from './requests';

export interface OwnAccess {
  access: MyAccess;
  tools: RequestableTool[];
}

/** A tab: an id, a label and what it renders from the page's data; `visible` says who sees it (default all). */
export interface AccessTab<D extends OwnAccess = OwnAccess> {
  id: string;
  label: string;
  render: (data: D, reload: () => void) => ReactNode;
  visible?: (data: D) => boolean;
}

export const OWN_ACCESS_TABS: AccessTab[] = [
  { id: 'access', label: 'My access', render: (d, reload) => <MyGrants data={d.access} reload={reload} /> },
  { id: 'requests', label: 'My requests', render: (d) => <MyRequests data={d.access} /> },
  { id: 'directory', label: 'Approved tools', render: (d) => <Directory tools={d.tools} /> },
];

/** The signed-in person's own grants and requests, and the tools they can request (the portal resolvers). */
export async function loadOwnAccess(): Promise<OwnAccess> {
  const { tools, ...access } = await call<MyAccess & { tools: RequestableTool[] }>('portal.myAccess', {
    withTools: true,
  });
  return { access, tools };
}

export function AccessTabs<D extends OwnAccess>({
  id,
  tabs,
  data,
  reload,
}: {
  id: string;
  tabs: Array<AccessTab<D>>;
  data: D;
  reload: () => void;
}) {
  const shown = tabs.filter((t) => t.visible?.(data) !== false);
  return (
    <Tabs id={id}>
      <TabList>
        {shown.map((t) => (
          <Tab key={t.id}>{t.label}</Tab>
        ))}
      </TabList>
      {shown.map((t) => (
        <TabPanel key={t.id}>
          <div className="aic-tab">{t.render(data, reload)}</div>
        </TabPanel>
      ))}
    </Tabs>
  );
}
