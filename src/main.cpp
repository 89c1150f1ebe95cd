// harmoni: one binary for the server and its operations. main() only wires the
// command line (CLI11) to the commands in src/cli/.
#include <CLI/CLI.hpp>
#include <csignal>

#include "cli/commands.hpp"
#include "demo/demo_store.hpp"
#include "platform/log.hpp"

int main(int argc, char** argv) {
  // A peer that goes away mid-write must cost one connection, never the process.
  std::signal(SIGPIPE, SIG_IGN);
  using harmoni::cli::Common;
  Common common;
  harmoni::Config& c = common.config;
  CLI::App app{"Harmoni: humanist public service and ASN development"};
  app.require_subcommand(1);
  app.set_config("--config", "", "Configuration file (INI/TOML: name = value)");
  app.option_defaults()->always_capture_default();
  app.fallthrough();
  app.add_option("--db", c.db_url, "Database: sqlite:PATH or postgres://...")
      ->envname("HARMONI_DB");
  app.add_option("--secret-key-file", c.secret_key_file,
                 "The vault's master key (made when missing; back it up apart from the database)")
      ->envname("HARMONI_SECRET_KEY_FILE");
  app.add_option("--log-level", c.log_level, "trace, debug, info, warn, error")
      ->envname("HARMONI_LOG_LEVEL");
  app.add_option("--lang", common.lang, "Language of messages: id or en")->envname("HARMONI_LANG");
  app.add_option("--password-cost", c.password_cost, "Argon2id cost: interactive, moderate, test")
      ->envname("HARMONI_PASSWORD_COST");
  app.add_option("--sqlite-synchronous", c.sqlite_synchronous,
                 "FULL (survives power loss) or NORMAL")
      ->envname("HARMONI_SQLITE_SYNCHRONOUS");
  app.add_option("--sqlite-readers", c.sqlite_readers, "SQLite reader connections")
      ->envname("HARMONI_SQLITE_READERS");
  app.add_option("--sqlite-mmap-mb", c.sqlite_mmap_mb,
                 "How much of the SQLite file readers map into memory (0: none)")
      ->envname("HARMONI_SQLITE_MMAP_MB");
  app.add_option("--postgres-pool", c.postgres_pool, "PostgreSQL connections")
      ->envname("HARMONI_POSTGRES_POOL");

  auto* serve = app.add_subcommand("serve", "Run the web server");
  bool demo = false;
  serve->add_option("--listen", c.listen, "HOST:PORT")->envname("HARMONI_LISTEN");
  serve->add_flag("--demo", demo, "Create demo data if missing and print the demo accounts");
  serve
      ->add_option("--public-url", c.public_url,
                   "URL users reach, e.g. https://harmoni.example.go.id")
      ->envname("HARMONI_PUBLIC_URL");
  serve->add_option("--io-threads", c.io_threads, "Network threads")->envname("HARMONI_IO_THREADS");
  serve->add_option("--worker-threads", c.worker_threads, "Request handler threads")
      ->envname("HARMONI_WORKER_THREADS");
  serve->add_flag("--trust-proxy", c.trust_proxy, "Honour X-Forwarded-For / -Proto")
      ->envname("HARMONI_TRUST_PROXY");
  serve->add_option("--session-idle-minutes", c.session_idle_minutes)
      ->envname("HARMONI_SESSION_IDLE_MINUTES");
  serve->add_option("--session-absolute-hours", c.session_absolute_hours)
      ->envname("HARMONI_SESSION_ABSOLUTE_HOURS");
  serve->add_option("--smtp-relay", c.smtp_relay, "HOST:PORT of the SMTP relay mail leaves through")
      ->envname("HARMONI_SMTP_RELAY");
  serve->add_option("--mail-from", c.mail_from, "Sender of mail, e.g. \"Harmoni <noreply@...>\"")
      ->envname("HARMONI_MAIL_FROM");
  serve->add_option("--upload-dir", c.upload_dir, "Where uploads and exports wait while handled")
      ->envname("HARMONI_UPLOAD_DIR");
  serve->add_option("--max-upload-mb", c.max_upload_mb)->envname("HARMONI_MAX_UPLOAD_MB");
  serve->add_option("--shutdown-grace-seconds", c.shutdown_grace_seconds)
      ->envname("HARMONI_SHUTDOWN_GRACE_SECONDS");
  serve->add_option("--read-timeout-seconds", c.read_timeout_seconds)
      ->envname("HARMONI_READ_TIMEOUT_SECONDS");
  serve->add_option("--idle-timeout-seconds", c.idle_timeout_seconds)
      ->envname("HARMONI_IDLE_TIMEOUT_SECONDS");
  bool no_access_log = false;
  serve->add_flag("--no-access-log", no_access_log, "Do not write the JSON access log to stdout");

  app.add_subcommand("migrate", "Create or upgrade the database schema");

  auto* demo_cmd = app.add_subcommand("demo", "Create the demo dataset");
  int scale = 1;
  demo_cmd->add_option("--scale", scale, "About 1,000 x N ASN (1000 gives a million)")
      ->check(CLI::Range(1, 10000));
  int64_t survey_responses = harmoni::demo::kDefaultSurveyResponses;
  demo_cmd->add_option("--responses", survey_responses, "Survey responses over the past year")
      ->check(CLI::Range(int64_t{0}, int64_t{100'000'000}));
  int64_t complaint_volume = 0;
  demo_cmd
      ->add_option("--complaints", complaint_volume,
                   "More citizens' reports over the past year, for the benchmarks")
      ->check(CLI::Range(int64_t{0}, int64_t{10'000'000}));

  auto* user = app.add_subcommand("user", "Manage user accounts");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "Add an account; the password is read from stdin");
  harmoni::cli::UserAdd ua;
  bool password_stdin = false;
  user_add->add_option("--email", ua.email)->required();
  user_add
      ->add_option(
          "--role", ua.role,
          "system_admin, instansi_admin, unit_head, officer, hr_developer, case_handler, auditor")
      ->required();
  user_add->add_option("--instansi", ua.instansi, "Instansi code");
  user_add->add_option("--unit", ua.unit, "Unit code");
  user_add->add_option("--name", ua.name, "Display name");
  user_add->add_flag("--password-stdin", password_stdin, "Read the password from stdin")
      ->required();

  auto* token = app.add_subcommand("token", "API tokens");
  token->require_subcommand(1);
  auto* token_create = token->add_subcommand("create", "Create an API token and print it once");
  std::string token_email, token_name;
  token_create->add_option("--email", token_email)->required();
  token_create->add_option("--name", token_name)->required();

  auto* audit = app.add_subcommand("audit", "Audit log");
  audit->require_subcommand(1);
  audit->add_subcommand("verify", "Recompute the hash chain; fails on any change");

  auto* backup = app.add_subcommand("backup", "Copy a consistent snapshot of the database");
  std::string backup_to;
  backup->add_option("--to", backup_to, "Target file (must not exist)")->required();

  auto* asn = app.add_subcommand("asn", "ASN records");
  asn->require_subcommand(1);
  auto* import = asn->add_subcommand("import", "Import ASN of an instansi from CSV");
  std::string import_instansi, import_file, import_mode = "all";
  import->add_option("--instansi", import_instansi, "Instansi code")->required();
  import->add_option("--file", import_file, "CSV file")->required();
  import->add_option("--mode", import_mode,
                     "all (default: nothing if any row is bad), good_rows, check");

  CLI11_PARSE(app, argc, argv);
  c.access_log = !no_access_log;
  harmoni::logging::init(c.log_level);

  if (*serve) return harmoni::cli::serve(common, demo);
  if (app.got_subcommand("migrate")) return harmoni::cli::migrate(common);
  if (*demo_cmd) return harmoni::cli::demo(common, scale, survey_responses, complaint_volume);
  if (*user_add) return harmoni::cli::user_add(common, ua);
  if (*token_create) return harmoni::cli::token_create(common, token_email, token_name);
  if (audit->got_subcommand("verify")) return harmoni::cli::audit_verify(common);
  if (*backup) return harmoni::cli::backup(common, backup_to);
  if (*import) return harmoni::cli::asn_import(common, import_instansi, import_file, import_mode);
  return 2;
}
