// The portal request detail (jiraServiceManagement:portalRequestDetail).
import { mountPage } from '../shared/shell';

mountPage(<p>AI tool access</p>);
