// The portal request-create panel (jiraServiceManagement:portalRequestCreatePropertyPanel).
import { mountPage } from '../shared/shell';

mountPage(<p>AI tool access</p>);
