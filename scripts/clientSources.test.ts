import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clientSourceHash, readBuiltClient, SOURCE_STAMP, whyRebuild } from './clientSources';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A repository in miniature: the files the client build reads, and a built client/dist. */
function checkout(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'client-sources-'));
  made.push(root);
  const files: Record<string, string> = {
    'client/index.html': '<div id="root"></div>',
    'client/src/App.tsx': 'export const App = () => null;',
    'client/src/App.test.tsx': 'test',
    'client/public/sw.js': '// sw',
    'shared/src/index.ts': 'export const x = 1;',
    'shared/bench/coverage.ts': 'bench',
    'vite.config.ts': 'export default {};',
    'package-lock.json': '{}',
    'client/dist/index.html': '<built>',
    'client/dist/assets/index-abc.js': 'built',
  };
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

function stampBuild(root: string): void {
  fs.writeFileSync(path.join(root, 'client/dist', SOURCE_STAMP), `${clientSourceHash(root)}\n`);
}

function decision(root: string): string | null {
  return whyRebuild(readBuiltClient(path.join(root, 'client/dist')), clientSourceHash(root));
}

describe('whether npm start rebuilds the client', () => {
  it('serves a build stamped with the sources it was built from', () => {
    const root = checkout();
    stampBuild(root);
    expect(decision(root)).toBeNull();
  });

  it('rebuilds when there is no build, or a build without a stamp (made before stamps existed)', () => {
    const root = checkout();
    expect(decision(root)).toBe('the built client does not say what it was built from');
    fs.rmSync(path.join(root, 'client/dist'), { recursive: true });
    expect(decision(root)).toBe('there is no built client yet');
  });

  it.each([
    ['a client source changes', 'client/src/App.tsx', 'export const App = () => 1;'],
    ['the page changes', 'client/index.html', '<div id="app"></div>'],
    ['a public file changes', 'client/public/sw.js', '// sw 2'],
    ['shared changes', 'shared/src/index.ts', 'export const x = 2;'],
    ['the Vite config changes', 'vite.config.ts', 'export default { base: "/" };'],
    ['a dependency changes', 'package-lock.json', '{"v":2}'],
    ['a source file is added', 'client/src/New.tsx', 'export {};'],
  ])('rebuilds when %s (a pulled update)', (_, file, content) => {
    const root = checkout();
    stampBuild(root);
    fs.writeFileSync(path.join(root, file), content);
    expect(decision(root)).toBe('the client sources changed since the last build');
  });

  it('rebuilds when a source is renamed, though no content changed', () => {
    const root = checkout();
    stampBuild(root);
    fs.renameSync(path.join(root, 'client/src/App.tsx'), path.join(root, 'client/src/Main.tsx'));
    expect(decision(root)).not.toBeNull();
  });

  it('does not rebuild for what never enters the bundle: tests, benches, the build itself, file times', () => {
    const root = checkout();
    stampBuild(root);
    fs.writeFileSync(path.join(root, 'client/src/App.test.tsx'), 'another test');
    fs.writeFileSync(path.join(root, 'shared/bench/coverage.ts'), 'another bench');
    fs.writeFileSync(path.join(root, 'client/dist/assets/index-def.js'), 'another build');
    fs.utimesSync(path.join(root, 'client/src/App.tsx'), new Date(0), new Date(0));
    expect(decision(root)).toBeNull();
  });
});
