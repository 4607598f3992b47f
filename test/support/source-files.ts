import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

/**
 * The application's own source files (src/, tests and test helpers left out) whose text matches
 * `pattern`, as paths relative to the repository. For tests that prove a rule of structure, e.g.
 * that one function is the only writer of a state.
 */
export function sourceFilesMatching(pattern: RegExp): string[] {
  return listSourceFiles(path.join(root, 'src'))
    .filter((file) => pattern.test(readFileSync(file, 'utf8')))
    .map((file) => path.relative(root, file))
    .sort();
}

function listSourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return listSourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$|test-helper/.test(name) ? [full] : [];
  });
}
