#include "cli/commands.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>
#include <thread>

#include "accounts/account_store.hpp"
#include "calendar/calendar_cases.hpp"
#include "cli/wiring.hpp"
#include "competency/shipped_catalog.hpp"
#include "demo/demo_store.hpp"
#include "org/asn_import.hpp"
#include "org/org_store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/password.hpp"
#include "platform/crypto/vault_file.hpp"
#include "platform/db/migrate.hpp"
#include "platform/jobs/job_runner.hpp"
#include "platform/log.hpp"
#include "platform/metrics.hpp"
#include "platform/web/app.hpp"

namespace harmoni::cli {
namespace {

// Catalogs for CLI messages; built once.
const i18n::Catalogs& catalogs() {
  static const i18n::Catalogs c = [] {
    auto loaded = i18n::Catalogs::load_embedded();
    return loaded.ok() ? loaded.release_value() : i18n::Catalogs::from_maps({});
  }();
  return c;
}

int fail(const Common& common, const Error& e) {
  std::string message = catalogs().text(common.lang, e.key, e.args);
  std::cerr << catalogs().text(common.lang, "cli.error") << ": " << message << "\n";
  for (const auto& f : e.fields) {
    std::cerr << "  " << f.field << ": " << catalogs().text(common.lang, f.key, f.args) << "\n";
  }
  if (!e.internal_detail.empty()) spdlog::debug("detail: {}", e.internal_detail);
  return e.kind == ErrorKind::kInvalid ? 2 : 1;
}

auth::PasswordCost password_cost(const Config& c) {
  if (c.password_cost == "test") return auth::PasswordCost::kTest;
  if (c.password_cost == "moderate") return auth::PasswordCost::kModerate;
  return auth::PasswordCost::kInteractive;
}

// Opens the database (creating a SQLite file's folder) and brings its schema up to date.
Result<std::unique_ptr<db::Database>> open_and_migrate(const Config& c, const Clock& clock) {
  TRY(validate(c));
  auth::set_password_cost(password_cost(c));
  if (c.db_url.starts_with("sqlite:")) {
    std::filesystem::path path(c.db_url.substr(7));
    if (path.has_parent_path()) {
      std::error_code ec;
      std::filesystem::create_directories(path.parent_path(), ec);
    }
  }
  db::DatabaseOptions options;
  options.sqlite_synchronous = c.sqlite_synchronous;
  options.sqlite_readers = c.sqlite_readers;
  options.sqlite_reader_mmap_mb = c.sqlite_mmap_mb;
  options.postgres_pool = c.postgres_pool;
  auto database = TRY(db::open_database(c.db_url, options));
  int applied = TRY(db::migrate(*database, clock));
  if (applied > 0) spdlog::info("applied {} schema migration(s)", applied);
  TRY(database->write([](db::Tx& tx) { return org::ensure_regions(tx); }));
  TRY(calendar::load_shipped_calendar(*database, clock.now_seconds()));
  return database;
}

audit::Entry cli_entry(std::string action, std::string object_type, std::string object_id,
                       std::optional<int64_t> instansi_id) {
  audit::Entry e;
  e.actor = "cli";
  e.action = std::move(action);
  e.object_type = std::move(object_type);
  e.object_id = std::move(object_id);
  e.instansi_id = instansi_id;
  e.source = "cli";
  e.request_id = "-";
  return e;
}

void print_demo_accounts(const demo::DemoResult& r, std::ostream& out) {
  out << "\nDemo accounts (password: " << r.password << "):\n";
  for (const auto& a : r.accounts) {
    out << fmt::format("  {:<32} {:<16} {}\n", a.email, a.role, a.instansi);
  }
}

}  // namespace

int serve(const Common& common, bool with_demo) {
  const Config& c = common.config;
  SystemClock clock;
  SystemRandom random;
  auto database = open_and_migrate(c, clock);
  if (!database.ok()) return fail(common, database.error());
  db::Database& db = *database.value();
  auto vault = load_vault_file(c.secret_key_file, true, random);
  if (!vault.ok()) return fail(common, vault.error());
  if (with_demo) {
    auto built = demo::build_demo(db, clock, *vault, 1);
    if (!built.ok()) return fail(common, built.error());
    if (!built->already_present) {
      spdlog::info("demo data created: {} instansi, {} units, {} ASN", built->instansi,
                   built->units, built->asn);
    }
  }
  auto loaded_catalogs = i18n::Catalogs::load_embedded();
  if (!loaded_catalogs.ok()) return fail(common, loaded_catalogs.error());
  auto templates = Templates::load_embedded(loaded_catalogs.value());
  if (!templates.ok()) return fail(common, templates.error());
  // The competency catalogue is loaded now, so a broken one stops the start, not a request.
  if (auto catalogue = competency::shipped_catalog(); !catalogue.ok())
    return fail(common, catalogue.error());
  auth::AuthSettings auth_settings;
  auth_settings.idle_timeout_s = c.session_idle_minutes * 60;
  auth_settings.absolute_timeout_s = static_cast<int64_t>(c.session_absolute_hours) * 3600;
  auth::AuthStore auth_store(db, clock, random, auth_settings);

  events::Hub event_hub(random.hex(6));
  web::App app(web::Services{c, db, clock, random, vault.value(), loaded_catalogs.value(),
                             templates.value(), auth_store, event_hub});
  register_all_routes(app);

  auto listen = parse_listen(c.listen);
  if (!listen.ok()) return fail(common, listen.error());
  http::ServerOptions options;
  options.host = listen->first;
  options.port = listen->second;
  options.io_threads = c.io_threads > 0
                           ? c.io_threads
                           : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  options.worker_threads = c.worker_threads;
  options.trust_proxy = c.trust_proxy;
  options.upload_dir = c.upload_dir;
  options.shutdown_grace = std::chrono::seconds(c.shutdown_grace_seconds);
  options.read_timeout = std::chrono::seconds(c.read_timeout_seconds);
  options.idle_timeout = std::chrono::seconds(c.idle_timeout_seconds);
  const bool access_log = c.access_log;
  http::Server server(
      options, [&app](http::Request& req) { return app.handle(req); },
      [&app](std::string_view method, std::string_view path) { return app.limits(method, path); },
      [access_log](const http::Server::Exchange& x) {
        Metrics::global().observe_request(x.request->method, x.response->route, x.response->status,
                                          x.seconds);
        if (!access_log) return;
        // Route patterns only: raw paths and queries may carry names or NIPs.
        nlohmann::json line = {{"ts", SystemClock().now_ms()},
                               {"rid", x.request->request_id},
                               {"method", x.request->method},
                               {"route", x.response->route},
                               {"status", x.response->status},
                               {"bytes", x.bytes_sent},
                               {"ms", std::round(x.seconds * 100000) / 100}};
        logging::access(line.dump());
      });
  auto port = server.listen();
  if (!port.ok()) return fail(common, port.error());
  std::string url = fmt::format(
      "http://{}:{}",
      options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host,
      port.value());
  spdlog::info("Harmoni {} listening on {} ({})", HARMONI_VERSION, url, db::redact_url(c.db_url));
  std::cerr << "\n" << catalogs().text(common.lang, "cli.serving", {{"url", url}}) << "\n";
  if (with_demo) {
    auto accounts = db.read([](db::Tx& tx) { return accounts::list_users(tx, std::nullopt); });
    if (accounts.ok()) {
      demo::DemoResult r;
      r.password = std::string(demo::kDemoPassword);
      for (const auto& u : accounts.value()) {
        if (u.email.ends_with("@harmoni.demo"))
          r.accounts.push_back({u.email, std::string(enum_name(u.role)), u.instansi_code});
      }
      print_demo_accounts(r, std::cerr);
    }
  }
  std::cerr << std::flush;
  jobs::JobRunner jobs;
  auto job_env = Env{db, clock, random, vault.value()};
  if (auto registered = register_all_jobs(jobs, job_env, c); !registered.ok())
    return fail(common, registered.error());
  jobs.start();
  server.run();
  jobs.stop();
  return 0;
}

int migrate(const Common& common) {
  SystemClock clock;
  auto database = open_and_migrate(common.config, clock);
  if (!database.ok()) return fail(common, database.error());
  auto version = db::schema_version(*database.value());
  if (!version.ok()) return fail(common, version.error());
  std::cout << catalogs().text(common.lang, "cli.migrated",
                               {{"version", std::to_string(version.value())}})
            << "\n";
  return 0;
}

int demo(const Common& common, int scale, int64_t survey_responses, int64_t complaint_volume) {
  SystemClock clock;
  auto database = open_and_migrate(common.config, clock);
  if (!database.ok()) return fail(common, database.error());
  SystemRandom random;
  auto vault = load_vault_file(common.config.secret_key_file, true, random);
  if (!vault.ok()) return fail(common, vault.error());
  auto started = std::chrono::steady_clock::now();
  auto built =
      demo::build_demo(*database.value(), clock, *vault, scale, survey_responses, complaint_volume);
  if (!built.ok()) return fail(common, built.error());
  if (built->already_present) {
    std::cout << catalogs().text(common.lang, "cli.demo_present") << "\n";
    return 0;
  }
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  std::cout << fmt::format(
      "{} instansi, {} units, {} positions, {} ASN, {} survey responses, {} 360 campaigns ({} "
      "forms), "
      "{} learning programmes, {} learning records, {} Peduli activities, {} complaints, {} "
      "harmony cases, {} knowledge-base articles in {:.1f} s\n",
      built->instansi, built->units, built->positions, built->asn, built->survey_responses,
      built->campaigns, built->rating_forms, built->programmes, built->learning_records,
      built->peduli_activities, built->complaints, built->harmony_cases, built->kb_articles,
      took.count());
  print_demo_accounts(built.value(), std::cout);
  return 0;
}

int user_add(const Common& common, const UserAdd& args) {
  SystemClock clock;
  auto database = open_and_migrate(common.config, clock);
  if (!database.ok()) return fail(common, database.error());
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  accounts::UserDraft d;
  d.email = args.email;
  d.display_name = args.name.empty() ? args.email : args.name;
  d.role = args.role;
  d.instansi_code = args.instansi;
  d.unit_code = args.unit;
  d.lang = args.lang;
  d.password = password;
  auto errors = accounts::validate_user(d, true);
  if (!errors.empty()) return fail(common, Error::fields_invalid(errors));
  auto hash = auth::hash_password(password);
  if (!hash.ok()) return fail(common, hash.error());
  auto id = database.value()->write([&](db::Tx& tx) -> Result<int64_t> {
    int64_t id = TRY(accounts::insert_user(tx, d, hash.value(), clock.now_seconds()));
    TRY(audit::append(tx, cli_entry("user.create", "user", std::to_string(id), std::nullopt),
                      clock.now_ms()));
    return id;
  });
  if (!id.ok()) return fail(common, id.error());
  std::cout << catalogs().text(common.lang, "cli.user_added",
                               {{"email", d.email}, {"role", d.role}})
            << "\n";
  return 0;
}

int token_create(const Common& common, const std::string& email, const std::string& name) {
  SystemClock clock;
  SystemRandom random;
  auto database = open_and_migrate(common.config, clock);
  if (!database.ok()) return fail(common, database.error());
  auto user = database.value()->read(
      [&](db::Tx& tx) { return accounts::find_user_by_email(tx, auth::normalize_email(email)); });
  if (!user.ok()) return fail(common, user.error());
  if (!user.value() || !user.value()->active)
    return fail(common, Error::not_found("user.not_found"));
  if (name.empty()) return fail(common, Error::field("name", "input.required"));
  auth::AuthStore store(*database.value(), clock, random);
  auto token = database.value()->write([&](db::Tx& tx) -> Result<std::string> {
    std::string created = TRY(store.create_api_token(tx, user.value()->id, name));
    TRY(audit::append(tx,
                      cli_entry("token.create", "user", std::to_string(user.value()->id),
                                user.value()->instansi_id),
                      clock.now_ms()));
    return created;
  });
  if (!token.ok()) return fail(common, token.error());
  std::cerr << catalogs().text(common.lang, "cli.token_once") << "\n";
  std::cout << token.value() << "\n";
  return 0;
}

int audit_verify(const Common& common) {
  SystemClock clock;
  auto database = open_and_migrate(common.config, clock);
  if (!database.ok()) return fail(common, database.error());
  auto report = audit::verify(*database.value());
  if (!report.ok()) return fail(common, report.error());
  if (!report->ok) {
    std::cerr << catalogs().text(
                     common.lang, "cli.audit_broken",
                     {{"seq", std::to_string(report->bad_seq)}, {"problem", report->problem}})
              << "\n";
    return 3;
  }
  std::cout << catalogs().text(
                   common.lang, "cli.audit_ok",
                   {{"count", std::to_string(report->entries)}, {"hash", report->head_hash}})
            << "\n";
  return 0;
}

int backup(const Common& common, const std::string& to) {
  SystemClock clock;
  auto database = open_and_migrate(common.config, clock);
  if (!database.ok()) return fail(common, database.error());
  if (std::filesystem::exists(to))
    return fail(common, Error::invalid("backup.exists", {{"path", to}}));
  Status st = database.value()->backup_to(to);
  if (!st.ok()) return fail(common, st.error());
  std::cout << catalogs().text(common.lang, "cli.backup_done", {{"path", to}}) << "\n";
  return 0;
}

int asn_import(const Common& common, const std::string& instansi_code, const std::string& file,
               const std::string& mode) {
  SystemClock clock;
  auto database = open_and_migrate(common.config, clock);
  if (!database.ok()) return fail(common, database.error());
  if (mode != "all" && mode != "good_rows" && mode != "check") {
    return fail(common,
                Error::field("mode", "input.not_allowed", {{"allowed", "all, good_rows, check"}}));
  }
  auto instansi = database.value()->read(
      [&](db::Tx& tx) { return org::find_instansi_by_code(tx, org::upper_code(instansi_code)); });
  if (!instansi.ok()) return fail(common, instansi.error());
  if (!instansi.value()) return fail(common, Error::not_found("instansi.not_found"));
  if (!std::filesystem::is_regular_file(file))
    return fail(common, Error::invalid("import.no_file"));
  auto started = std::chrono::steady_clock::now();
  auto report = org::import_asn_csv(
      *database.value(), instansi.value()->id, file,
      org::ImportOptions{mode == "good_rows", mode == "check"},
      org::month_in_wib(clock.now_seconds()), clock.now_seconds(),
      cli_entry("asn.import", "instansi", instansi.value()->code, instansi.value()->id),
      clock.now_ms());
  if (!report.ok()) return fail(common, report.error());
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  const auto& r = report.value();
  for (const auto& p : r.problems) {
    std::cerr << fmt::format("{}:{}{}: {}\n", file, p.line,
                             p.column.empty() ? "" : " [" + p.column + "]",
                             catalogs().text(common.lang, p.key, p.args));
  }
  if (r.problems_not_listed > 0) std::cerr << fmt::format("... +{}\n", r.problems_not_listed);
  std::cout << catalogs().text(
                   common.lang, "cli.import_summary",
                   {{"rows", std::to_string(r.rows)},
                    {"bad", std::to_string(r.bad_rows)},
                    {"inserted", std::to_string(r.inserted)},
                    {"updated", std::to_string(r.updated)},
                    {"unchanged", std::to_string(r.unchanged)},
                    {"written", catalogs().text(common.lang, r.written ? "cli.yes" : "cli.no")}})
            << fmt::format(" ({:.1f} s)\n", took.count());
  return r.bad_rows > 0 ? 4 : 0;
}

}  // namespace harmoni::cli
