// `nnjson export FILE --format F -o OUT` and `nnjson import SOURCE -o OUT`:
// file handling around the pure interop API in src/export. Every file of an
// export is built in memory first and then written through temporary files
// and renames, so a failure never leaves a partial file at the output path.

import { Command, InvalidArgumentError, Option } from 'commander';
import { promises as fs } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { EXPORT_FORMATS, exportNetwork, FORMAT_EXTENSIONS, importNetwork, InteropError, type ExportFile, type ExportFormat } from '../export';
import { serializeModel } from '../model/serialize';
import { CliError, dataReader, readModel } from './io';

interface ExportFlags {
  format: ExportFormat;
  out?: string;
}

interface ImportFlags {
  out?: string;
  seed?: number;
  force?: boolean;
}

function stem(path: string): string {
  return basename(path, extname(path));
}

async function isDirectory(path: string): Promise<boolean> {
  return fs.stat(path).then((s) => s.isDirectory(), () => false);
}

/** Folder and base name of the files: OUT's folder and stem, or FILE's stem in OUT when OUT is a folder. */
async function exportTarget(file: string, flags: ExportFlags): Promise<{ dir: string; base: string }> {
  const fallback = flags.format === 'numpy' ? `${stem(file)}_numpy` : stem(file);
  if (!flags.out) return { dir: dirname(file), base: fallback };
  if (await isDirectory(flags.out)) return { dir: flags.out, base: fallback };
  return { dir: dirname(flags.out), base: stem(flags.out) };
}

/** Writes all files or none: temporaries first, renames last; on any error the temporaries are removed. */
export async function writeFilesAtomic(dir: string, files: ExportFile[]): Promise<string[]> {
  const temps: string[] = [];
  try {
    for (const file of files) {
      const tmp = join(dir, `.${file.name}.${process.pid}.${temps.length}.tmp`);
      temps.push(tmp);
      const handle = await fs.open(tmp, 'w');
      try {
        await handle.writeFile(file.bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    const written: string[] = [];
    for (let k = 0; k < files.length; k++) {
      const target = join(dir, files[k].name);
      await fs.rename(temps[k], target);
      written.push(target);
    }
    return written;
  } catch (err) {
    await Promise.all(temps.map((t) => fs.rm(t, { force: true })));
    throw new CliError(`${dir}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

export async function exportCommand(file: string, flags: ExportFlags): Promise<void> {
  const model = await readModel(file);
  const { dir, base } = await exportTarget(file, flags);
  let files: ExportFile[];
  try {
    files = (await exportNetwork(model, flags.format, { baseName: base, readData: dataReader(file) })).files;
  } catch (err) {
    if (err instanceof InteropError || err instanceof CliError) throw new CliError(`${file}: ${err.message}`);
    throw err;
  }
  for (const path of await writeFilesAtomic(dir, files)) process.stdout.write(`wrote ${path}\n`);
}

export async function importCommand(source: string, flags: ImportFlags): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(source);
  } catch (err) {
    throw new CliError(`${source}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const folder = dirname(resolve(source));
  const readSibling = async (name: string): Promise<Uint8Array | undefined> => {
    const path = resolve(folder, name);
    if (dirname(path) !== folder && !path.startsWith(folder + '/')) return undefined;
    return fs.readFile(path).catch(() => undefined);
  };
  const result = await importNetwork(basename(source), bytes, { readSibling, seed: flags.seed });
  if (!result.ok) throw new CliError(`${source}: ${result.errors.join('; ')}`);
  for (const warning of result.warnings) process.stderr.write(`nnjson: ${source}: ${warning}\n`);
  const out = flags.out ?? join(dirname(source), `${stem(source)}.nnjson`);
  const exists = await fs.stat(out).then(() => true, () => false);
  if (exists && !flags.force) throw new CliError(`${out} already exists; pass --force to overwrite it`);
  const [path] = await writeFilesAtomic(dirname(out), [{ name: basename(out), bytes: new TextEncoder().encode(serializeModel(result.model)) }]);
  process.stdout.write(`wrote ${path}\n`);
}

function seedValue(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number ≥ 0');
  return n;
}

export function registerInterop(program: Command): void {
  const extensions = EXPORT_FORMATS.map((f) => `${f} (${FORMAT_EXTENSIONS[f]})`).join(', ');
  program
    .command('export')
    .description(`write the network in another format: ${extensions}`)
    .argument('<file>', '.nnjson file')
    .addOption(new Option('--format <format>', 'target format').choices(EXPORT_FORMATS).makeOptionMandatory())
    .option('-o, --out <path>', 'output file (its folder also gets any companion files) or folder')
    .action((file: string, flags: ExportFlags) => exportCommand(file, flags));

  program
    .command('import')
    .description('turn a Keras model.to_json() file, a TF.js model.json or an .onnx model into a .nnjson network')
    .argument('<source>', 'model file; a model.json reads its weight shards from the same folder')
    .option('-o, --out <file>', 'the .nnjson file to write (default: beside SOURCE)')
    .option('--seed <n>', 'seed for weights the source does not carry', seedValue)
    .option('--force', 'overwrite OUT if it exists')
    .action((source: string, flags: ImportFlags) => importCommand(source, flags));
}
