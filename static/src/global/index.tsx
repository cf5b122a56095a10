// My AI access (jira:globalPage): the signed-in person's grants, requests and the approved-tools directory.
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { mountPage, PageHeading } from '../shared/shell';
import { TABS } from './tabs';

function MyAccessPage() {
  const tabs = TABS.filter((t) => t.visible !== false);
  return (
    <>
      <PageHeading>My AI access</PageHeading>
      <Tabs id="my-ai-access">
        <TabList>
          {tabs.map((t) => (
            <Tab key={t.id}>{t.label}</Tab>
          ))}
        </TabList>
        {tabs.map((t) => (
          <TabPanel key={t.id}>{t.render()}</TabPanel>
        ))}
      </Tabs>
    </>
  );
}

mountPage(<MyAccessPage />);
