/**
 * The input layer of `token-guard audit`, in one import. See docs/cli-input.md.
 *
 *   const found = discover(paths, { verbose, limits });          // never throws
 *   for (const input of found.inputs) {
 *     const { templates, errors } = loadInput(input, limits);    // never throws
 *     for (const t of templates) engine(t.template, t.locate, (t as AssemblyTemplate).constructPaths);
 *   }
 *   // found.errors and each load's errors: InputError, print .message, exit 2.
 *
 * Nothing here loads the `yaml` library until the first YAML file is read.
 */
export { InputError, isInputError, type InputErrorCode } from './input-error';
export { DEFAULT_LIMITS, MAX_DEPTH_CAP, resolveLimits, type LoadLimits, type ResolvedLimits } from './limits';
export type { SourcePosition, TemplatePath } from './source';
export {
  TEMPLATE_EXTENSIONS,
  detectFormat,
  loadTemplate,
  parseTemplateText,
  type CloudFormationTemplate,
  type LoadedTemplate,
  type TemplateFormat,
} from './load-template';
export { MANIFEST_FILE, isCloudAssemblyDir, loadCloudAssembly, type AssemblyTemplate, type CloudAssemblyLoad } from './cloud-assembly';
export {
  discover,
  loadInput,
  looksLikeTemplate,
  type DiscoverOptions,
  type DiscoverResult,
  type DiscoveredInput,
  type InputKind,
  type LoadedInput,
  type SkippedPath,
} from './discover';
