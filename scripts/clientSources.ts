/**
 * What the built client was built from: a hash of every file that goes into `vite build`, written into the
 * build (by the plugin in vite.config.ts) and compared with the sources before `npm start` serves it, so that
 * a pulled update never serves the old client.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The stamp's name inside the build's folder (client/dist). */
export const SOURCE_STAMP = 'source-hash.txt';

/** Folders whose files the build reads, relative to the repository. */
const SOURCE_FOLDERS = ['client', 'shared/src'];
/** Single files that change what the build makes. */
const SOURCE_FILES = ['vite.config.ts', 'tsconfig.json', 'package-lock.json'];
/** Never part of the client: the build's own output, and tests (Vite never bundles them). */
const SKIPPED_FOLDERS = new Set(['client/dist', 'node_modules']);
const TEST_FILE = /\.test\.tsx?$/;

function filesUnder(root: string, folder: string, into: string[]): void {
  const absolute = path.join(root, folder);
  if (!fs.existsSync(absolute)) return;
  for (const entry of fs.readdirSync(absolute, { withFileTypes: true })) {
    const relative = path.posix.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(relative)) filesUnder(root, relative, into);
    } else if (entry.isFile() && !TEST_FILE.test(entry.name)) {
      into.push(relative);
    }
  }
}

/**
 * A hash of the client's sources under `root`: names and contents, not times, so that a checkout that only
 * touches files (or a fresh clone) is not a change, and a renamed file is.
 */
export function clientSourceHash(root: string): string {
  const files: string[] = [];
  for (const folder of SOURCE_FOLDERS) filesUnder(root, folder, files);
  for (const file of SOURCE_FILES) if (fs.existsSync(path.join(root, file))) files.push(file);
  files.sort();
  const hash = createHash('sha256');
  for (const file of files) {
    const content = fs.readFileSync(path.join(root, file));
    // Lengths keep a name or content from running into the next one and matching a different set.
    hash.update(`${file.length}:${file}${content.length}:`);
    hash.update(content);
  }
  return hash.digest('hex');
}

/** What a build folder holds, as far as deciding whether to rebuild goes. */
export interface BuiltClient {
  /** Whether the folder has the page the server serves. */
  hasIndexHtml: boolean;
  /** The stamp written by the build, or null when there is none. */
  stamp: string | null;
}

export function readBuiltClient(distDir: string): BuiltClient {
  const stampFile = path.join(distDir, SOURCE_STAMP);
  return {
    hasIndexHtml: fs.existsSync(path.join(distDir, 'index.html')),
    stamp: fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : null,
  };
}

/** Why the client must be built again before it is served, or null when the build matches the sources. */
export function whyRebuild(built: BuiltClient, sourceHash: string): string | null {
  if (!built.hasIndexHtml) return 'there is no built client yet';
  if (built.stamp === null) return 'the built client does not say what it was built from';
  if (built.stamp !== sourceHash) return 'the client sources changed since the last build';
  return null;
}
