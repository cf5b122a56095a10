// Rules for request-types/*.yml across files: unique names, fields that exist.
import type { ConfigProblem, YamlSource } from '../yaml-source';
import { SYSTEM_FIELDS } from '../../domain/provisioning/desired';
import { shortTypeName } from './field-types';
import { REQUIRED_FIELDS, REQUIRED_REQUEST_TYPES } from './required';
import type { FieldEntry, RequestTypeFile } from './schemas';
import { normaliseOption } from './validate-fields';

export interface ParsedRequestType {
  src: YamlSource;
  value: RequestTypeFile;
}

/**
 * @param complete false when a request type file failed to load: then a
 *   "missing request type" would only repeat that file's own error.
 */
export function validateRequestTypes(
  rts: ParsedRequestType[],
  fields: FieldEntry[] | undefined,
  dirLabel: string,
  complete: boolean,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const byRef = new Map<string, string>();
  const byName = new Map<string, string>();
  const fieldsByRef = new Map((fields ?? []).map((f) => [f.ref, f]));
  for (const { src, value: rt } of rts) {
    const firstRef = byRef.get(rt.ref);
    if (firstRef) problems.push(src.problem(['ref'], `duplicate request type ref "${rt.ref}" (also in ${firstRef})`));
    else byRef.set(rt.ref, src.file);
    const firstName = byName.get(rt.name.toLowerCase());
    if (firstName)
      problems.push(
        src.problem(
          ['name'],
          `duplicate request type name "${rt.name}" (also in ${firstName}); the portal shows request types by name`,
        ),
      );
    else byName.set(rt.name.toLowerCase(), src.file);

    const seen = new Set<string>();
    rt.fields.forEach((f, i) => {
      if (seen.has(f.field))
        problems.push(src.problem(['fields', i, 'field'], `field "${f.field}" is listed twice; list each field once`));
      seen.add(f.field);
      if (SYSTEM_FIELDS[f.field]) return;
      if (fields === undefined) return; // fields.yml failed to load: its own errors say why
      const def = fieldsByRef.get(f.field);
      if (!def && REQUIRED_FIELDS[f.field]) return; // fields.yml already reports the missing required field
      if (!def) {
        const known = [...fieldsByRef.keys(), ...Object.keys(SYSTEM_FIELDS)].join(', ');
        problems.push(
          src.problem(
            ['fields', i, 'field'],
            `unknown field "${f.field}"; use a ref from templates/fields.yml or a system field (${known})`,
          ),
        );
        return;
      }
      if (f.default !== undefined) problems.push(...checkDefault(f.default, def, src, ['fields', i, 'default']));
    });
  }
  if (complete) {
    for (const [ref, why] of Object.entries(REQUIRED_REQUEST_TYPES)) {
      if (!byRef.has(ref)) {
        problems.push({
          file: dirLabel,
          line: 1,
          column: 1,
          path: '',
          message: `missing request type with ref "${ref}" (${why}); add ${dirLabel}/<name>.yml with ref: ${ref}`,
        });
      }
    }
  }
  return problems;
}

function checkDefault(value: string | number, def: FieldEntry, src: YamlSource, at: PropertyKey[]): ConfigProblem[] {
  const type = shortTypeName(def.type);
  if (type === 'float' && typeof value !== 'number')
    return [src.problem(at, `default for number field "${def.ref}" must be a number; got ${JSON.stringify(value)}`)];
  if (type !== 'float' && typeof value === 'number' && type !== 'textfield' && type !== 'textarea') {
    return [src.problem(at, `default for ${type} field "${def.ref}" must be text; got ${value}`)];
  }
  if (type === 'select' && Array.isArray(def.options)) {
    const values = def.options.map((o) => normaliseOption(o).value);
    if (!values.some((v) => v.toLowerCase() === String(value).toLowerCase())) {
      return [
        src.problem(
          at,
          `default "${value}" is not an option of "${def.ref}"; use one of ${values.map((v) => JSON.stringify(v)).join(', ')}`,
        ),
      ];
    }
  }
  if (type === 'select' && def.options === 'catalog') {
    return [src.problem(at, `"${def.ref}" takes its options from the catalog, which changes; remove the default`)];
  }
  return [];
}
