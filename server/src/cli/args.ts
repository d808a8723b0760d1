// Command table types and argument parsing on node's util.parseArgs. Usage mistakes exit
// with 2, failures of the command itself with 1.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & { description?: string; valueName?: string };

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

export interface Command {
  /** As typed: 'serve', 'user add'. */
  name: string;
  summary: string;
  /** Positional arguments, e.g. 'FILE'; none when absent. */
  positionals?: { names: string[]; min: number };
  options: Record<string, OptionSpec>;
  /** Extra help text after the options. */
  notes?: string;
  run(args: ParsedArgs): Promise<number | void>;
}

/** Wrong usage: printed with a hint to --help, exit code 2. */
export class UsageError extends Error {}

/** The command could not do its job: message on stderr, exit code 1. */
export class CliError extends Error {}

export function parseCommandArgs(cmd: Command, argv: string[]): ParsedArgs & { help: boolean } {
  const options: ParseArgsConfig['options'] = { help: { type: 'boolean', short: 'h' } };
  for (const [name, spec] of Object.entries(cmd.options)) {
    const { description: _d, valueName: _v, ...opt } = spec;
    options[name] = opt;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    // ERR_PARSE_ARGS_UNKNOWN_OPTION, ERR_PARSE_ARGS_INVALID_OPTION_VALUE: node's messages are clear.
    throw new UsageError((err as Error).message.replace(/\. To specify a positional argument.*$/s, '.'));
  }
  const { help, ...values } = parsed.values as Record<string, string | boolean | string[] | boolean[] | undefined>;
  if (help) return { values, positionals: parsed.positionals, help: true };
  const max = cmd.positionals?.names.length ?? 0;
  const min = cmd.positionals?.min ?? 0;
  if (parsed.positionals.length > max) {
    throw new UsageError(`Unexpected argument "${parsed.positionals[max]}".`);
  }
  if (parsed.positionals.length < min) {
    throw new UsageError(`Missing ${cmd.positionals!.names.slice(parsed.positionals.length, min).join(' ')}.`);
  }
  return { values, positionals: parsed.positionals, help: false };
}

export function commandUsage(cmd: Command): string {
  const positional = cmd.positionals ? ' ' + cmd.positionals.names.map((n, i) => (i < cmd.positionals!.min ? n : `[${n}]`)).join(' ') : '';
  const lines = [`Usage: guichet ${cmd.name}${positional}${Object.keys(cmd.options).length ? ' [options]' : ''}`, '', cmd.summary, '', 'Options:'];
  const rows: [string, string][] = Object.entries(cmd.options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.type === 'string' ? ` ${spec.valueName ?? name.toUpperCase()}` : ''}`;
    return [flag, spec.description ?? ''];
  });
  rows.push(['-h, --help', 'Show this help']);
  const width = Math.max(...rows.map(([f]) => f.length)) + 2;
  for (const [flag, desc] of rows) lines.push(`  ${flag.padEnd(width)}${desc}`);
  if (cmd.notes) lines.push('', cmd.notes.trim());
  return lines.join('\n') + '\n';
}

/** A required string option, or a usage error naming it. */
export function requireString(args: ParsedArgs, name: string): string {
  const v = args.values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`Missing --${name}.`);
  return v.trim();
}

export function optionalString(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** A positive integer option (or its default). */
export function positiveInt(args: ParsedArgs, name: string, fallback?: number): number {
  const v = args.values[name];
  if (v === undefined) {
    if (fallback === undefined) throw new UsageError(`Missing --${name}.`);
    return fallback;
  }
  const n = Number(v);
  if (typeof v !== 'string' || !/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n <= 0) {
    throw new UsageError(`--${name} must be a positive whole number, not "${v}".`);
  }
  return n;
}

/** Values of a repeatable option, each possibly comma-separated: --role a,b --role c. */
export function listOption(args: ParsedArgs, name: string): string[] {
  const v = args.values[name];
  const raw = v === undefined ? [] : Array.isArray(v) ? v : [v];
  return [...new Set(raw.flatMap((s) => String(s).split(',')).map((s) => s.trim().toLowerCase()).filter(Boolean))];
}
