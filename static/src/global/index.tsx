// My AI access (jira:globalPage): the signed-in person's grants, requests and the approved-tools
// directory, one tab each (tabs.tsx).
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { useLoad } from '../shared/hooks';
import { call, ResolverError } from '../shared/invoke';
import type { MyAccess } from '../shared/access';
import { Await, mountPage } from '../shared/shell';
import type { RequestableTool } from '../shared/types';
import { TABS, type PageData } from './tabs';

/** Agents see the Approvals tab: the approvals resolvers answer FORBIDDEN to anyone else. */
async function isApprover(): Promise<boolean> {
  try {
    await call('approvals.list', {});
    return true;
  } catch (e) {
    if (e instanceof ResolverError && e.code === 'FORBIDDEN') return false;
    throw e;
  }
}

async function load(): Promise<PageData> {
  const [access, tools, approver] = await Promise.all([
    call<MyAccess>('portal.myAccess'),
    call<{ tools: RequestableTool[] }>('portal.tools'),
    isApprover(),
  ]);
  return { access, tools: tools.tools, approver };
}

function MyAccessPage() {
  const loaded = useLoad(load);
  return (
    // The product shows the module's title ("My AI access") above the page.
    <>
      <Await value={loaded} label="Loading your AI access…" onRetry={loaded.reload}>
        {(data) => {
          const tabs = TABS.filter((t) => t.visible?.(data) !== false);
          return (
            <Tabs id="my-ai-access">
              <TabList>
                {tabs.map((t) => (
                  <Tab key={t.id}>{t.label}</Tab>
                ))}
              </TabList>
              {tabs.map((t) => (
                <TabPanel key={t.id}>
                  <div className="aic-tab">{t.render(data, loaded.reload)}</div>
                </TabPanel>
              ))}
            </Tabs>
          );
        }}
      </Await>
    </>
  );
}

mountPage(<MyAccessPage />);
