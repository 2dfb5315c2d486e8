#!/usr/bin/env node
/**
 * `npm run jsii:check` (run by .ci/run): the package for every CDK language, checked as far as a machine without the
 * language registries can (docs/languages.md, docs/release.md).
 *
 * 1. `npm run build`: jsii compiles the library and writes the assembly, .jsii, with no error and no warning
 *    (scripts/build.js says which one is silenced and why).
 * 2. jsii-rosetta extract --strict: every TypeScript example in README.md and docs/*.md (but for TYPESCRIPT_ONLY,
 *    below) compiles against the assembly and is translated to Python, Java, C# and Go. README is the assembly's readme; each docs page is added to a
 *    scratch copy of the assembly as the readme of a submodule named after it, so that an error names its page
 *    (`cdk-token-guard.docs_<page>`) and line. The examples compile in a scratch directory whose node_modules link
 *    to this repository's (`--directory`: no install).
 * 3. jsii-pacmak --code-only: the Python, Java, .NET and Go packages' sources, with README's examples from step 2's
 *    tablet (an example missing from it fails).
 * 4. python3 -m compileall: the generated Python byte-compiles.
 * 5. Every ```python block in README.md and docs/*.md is rosetta's translation, or a run of lines from it, of one of
 *    the TypeScript examples.
 *
 * Prints one line per step with its time; stops at the first failure, exit 1. `--keep` leaves the scratch directory
 * (printed) to read the generated code.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const keep = process.argv.includes('--keep');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-token-guard-jsii-'));
const TARGETS = ['python', 'java', 'dotnet', 'go'];
/** What the examples import besides the package: its peers and cdk-nag (a devDependency, so not rosetta's guess). */
const EXAMPLE_MODULES = ['aws-cdk-lib', 'constructs', 'cdk-nag', '@types/node'];

function step(name, fn) {
  const start = Date.now();
  let detail;
  try {
    detail = fn();
  } catch (e) {
    console.log(`FAIL ${name} (${((Date.now() - start) / 1000).toFixed(1)} s)\n    ${String(e.message ?? e).trim().split('\n').slice(-40).join('\n    ')}`);
    finish(1);
  }
  console.log(`ok   ${name} (${((Date.now() - start) / 1000).toFixed(1)} s)${detail ? `: ${detail}` : ''}`);
}

function finish(code) {
  if (keep) console.log(`scratch directory kept: ${scratch}`);
  else fs.rmSync(scratch, { recursive: true, force: true });
  process.exit(code);
}

/** Runs a command; throws with its output's tail when it fails. The Node end-of-life banner is left out. */
function run(cmd, args, cwd = root) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  const output = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => !/^!!/.test(l)).join('\n').trim();
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${args.join(' ')} exited ${r.status}\n${output}`);
  return output;
}
const bin = (pkg, name = pkg) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), require(`${pkg}/package.json`).bin[name] ?? require(`${pkg}/package.json`).bin);

/**
 * The pages whose examples are checked: README.md and docs/*.md, but for the one page about TypeScript internals
 * (docs/cli-input.md: the CLI's input module, imported by its path in the repository), which no other language uses.
 */
const TYPESCRIPT_ONLY = ['docs/cli-input.md'];
const DOC_PAGES = fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`).filter((p) => !TYPESCRIPT_ONLY.includes(p));

let warnings = 0;
step('jsii: the assembly (npm run build)', () => {
  const out = run(process.execPath, [path.join(root, 'scripts', 'build.js')]);
  const m = /Errors: (\d+) \| Warnings: (\d+)(?: \(\+(\d+) silenced\))?/.exec(out);
  if (!m) throw new Error(`no jsii summary in the build's output\n${out}`);
  warnings = Number(m[3] ?? 0);
  const asm = JSON.parse(fs.readFileSync(path.join(root, '.jsii'), 'utf8'));
  return `${m[1]} errors, ${m[2]} warnings (${warnings} silenced); ${Object.keys(asm.types).length} types`;
});

