/**
 * The repository stands alone: a user's clone has nothing beside it, so no source, test, script or
 * document may read or link a path outside the repository root. This test reads every text file of the
 * repository (as a clone has them: what .gitignore leaves out is not looked at) and fails on
 * - a relative path (`../x`, `./a/../../x`) that, taken from the file's own folder, leaves the root:
 *   imports, `new URL(…, import.meta.url)`, Markdown links, paths named in prose or shell;
 * - the absolute path of the folder that holds this checkout (a path that works on one machine only).
 * It runs with the unit tests; `.ci/run` runs every check from a copy of the repository in an empty folder.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

// What .gitignore keeps out of a clone, and git's own folder.
const SKIPPED_DIRS = new Set([
  '.git',
  'node_modules',
  'data',
  'test-results',
  '.e2e-builds',
  join('client', 'dist'),
  join('server', 'dist'),
  join('server', 'bench', 'results'),
]);
const TEXT_EXTENSIONS = new Set([
  '.ts',
  '.tsx',
  '.js',
  '.mjs',
  '.cjs',
  '.json',
  '.md',
  '.css',
  '.html',
  '.sh',
  '.yml',
  '.yaml',
  '.txt',
  '',
]);
const SKIPPED_FILES = new Set(['package-lock.json']);

/** Every text file of the repository, as paths relative to the root. */
export function repositoryTextFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = dir === '' ? entry.name : join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(path)) walk(path);
      } else if (
        entry.isFile() &&
        TEXT_EXTENSIONS.has(extname(entry.name)) &&
        !SKIPPED_FILES.has(entry.name)
      ) {
        if (entry.name.endsWith('.log') || statSync(join(root, path)).size > 2_000_000) continue;
        files.push(path);
      }
    }
  };
  walk('');
  return files.sort();
}

// A relative path with at least one `..` step, not itself the tail of a longer path (`/a/../b` is a URL
// path, not a reference from this file).
const RELATIVE_PATH = /(?<![\w.\-/@:])(?:\.\/)?(?:[\w@.-]+\/)*?\.\.\/[\w@.\-/]*/g;

export interface OutsideReference {
  file: string;
  line: number;
  text: string;
}

/** The references in `content` (of `file`, relative to `root`) to paths outside `root`. */
export function referencesOutside(root: string, file: string, content: string): OutsideReference[] {
  const found: OutsideReference[] = [];
  const folder = dirname(join(root, file));
  const parentOfRoot = dirname(resolve(root));
  content.split('\n').forEach((lineText, index) => {
    for (const match of lineText.matchAll(RELATIVE_PATH)) {
      const target = resolve(folder, match[0]);
      const inside = relative(root, target);
      if (inside.startsWith('..') || resolve(target) === parentOfRoot) {
        found.push({ file, line: index + 1, text: match[0] });
      }
    }
    if (parentOfRoot !== sep && lineText.includes(`${parentOfRoot}${sep}`)) {
      found.push({ file, line: index + 1, text: parentOfRoot });
    }
  });
  return found;
}

describe('the repository stands alone', () => {
  it('sees a reference outside the root when there is one (the check itself works)', () => {
    const root = join(sep, 'home', 'someone', 'board');
    // Built from pieces, so that this file does not hold the references it looks for.
    const up = (steps: number) => '../'.repeat(steps);
    const source = `new URL('${up(3)}handbook/sample.json', import.meta.url)`;
    expect(referencesOutside(root, 'shared/src/testing.ts', source)).toHaveLength(1);
    expect(
      referencesOutside(root, 'README.md', `The design is in \`${up(1)}handbook/design.md\`.`),
    ).toHaveLength(1);
    expect(referencesOutside(root, 'README.md', `[design](${up(1)}handbook/design.md)`)).toHaveLength(1);
    expect(
      referencesOutside(root, 'e2e/a.ts', `readFileSync('${sep}home${sep}someone${sep}x.json')`),
    ).toHaveLength(1);
    expect(referencesOutside(root, 'e2e/harness.ts', "new URL('../shared/src/index.ts', u)")).toEqual([]);
    expect(referencesOutside(root, '.ci/run', 'cd "$(dirname "$0")/.."')).toEqual([]);
    expect(referencesOutside(root, 'server/src/a.test.ts', "rawGet('/assets/../../etc/passwd')")).toEqual([]);
  });

  it('no source, test, script or document refers to a path outside the repository', () => {
    const files = repositoryTextFiles(ROOT);
    expect(files).toContain('README.md');
    expect(files).toContain(join('shared', 'src', 'index.ts'));
    const outside = files.flatMap((file) =>
      referencesOutside(ROOT, file, readFileSync(join(ROOT, file), 'utf8')),
    );
    expect(outside.map((r) => `${r.file}:${r.line}: ${r.text}`)).toEqual([]);
  });
});
