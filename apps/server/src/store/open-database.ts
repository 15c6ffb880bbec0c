import Database from 'better-sqlite3';
import { migrate } from './migrations';

/**
 * Opens (creating if needed) Podflow's SQLite database: WAL so that readers never wait for the writer,
 * `synchronous=NORMAL` (a crash loses at most the last transactions, never the file), foreign keys on, and the schema
 * upgraded to the current version.
 */
export function openDatabase(file: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (e) {
    throw new Error(`cannot open the database ${file}: ${(e as Error).message}`, { cause: e });
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
