// My AI access (jira:globalPage): the signed-in person's grants, requests and the approved-tools
// directory, one tab each (tabs.tsx), plus Approvals for agents.
import { useLoad } from '../shared/hooks';
import { call, ResolverError } from '../shared/invoke';
import { AccessTabs, loadOwnAccess } from '../shared/my-access/tabs';
import { Await, mountPage } from '../shared/shell';
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
  const [own, approver] = await Promise.all([loadOwnAccess(), isApprover()]);
  return { ...own, approver };
}

function MyAccessPage() {
  const loaded = useLoad(load);
  // The product shows the module's title ("My AI access") above the page.
  return (
    <Await value={loaded} label="Loading your AI access…" onRetry={loaded.reload}>
      {(data) => <AccessTabs id="my-ai-access" tabs={TABS} data={data} reload={loaded.reload} />}
    </Await>
  );
}

mountPage(<MyAccessPage />);
