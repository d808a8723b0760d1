// The `guichet` command: finds the sub-command, parses its flags with util.parseArgs, runs
// it. Exit codes: 0 done, 1 the command failed, 2 wrong usage.
import fs from 'node:fs';
import { AppError } from '../lib/errors.ts';
import { CliError, UsageError, commandUsage, parseCommandArgs, type Command } from './args.ts';

interface CommandEntry {
  name: string;
  summary: string;
  /** Loaded on use: `guichet --help` or `guichet backup` need not load the services. */
  load(): Promise<Command>;
}

const COMMANDS: CommandEntry[] = [
  { name: 'serve', summary: 'Start the HTTP server and the background jobs', load: async () => (await import('./server.command.ts')).serveCommand },
  { name: 'migrate', summary: 'Apply pending database migrations and list them', load: async () => (await import('./server.command.ts')).migrateCommand },
  { name: 'user add', summary: 'Create a user (staff or requester)', load: async () => (await import('./user.command.ts')).userAddCommand },
  { name: 'user list', summary: 'List users', load: async () => (await import('./user.command.ts')).userListCommand },
  { name: 'token create', summary: 'Create an API token for a user', load: async () => (await import('./token.command.ts')).tokenCreateCommand },
  { name: 'token revoke', summary: 'Revoke an API token', load: async () => (await import('./token.command.ts')).tokenRevokeCommand },
  { name: 'backup', summary: 'Back up the database to a file (safe while the server runs)', load: async () => (await import('./backup.command.ts')).backupCommand },
  { name: 'restore', summary: 'Replace the database with a backup (server stopped)', load: async () => (await import('./backup.command.ts')).restoreCommand },
  { name: 'demo', summary: 'Load a realistic demo dataset', load: async () => (await import('./demo.command.ts')).demoCommand },
];

function version(): string {
  const pkg = JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function mainUsage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    'Usage: guichet <command> [options]',
    '',
    'Guichet, an IT helpdesk. Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Run "guichet <command> --help" for its options.',
    '',
    'Environment: GUICHET_DATA (SQLite data directory, default ./data), DATABASE_URL',
    '(postgres://… to use PostgreSQL instead), PORT, HOST, GUICHET_LOG_LEVEL.',
    '',
  ].join('\n');
}

function groupUsage(group: string): string {
  const members = COMMANDS.filter((c) => c.name.startsWith(group + ' '));
  const width = Math.max(...members.map((c) => c.name.length)) + 2;
  return [
    `Usage: guichet ${group} <${members.map((c) => c.name.slice(group.length + 1)).join('|')}> [options]`,
    '',
    ...members.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    `Run "guichet ${group} <command> --help" for its options.`,
    '',
  ].join('\n');
}

/** Finds the command named by the first one or two words of argv. */
function findCommand(argv: string[]): { cmd?: CommandEntry; rest: string[]; group?: string } {
  const [first, second] = argv;
  const two = COMMANDS.find((c) => c.name === `${first} ${second}`);
  if (two) return { cmd: two, rest: argv.slice(2) };
  const one = COMMANDS.find((c) => c.name === first);
  if (one) return { cmd: one, rest: argv.slice(1) };
  if (COMMANDS.some((c) => c.name.startsWith(`${first} `))) return { group: first, rest: argv.slice(1) };
  return { rest: argv };
}

export async function main(argv: string[]): Promise<number> {
  const err = (s: string) => process.stderr.write(s.endsWith('\n') ? s : s + '\n');
  if (argv.length === 0) {
    err(mainUsage());
    return 2;
  }
  if (argv[0] === '--help' || argv[0] === '-h' || (argv[0] === 'help' && argv.length === 1)) {
    process.stdout.write(mainUsage());
    return 0;
  }
  if (argv[0] === '--version' || argv[0] === '-v') {
    console.log(version());
    return 0;
  }
  if (argv[0] === 'help') argv = [...argv.slice(1), '--help'];

  const { cmd: entry, rest, group } = findCommand(argv);
  if (!entry) {
    if (group) {
      const sub = rest[0];
      if (sub === undefined || sub === '--help' || sub === '-h') {
        (sub ? process.stdout : process.stderr).write(groupUsage(group));
        return sub ? 0 : 2;
      }
      err(`guichet: unknown command "${group} ${sub}".\n\n${groupUsage(group)}`);
      return 2;
    }
    err(`guichet: unknown command "${argv[0]}". Run "guichet --help" for the list.`);
    return 2;
  }

  const cmd = await entry.load();
  try {
    const args = parseCommandArgs(cmd, rest);
    if (args.help) {
      process.stdout.write(commandUsage(cmd));
      return 0;
    }
    return (await cmd.run(args)) ?? 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`guichet ${cmd.name}: ${e.message}\nRun "guichet ${cmd.name} --help" for usage.`);
      return 2;
    }
    if (e instanceof CliError || e instanceof AppError) {
      err(`guichet ${cmd.name}: ${e.message}`);
      return 1;
    }
    // Anything else is unexpected (a bad configuration is not, and reads as it is).
    const error = e instanceof Error ? e : new Error(String(e));
    const debug = process.env.GUICHET_DEBUG === '1';
    err(`guichet ${cmd.name}: ${debug ? error.stack : error.message}`);
    if (!debug && !error.message.startsWith('Invalid configuration')) err('(set GUICHET_DEBUG=1 for the stack trace)');
    return 1;
  }
}
