// The AI Clearance admin console (jira:adminPage): one tab per job an admin does. Jira shows the page to
// whoever opens its URL, so the console first asks the Overview's own question (overview.get, which the
// resolvers answer FORBIDDEN for anyone but a Jira admin) and shows a non-admin one message, no controls.
import SectionMessage from '@atlaskit/section-message';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { useLoad } from '../shared/hooks';
import { prime, ResolverError } from '../shared/invoke';
import { Await, mountPage, PageHeading } from '../shared/shell';
import { CatalogTab } from './catalog';
import { ConnectedModeTab } from './connected';
import { EvidenceTab } from './evidence';
import { GovernanceTab } from './governance';
import { OverviewTab } from './overview';
import { PoliciesTab } from './policies';
import { ProvisioningTab } from './provisioning';
import { SettingsTab } from './settings';

const TABS = [
  { id: 'overview', label: 'Overview', render: () => <OverviewTab /> },
  { id: 'catalog', label: 'Catalog', render: () => <CatalogTab /> },
  { id: 'policies', label: 'Policies', render: () => <PoliciesTab /> },
  { id: 'settings', label: 'Settings', render: () => <SettingsTab /> },
  { id: 'provisioning', label: 'Provisioning', render: () => <ProvisioningTab /> },
  { id: 'connected', label: 'Connected mode', render: () => <ConnectedModeTab /> },
  { id: 'governance', label: 'Governance log', render: () => <GovernanceTab /> },
  { id: 'evidence', label: 'Evidence', render: () => <EvidenceTab /> },
];

/**
 * Whether the caller may use the console. The answer is primed, so the Overview tab reuses it instead of
 * calling again; any other failure opens the console, where the Overview shows it with Try again.
 */
async function isAdmin(): Promise<boolean> {
  try {
    await prime('overview.get');
    return true;
  } catch (e) {
    if (e instanceof ResolverError && e.code === 'FORBIDDEN') return false;
    return true;
  }
}

function AdminsOnly() {
  return (
    <SectionMessage appearance="warning" title="For Jira admins only">
      <p>
        AI Clearance settings are for Jira admins only. Ask a Jira admin if a tool, policy or setting needs to change;
        your own AI access and requests are on the My AI access page.
      </p>
    </SectionMessage>
  );
}

function ConsoleTabs() {
  return (
    <Tabs id="aic-admin">
      <TabList>
        {TABS.map((t) => (
          <Tab key={t.id}>{t.label}</Tab>
        ))}
      </TabList>
      {TABS.map((t) => (
        <TabPanel key={t.id}>
          <div className="aic-tab">{t.render()}</div>
        </TabPanel>
      ))}
    </Tabs>
  );
}

function AdminConsole() {
  const admin = useLoad(isAdmin);
  return (
    <>
      <PageHeading>AI Clearance</PageHeading>
      <Await value={admin} label="Loading AI Clearance settings">
        {(ok) => (ok ? <ConsoleTabs /> : <AdminsOnly />)}
      </Await>
    </>
  );
}

mountPage(<AdminConsole />);
