/** The package's name, version and where its rule documentation lives, read once from package.json. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface PackageInfo {
  readonly version: string;
  /** RULES.md as a URL: on GitHub when package.json names a GitHub repository, else the installed file. */
  readonly rulesUrl: string;
}

let cached: PackageInfo | undefined;

export function packageInfo(): PackageInfo {
  if (cached !== undefined) return cached;
  // Source tree: bin/cli/package-info.ts; build: dist/bin/cli/package-info.js (or another output directory).
  for (let root = join(__dirname, '..', '..'); root !== dirname(root); root = dirname(root)) {
    try {
      const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
        repository?: string | { url?: string };
      };
      if (pkg.name !== 'cdk-token-guard' || typeof pkg.version !== 'string') continue;
      cached = { version: pkg.version, rulesUrl: rulesUrl(root, pkg.version, pkg.repository) };
      return cached;
    } catch {
      // try the next candidate
    }
  }
  cached = { version: '0.0.0', rulesUrl: 'https://www.npmjs.com/package/cdk-token-guard' };
  return cached;
}

function rulesUrl(root: string, version: string, repository: string | { url?: string } | undefined): string {
  const url = typeof repository === 'string' ? repository : repository?.url;
  const github = url === undefined ? null : /github\.com[/:]([^/]+)\/([^/.#]+)/.exec(url);
  if (github !== null) return `https://github.com/${github[1]}/${github[2]}/blob/v${version}/RULES.md`;
  return pathToFileURL(join(root, 'RULES.md')).href;
}
