// Error texts. Where Jira has a message for the same mistake we copy its wording, so
// a query rejected by the sandbox reads like the 400 Jira would answer. Where the
// query is valid Jira but the sandbox cannot evaluate it, the message says so
// explicitly, so nobody mistakes a sandbox gap for a broken query.
import { JqlError } from './types';

export function fail(message: string): never {
  throw new JqlError([message]);
}

export const msg = {
  unknownField: (name: string) => `Field '${name}' does not exist or you do not have permission to view it.`,
  operatorNotSupported: (op: string, field: string) => `The operator '${op}' is not supported by the '${field}' field.`,
  valueDoesNotExist: (value: string, field: string) => `The value '${value}' does not exist for the field '${field}'.`,
  optionDoesNotExist: (value: string, field: string) => `The option '${value}' for field '${field}' does not exist.`,
  unknownFunction: (name: string) => `Unable to find JQL function '${name}()'.`,
  functionInvalidForField: (fn: string, field: string) =>
    `A value provided by the function '${fn}' is invalid for the field '${field}'.`,
  functionArgs: (fn: string, expected: string, got: number) =>
    `Function '${fn}' expected '${expected}' arguments but received '${got}'.`,
  nonListValue: (op: string, value: string, field: string) =>
    `Operator '${op}' does not support the non-list value '${value}' for field '${field}'.`,
  emptyNotSupported: (op: string, field: string) =>
    `The operator '${op}' does not support searching for EMPTY values in the '${field}' field.`,
  invalidDate: (value: string, field: string) =>
    `Date value '${value}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
  invalidNumber: (value: string, field: string) =>
    `The value '${value}' is not a valid number for the field '${field}'.`,
  invalidIssueKey: (value: string, field: string) => `The issue key '${value}' for field '${field}' is invalid.`,
  notSortable: (field: string) => `Field '${field}' does not support sorting.`,
  leadingWildcard: (value: string, field: string) =>
    `The text query '${value}' for field '${field}' is not allowed to start with a wildcard.`,
  invalidPropertyDate: (value: string, field: string) =>
    `Date value '${value}' for field '${field}' is invalid. Use YYYY-MM-DD or an ISO 8601 date-time with a timezone offset, e.g. '2026-05-15T13:44:11Z'.`,
  /** Valid JQL elsewhere, but not promised for entity-property aliases (jira-entity-property docs, "JQL examples by type"). */
  undocumentedForProperty: (what: string, field: string) =>
    `Using ${what} with the entity property field '${field}' is not documented for jira:entityProperty values; the AI Clearance sandbox refuses it so the app keeps to documented JQL.`,
  sandbox: (what: string) => `${what} is not supported by the AI Clearance sandbox JQL engine.`,
};
