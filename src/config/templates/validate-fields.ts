// Rules for templates/fields.yml that a schema cannot express.
import type { ConfigProblem, YamlSource } from '../yaml-source';
import { describeTypePairs, FIELD_TYPES, shortSearcherName, shortTypeName } from './field-types';
import { REQUIRED_FIELDS } from './required';
import type { FieldEntry } from './schemas';

export function validateFields(fields: FieldEntry[], src: YamlSource): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const refs = new Map<string, number>();
  const names = new Map<string, number>();
  fields.forEach((f, i) => {
    const at = (...p: PropertyKey[]) => ['fields', i, ...p];
    const seenRef = refs.get(f.ref);
    if (seenRef !== undefined)
      problems.push(
        src.problem(at('ref'), `duplicate field ref "${f.ref}" (also fields[${seenRef}]); give each field its own ref`),
      );
    else refs.set(f.ref, i);
    const lower = f.name.toLowerCase();
    const seenName = names.get(lower);
    if (seenName !== undefined)
      problems.push(
        src.problem(
          at('name'),
          `duplicate field name "${f.name}" (also fields[${seenName}]); Jira JQL cannot tell same-named fields apart`,
        ),
      );
    else names.set(lower, i);

    const type = shortTypeName(f.type);
    if (!type) {
      problems.push(
        src.problem(at('type'), `unknown field type "${f.type}"; use one of: ${describeTypePairs()} (type/searcher)`),
      );
      return;
    }
    const searchers: readonly string[] = FIELD_TYPES[type].searchers;
    if (f.searcher !== undefined && !searchers.includes(shortSearcherName(f.searcher))) {
      problems.push(
        src.problem(
          at('searcher'),
          `searcher "${f.searcher}" does not fit type ${type}; use ${searchers.join(' or ')} (or leave searcher out)`,
        ),
      );
    }
    if (FIELD_TYPES[type].hasOptions) {
      if (f.options === undefined)
        problems.push(src.problem(at('type'), `a ${type} field needs options: a list of values, or options: catalog`));
      else if (Array.isArray(f.options)) problems.push(...duplicateOptions(f.options, src, at('options')));
    } else if (f.options !== undefined) {
      problems.push(src.problem(at('options'), `a ${type} field has no options; remove options or use type select`));
    }
    if (f.options === 'catalog' && f.ref !== 'aiTool') {
      problems.push(
        src.problem(
          at('options'),
          'only the aiTool field takes its options from the catalog; list the options instead',
        ),
      );
    }
  });

  for (const [ref, rule] of Object.entries(REQUIRED_FIELDS)) {
    const i = refs.get(ref);
    if (i === undefined) {
      problems.push(
        src.problem(
          ['fields'],
          `missing required field ref "${ref}" (${rule.why}); add it with type ${rule.types.join(' or ')}`,
        ),
      );
      continue;
    }
    const f = fields[i];
    const type = shortTypeName(f.type);
    if (type && !rule.types.includes(type))
      problems.push(
        src.problem(
          ['fields', i, 'type'],
          `field "${ref}" must be of type ${rule.types.join(' or ')} (${rule.why}); got ${type}`,
        ),
      );
    if (type === 'select' && rule.options === 'catalog' && f.options !== 'catalog') {
      problems.push(src.problem(['fields', i, 'options'], `field "${ref}" must have options: catalog (${rule.why})`));
    }
  }
  return problems;
}

function duplicateOptions(
  options: Array<string | { key: string; value: string }>,
  src: YamlSource,
  at: PropertyKey[],
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const values = new Set<string>();
  const keys = new Set<string>();
  options.forEach((o, j) => {
    const { key, value } = normaliseOption(o);
    if (values.has(value.toLowerCase()))
      problems.push(
        src.problem([...at, j], `duplicate option "${value}"; Jira option values must be unique per context`),
      );
    if (keys.has(key)) problems.push(src.problem([...at, j], `duplicate option key "${key}"`));
    values.add(value.toLowerCase());
    keys.add(key);
  });
  return problems;
}

/** "Pending approval" → {key: pending_approval, value: "Pending approval"}. */
export function normaliseOption(o: string | { key: string; value: string }): { key: string; value: string } {
  if (typeof o !== 'string') return o;
  const key = o
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return { key: /^[a-z]/.test(key) ? key : `o_${key}`, value: o };
}
