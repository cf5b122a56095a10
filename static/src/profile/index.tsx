// My AI access on the customer portal's Profile page (jiraServiceManagement:portalProfilePanel), for the JSM
// customers who cannot open the Jira page (jira:globalPage has no unlicensed access; platform-contract.md
// UI-12, UI-17): the same tabs of their own grants, requests and the approved tools, through the portal
// resolvers, which answer only the signed-in person's own records.
import { useLoad } from '../shared/hooks';
import { AccessTabs, loadOwnAccess, OWN_ACCESS_TABS } from '../shared/my-access/tabs';
import { Await, mountPage } from '../shared/shell';

function ProfileAccess() {
  const loaded = useLoad(loadOwnAccess);
  // The manifest title ("My AI access") names the panel on the Profile page; the tabs need no heading of their own.
  return (
    <Await value={loaded} label="Loading your AI access…" onRetry={loaded.reload}>
      {(data) => <AccessTabs id="my-ai-access" tabs={OWN_ACCESS_TABS} data={data} reload={loaded.reload} />}
    </Await>
  );
}

mountPage(<ProfileAccess />);
