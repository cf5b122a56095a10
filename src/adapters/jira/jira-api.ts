// The JiraApi and JiraProvisioning ports (src/ports/) bound to one transport: what the
// composition roots hand to the use cases.
import type { JiraApi } from '../../ports/jira-api';
import type { JiraProvisioning } from '../../ports/jira-provisioning';
import type { JiraTransport } from '../../ports/jira-transport';
import { createOptions, findAiToolField, listOptions, setOptionsDisabled } from './field-options';
import { ProvisioningJiraClient } from './provisioning-client';
import { getCustomerRequest, getIssueProperty, getRecentComments, getTransitions } from './ticket-read';
import { searchIssues, statusChanges } from './ticket-search';
import { writeTicket } from './ticket-write';
import { getUser } from './user-read';

export function jiraApi(jira: JiraTransport): JiraApi {
  return {
    getTransitions: (issueKey) => getTransitions(jira, issueKey),
    getCustomerRequest: (issueKey) => getCustomerRequest(jira, issueKey),
    getIssueProperty: (issueKey, propertyKey) => getIssueProperty(jira, issueKey, propertyKey),
    getRecentComments: (issueKey, max) => getRecentComments(jira, issueKey, max),
    writeTicket: (issueKey, write) => writeTicket(jira, issueKey, write),
    getUser: (accountId, opts) => getUser(jira, accountId, opts),
    searchIssues: (jql, nextPageToken, maxResults) => searchIssues(jira, jql, nextPageToken, maxResults),
    statusChanges: (issueKey) => statusChanges(jira, issueKey),
    findAiToolField: (hint) => findAiToolField(jira, hint),
    listOptions: (ref) => listOptions(jira, ref),
    createOptions: (ref, values) => createOptions(jira, ref, values),
    setOptionsDisabled: (ref, changes) => setOptionsDisabled(jira, ref, changes),
    provisioning: () => jiraProvisioning(jira),
  };
}

export function jiraProvisioning(jira: JiraTransport): JiraProvisioning {
  return new ProvisioningJiraClient(jira);
}