const tablet = path.join(scratch, 'assembly', '.jsii.tabl.json');
step('jsii-rosetta extract --strict: README.md and docs/*.md examples compile and translate', () => {
  // The scratch assembly: the package's files by link, the .jsii with one submodule readme per docs page.
  const asmDir = path.join(scratch, 'assembly');
  fs.mkdirSync(asmDir);
  for (const f of ['package.json', 'dist', 'node_modules']) fs.symlinkSync(path.join(root, f), path.join(asmDir, f));
  const asm = JSON.parse(fs.readFileSync(path.join(root, '.jsii'), 'utf8'));
  asm.submodules = { ...asm.submodules };
  for (const page of DOC_PAGES) {
    asm.submodules[`${asm.name}.docs_${path.basename(page, '.md').replace(/\W/g, '_')}`] = { readme: { markdown: fs.readFileSync(path.join(root, page), 'utf8') } };
  }
  fs.writeFileSync(path.join(asmDir, '.jsii'), JSON.stringify(asm));
  // Where the examples compile: `cdk-token-guard` is this repository, the rest its node_modules.
  const compileDir = path.join(scratch, 'compile');
  fs.mkdirSync(path.join(compileDir, 'node_modules', '@types'), { recursive: true });
  fs.symlinkSync(root, path.join(compileDir, 'node_modules', asm.name));
  for (const m of EXAMPLE_MODULES) fs.symlinkSync(path.join(root, 'node_modules', m), path.join(compileDir, 'node_modules', m));
  const out = run(process.execPath, [bin('jsii-rosetta'), 'extract', '--strict', '--directory', compileDir, asmDir]);
  const snippets = Object.values(JSON.parse(fs.readFileSync(tablet, 'utf8')).snippets);
  const untranslated = snippets.filter((s) => !TARGETS.map((t) => (t === 'dotnet' ? 'csharp' : t)).every((t) => s.translations[t]));
  if (snippets.length === 0 || untranslated.length > 0) throw new Error(`${snippets.length} snippets, ${untranslated.length} not translated to every language\n${out}`);
  const docs = snippets.filter((s) => /docs_/.test(s.location.api.moduleFqn ?? '')).length;
  return `${snippets.length} examples (README ${snippets.length - docs}, docs ${docs}), each in ${TARGETS.join(', ')}; 0 errors`;
});

const gen = path.join(scratch, 'packages');
step(`jsii-pacmak --code-only: ${TARGETS.join(', ')}`, () => {
  run(process.execPath, [bin('jsii-pacmak'), '--code-only', '--outdir', gen, '--targets', ...TARGETS, '--rosetta-tablet', tablet, '--rosetta-unknown-snippets', 'fail', root]);
  const count = (dir) => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).filter((f) => fs.statSync(path.join(dir, f)).isFile()).length : 0);
  const counts = TARGETS.map((t) => [t, count(path.join(gen, t))]);
  const empty = counts.filter(([, n]) => n === 0);
  if (empty.length > 0) throw new Error(`no sources for ${empty.map(([t]) => t).join(', ')}`);
  return counts.map(([t, n]) => `${t} ${n} files`).join(', ');
});

step('python3 -m compileall: the generated Python byte-compiles', () => {
  run('python3', ['-m', 'compileall', '-q', path.join(gen, 'python')]);
  const py = fs.readdirSync(path.join(gen, 'python'), { recursive: true }).filter((f) => f.endsWith('.py'));
  return `${py.length} modules`;
});

step('the ```python blocks in README.md and docs/*.md are rosetta translations', () => {
  const translations = Object.values(JSON.parse(fs.readFileSync(tablet, 'utf8')).snippets).map((s) => lines(s.translations.python.source));
  const blocks = [];
  for (const page of ['README.md', ...DOC_PAGES]) {
    const text = fs.readFileSync(path.join(root, page), 'utf8');
    for (const m of text.matchAll(/^```python\n([\s\S]*?)^```/gm)) blocks.push({ where: `${page}:${text.slice(0, m.index).split('\n').length}`, lines: lines(m[1]) });
  }
  const strays = blocks.filter((b) => !translations.some((t) => contains(t, b.lines)));
  if (strays.length > 0) throw new Error(`not a run of lines of any translation: ${strays.map((b) => b.where).join(', ')}`);
  return `${blocks.length} blocks`;
});

finish(0);

function lines(text) {
  return text.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '');
}
function contains(haystack, needle) {
  if (needle.length === 0) return false;
  for (let i = 0; i + needle.length <= haystack.length; i++) if (needle.every((l, j) => haystack[i + j] === l)) return true;
  return false;
}
