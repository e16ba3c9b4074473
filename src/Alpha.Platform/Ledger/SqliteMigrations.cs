namespace Alpha.Platform.Ledger;

/// <summary>The ledger schema on SQLite. Immutability is enforced by triggers that abort the statement.</summary>
internal static class SqliteMigrations
{
    public static IReadOnlyList<LedgerMigration> All { get; } =
    [
        new(1, "spec versions, runs, agent runs, steps, frames; immutability triggers", SpecTable("agent_spec_versions") + SpecTable("analysis_spec_versions") + SpecTable("workflow_spec_versions") + """
            CREATE TABLE workflow_runs (
              run_id TEXT PRIMARY KEY,
              spec_kind TEXT NOT NULL CHECK (spec_kind IN ('agent', 'analysis', 'workflow')),
              spec_version_id TEXT NOT NULL,
              status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled', 'capped')),
              parent_run_id TEXT REFERENCES workflow_runs (run_id),
              experiment_id TEXT NOT NULL CHECK (experiment_id <> ''),
              test_id TEXT,
              task_id TEXT,
              inputs TEXT NOT NULL CHECK (json_valid(inputs)),
              started_at TEXT,
              finished_at TEXT,
              total_tokens INTEGER NOT NULL DEFAULT 0 CHECK (total_tokens >= 0),
              total_cost_usd REAL NOT NULL DEFAULT 0 CHECK (total_cost_usd >= 0),
              error TEXT,
              created_at TEXT NOT NULL,
              updated_at TEXT NOT NULL);
            CREATE INDEX workflow_runs_created ON workflow_runs (created_at);
            CREATE INDEX workflow_runs_experiment ON workflow_runs (experiment_id);
            CREATE INDEX workflow_runs_active ON workflow_runs (status, updated_at) WHERE status IN ('pending', 'running');
            CREATE TRIGGER workflow_runs_no_delete BEFORE DELETE ON workflow_runs
            BEGIN SELECT RAISE(ABORT, 'alpha ledger: workflow_runs rows are never deleted'); END;
            """ + RunUpdateTriggers + """

            CREATE TABLE agent_runs (
              agent_run_id TEXT PRIMARY KEY,
              run_id TEXT NOT NULL REFERENCES workflow_runs (run_id),
              node TEXT NOT NULL,
              agent TEXT NOT NULL,
              agent_spec_version_id TEXT REFERENCES agent_spec_versions (version_id),
              mode TEXT,
              status TEXT NOT NULL CHECK (status IN ('completed', 'failed', 'timed_out', 'cancelled', 'capped')),
              started_at TEXT NOT NULL,
              finished_at TEXT NOT NULL,
              input_tokens INTEGER NOT NULL CHECK (input_tokens >= 0),
              output_tokens INTEGER NOT NULL CHECK (output_tokens >= 0),
              cost_usd REAL CHECK (cost_usd >= 0),
              error TEXT);
            CREATE INDEX agent_runs_run ON agent_runs (run_id);

            CREATE TABLE agent_run_steps (
              step_id TEXT PRIMARY KEY,
              agent_run_id TEXT NOT NULL REFERENCES agent_runs (agent_run_id),
              run_id TEXT NOT NULL REFERENCES workflow_runs (run_id),
              sequence INTEGER NOT NULL CHECK (sequence >= 1),
              kind TEXT NOT NULL CHECK (kind IN ('model', 'tool')),
              name TEXT NOT NULL,
              request TEXT NOT NULL,
              response TEXT,
              input_tokens INTEGER NOT NULL CHECK (input_tokens >= 0),
              output_tokens INTEGER NOT NULL CHECK (output_tokens >= 0),
              cost_usd REAL CHECK (cost_usd >= 0),
              latency_ms REAL NOT NULL,
              error TEXT,
              created_at TEXT NOT NULL,
              UNIQUE (agent_run_id, sequence));
            CREATE INDEX agent_run_steps_run ON agent_run_steps (run_id);

            CREATE TABLE run_frames (
              run_id TEXT NOT NULL REFERENCES workflow_runs (run_id),
              sequence INTEGER NOT NULL CHECK (sequence >= 1),
              task_id TEXT NOT NULL,
              stage TEXT NOT NULL,
              message TEXT NOT NULL,
              emitted_at TEXT NOT NULL,
              extras TEXT NOT NULL CHECK (json_valid(extras)),
              PRIMARY KEY (run_id, sequence));
            """ + AppendOnly("agent_runs") + AppendOnly("agent_run_steps") + AppendOnly("run_frames")),
        new(2, "money as exact integers of 10^-10 USD (total_cost_usd, cost_usd)", """
            DROP TRIGGER workflow_runs_final;
            DROP TRIGGER workflow_runs_identity;
            """ + ExactMoney("workflow_runs", "total_cost_usd", "NOT NULL DEFAULT 0 ") + RunUpdateTriggers + """
            DROP TRIGGER agent_runs_no_update;
            """ + ExactMoney("agent_runs", "cost_usd", string.Empty) + """
            DROP TRIGGER agent_run_steps_no_update;
            """ + ExactMoney("agent_run_steps", "cost_usd", string.Empty) + NoUpdate("agent_runs") + NoUpdate("agent_run_steps")),
        new(3, "run owner (host, process id, process start) and heartbeat, so that recovery leaves live runs alone; the size of the inputs, so that listings never read them", """
            ALTER TABLE workflow_runs ADD COLUMN owner_host TEXT;
            ALTER TABLE workflow_runs ADD COLUMN owner_pid INTEGER;
            ALTER TABLE workflow_runs ADD COLUMN owner_started_at TEXT;
            ALTER TABLE workflow_runs ADD COLUMN heartbeat_at TEXT;
            ALTER TABLE workflow_runs ADD COLUMN inputs_chars INTEGER;
            """),
        new(4, "kill requests (who asked, when) on open runs, read by the process running them (alpha runs kill)", """
            ALTER TABLE workflow_runs ADD COLUMN kill_requested_by TEXT;
            ALTER TABLE workflow_runs ADD COLUMN kill_requested_at TEXT;
            CREATE INDEX workflow_runs_kill_requested ON workflow_runs (run_id) WHERE kill_requested_at IS NOT NULL AND status IN ('pending', 'running');
            """),

        new(5, "schedule fires: one row per (schedule, scheduled time), claimed before dispatch, so a fire never runs twice", """
            CREATE TABLE schedule_fires (
              schedule TEXT NOT NULL,
              scheduled_at TEXT NOT NULL,
              workflow TEXT NOT NULL,
              spec_version_id TEXT REFERENCES workflow_spec_versions (version_id),
              status TEXT NOT NULL CHECK (status IN ('claimed', 'running', 'completed', 'failed', 'cancelled', 'capped')),
              run_id TEXT REFERENCES workflow_runs (run_id),
              claimed_by TEXT NOT NULL,
              claimed_at TEXT NOT NULL,
              finished_at TEXT,
              error TEXT,
              PRIMARY KEY (schedule, scheduled_at));
            CREATE INDEX schedule_fires_run ON schedule_fires (run_id);
            CREATE TRIGGER schedule_fires_no_delete BEFORE DELETE ON schedule_fires
            BEGIN SELECT RAISE(ABORT, 'alpha ledger: schedule_fires rows are never deleted'); END;
            CREATE TRIGGER schedule_fires_final BEFORE UPDATE ON schedule_fires
            WHEN OLD.status IN ('completed', 'failed', 'cancelled', 'capped')
            BEGIN SELECT RAISE(ABORT, 'alpha ledger: a finished schedule fire is immutable'); END;
            CREATE TRIGGER schedule_fires_identity BEFORE UPDATE ON schedule_fires
            WHEN NEW.schedule IS NOT OLD.schedule OR NEW.scheduled_at IS NOT OLD.scheduled_at OR NEW.workflow IS NOT OLD.workflow
              OR NEW.spec_version_id IS NOT OLD.spec_version_id OR NEW.claimed_by IS NOT OLD.claimed_by OR NEW.claimed_at IS NOT OLD.claimed_at
              OR (OLD.run_id IS NOT NULL AND NEW.run_id IS NOT OLD.run_id)
            BEGIN SELECT RAISE(ABORT, 'alpha ledger: a schedule fire''s key, claim and run are immutable'); END;
            """),

        new(6, "API tokens of alpha serve (SHA-256 of the token, never the token); run lookup by task id", """
            CREATE TABLE api_tokens (
              token_id TEXT PRIMARY KEY,
              name TEXT NOT NULL CHECK (name <> ''),
              token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
              created_at TEXT NOT NULL,
              revoked_at TEXT);
            CREATE INDEX api_tokens_name ON api_tokens (name);
            CREATE INDEX IF NOT EXISTS workflow_runs_task ON workflow_runs (task_id);
            """),

        // A cluster needs PostgreSQL (docs/scale-out.md): on SQLite number 7 changes nothing, so both lists stay numbered alike.
        new(7, "nothing on SQLite (PostgreSQL: the Orleans tables of alpha serve --cluster)", "SELECT 1;"),

        new(8, "run results (workflow outputs, analysis reports) and promoted data sources of alpha serve", """
            CREATE TABLE run_results (
              run_id TEXT NOT NULL REFERENCES workflow_runs (run_id),
              kind TEXT NOT NULL CHECK (kind IN ('outputs', 'result')),
              content TEXT NOT NULL CHECK (json_valid(content)),
              created_at TEXT NOT NULL,
              PRIMARY KEY (run_id, kind));
            CREATE TABLE source_promotions (
              entry_id TEXT PRIMARY KEY,
              kind TEXT NOT NULL,
              name TEXT NOT NULL,
              location TEXT NOT NULL,
              promoted_by TEXT NOT NULL,
              promoted_at TEXT NOT NULL);
            """ + AppendOnly("run_results") + AppendOnly("source_promotions")),

        new(9, "big inputs by content hash: run_inputs keeps one size-bounded redacted excerpt per content; workflow_runs.inputs_hash", """
            CREATE TABLE run_inputs (
              content_hash TEXT PRIMARY KEY CHECK (length(content_hash) = 64),
              chars INTEGER NOT NULL CHECK (chars >= 0),
              excerpt TEXT NOT NULL CHECK (json_valid(excerpt)),
              created_at TEXT NOT NULL);
            ALTER TABLE workflow_runs ADD COLUMN inputs_hash TEXT;
            CREATE TRIGGER workflow_runs_inputs_hash BEFORE UPDATE OF inputs_hash ON workflow_runs
            WHEN NEW.inputs_hash IS NOT OLD.inputs_hash
            BEGIN SELECT RAISE(ABORT, 'alpha ledger: a run''s spec, labels and inputs are immutable'); END;
            """ + AppendOnly("run_inputs")),
    ];

