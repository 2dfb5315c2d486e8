/**
 * From a finding's CloudFormation path (`Properties.CallbackURLs.0`) to a path into the template value
 * (`['Resources', 'Client', 'Properties', 'CallbackURLs', 0]`) that the loader can locate in the file.
 *
 * Findings may name a property that is absent (the AWS default applies) or a place inside an intrinsic; the path is
 * then that of the deepest part present in the template, so a reader lands on the resource, or on the property that
 * holds the `Fn::If`. Keys that contain dots are matched whole.
 */
import type { TemplatePath } from '../source';

/** The template path of the deepest existing node on the way to `section`/`logicalId`/`path`. */
export function templatePathOf(template: unknown, section: string, logicalId: string, path: string): TemplatePath {
  const rest = path === '' ? [] : path.split('.');
  let start: string[];
  if (section === 'Resources') {
    start = logicalId === '(template)' ? [] : ['Resources', logicalId];
  } else {
    // Template-level paths already begin with their section: `Parameters.Name…`, `Outputs.Name…`, `Globals.…`.
    start = [];
    if (rest[0] !== section) rest.unshift(section);
  }
  return deepestPath(template, [...start, ...rest]);
}

/** The longest prefix of `segments` present in `root`, joining segments where a key contains dots. */
export function deepestPath(root: unknown, segments: readonly string[]): TemplatePath {
  const out: Array<string | number> = [];
  let node = root;
  let i = 0;
  while (i < segments.length) {
    if (Array.isArray(node)) {
      const segment = segments[i];
      if (!/^(0|[1-9][0-9]*)$/.test(segment) || Number(segment) >= node.length) break;
      const index = Number(segment);
      out.push(index);
      node = node[index];
      i++;
      continue;
    }
    if (node === null || typeof node !== 'object') break;
    let matched = false;
    for (let j = i, key = segments[i]; j < segments.length; key += `.${segments[++j]}`) {
      if (Object.prototype.hasOwnProperty.call(node, key)) {
        out.push(key);
        node = (node as Record<string, unknown>)[key];
        i = j + 1;
        matched = true;
        break;
      }
    }
    if (!matched) break;
  }
  return out;
}
