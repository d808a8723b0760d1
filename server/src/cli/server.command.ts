// guichet serve / guichet migrate.
import { loadConfig } from '../config.ts';
import type { Command } from './args.ts';
import { describeDatabase, withContext } from './context.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Start the HTTP server and the background jobs; applies pending migrations first.',
  options: {
    port: { type: 'string', description: 'Port to listen on (default $PORT or 8080)' },
    host: { type: 'string', description: 'Address to listen on (default $HOST or 127.0.0.1)' },
  },
  notes: `Configuration comes from the environment: GUICHET_DATA, DATABASE_URL, PORT, HOST,
GUICHET_LOG_LEVEL, GUICHET_JOBS (0 to run no background jobs in this process), …
Stops gracefully on SIGINT / SIGTERM.`,
  async run(args) {
    const env = { ...process.env };
    if (typeof args.values.port === 'string') env.PORT = args.values.port;
    if (typeof args.values.host === 'string') env.HOST = args.values.host;
    // Loaded here: the other commands start faster without the whole HTTP application.
    const { serve } = await import('../main.ts');
    await serve(loadConfig(env));
    // Keeps running until a signal; serve() installed the handlers.
  },
};

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations and list them.',
  options: {},
  async run() {
    await withContext(async ({ deps, applied }) => {
      const where = describeDatabase(deps.config);
      if (applied.length === 0) console.log(`${where}: the schema is up to date.`);
      else {
        console.log(`${where}: applied ${applied.length} migration${applied.length === 1 ? '' : 's'}:`);
        for (const name of applied) console.log(`  ${name}`);
      }
    });
  },
};