    // The update guards of workflow_runs (migration 1 creates them; migration 2 lifts and restores them around its rewrite).
    private const string RunUpdateTriggers = """
        CREATE TRIGGER workflow_runs_final BEFORE UPDATE ON workflow_runs
        WHEN OLD.status IN ('completed', 'failed', 'cancelled', 'capped')
        BEGIN SELECT RAISE(ABORT, 'alpha ledger: a finished run is immutable'); END;
        CREATE TRIGGER workflow_runs_identity BEFORE UPDATE ON workflow_runs
        WHEN NEW.run_id IS NOT OLD.run_id OR NEW.spec_kind IS NOT OLD.spec_kind OR NEW.spec_version_id IS NOT OLD.spec_version_id
          OR NEW.parent_run_id IS NOT OLD.parent_run_id OR NEW.experiment_id IS NOT OLD.experiment_id OR NEW.test_id IS NOT OLD.test_id
          OR NEW.task_id IS NOT OLD.task_id OR NEW.inputs IS NOT OLD.inputs OR NEW.created_at IS NOT OLD.created_at
        BEGIN SELECT RAISE(ABORT, 'alpha ledger: a run''s spec, labels and inputs are immutable'); END;
        """;

    // SQLite cannot change a column's type: add an INTEGER column, copy the REAL dollars over (rounded to 10^-10),
    // drop the old column and give the new one its name. The update guards must be lifted while the rows are copied.
    private static string ExactMoney(string table, string column, string constraints) => $"""

        ALTER TABLE {table} ADD COLUMN {column}_exact INTEGER {constraints}CHECK ({column}_exact >= 0);
        UPDATE {table} SET {column}_exact = CAST(round({column} * 10000000000) AS INTEGER) WHERE {column} IS NOT NULL;
        ALTER TABLE {table} DROP COLUMN {column};
        ALTER TABLE {table} RENAME COLUMN {column}_exact TO {column};

        """;

    private static string SpecTable(string table) => $"""
        CREATE TABLE {table} (
          version_id TEXT PRIMARY KEY,
          spec_id TEXT NOT NULL,
          name TEXT NOT NULL,
          version INTEGER NOT NULL CHECK (version >= 1),
          spec_hash TEXT NOT NULL UNIQUE CHECK (length(spec_hash) = 64),
          content TEXT NOT NULL CHECK (json_valid(content)),
          created_at TEXT NOT NULL,
          UNIQUE (name, version));
        {AppendOnly(table)}
        """;

    private static string AppendOnly(string table) => NoUpdate(table) + $"""
        CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
        BEGIN SELECT RAISE(ABORT, 'alpha ledger: {table} rows are immutable (DELETE refused)'); END;

        """;

    private static string NoUpdate(string table) => $"""

        CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
        BEGIN SELECT RAISE(ABORT, 'alpha ledger: {table} rows are immutable (UPDATE refused)'); END;

        """;
}
