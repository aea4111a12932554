// Running generated Python for the cross-checks, when python3 is installed.

import { spawnSync } from 'node:child_process';

/** Whether `python3` runs and can import each named module. */
export function pythonHas(...modules: string[]): boolean {
  const code = modules.map((m) => `import ${m}`).join('; ') || 'pass';
  const result = spawnSync('python3', ['-c', code], { encoding: 'utf8' });
  return result.status === 0;
}

/** Runs `code` with `stdin`; throws with Python's stderr when it fails. */
export function runPython(code: string, args: string[], stdin = ''): string {
  // The MNIST example's weights make for outputs of several megabytes.
  const result = spawnSync('python3', ['-c', code, ...args], { input: stdin, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`python3 failed: ${result.stderr || result.error?.message}`);
  return result.stdout;
}

/** Parses a Python file with `ast`; returns the SyntaxError text, or '' when it parses. */
export function pythonSyntaxError(path: string): string {
  const code = 'import ast, sys\ntry:\n    ast.parse(open(sys.argv[1]).read())\nexcept SyntaxError as e:\n    print(e)';
  return runPython(code, [path]).trim();
}
