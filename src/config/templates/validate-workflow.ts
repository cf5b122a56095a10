// Rules for templates/workflow.yml: a status or transition can mean only one
// thing, or the app could not tell (say) an expiry from a revocation.
import type { ConfigProblem, YamlSource } from '../yaml-source';
import type { WorkflowFile } from './schemas';

export function validateWorkflow(wf: WorkflowFile, src: YamlSource): ConfigProblem[] {
  return [
    ...uniqueAcross(wf.statuses, 'statuses', 'status', src),
    ...uniqueAcross(wf.transitions, 'transitions', 'transition', src),
  ];
}

function uniqueAcross(
  map: Record<string, string[] | undefined>,
  section: string,
  what: string,
  src: YamlSource,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const owner = new Map<string, string>();
  for (const [meaning, names] of Object.entries(map)) {
    (names ?? []).forEach((n, i) => {
      const lower = n.toLowerCase();
      const first = owner.get(lower);
      if (first === undefined) owner.set(lower, meaning);
      else if (first === meaning)
        problems.push(
          src.problem([section, meaning, i], `${what} "${n}" is listed twice under ${meaning}; remove the repeat`),
        );
      else
        problems.push(
          src.problem(
            [section, meaning, i],
            `${what} "${n}" is mapped to both ${first} and ${meaning}; a ${what} may mean only one thing — map ${meaning} to a ${what} of its own`,
          ),
        );
    });
  }
  return problems;
}
