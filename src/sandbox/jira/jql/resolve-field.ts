// Field name -> FieldModel. Lookup order mirrors Jira: entity-property syntax, then
// cf[id], system fields (a custom field named like a system field is reachable only
// as cf[id]), searchAlias names, custom field names. Names are case-insensitive.
import type { Field } from '@atlaskit/jql-ast';
import type { JqlCompileContext } from './catalog';
import { customField } from './custom-fields';
import type { FieldModel } from './field-model';
import { fail, msg } from './messages';
import { aliasField, propertyField } from './property-fields';
import { fieldLabel } from './syntax';
import { isJiraOnlyField, systemField } from './system-fields';

export function resolveField(field: Field, ctx: JqlCompileContext): FieldModel {
  const property = propertyField(field, ctx);
  if (property) return property;
  const name = field.value;
  const model = /^cf\[/i.test(name.trim())
    ? customField(name, ctx)
    : (systemField(name, ctx) ?? aliasField(name, ctx) ?? customField(name, ctx));
  if (model) return model;
  if (isJiraOnlyField(name)) fail(msg.sandbox(`The field '${name}'`));
  return fail(msg.unknownField(fieldLabel(field)));
}
