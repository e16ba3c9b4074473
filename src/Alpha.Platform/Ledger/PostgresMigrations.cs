namespace Alpha.Platform.Ledger;

/// <summary>The ledger schema on PostgreSQL. Immutability is enforced by triggers that raise an exception.</summary>
internal static class PostgresMigrations
{
    public static IReadOnlyList<LedgerMigration> All { get; } =
    [
        new(1, "spec versions, runs, agent runs, steps, frames; immutability triggers", """
            CREATE FUNCTION alpha_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
              RAISE EXCEPTION 'alpha ledger: % rows are immutable (% refused)', TG_TABLE_NAME, TG_OP
                USING ERRCODE = 'integrity_constraint_violation';
            END
            $fn$;

            CREATE FUNCTION alpha_guard_run() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
              IF TG_OP = 'DELETE' THEN
                RAISE EXCEPTION 'alpha ledger: workflow_runs rows are never deleted' USING ERRCODE = 'integrity_constraint_violation';
              END IF;
              IF OLD.status IN ('completed', 'failed', 'cancelled', 'capped') THEN
                RAISE EXCEPTION 'alpha ledger: run % is %; a finished run is immutable', OLD.run_id, OLD.status USING ERRCODE = 'integrity_constraint_violation';
              END IF;
              IF (NEW.run_id, NEW.spec_kind, NEW.spec_version_id, NEW.parent_run_id, NEW.experiment_id, NEW.test_id, NEW.task_id, NEW.inputs, NEW.created_at)
                 IS DISTINCT FROM
                 (OLD.run_id, OLD.spec_kind, OLD.spec_version_id, OLD.parent_run_id, OLD.experiment_id, OLD.test_id, OLD.task_id, OLD.inputs, OLD.created_at) THEN
                RAISE EXCEPTION 'alpha ledger: a run''s spec, labels and inputs are immutable' USING ERRCODE = 'integrity_constraint_violation';
              END IF;
              RETURN NEW;
            END
            $fn$;
            """ + SpecTable("agent_spec_versions") + SpecTable("analysis_spec_versions") + SpecTable("workflow_spec_versions") + """
            CREATE TABLE workflow_runs (
              run_id text PRIMARY KEY,
              spec_kind text NOT NULL CHECK (spec_kind IN ('agent', 'analysis', 'workflow')),
              spec_version_id text NOT NULL,
              status text NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled', 'capped')),
              parent_run_id text REFERENCES workflow_runs (run_id),
              experiment_id text NOT NULL CHECK (experiment_id <> ''),
              test_id text,
              task_id text,
              inputs text NOT NULL CHECK (inputs::jsonb IS NOT NULL),
              started_at timestamptz,
              finished_at timestamptz,
              total_tokens bigint NOT NULL DEFAULT 0 CHECK (total_tokens >= 0),
              total_cost_usd double precision NOT NULL DEFAULT 0 CHECK (total_cost_usd >= 0),
              error text,
              created_at timestamptz NOT NULL,
              updated_at timestamptz NOT NULL);
            CREATE INDEX workflow_runs_created ON workflow_runs (created_at);
            CREATE INDEX workflow_runs_experiment ON workflow_runs (experiment_id);
            CREATE INDEX workflow_runs_active ON workflow_runs (status, updated_at) WHERE status IN ('pending', 'running');
            CREATE TRIGGER workflow_runs_guard BEFORE UPDATE OR DELETE ON workflow_runs FOR EACH ROW EXECUTE FUNCTION alpha_guard_run();
            CREATE TRIGGER workflow_runs_no_truncate BEFORE TRUNCATE ON workflow_runs FOR EACH STATEMENT EXECUTE FUNCTION alpha_refuse_change();

            CREATE TABLE agent_runs (
              agent_run_id text PRIMARY KEY,
              run_id text NOT NULL REFERENCES workflow_runs (run_id),
              node text NOT NULL,
              agent text NOT NULL,
              agent_spec_version_id text REFERENCES agent_spec_versions (version_id),
              mode text,
              status text NOT NULL CHECK (status IN ('completed', 'failed', 'timed_out', 'cancelled', 'capped')),
              started_at timestamptz NOT NULL,
              finished_at timestamptz NOT NULL,
              input_tokens bigint NOT NULL CHECK (input_tokens >= 0),
              output_tokens bigint NOT NULL CHECK (output_tokens >= 0),
              cost_usd double precision CHECK (cost_usd >= 0),
              error text);
            CREATE INDEX agent_runs_run ON agent_runs (run_id);

            CREATE TABLE agent_run_steps (
              step_id text PRIMARY KEY,
              agent_run_id text NOT NULL REFERENCES agent_runs (agent_run_id),
              run_id text NOT NULL REFERENCES workflow_runs (run_id),
              sequence integer NOT NULL CHECK (sequence >= 1),
              kind text NOT NULL CHECK (kind IN ('model', 'tool')),
              name text NOT NULL,
              request text NOT NULL,
              response text,
              input_tokens bigint NOT NULL CHECK (input_tokens >= 0),
              output_tokens bigint NOT NULL CHECK (output_tokens >= 0),
              cost_usd double precision CHECK (cost_usd >= 0),
              latency_ms double precision NOT NULL,
              error text,
              created_at timestamptz NOT NULL,
              UNIQUE (agent_run_id, sequence));
            CREATE INDEX agent_run_steps_run ON agent_run_steps (run_id);

            CREATE TABLE run_frames (
              run_id text NOT NULL REFERENCES workflow_runs (run_id),
              sequence bigint NOT NULL CHECK (sequence >= 1),
              task_id text NOT NULL,
              stage text NOT NULL,
              message text NOT NULL,
              emitted_at timestamptz NOT NULL,
              extras text NOT NULL CHECK (extras::jsonb IS NOT NULL),
              PRIMARY KEY (run_id, sequence));
            """ + AppendOnly("agent_runs") + AppendOnly("agent_run_steps") + AppendOnly("run_frames")),
        new(2, "money as numeric (total_cost_usd, cost_usd)", """
            ALTER TABLE workflow_runs ALTER COLUMN total_cost_usd TYPE numeric USING round(total_cost_usd::numeric, 10);
            ALTER TABLE agent_runs ALTER COLUMN cost_usd TYPE numeric USING round(cost_usd::numeric, 10);
            ALTER TABLE agent_run_steps ALTER COLUMN cost_usd TYPE numeric USING round(cost_usd::numeric, 10);
            """),
        new(3, "run owner (host, process id, process start) and heartbeat, so that recovery leaves live runs alone; the size of the inputs, so that listings never read them", """
            ALTER TABLE workflow_runs
              ADD COLUMN owner_host text,
              ADD COLUMN owner_pid integer,
              ADD COLUMN owner_started_at timestamptz,
              ADD COLUMN heartbeat_at timestamptz,
              ADD COLUMN inputs_chars bigint;
            """),
        new(4, "kill requests (who asked, when) on open runs, read by the process running them (alpha runs kill; NOTIFY alpha_kill_requests)", """
            ALTER TABLE workflow_runs
              ADD COLUMN kill_requested_by text,
              ADD COLUMN kill_requested_at timestamptz;
            CREATE INDEX workflow_runs_kill_requested ON workflow_runs (run_id) WHERE kill_requested_at IS NOT NULL AND status IN ('pending', 'running');
            """),

        new(5, "schedule fires: one row per (schedule, scheduled time), claimed before dispatch, so a fire never runs twice", """
            CREATE TABLE schedule_fires (
              schedule text NOT NULL,
              scheduled_at timestamptz NOT NULL,
              workflow text NOT NULL,
              spec_version_id text REFERENCES workflow_spec_versions (version_id),
              status text NOT NULL CHECK (status IN ('claimed', 'running', 'completed', 'failed', 'cancelled', 'capped')),
              run_id text REFERENCES workflow_runs (run_id),
              claimed_by text NOT NULL,
              claimed_at timestamptz NOT NULL,
              finished_at timestamptz,
              error text,
              PRIMARY KEY (schedule, scheduled_at));
            CREATE INDEX schedule_fires_run ON schedule_fires (run_id);

            CREATE FUNCTION alpha_guard_schedule_fire() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
              IF TG_OP = 'DELETE' THEN
                RAISE EXCEPTION 'alpha ledger: schedule_fires rows are never deleted' USING ERRCODE = 'integrity_constraint_violation';
              END IF;
              IF OLD.status IN ('completed', 'failed', 'cancelled', 'capped') THEN
                RAISE EXCEPTION 'alpha ledger: a finished schedule fire is immutable' USING ERRCODE = 'integrity_constraint_violation';
              END IF;
              IF (NEW.schedule, NEW.scheduled_at, NEW.workflow, NEW.spec_version_id, NEW.claimed_by, NEW.claimed_at)
                 IS DISTINCT FROM (OLD.schedule, OLD.scheduled_at, OLD.workflow, OLD.spec_version_id, OLD.claimed_by, OLD.claimed_at)
                 OR (OLD.run_id IS NOT NULL AND NEW.run_id IS DISTINCT FROM OLD.run_id) THEN
                RAISE EXCEPTION 'alpha ledger: a schedule fire''s key, claim and run are immutable' USING ERRCODE = 'integrity_constraint_violation';
              END IF;
              RETURN NEW;
            END
            $fn$;
            CREATE TRIGGER schedule_fires_guard BEFORE UPDATE OR DELETE ON schedule_fires FOR EACH ROW EXECUTE FUNCTION alpha_guard_schedule_fire();
            CREATE TRIGGER schedule_fires_no_truncate BEFORE TRUNCATE ON schedule_fires FOR EACH STATEMENT EXECUTE FUNCTION alpha_refuse_change();
            """),

        new(6, "API tokens of alpha serve (SHA-256 of the token, never the token); run lookup by task id", """
            CREATE TABLE api_tokens (
              token_id text PRIMARY KEY,
              name text NOT NULL CHECK (name <> ''),
              token_hash text NOT NULL UNIQUE CHECK (length(token_hash) = 64),
              created_at timestamptz NOT NULL,
              revoked_at timestamptz);
            CREATE INDEX api_tokens_name ON api_tokens (name);
            CREATE INDEX IF NOT EXISTS workflow_runs_task ON workflow_runs (task_id);
            """),

        new(7, "Orleans ADO.NET tables (clustering, grain state, reminders) in schema orleans, from Orleans' documented PostgreSQL scripts (alpha serve --cluster)", PostgresOrleansSchema.Sql),

        new(8, "run results (workflow outputs, analysis reports) and promoted data sources of alpha serve", """
            CREATE TABLE run_results (
              run_id text NOT NULL REFERENCES workflow_runs (run_id),
              kind text NOT NULL CHECK (kind IN ('outputs', 'result')),
              content text NOT NULL CHECK (content::jsonb IS NOT NULL),
              created_at timestamptz NOT NULL,
              PRIMARY KEY (run_id, kind));
            CREATE TABLE source_promotions (
              entry_id text PRIMARY KEY,
              kind text NOT NULL,
              name text NOT NULL,
              location text NOT NULL,
              promoted_by text NOT NULL,
              promoted_at timestamptz NOT NULL);
            """ + AppendOnly("run_results") + AppendOnly("source_promotions")),

        new(9, "big inputs by content hash: run_inputs keeps one size-bounded redacted excerpt per content; workflow_runs.inputs_hash", """
            CREATE TABLE run_inputs (
              content_hash text PRIMARY KEY CHECK (length(content_hash) = 64),
              chars bigint NOT NULL CHECK (chars >= 0),
              excerpt text NOT NULL CHECK (excerpt::jsonb IS NOT NULL),
              created_at timestamptz NOT NULL);
            ALTER TABLE workflow_runs ADD COLUMN inputs_hash text;
            CREATE FUNCTION alpha_run_inputs_hash_fixed() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
              IF NEW.inputs_hash IS DISTINCT FROM OLD.inputs_hash THEN
                RAISE EXCEPTION 'alpha ledger: a run''s spec, labels and inputs are immutable' USING ERRCODE = 'integrity_constraint_violation';
              END IF;
              RETURN NEW;
            END $fn$;
            CREATE TRIGGER workflow_runs_inputs_hash BEFORE UPDATE ON workflow_runs FOR EACH ROW EXECUTE FUNCTION alpha_run_inputs_hash_fixed();
            """ + AppendOnly("run_inputs")),
    ];

    private static string SpecTable(string table) => $"""

        CREATE TABLE {table} (
          version_id text PRIMARY KEY,
          spec_id text NOT NULL,
          name text NOT NULL,
          version integer NOT NULL CHECK (version >= 1),
          spec_hash text NOT NULL UNIQUE CHECK (length(spec_hash) = 64),
          content text NOT NULL CHECK (content::jsonb IS NOT NULL),
          created_at timestamptz NOT NULL,
          UNIQUE (name, version));
        {AppendOnly(table)}
        """;

    private static string AppendOnly(string table) => $"""

        CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION alpha_refuse_change();
        CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION alpha_refuse_change();

        """;
}
