// The AI Clearance admin console (jira:adminPage): one tab per job an admin does.
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { mountPage, PageHeading } from '../shared/shell';
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

function AdminConsole() {
  return (
    <>
      <PageHeading>AI Clearance</PageHeading>
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
    </>
  );
}

mountPage(<AdminConsole />);
