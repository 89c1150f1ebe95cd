// End-to-end: the real binary, started on a free port with a demo database, on
// every backend; HTTP from outside.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <thread>

#include "platform/db/database.hpp"
#include "platform/util/base64.hpp"
#include "platform/util/clock.hpp"
#include "platform/util/date.hpp"
#include "support/backends.hpp"
#include "support/demo_server.hpp"
#include "support/http_client.hpp"

namespace harmoni::test {
namespace {

using nlohmann::json;

class E2E : public ::testing::TestWithParam<std::string> {
 protected:
  void TearDown() override {
    if (HasFailure()) {
      ADD_FAILURE() << "server " << demo().server->state() << "; its stderr:\n"
                    << demo().server->stderr_text();
    }
  }
  DemoServer& demo() { return demo_server(GetParam()); }
  HttpClient client() { return HttpClient(demo().port()); }
  HttpClient logged_in(const std::string& email) {
    HttpClient c = client();
    EXPECT_EQ(c.login(email, kDemoPassword), 303) << email;
    c.get("/");  // picks up the session's CSRF token
    return c;
  }
  // A new kiosk link for a desk ("/desk/ID"), made by its manager: the "/kiosk/KEY" path.
  std::string new_kiosk_path(HttpClient& manager, const std::string& desk) {
    auto page = manager.post_form(desk + "/kiosk", {});
    EXPECT_EQ(page.status, 200) << page.body;
    std::smatch m;
    if (!std::regex_search(page.body, m,
                           std::regex(R"(href="http://[^"]*(/kiosk/[A-Za-z0-9_-]+))"))) {
      ADD_FAILURE() << "no kiosk link on the page";
      return "/kiosk/missing";
    }
    return m[1];
  }
  // The NIP of some ASN in a unit of Kabupaten Sambas, found through the API.
  std::string some_nip(const std::string& unit) {
    HttpClient admin = logged_in("admin.sambas@harmoni.demo");
    auto res = admin.get("/api/v1/instansi/KAB-SAMBAS/asn?unit=" + unit + "&limit=1");
    EXPECT_EQ(res.status, 200) << res.body;
    return json::parse(res.body)["items"][0]["nip"];
  }
};

TEST_P(E2E, HealthAndMetrics) {
  HttpClient c = client();
  auto health = c.get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.body, R"({"status":"ok"})");
  EXPECT_EQ(health.header("x-request-id").size(), 16u);
  // A request is counted once its response has been sent, on its own network thread:
  // the next request (another connection, maybe another thread) may come first.
  const std::string counted =
      "harmoni_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"}";
  HttpResponse metrics;
  for (int i = 0; i < 40; ++i) {
    metrics = c.get("/metrics");
    if (metrics.body.find(counted) != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find(counted), std::string::npos);
  EXPECT_NE(metrics.body.find("harmoni_db_transaction_duration_seconds_bucket"), std::string::npos);
  auto ready = c.get("/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.body, R"({"status":"ready"})");
  // A quick route ignores a session cookie: it never looks the caller up.
  auto with_cookie = c.request("GET", "/healthz", "", {{"cookie", "harmoni_session=forged"}});
  EXPECT_EQ(with_cookie.status, 200);
  EXPECT_TRUE(with_cookie.header("set-cookie").empty());
  auto echoed = c.request("GET", "/healthz", "", {{"x-request-id", "trace-abc-123"}});
  EXPECT_EQ(echoed.header("x-request-id"), "trace-abc-123");
}

TEST_P(E2E, LoginSessionAndLogout) {
  HttpClient c = client();
  auto page = c.get("/login");
  EXPECT_EQ(page.status, 200);
  auto wrong = c.post_form(
      "/login", {{"email", "admin.sambas@harmoni.demo"}, {"password", "wrong password!"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_NE(wrong.body.find("role=\"alert\""), std::string::npos);
  auto ok = c.post_form(
      "/login",
      {{"email", "ADMIN.sambas@harmoni.demo "}, {"password", kDemoPassword}, {"next", "/asn"}});
  ASSERT_EQ(ok.status, 303);
  EXPECT_EQ(ok.header("location"), "/asn");
  std::string cookie = ok.header("set-cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "plain HTTP on loopback";
  std::string first_session = c.cookies()["harmoni_session"];
  EXPECT_EQ(c.get("/").status, 200);
  // A new login gets a new session id.
  c.get("/login");
  HttpClient again = client();
  again.login("admin.sambas@harmoni.demo", kDemoPassword);
  EXPECT_NE(again.cookies()["harmoni_session"], first_session);
  // Logout ends the session on the server, not only in the browser.
  c.get("/");
  std::string stolen = c.cookies()["harmoni_session"];
  EXPECT_EQ(c.post_form("/logout", {}).status, 303);
  HttpClient replay = client();
  replay.cookies()["harmoni_session"] = stolen;
  auto after = replay.get("/");
  EXPECT_EQ(after.status, 303);
  EXPECT_EQ(after.header("location").rfind("/login", 0), 0u);
}

TEST_P(E2E, LoginIsThrottledPerAccount) {
  std::string email = "throttle." + GetParam() + "@harmoni.demo";
  ASSERT_EQ(run_harmoni({"user", "add", "--db", demo().db_url, "--email", email, "--role",
                         "auditor", "--instansi", "KAB-SAMBAS", "--password-stdin"},
                        std::string(kDemoPassword) + "\n")
                .status,
            0);
  HttpClient c = client();
  c.get("/login");
  int last = 0;
  for (int i = 0; i < 6; ++i) {
    last = c.post_form("/login", {{"email", email}, {"password", "not the password"}}).status;
  }
  EXPECT_EQ(last, 429);
  auto blocked = c.post_form("/login", {{"email", email}, {"password", kDemoPassword}});
  EXPECT_EQ(blocked.status, 429) << "even the right password waits now";
  EXPECT_NE(blocked.body.find("detik"), std::string::npos);
  // Colleagues behind the same address are not locked out.
  HttpClient colleague = client();
  EXPECT_EQ(colleague.login("auditor@harmoni.demo", kDemoPassword), 303);
}

TEST_P(E2E, StateChangesNeedTheCsrfTokenAndOurOrigin) {
  HttpClient c = logged_in("admin.sambas@harmoni.demo");
  auto no_token = c.request("POST", "/account/tokens", "name=x",
                            {{"content-type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(no_token.status, 403);
  auto cross_site = c.request(
      "POST", "/account/tokens", form_encode({{"name", "x"}, {"_csrf", c.csrf_token()}}),
      {{"content-type", "application/x-www-form-urlencoded"}, {"sec-fetch-site", "cross-site"}});
  EXPECT_EQ(cross_site.status, 403);
  auto other_origin = c.request(
      "POST", "/account/tokens", form_encode({{"name", "x"}, {"_csrf", c.csrf_token()}}),
      {{"content-type", "application/x-www-form-urlencoded"}, {"origin", "https://evil.example"}});
  EXPECT_EQ(other_origin.status, 403);
  auto ok = c.post_form("/account/tokens", {{"name", "laptop"}});
  EXPECT_EQ(ok.status, 201);
  EXPECT_NE(ok.body.find("hrm_"), std::string::npos) << "the new token is shown once";
}

TEST_P(E2E, SecurityHeadersEverywhere) {
  HttpClient c = client();
  for (const char* path : {"/login", "/healthz", "/api/v1/me", "/nowhere"}) {
    auto r = c.get(path);
    EXPECT_NE(r.header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos)
        << path;
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << path;
    EXPECT_EQ(r.header("referrer-policy"), "same-origin") << path;
  }
}

TEST_P(E2E, ApiErrorsAreProblemDocumentsInTheUsersLanguage) {
  HttpClient c = logged_in("admin.sambas@harmoni.demo");
  auto malformed = c.request(
      "POST", "/api/v1/instansi/KAB-SAMBAS/asn",
      "{\"nip\":", {{"content-type", "application/json"}, {"x-csrf-token", c.csrf_token()}});
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.header("content-type"), "application/problem+json");
  EXPECT_EQ(json::parse(malformed.body)["title"], "Isi kiriman bukan JSON yang sah.");
  auto english = c.request("POST", "/api/v1/instansi/KAB-SAMBAS/asn", "{\"nip\":",
                           {{"content-type", "application/json"},
                            {"x-csrf-token", c.csrf_token()},
                            {"accept-language", "en-US,en;q=0.8"}});
  EXPECT_EQ(json::parse(english.body)["title"], "The body is not valid JSON.");
  auto fields = c.request(
      "POST", "/api/v1/instansi/KAB-SAMBAS/asn",
      R"({"nip":"19850312201001100","name":"Budi","employment":"PNS","unit":"DUKCAPIL","salary":1})",
      {{"content-type", "application/json"}, {"x-csrf-token", c.csrf_token()}});
  EXPECT_EQ(fields.status, 422);
  auto problem = json::parse(fields.body);
  std::map<std::string, std::string> by_field;
  for (const auto& e : problem["errors"]) by_field[e["field"]] = e["code"];
  EXPECT_EQ(by_field["nip"], "nip.length");
  EXPECT_EQ(by_field["salary"], "input.unknown_field");
  EXPECT_NE(problem["errors"][0]["message"].get<std::string>().find("17"), std::string::npos);
  auto wrong_type =
      c.request("POST", "/api/v1/instansi/KAB-SAMBAS/asn", R"({"nip":198503122010011003})",
                {{"content-type", "application/json"}, {"x-csrf-token", c.csrf_token()}});
  EXPECT_EQ(wrong_type.status, 422);
  auto bad_utf8 =
      c.request("POST", "/api/v1/instansi/KAB-SAMBAS/asn", "{\"name\":\"\xC3\x28\"}",
                {{"content-type", "application/json"}, {"x-csrf-token", c.csrf_token()}});
  EXPECT_EQ(bad_utf8.status, 400);
  auto too_big =
      c.request("POST", "/api/v1/instansi/KAB-SAMBAS/asn", std::string(20000, ' '),
                {{"content-type", "application/json"}, {"x-csrf-token", c.csrf_token()}});
  EXPECT_EQ(too_big.status, 413);
  auto unknown_route = c.request("GET", "/api/v1/nope", "", {{"accept", "application/json"}});
  EXPECT_EQ(unknown_route.status, 404);
  EXPECT_EQ(unknown_route.header("content-type"), "application/problem+json");
}

TEST_P(E2E, ApiTokensFromTheCommandLine) {
  auto created = run_harmoni({"token", "create", "--db", demo().db_url, "--email",
                              "admin.sambas@harmoni.demo", "--name", "integration"});
  ASSERT_EQ(created.status, 0) << created.err;
  std::string token = created.out.substr(0, created.out.find('\n'));
  ASSERT_EQ(token.rfind("hrm_", 0), 0u);
  HttpClient c = client();
  c.set_bearer(token);
  auto me = c.get("/api/v1/me");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(json::parse(me.body)["role"], "instansi_admin");
  // Bearer requests need no CSRF token: no cookie grants them anything.
  auto created_unit = c.json(
      "POST", "/api/v1/instansi/KAB-SAMBAS/units",
      R"({"code":"TOKEN-UNIT-)" + GetParam() + R"(","name":"Unit lewat API","parent":"SETDA"})");
  EXPECT_EQ(created_unit.status, 201) << created_unit.body;
  HttpClient forged = client();
  forged.set_bearer("hrm_forged");
  EXPECT_EQ(forged.get("/api/v1/me").status, 401);
  EXPECT_EQ(forged.get("/api/v1/me").header("www-authenticate"), "Bearer");
  auto missing = run_harmoni(
      {"token", "create", "--db", demo().db_url, "--email", "nobody@x.id", "--name", "n"});
  EXPECT_NE(missing.status, 0);
  EXPECT_NE(missing.err.find("Akun tidak ditemukan"), std::string::npos);
}

TEST_P(E2E, AsnLifecycleThroughTheApi) {
  HttpClient c = logged_in("admin.sambas@harmoni.demo");
  std::string nip = GetParam() == "sqlite" ? "199001012015031001" : "199001012015031002";
  auto created =
      c.request("POST", "/api/v1/instansi/KAB-SAMBAS/asn",
                json{{"nip", nip},
                     {"name", "Yohanes Anyang"},
                     {"employment", "PNS"},
                     {"unit", "DUKCAPIL-PDP"},
                     {"position", "ADMINDUK"}}
                    .dump(),
                {{"content-type", "application/json"}, {"x-csrf-token", c.csrf_token()}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto dup = c.request(
      "POST", "/api/v1/instansi/KAB-SAMBAS/asn",
      json{{"nip", nip}, {"name", "Lagi"}, {"employment", "PNS"}, {"unit", "DUKCAPIL"}}.dump(),
      {{"content-type", "application/json"}, {"x-csrf-token", c.csrf_token()}});
  EXPECT_EQ(dup.status, 422);
  auto patched =
      c.request("PATCH", "/api/v1/asn/" + nip, R"({"name":"Yohanes Anyang, S.Kom."})",
                {{"content-type", "application/json"}, {"x-csrf-token", c.csrf_token()}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(json::parse(patched.body)["unit"], "DUKCAPIL-PDP")
      << "PATCH keeps what it does not name";
  auto found = c.get("/api/v1/instansi/KAB-SAMBAS/asn?q=yohanes+anyang");
  EXPECT_NE(found.body.find(nip), std::string::npos);
  auto page = c.get("/asn/" + nip);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Yohanes Anyang, S.Kom."), std::string::npos);
}

TEST_P(E2E, ServiceStandardsSurveyEntryAndTheIndex) {
  HttpClient head = logged_in("kepala.dukcapil@harmoni.demo");
  auto units = json::parse(head.get("/api/v1/units").body);
  int64_t unit = 0;
  for (const auto& u : units["items"]) {
    if (u["instansi"] == "KAB-SAMBAS" && u["code"] == "DUKCAPIL") unit = u["id"];
  }
  ASSERT_GT(unit, 0);
  const std::string base = "/api/v1/units/" + std::to_string(unit);
  const std::vector<std::pair<std::string, std::string>> json_headers = {
      {"content-type", "application/json"}, {"x-csrf-token", head.csrf_token()}};

  // The published standards are public.
  auto listed = client().get(base + "/services");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_NE(listed.body.find("\"code\":\"KTP-EL\""), std::string::npos);
  EXPECT_EQ(client().get("/api/v1/units/999999/services").status, 404);

  json service = {
      {"code", "legalisir"}, {"name", "Legalisir dokumen kependudukan"}, {"standard_minutes", 15},
      {"cost", "Gratis"},    {"product", "Dokumen terlegalisir"},        {"ticket_prefix", "L"}};
  auto made = head.request("POST", base + "/services", service.dump(), json_headers);
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(json::parse(made.body)["code"], "LEGALISIR");
  auto again = head.request("POST", base + "/services", service.dump(), json_headers);
  EXPECT_EQ(again.status, 422);
  EXPECT_NE(again.body.find("\"field\":\"code\""), std::string::npos);
  service["standard_minutes"] = 10;
  auto put = head.request("PUT", base + "/services/LEGALISIR", service.dump(), json_headers);
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(json::parse(put.body)["standard_minutes"], 10);

  // The same through the desk's pages.
  const std::string desk_services = "/desk/" + std::to_string(unit) + "/services";
  ASSERT_EQ(head.get(desk_services + "/new").status, 200);
  auto bad_form =
      head.post_form(desk_services, {{"code", "x y"}, {"name", ""}, {"standard_minutes", "0"}});
  EXPECT_EQ(bad_form.status, 422);
  EXPECT_NE(bad_form.body.find("error-summary"), std::string::npos);
  EXPECT_NE(bad_form.body.find("value=\"x y\""), std::string::npos)
      << "what was typed is shown again";
  auto made_form = head.post_form(desk_services, {{"code", "SKPWNI"},
                                                  {"name", "Surat pindah"},
                                                  {"standard_minutes", "30"},
                                                  {"cost", "Gratis"},
                                                  {"product", "SKPWNI"},
                                                  {"active", "1"}});
  ASSERT_EQ(made_form.status, 303) << made_form.body;
  ASSERT_EQ(head.get(desk_services + "/SKPWNI").status, 200);
  auto switched_off = head.post_form(desk_services + "/SKPWNI", {{"code", "SKPWNI"},
                                                                 {"name", "Surat pindah"},
                                                                 {"standard_minutes", "30"},
                                                                 {"cost", "Gratis"},
                                                                 {"product", "SKPWNI"}});
  ASSERT_EQ(switched_off.status, 303) << switched_off.body;
  EXPECT_EQ(client().get(base + "/services").body.find("\"code\":\"SKPWNI\""), std::string::npos)
      << "switched off: not public";

  // Bad survey input: a clear error per field, nothing stored.
  const std::string day = GetParam() == "sqlite" ? "2025-03-10" : "2025-03-11";
  const std::string ikm =
      "/api/v1/ikm?unit=" + std::to_string(unit) + "&service=AKTA-LAHIR&from=" + day + "&to=" + day;
  auto submit = [&](const json& answers, const std::string& service_code = "AKTA-LAHIR") {
    json body = {{"unit", unit}, {"service", service_code}, {"answers", answers}, {"date", day}};
    return head.request("POST", "/api/v1/skm/responses", body.dump(), json_headers);
  };
  for (const auto& [answers, field] :
       std::vector<std::pair<json, std::string>>{{{{"U1", 0}}, "answers.U1"},
                                                 {{{"U2", 5}}, "answers.U2"},
                                                 {{{"U3", "empat"}}, "answers.U3"},
                                                 {{{"U10", 4}}, "answers.U10"}}) {
    auto bad = submit(answers);
    EXPECT_EQ(bad.status, 422) << answers.dump();
    EXPECT_NE(bad.body.find("\"field\":\"" + field + "\""), std::string::npos) << bad.body;
  }
  // The same paper forms through the page, one after another.
  auto entry_form = head.get("/desk/" + std::to_string(unit) + "/entry");
  ASSERT_EQ(entry_form.status, 200);
  EXPECT_NE(entry_form.body.find("name=\"officer\""), std::string::npos);
  // Every form on the page carries the session's token (the browser sends the form's own).
  std::smatch token;
  std::string form_part = entry_form.body.substr(entry_form.body.find("class=\"survey"));
  ASSERT_TRUE(
      std::regex_search(form_part, token, std::regex(R"re(name="_csrf" value="([^"]+)")re")));
  EXPECT_EQ(token[1], head.csrf_token());
  auto typed =
      head.post_form("/desk/" + std::to_string(unit) + "/entry",
                     {{"service", "KK"}, {"date", "2025-02-01"}, {"U1", "4"}, {"U7", "3"}});
  EXPECT_EQ(typed.status, 303) << typed.body;
  auto wrong = head.post_form("/desk/" + std::to_string(unit) + "/entry",
                              {{"service", "KK"}, {"date", "2025-02-30"}, {"U1", "4"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("error-summary"), std::string::npos);
  auto unknown_service = submit({{"U1", 4}}, "NO-SUCH");
  EXPECT_EQ(unknown_service.status, 422);
  auto empty = json::parse(head.get(ikm).body);
  EXPECT_EQ(empty["respondents"], 0);
  EXPECT_TRUE(empty["score"].is_null());

  // The guideline's worked example, typed in: 29 respondents.
  const int sums[] = {105, 101, 100, 116, 102, 105, 106, 105, 115};
  for (int k = 0; k < 29; ++k) {
    json answers;
    for (int i = 0; i < 9; ++i) answers["U" + std::to_string(i + 1)] = k < sums[i] - 87 ? 4 : 3;
    ASSERT_EQ(submit(answers).status, 201);
  }
  auto index = json::parse(head.get(ikm).body);
  EXPECT_EQ(index["respondents"], 29);
  EXPECT_DOUBLE_EQ(index["score"].get<double>(), 91.48);
  EXPECT_EQ(index["mutu"], "A");
  EXPECT_EQ(index["kinerja"], "Sangat Baik");
  EXPECT_DOUBLE_EQ(index["nrr"]["U1"].get<double>(), 3.6207);
  EXPECT_EQ(index["weight"], "exact");
  EXPECT_EQ(index["sample"]["population"], 0);
  auto rounded = json::parse(head.get(ikm + "&weight=0.11").body);
  EXPECT_DOUBLE_EQ(rounded["score"].get<double>(), 90.56);
  EXPECT_EQ(head.get(ikm + "&weight=0.5").status, 422);
  auto backwards =
      head.get("/api/v1/ikm?unit=" + std::to_string(unit) + "&from=2025-03-10&to=2025-03-01");
  EXPECT_EQ(backwards.status, 422);
  EXPECT_NE(backwards.body.find("\"field\":\"to\""), std::string::npos);
  // Officers do not read unit results; another instansi does not see the unit.
  EXPECT_EQ(logged_in("petugas.mpp@harmoni.demo").get(ikm).status, 403);
  EXPECT_EQ(logged_in("admin.kalbar@harmoni.demo").get(ikm).status, 404);
}

TEST_P(E2E, CitizenTakesATicketIsServedAndRatesTheVisit) {
  HttpClient head = logged_in("kepala.dukcapil@harmoni.demo");
  // The unit head makes a kiosk link for the mall's Dukcapil counter... of their own unit.
  auto desk_page = head.get("/desk");
  ASSERT_EQ(desk_page.status, 303);
  std::string desk = desk_page.header("location");
  ASSERT_EQ(head.get(desk).status, 200);
  const std::string unit_id = desk.substr(desk.rfind('/') + 1);
  const std::string kiosk = new_kiosk_path(head, desk);

  // A citizen takes a priority ticket at the kiosk, without an account.
  HttpClient citizen = client();
  auto form = citizen.get(kiosk);
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("Lanjut usia"), std::string::npos);
  auto took =
      citizen.post_form(kiosk + "/tickets", {{"service", "KK"}, {"ticket_class", "elderly"}});
  ASSERT_EQ(took.status, 303) << took.body;
  const std::string ticket_path = took.header("location");
  const std::string token = ticket_path.substr(3);
  auto ticket = citizen.get(ticket_path);
  ASSERT_EQ(ticket.status, 200);
  EXPECT_TRUE(std::regex_search(ticket.body, std::regex(R"(class="ticket-number">B-\d{3}<)")))
      << ticket.body;
  EXPECT_NE(ticket.body.find("<svg"), std::string::npos) << "the ticket carries its survey QR";
  EXPECT_NE(ticket.body.find("/s/" + token), std::string::npos);
  // The survey opens, but cannot be sent before the visit is served.
  auto early_form = citizen.get("/s/" + token);
  ASSERT_EQ(early_form.status, 200);
  auto early = citizen.post_form("/s/" + token, {{"U1", "4"}});
  EXPECT_EQ(early.status, 409);

  // The unit head calls at a counter until this ticket comes, seeing why each was chosen.
  const std::string counter = desk + "/counters/LOKET-1";
  bool served = false;
  for (int i = 0; i < 50 && !served; ++i) {
    auto called = head.post_form(counter + "/call", {});
    ASSERT_EQ(called.status, 303) << called.body;
    auto console = head.get(counter);
    ASSERT_EQ(console.status, 200);
    ASSERT_NE(console.body.find("Mengapa tiket ini"), std::string::npos) << console.body;
    std::smatch id;
    ASSERT_TRUE(
        std::regex_search(console.body, id, std::regex(R"re(name="ticket" value="(\d+)")re")));
    served = console.body.find("Lanjut usia") != std::string::npos;
    auto finished = head.post_form(counter + "/step", {{"ticket", id[1]}, {"step", "finish"}});
    ASSERT_EQ(finished.status, 303) << finished.body;
  }
  ASSERT_TRUE(served);
  EXPECT_NE(citizen.get(ticket_path).body.find("Selesai"), std::string::npos);

  // The citizen rates the visit from the QR link: once.
  auto survey = citizen.get("/s/" + token);
  ASSERT_EQ(survey.status, 200);
  EXPECT_NE(survey.body.find("Sangat sopan dan ramah"), std::string::npos)
      << "official answer wording";
  auto bad = citizen.post_form("/s/" + token, {{"U1", "7"}});
  EXPECT_EQ(bad.status, 422);
  std::vector<std::pair<std::string, std::string>> answers;
  for (int i = 1; i <= 9; ++i)
    answers.emplace_back("U" + std::to_string(i), i == 6 || i == 7 ? "4" : "3");
  answers.emplace_back("sex", "p");
  answers.emplace_back("suggestion", "Petugas sabar membantu ibu saya.");
  auto sent = citizen.post_form("/s/" + token, answers);
  ASSERT_EQ(sent.status, 200) << sent.body;
  auto twice = citizen.post_form("/s/" + token, answers);
  EXPECT_EQ(twice.status, 409);

  // The unit's index and the officer's U6/U7 reflect it.
  auto index = json::parse(head.get("/api/v1/ikm?unit=" + unit_id + "&service=KK").body);
  EXPECT_GE(index["respondents"].get<int>(), 1);
  EXPECT_GE(index["sample"]["population"].get<int>(), 1);
  // The head's own record: the DUKCAPIL head position in the unit (paging through it).
  std::string nip;
  for (std::string cursor; nip.empty();) {
    auto page = json::parse(
        head.get("/api/v1/instansi/KAB-SAMBAS/asn?unit=DUKCAPIL&limit=500&cursor=" + cursor).body);
    for (const auto& a : page["items"]) {
      if (a["position"] == "KEPALA-OPD") nip = a["nip"];
    }
    if (page["next_cursor"].is_null()) break;
    cursor = page["next_cursor"];
  }
  ASSERT_FALSE(nip.empty());
  auto mine = json::parse(head.get("/api/v1/ikm?unit=" + unit_id + "&officer=" + nip).body);
  EXPECT_GE(mine["answered"]["U7"].get<int>(), 1);
  auto results = head.get(desk + "/results");
  ASSERT_EQ(results.status, 200);
  EXPECT_NE(results.body.find(nip), std::string::npos) << "the head sees the officer's U6/U7 row";
  auto sheet = head.get(desk + "/responses.xlsx");
  ASSERT_EQ(sheet.status, 200);
  EXPECT_EQ(sheet.header("content-type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(sheet.body.substr(0, 2), "PK") << "a zip container";
  EXPECT_GT(sheet.body.size(), 4000u);
  auto report = head.get(desk + "/report.pdf");
  ASSERT_EQ(report.status, 200);
  EXPECT_EQ(report.header("content-type"), "application/pdf");
  EXPECT_EQ(report.body.substr(0, 5), "%PDF-");
  EXPECT_NE(report.body.find("/Type /Page"), std::string::npos);
  auto own = head.get("/feedback");
  ASSERT_EQ(own.status, 200);
  EXPECT_NE(own.body.find("Petugas sabar membantu ibu saya."), std::string::npos)
      << "the suggestion reaches the officer";
  auto public_page = client().get("/u/" + unit_id);
  EXPECT_EQ(public_page.status, 200);
  EXPECT_NE(public_page.body.find("Kartu Keluarga"), std::string::npos);
}

TEST_P(E2E, AComplaintFromTheTicketPageToClosure) {
  HttpClient head = logged_in("kepala.dukcapil@harmoni.demo");
  auto desk_page = head.get("/desk");
  ASSERT_EQ(desk_page.status, 303);
  const std::string desk = desk_page.header("location");
  const std::string unit_id = desk.substr(desk.rfind('/') + 1);
  const std::string kiosk = new_kiosk_path(head, desk);

  // A citizen takes a ticket; its page leads to the report form with the visit.
  HttpClient citizen = client();
  ASSERT_EQ(citizen.get(kiosk).status, 200);
  auto took =
      citizen.post_form(kiosk + "/tickets", {{"service", "KK"}, {"ticket_class", "regular"}});
  ASSERT_EQ(took.status, 303) << took.body;
  const std::string token = took.header("location").substr(3);
  auto ticket = citizen.get("/t/" + token);
  ASSERT_NE(ticket.body.find("/lapor?tiket=" + token), std::string::npos) << ticket.body;
  auto form = citizen.get("/lapor?tiket=" + token);
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("name=\"ticket\" value=\"" + token + "\""), std::string::npos);
  const std::string today = format_date(date_in_wib(SystemClock().now_ms()));
  // The form's body goes to a file (it may carry evidence): its token is in the action.
  const std::string action = "/lapor?_csrf=" + citizen.csrf_token();
  auto bad = citizen.post_form(action, {{"ticket", token},
                                        {"kind", "pengaduan"},
                                        {"identity", "identified"},
                                        {"happened_on", today},
                                        {"description", "pendek"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("Keterangan"), std::string::npos) << "the error names the field";
  auto sent = citizen.post_form(
      action, {{"ticket", token},
               {"kind", "pengaduan"},
               {"identity", "confidential"},
               {"happened_on", today},
               {"description", "Petugas meminta saya kembali besok tanpa alasan yang jelas."},
               {"name", "Siti Aminah"},
               {"contact", "0812 3456 7890"}});
  ASSERT_EQ(sent.status, 201) << sent.body;
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(sent.body, m, std::regex(R"(class="tracking-code">([0-9A-Z-]+)<)")));
  const std::string code = m[1];
  auto tracked = json::parse(citizen.get("/api/v1/complaints/track/" + code).body);
  const int64_t number = tracked["number"];
  EXPECT_EQ(tracked["status"], "received");

  // The handler verifies it to the ticket's unit; the head drafts; the handler answers.
  HttpClient handler = logged_in("penanganan.kasus@harmoni.demo");
  const std::string path = "/api/v1/complaints/" + std::to_string(number);
  auto seen = json::parse(handler.get(path).body);
  EXPECT_EQ(seen["unit"], std::stoll(unit_id));
  EXPECT_FALSE(seen.contains("reporter")) << "a confidential reporter is not shown";
  auto verified =
      handler.json("POST", path + "/verify",
                   R"({"category":"service_quality","grade":"simple","unit":)" + unit_id + "}");
  ASSERT_EQ(verified.status, 200) << verified.body;
  auto drafted = head.json("POST", path + "/draft",
                           R"({"draft":"Kami mohon maaf; dokumen Anda dapat diambil hari ini."})");
  ASSERT_EQ(drafted.status, 200) << drafted.body;
  auto answered =
      handler.json("POST", path + "/answer",
                   R"({"answer":"Kami mohon maaf; dokumen Anda dapat diambil hari ini."})");
  ASSERT_EQ(answered.status, 200) << answered.body;
  auto reveal =
      handler.json("POST", path + "/reveal", R"({"reason":"Perlu menghubungi pelapor."})");
  ASSERT_EQ(reveal.status, 200) << reveal.body;
  EXPECT_EQ(json::parse(reveal.body)["name"], "Siti Aminah");

  // The reporter sees the answer, confirms and rates; the report closes.
  tracked = json::parse(citizen.get("/api/v1/complaints/track/" + code).body);
  EXPECT_EQ(tracked["status"], "answered");
  EXPECT_TRUE(tracked["can_respond"]);
  EXPECT_EQ(tracked.dump().find("penanganan"), std::string::npos) << "no staff names";
  ASSERT_EQ(citizen.json("POST", "/api/v1/complaints/track/" + code + "/confirm", "{}").status,
            200);
  auto rated =
      citizen.json("POST", "/api/v1/complaints/track/" + code + "/rate", R"({"rating":4})");
  ASSERT_EQ(rated.status, 200) << rated.body;
  tracked = json::parse(rated.body);
  EXPECT_EQ(tracked["status"], "closed");
  EXPECT_EQ(tracked["outcome"], "confirmed");
  EXPECT_EQ(citizen.get("/api/v1/complaints/track/ABC").status, 422);
}

TEST_P(E2E, ADiscriminationComplaintBecomesACaseAndItsLessonsAreFound) {
  // A citizen's report, verified as discrimination by the Dukcapil unit.
  HttpClient citizen = client();
  const std::string today = format_date(date_in_wib(SystemClock().now_ms()));
  auto sent =
      citizen.json("POST", "/api/v1/complaints",
                   fmt::format(R"({{"kind":"pengaduan","identity":"anonymous","happened_on":"{}",
        "instansi":"KAB-SAMBAS","description":"Petugas enggan melayani saya karena logat daerah saya dianggap aneh."}})",
                               today));
  ASSERT_EQ(sent.status, 201) << sent.body;
  const int64_t number = json::parse(sent.body)["number"];
  HttpClient handler = logged_in("penanganan.kasus@harmoni.demo");
  auto units = json::parse(handler.get("/api/v1/units?instansi=KAB-SAMBAS").body);
  std::string unit_id;
  for (const auto& u : units["items"])
    if (u["code"] == "DUKCAPIL") unit_id = std::to_string(u["id"].get<int64_t>());
  ASSERT_FALSE(unit_id.empty()) << units.dump();
  const std::string officer = some_nip("DUKCAPIL"), owner = some_nip("DUKCAPIL-PDP");
  auto verified = handler.json(
      "POST", fmt::format("/api/v1/complaints/{}/verify", number),
      fmt::format(R"({{"category":"discrimination","grade":"normative","unit":{},"officer":"{}"}})",
                  unit_id, officer));
  ASSERT_EQ(verified.status, 200) << verified.body;

  // One form from the complaint's page opens the case.
  auto report_page = handler.get(fmt::format("/complaints/{}", number));
  ASSERT_NE(report_page.body.find(fmt::format("/harmony/cases/new?complaint={}", number)),
            std::string::npos);
  auto form = handler.get(fmt::format("/harmony/cases/new?complaint={}", number));
  ASSERT_EQ(form.status, 200);
  auto opened = handler.post_form("/harmony/cases", {{"complaint", std::to_string(number)},
                                                     {"kind", "discrimination"},
                                                     {"dimension", "region_of_origin"},
                                                     {"setting", "community"}});
  ASSERT_EQ(opened.status, 303) << opened.body;
  const std::string page = opened.header("location");
  const std::string api = "/api/v1" + page;
  auto step = [&](const std::string& what, const std::string& body) {
    auto r = handler.json("POST", api + "/" + what, body);
    EXPECT_EQ(r.status, 200) << what << ": " << r.body;
    return json::parse(r.body);
  };
  step(
      "findings",
      R"({"type":"fact","text":"Rekaman antrean menunjukkan pemohon menunggu dua jam.","source":"record"})");
  step(
      "causes",
      R"({"category":"communication","whys":["Petugas tidak memahami logat","Belum ada pelatihan komunikasi antarbudaya"]})");
  step(
      "sessions",
      fmt::format(
          R"({{"held_on":"{}","needs_by_side":{{"1":"Dilayani setara","2":"Penjelasan yang dipahami"}}}})",
          today));
  step(
      "agreements",
      fmt::format(
          R"({{"text":"Pelatihan komunikasi antarbudaya bagi petugas loket","owner":"{}","due_on":"{}"}})",
          owner, today));
  auto monitored = step("monitoring", "{}");
  EXPECT_EQ(monitored["status"], "monitoring");
  const int64_t agreement = monitored["agreements"][0]["id"];
  step("checks", fmt::format(R"({{"agreement":{},"kept":"yes"}})", agreement));
  auto closed =
      step("close",
           R"({"outcome":"resolved","reason":"Petugas meminta maaf dan pelatihan terlaksana."})");
  EXPECT_EQ(closed["status"], "closed");
  EXPECT_EQ(closed["parties"].size(), 2u) << "the citizen and the officer reported";

  // The lessons: drafted without the officer's NIP, approved by a second handler, found by
  // another form of a word of the report.
  auto drafted = handler.json("POST", api + "/lessons", "{}");
  ASSERT_EQ(drafted.status, 201) << drafted.body;
  const int64_t article = json::parse(drafted.body)["article"];
  const std::string article_api = fmt::format("/api/v1/kb/articles/{}", article);
  auto draft = json::parse(handler.get(article_api).body);
  EXPECT_EQ(draft["body"].get<std::string>().find(officer), std::string::npos);
  EXPECT_EQ(handler.json("POST", article_api + "/submit", "{}").status, 200);
  EXPECT_EQ(handler.json("POST", article_api + "/approve", "{}").status, 403);
  HttpClient second = logged_in("mediator.kasus@harmoni.demo");
  auto approved = second.json("POST", article_api + "/approve", "{}");
  ASSERT_EQ(approved.status, 200) << approved.body;
  HttpClient officer_user = logged_in("petugas.mpp@harmoni.demo");
  auto found = officer_user.get("/api/v1/kb/search?q=dilayani%20logat&limit=50");
  ASSERT_EQ(found.status, 200) << found.body;
  bool listed = false;
  const json results = json::parse(found.body);
  for (const auto& item : results["items"])
    if (item["id"] == article) {
      listed = true;
      EXPECT_NE(item["snippet"].get<std::string>().find("<mark>"), std::string::npos);
    }
  EXPECT_TRUE(listed) << found.body;
  EXPECT_EQ(officer_user.get(fmt::format("/kb/articles/{}", article)).status, 200);
  // The officer is no handler: the case stays closed to them.
  EXPECT_EQ(officer_user.get(page).status, 404);
}

TEST_P(E2E, TheDisplayBoardFollowsTheQueueLive) {
  HttpClient head = logged_in("kepala.dukcapil@harmoni.demo");
  std::string desk = head.get("/desk").header("location");
  const std::string unit_id = desk.substr(desk.rfind('/') + 1);
  auto board = client().get("/u/" + unit_id + "/board");
  ASSERT_EQ(board.status, 200);
  EXPECT_EQ(board.header("refresh"), "")
      << "with JavaScript the board follows events instead of reloading";
  EXPECT_NE(board.body.find(R"(<noscript><meta http-equiv="refresh" content="10"></noscript>)"),
            std::string::npos);
  EXPECT_NE(board.body.find("data-events=\"/u/" + unit_id + "/events\""), std::string::npos);
  EXPECT_EQ(client().get("/u/999999/events").status, 404);

  // More open streams than the server has worker threads (16): pages still answer,
  // because a stream waits on the network thread.
  const std::string events = "/u/" + unit_id + "/events";
  std::vector<std::unique_ptr<EventStreamClient>> boards;
  for (int i = 0; i < 24; ++i) {
    boards.push_back(std::make_unique<EventStreamClient>(demo().port(), events));
    ASSERT_TRUE(boards.back()->wait_for("retry: 3000")) << boards.back()->received();
  }
  EXPECT_NE(boards[0]->received().find("Content-Type: text/event-stream"), std::string::npos);
  std::string page = raw_exchange(
      demo().port(), "GET /u/" + unit_id + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
      10000);
  EXPECT_EQ(page.substr(0, 12), "HTTP/1.1 200") << page.substr(0, 200);

  // A new ticket moves the waiting list; a call is announced with the counter's name.
  auto issued =
      head.post_form(desk + "/tickets", {{"service", "KK"}, {"ticket_class", "pregnant"}});
  ASSERT_EQ(issued.status, 303) << issued.body;
  for (auto& b : boards) ASSERT_TRUE(b->wait_for("event: change\n")) << b->received();
  const std::string counter = desk + "/counters/LOKET-2";
  auto console = head.get(counter);
  std::smatch held;
  if (std::regex_search(console.body, held, std::regex(R"re(name="ticket" value="(\d+)")re"))) {
    head.post_form(counter + "/step", {{"ticket", held[1]}, {"step", "finish"}});
  }
  const size_t before_call = boards[0]->received().size();
  ASSERT_EQ(head.post_form(counter + "/call", {}).status, 303);
  ASSERT_TRUE(boards[0]->wait_for("event: call\n", 10000, before_call)) << boards[0]->received();
  std::string after = boards[0]->received().substr(before_call);
  EXPECT_TRUE(std::regex_search(
      after, std::regex(R"(data: \{"counter":"Loket 2","kind":"call","label":"[A-Z]-\d{3}"\})")))
      << after;
  for (auto& b : boards) EXPECT_TRUE(b->wait_for("event: call\n")) << "every board hears the call";

  // A board that lost its link resumes after the last id it saw and gets the call.
  std::string seen = boards[0]->received().substr(0, before_call);
  const std::regex id_line(R"(id: (\S+))");
  std::string last_id;
  for (auto it = std::sregex_iterator(seen.begin(), seen.end(), id_line);
       it != std::sregex_iterator(); ++it) {
    last_id = (*it)[1];
  }
  ASSERT_FALSE(last_id.empty()) << seen;
  boards.clear();
  EventStreamClient resumed(demo().port(), events, last_id);
  EXPECT_TRUE(resumed.wait_for("event: call\n")) << resumed.received();
  EventStreamClient forged(demo().port(), events, "not-ours-1");
  EXPECT_TRUE(forged.wait_for("retry: 3000"));
  EXPECT_FALSE(forged.wait_for("event: ", 300)) << "an id from elsewhere replays nothing";
}

TEST_P(E2E, SurveyFormOrderAndTheFollowUpPlan) {
  HttpClient head = logged_in("kepala.dukcapil@harmoni.demo");
  std::string desk = head.get("/desk").header("location");
  const std::string unit_id = desk.substr(desk.rfind('/') + 1);
  head.get(desk);
  auto settings = [&](const std::string& order) {
    return head.post_form(desk + "/settings", {{"published", "1"},
                                               {"policy", "weighted"},
                                               {"priority_weight_minutes", "15"},
                                               {"max_wait_minutes", "45"},
                                               {"ratio_regular", "3"},
                                               {"survey_order", order}});
  };
  auto asked_before = [&](const std::string& first, const std::string& second) {
    std::string form = client().get("/u/" + unit_id + "/survey").body;
    size_t a = form.find("name=\"" + first + "\""), b = form.find("name=\"" + second + "\"");
    EXPECT_NE(a, std::string::npos);
    EXPECT_NE(b, std::string::npos);
    return a < b;
  };
  EXPECT_EQ(settings("u8_first").status, 422);
  EXPECT_TRUE(asked_before("U8", "U9")) << "a refused setting changes nothing";
  ASSERT_EQ(settings("u9_before_u8").status, 303);
  EXPECT_TRUE(asked_before("U9", "U8"));
  EXPECT_TRUE(asked_before("U7", "U9"));
  ASSERT_EQ(settings("standard").status, 303);
  EXPECT_TRUE(asked_before("U8", "U9"));

  // The follow-up plan of a quarter: refused input stores nothing, then an action is
  // planned, moves to done and appears in the report.
  const std::string plan = desk + "/followup?from=2026-07-01&to=2026-09-30";
  auto page = head.get(plan);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Belum ada tindakan"), std::string::npos);
  auto early = head.post_form(plan, {{"element", "U3"},
                                     {"issue", "Antrean terlalu lama"},
                                     {"action", "Loket tambahan"},
                                     {"responsible", "Kepala seksi"},
                                     {"due_date", "2026-09-01"}});
  EXPECT_EQ(early.status, 422);
  EXPECT_NE(early.body.find("Batas waktu tidak boleh sebelum akhir periode (2026-09-30)"),
            std::string::npos)
      << early.body;
  EXPECT_NE(early.body.find("Antrean terlalu lama"), std::string::npos) << "what was typed is kept";
  auto unknown = head.post_form(plan, {{"element", "U10"},
                                       {"issue", "Antrean terlalu lama"},
                                       {"action", "Loket tambahan"},
                                       {"responsible", "Kepala seksi"},
                                       {"due_date", "2026-12-31"}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(head.post_form(plan, {{"issue", "x"}, {"due_date", "besok"}}).status, 422);
  EXPECT_NE(head.get(plan).body.find("Belum ada tindakan"), std::string::npos) << "nothing stored";
  auto added = head.post_form(plan, {{"element", "U3"},
                                     {"issue", "Antrean terlalu lama"},
                                     {"action", "Buka loket tambahan pada Senin pagi"},
                                     {"responsible", "Kepala seksi"},
                                     {"due_date", "2026-12-31"}});
  ASSERT_EQ(added.status, 303) << added.body;
  page = head.get(plan);
  EXPECT_NE(page.body.find("Buka loket tambahan pada Senin pagi"), std::string::npos);
  std::smatch id;
  ASSERT_TRUE(std::regex_search(page.body, id, std::regex(R"(/followup/(\d+)/status)")));
  EXPECT_EQ(
      head.post_form(desk + "/followup/" + std::string(id[1]) + "/status", {{"status", "finished"}})
          .status,
      422);
  ASSERT_EQ(
      head.post_form(desk + "/followup/" + std::string(id[1]) + "/status", {{"status", "done"}})
          .status,
      303);
  EXPECT_NE(head.get(plan).body.find(R"(<option value="done" selected>)"), std::string::npos);
  EXPECT_EQ(head.post_form(desk + "/followup/999999/status", {{"status", "done"}}).status, 404);
  EXPECT_EQ(head.get(desk + "/report.pdf?from=2026-07-01&to=2026-09-30").status, 200);
  // Another quarter has its own plan; an officer may not plan; another instansi sees nothing.
  EXPECT_NE(
      head.get(desk + "/followup?from=2026-10-01&to=2026-12-31").body.find("Belum ada tindakan"),
      std::string::npos);
  HttpClient officer = logged_in("petugas.mpp@harmoni.demo");
  EXPECT_EQ(officer.post_form(plan, {{"issue", "x"}}).status, 403);
  EXPECT_EQ(logged_in("admin.kalbar@harmoni.demo").get(plan).status, 404);
}

TEST_P(E2E, SurveyLinkAndKioskGuardAgainstBallotStuffing) {
  HttpClient head = logged_in("kepala.dukcapil@harmoni.demo");
  std::string desk = head.get("/desk").header("location");
  const std::string unit_id = desk.substr(desk.rfind('/') + 1);
  auto answers = [](int score) {
    std::vector<std::pair<std::string, std::string>> f = {{"service", "KTP-EL"}};
    for (int i = 1; i <= 9; ++i) f.emplace_back("U" + std::to_string(i), std::to_string(score));
    return f;
  };
  const std::string link = "/u/" + unit_id + "/survey";
  HttpClient phone = client();
  ASSERT_EQ(phone.get(link).status, 200);
  EXPECT_EQ(phone.post_form(link, answers(4)).status, 200);
  EXPECT_EQ(phone.post_form(link, answers(3)).status, 200);
  auto third = phone.post_form(link, answers(2));
  EXPECT_EQ(third.status, 429) << "a browser answers at most twice a day";
  HttpClient other = client();  // another phone behind the same address
  ASSERT_EQ(other.get(link).status, 200);
  auto same = other.post_form(link, answers(3));
  EXPECT_EQ(same.status, 409) << "the same answers again from one address at once";
  EXPECT_EQ(other.post_form(link, answers(1)).status, 200);
  auto no_service = other.post_form(link, {{"U1", "4"}});
  EXPECT_EQ(no_service.status, 422);

  // The survey kiosk resets itself and refuses answers faster than a person can give them.
  const std::string kiosk = new_kiosk_path(head, desk) + "/survey";
  HttpClient device = client();
  auto form = device.get(kiosk);
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("kiosk-mode"), std::string::npos);
  auto first = device.post_form(kiosk, answers(4));
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.header("refresh"), "5; url=" + kiosk);
  EXPECT_EQ(device.post_form(kiosk, answers(3)).status, 429);
  auto channels = json::parse(head.get("/api/v1/ikm?unit=" + unit_id + "&service=KTP-EL").body);
  EXPECT_GE(channels["respondents"].get<int>(), 4);
}

TEST_P(E2E, TriageIssuesPriorityAndAppointmentTickets) {
  HttpClient head = logged_in("kepala.dukcapil@harmoni.demo");
  std::string desk = head.get("/desk").header("location");
  ASSERT_EQ(head.get(desk).status, 200);
  auto priority = head.post_form(desk + "/tickets",
                                 {{"service", "AKTA-LAHIR"}, {"ticket_class", "disability"}});
  ASSERT_EQ(priority.status, 303) << priority.body;
  EXPECT_NE(head.get(priority.header("location")).body.find("Penyandang disabilitas"),
            std::string::npos);
  auto appointment = head.post_form(
      desk + "/tickets",
      {{"service", "AKTA-LAHIR"}, {"ticket_class", "appointment"}, {"appointment_time", "00:00"}});
  ASSERT_EQ(appointment.status, 303) << appointment.body;
  EXPECT_NE(head.get(appointment.header("location")).body.find("Janji temu"), std::string::npos);
  auto bad_time = head.post_form(
      desk + "/tickets",
      {{"service", "AKTA-LAHIR"}, {"ticket_class", "appointment"}, {"appointment_time", "25:00"}});
  EXPECT_EQ(bad_time.status, 422);
  EXPECT_NE(bad_time.body.find("id=\"error-summary\""), std::string::npos)
      << "the desk page again, with the problem";
  EXPECT_NE(bad_time.body.find("id=\"triage-h\""), std::string::npos);
  // The kiosk never issues appointments.
  const std::string kiosk = new_kiosk_path(head, desk);
  HttpClient citizen = client();
  ASSERT_EQ(citizen.get(kiosk).status, 200);
  auto refused =
      citizen.post_form(kiosk + "/tickets", {{"service", "KK"}, {"ticket_class", "appointment"}});
  EXPECT_EQ(refused.status, 422);
}

TEST_P(E2E, CsvImportOverHttp) {
  HttpClient c = logged_in("admin.sambas@harmoni.demo");
  std::string suffix = GetParam() == "sqlite" ? "1" : "2";
  std::string csv =
      "nip,nama,status,unit\n"
      "19910203201503200" +
      suffix +
      ",Dayang Fitri,PNS,PKM-SAMBAS\n"
      "1991020320150320,Bad Row,PNS,PKM-SAMBAS\n";
  auto strict = c.request("POST", "/api/v1/instansi/KAB-SAMBAS/asn/import", csv,
                          {{"content-type", "text/csv"}, {"x-csrf-token", c.csrf_token()}});
  ASSERT_EQ(strict.status, 422) << strict.body;
  auto report = json::parse(strict.body);
  EXPECT_FALSE(report["written"]);
  EXPECT_EQ(report["problems"][0]["line"], 3);
  EXPECT_EQ(report["problems"][0]["column"], "nip");
  auto good = c.request("POST", "/api/v1/instansi/KAB-SAMBAS/asn/import?mode=good_rows", csv,
                        {{"content-type", "text/csv"}, {"x-csrf-token", c.csrf_token()}});
  EXPECT_EQ(json::parse(good.body)["inserted"], 1);
  // The page form uploads multipart/form-data.
  c.get("/instansi/KAB-SAMBAS/import");
  std::string boundary = "----harmoni-test";
  std::string body = "--" + boundary +
                     "\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\ncheck\r\n--" +
                     boundary +
                     "\r\nContent-Disposition: form-data; name=\"file\"; "
                     "filename=\"asn.csv\"\r\nContent-Type: text/csv\r\n\r\n" +
                     csv + "\r\n--" + boundary + "--\r\n";
  auto page = c.request("POST", "/instansi/KAB-SAMBAS/import?_csrf=" + c.csrf_token(), body,
                        {{"content-type", "multipart/form-data; boundary=" + boundary},
                         {"origin", "http://127.0.0.1:" + std::to_string(c.port())}});
  EXPECT_EQ(page.status, 422);
  EXPECT_NE(page.body.find("NIP harus 18 angka"), std::string::npos);
}

TEST_P(E2E, StaticAssetsAreCachedAndCompressed) {
  HttpClient c = client();
  auto css = c.request("GET", "/static/app.css", "", {{"accept-encoding", "gzip"}});
  ASSERT_EQ(css.status, 200);
  EXPECT_EQ(css.header("content-encoding"), "gzip");
  std::string etag = css.header("etag");
  ASSERT_FALSE(etag.empty());
  auto again = c.request("GET", "/static/app.css", "", {{"if-none-match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  auto page = c.request("GET", "/login", "", {{"accept-encoding", "gzip"}});
  EXPECT_EQ(page.header("content-encoding"), "gzip");
}

TEST_P(E2E, KeepAlivePipeliningAndLimits) {
  int port = demo().port();
  std::string two =
      "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\nConnection: "
      "close\r\n\r\n";
  std::string answers = raw_exchange(port, two);
  size_t first = answers.find("HTTP/1.1 200");
  ASSERT_NE(first, std::string::npos);
  EXPECT_NE(answers.find("HTTP/1.1 200", first + 1), std::string::npos) << answers;
  std::string huge =
      "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n";
  EXPECT_EQ(raw_exchange(port, huge).rfind("HTTP/1.1 431", 0), 0u);
  EXPECT_EQ(raw_exchange(port, "NOT HTTP AT ALL\r\n\r\n").rfind("HTTP/1.1 400", 0), 0u);
  EXPECT_EQ(raw_exchange(port, "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n").rfind("HTTP/1.1 400", 0),
            0u);
  std::string declared_big = "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n";
  EXPECT_EQ(raw_exchange(port, declared_big).rfind("HTTP/1.1 413", 0), 0u);
}

TEST_P(E2E, ExpectContinue) {
  std::string head =
      "POST /api/v1/instansi/KAB-SAMBAS/asn HTTP/1.1\r\nHost: x\r\nContent-Type: "
      "application/json\r\n"
      "Content-Length: 2\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n";
  std::string answer = raw_exchange(demo().port(), head, 1500);
  EXPECT_EQ(answer.rfind("HTTP/1.1 100 Continue", 0), 0u) << answer;
}

TEST_P(E2E, SlowClientsAreCutOff) {
  // Half a request, then silence: the read timeout (2 s in these tests) closes it.
  auto started = std::chrono::steady_clock::now();
  std::string answer = raw_exchange(demo().port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n", 10000);
  auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_LT(waited, std::chrono::seconds(8));
  EXPECT_TRUE(answer.empty());
}

TEST_P(E2E, EveryRolesPagesRender) {
  for (const char* email :
       {"admin@harmoni.demo", "admin.sambas@harmoni.demo", "kepala.dukcapil@harmoni.demo",
        "petugas.mpp@harmoni.demo", "sdm.bkpsdm@harmoni.demo", "penanganan.kasus@harmoni.demo",
        "auditor@harmoni.demo"}) {
    HttpClient c = logged_in(email);
    auto home = c.get("/");
    ASSERT_EQ(home.status, 200) << email;
    std::regex link(R"re(<li><a href="(/[^"]*)")re");
    for (std::sregex_iterator it(home.body.begin(), home.body.end(), link), end; it != end; ++it) {
      std::string href = (*it)[1];
      auto r = c.get(href);
      if (r.status == 303) r = c.get(r.header("location"));
      EXPECT_EQ(r.status, 200) << email << " " << href;
    }
  }
}

TEST_P(E2E, PersonalDataReadsAreAuditedAndNeverLogged) {
  std::string nip = some_nip("DUKCAPIL");
  HttpClient head = logged_in("kepala.dukcapil@harmoni.demo");
  EXPECT_EQ(head.get("/asn/" + nip).status, 200);
  auto verify = run_harmoni({"audit", "verify", "--db", demo().db_url});
  EXPECT_EQ(verify.status, 0) << verify.err;
  EXPECT_NE(verify.out.find("utuh"), std::string::npos);
  std::string access_log = demo().server->stdout_text();
  EXPECT_NE(access_log.find("\"route\":\"/asn/{nip}\""), std::string::npos);
  EXPECT_EQ(access_log.find(nip), std::string::npos) << "no NIP in the access log";
  EXPECT_EQ(access_log.find("@harmoni.demo"), std::string::npos) << "no e-mail in the access log";
  EXPECT_EQ(demo().server->stderr_text().find(nip), std::string::npos);
}

// A whole 360-degree campaign in the demo instansi: HR makes and opens it through the
// pages, raters answer (a page and the API), bad input changes nothing, HR changes a
// rater with a reason, closes it; people see what they may and nothing that would tell
// them how a named peer rated; a development plan is proposed and agreed.
TEST_P(E2E, A360CampaignFromStartToAgreedPlan) {
  const Date today = date_in_wib(std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count());
  Date later = today;
  for (int i = 0; i < 10; ++i) later = next_day(later);
  HttpClient hr = logged_in("sdm.bkpsdm@harmoni.demo");
  HttpClient admin = logged_in("admin.sambas@harmoni.demo");
  auto campaign_count = [&] {
    return json::parse(hr.json("GET", "/api/v1/campaigns", "").body)["items"].size();
  };
  const size_t before = campaign_count();

  std::vector<std::pair<std::string, std::string>> form = {{"name", "Uji 360 Gerai Dukcapil"},
                                                           {"starts_on", format_date(today)},
                                                           {"deadline", format_date(later)},
                                                           {"values_version", "2023"},
                                                           {"item:HA.1", "on"},
                                                           {"item:HA.2", "on"},
                                                           {"item:HA.3", "on"},
                                                           {"item:PB.1.1", "on"},
                                                           {"item:PB.1.2", "on"},
                                                           {"item:PB.1.3", "on"},
                                                           {"group:self", "on"},
                                                           {"group:superior", "on"},
                                                           {"group:peer", "on"},
                                                           {"group:subordinate", "on"},
                                                           {"weight_self", "10"},
                                                           {"weight_superior", "40"},
                                                           {"weight_peer", "20"},
                                                           {"weight_subordinate", "30"},
                                                           {"min_group_size", "3"},
                                                           {"max_peers", "3"},
                                                           {"max_subordinates", "3"},
                                                           {"level_min_score", "3"},
                                                           {"level_agree_percent", "67"},
                                                           {"level_indicators_needed", "2"},
                                                           {"blind_spot_tenths", "10"},
                                                           {"unit:MPP-SAMBAS-DUKCAPIL", "on"}};
  // Bad settings: a clear error, nothing stored.
  auto backwards = form;
  backwards[2].second = "2020-01-01";
  auto refused = hr.post_form("/competency", backwards);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("Batas akhir tidak boleh sebelum tanggal mulai"), std::string::npos);
  auto bad_weights = hr.json(
      "POST", "/api/v1/campaigns",
      R"({"name":"x360","starts_on":"2026-01-01","deadline":"2026-01-31","values_version":"2023",)"
      R"("items":["HA.1"],"groups":["self","peer"],"weights":{"self":10,"peer":80}})");
  EXPECT_EQ(bad_weights.status, 422);
  EXPECT_NE(bad_weights.body.find("\"field\":\"weights\""), std::string::npos) << bad_weights.body;
  EXPECT_EQ(campaign_count(), before);

  // HR makes and opens it through the pages.
  auto made = hr.post_form("/competency", form);
  ASSERT_EQ(made.status, 303) << made.body.substr(0, 2000);
  const std::string page = made.header("location");
  const std::string id = page.substr(page.rfind('/') + 1);
  ASSERT_EQ(hr.post_form(page + "/open", {}).status, 303);
  EXPECT_EQ(json::parse(hr.json("GET", "/api/v1/campaigns/" + id, "").body)["status"], "open");

  // The officer's superior gets a unit head's account; the unit's other people officers' accounts.
  HttpClient officer = logged_in("petugas.mpp@harmoni.demo");
  const std::string own_nip = json::parse(officer.json("GET", "/api/v1/me", "").body)["asn_nip"];
  auto raters_of = [&](const std::string& nip) {
    auto r = hr.json("GET", "/api/v1/campaigns/" + id + "/people/" + nip + "/raters", "");
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.body.find("score"), std::string::npos) << "who rates whom, never what they gave";
    return json::parse(r.body)["items"];
  };
  std::string superior_nip;
  std::vector<std::string> peer_nips;
  for (const auto& a : raters_of(own_nip)) {
    if (a["group"] == "superior") superior_nip = a["rater"]["nip"];
    if (a["group"] == "peer") peer_nips.push_back(a["rater"]["nip"]);
  }
  ASSERT_FALSE(superior_nip.empty());
  ASSERT_EQ(peer_nips.size(), 3u);
  const std::string superior_unit =
      json::parse(admin.json("GET", "/api/v1/asn/" + superior_nip, "").body)["unit"];
  const std::string password = "rater-password-2026";
  auto account = [&](const std::string& nip, const std::string& role, const std::string& unit) {
    auto r = admin.json("POST", "/api/v1/users",
                        json({{"email", "r" + nip + "@sambas.go.id"},
                              {"display_name", "Penilai " + nip},
                              {"role", role},
                              {"instansi", "KAB-SAMBAS"},
                              {"unit", unit},
                              {"asn_nip", nip},
                              {"password", password}})
                            .dump());
    EXPECT_EQ(r.status, 201) << r.body;
  };
  account(superior_nip, "unit_head", superior_unit);
  auto people = json::parse(
      admin.json("GET", "/api/v1/instansi/KAB-SAMBAS/asn?unit=MPP-SAMBAS-DUKCAPIL&limit=200", "")
          .body);
  std::vector<std::string> rater_nips;
  for (const auto& p : people["items"]) {
    const std::string nip = p["nip"];
    if (nip == own_nip || nip == superior_nip) continue;
    account(nip, "officer", "MPP-SAMBAS-DUKCAPIL");
    rater_nips.push_back(nip);
  }
  ASSERT_GT(rater_nips.size(), 5u);
  auto as = [&](const std::string& nip) {
    HttpClient c = client();
    EXPECT_EQ(c.login("r" + nip + "@sambas.go.id", password), 303) << nip;
    c.get("/");
    return c;
  };
  auto pending_in = [&](HttpClient& c) {
    std::vector<json> out;
    const json inbox = json::parse(c.json("GET", "/api/v1/me/assignments", "").body);
    for (const auto& campaign : inbox["items"]) {
      if (std::to_string(campaign["campaign"]["id"].get<int64_t>()) != id) continue;
      for (const auto& a : campaign["pending"]) out.push_back(a);
    }
    return out;
  };
  const std::string all_three =
      R"({"scores":{"HA.1":3,"HA.2":3,"HA.3":4,"PB.1.1":3,"PB.1.2":3,"PB.1.3":3}})";
  auto sent_count = [&] {
    int64_t sent = 0;
    const json progress =
        json::parse(hr.json("GET", "/api/v1/campaigns/" + id + "/progress", "").body);
    for (const auto& u : progress["units"]) sent += u["submitted"].get<int64_t>();
    return sent;
  };

  // Bad forms from one rater: a clear error each, nothing stored.
  HttpClient first = as(rater_nips[0]);
  auto mine = pending_in(first);
  ASSERT_FALSE(mine.empty()) << first.json("GET", "/api/v1/me/assignments", "").body << " "
                             << first.json("GET", "/api/v1/me", "").body;
  const std::string form_id = std::to_string(mine[0]["id"].get<int64_t>());
  const std::string submit = "/api/v1/assignments/" + form_id + "/submit";
  for (const char* body :
       {R"({"scores":{"HA.1":6,"HA.2":3,"HA.3":3,"PB.1.1":3,"PB.1.2":3,"PB.1.3":3}})",
        R"({"scores":{"HA.1":-1,"HA.2":3,"HA.3":3,"PB.1.1":3,"PB.1.2":3,"PB.1.3":3}})",
        R"({"scores":{"HA.1":"lima","HA.2":3,"HA.3":3,"PB.1.1":3,"PB.1.2":3,"PB.1.3":3}})",
        R"({"scores":{"HA.9":3,"HA.1":3,"HA.2":3,"HA.3":3,"PB.1.1":3,"PB.1.2":3,"PB.1.3":3}})",
        R"({"scores":{"HA.1":3}})",
        R"({"scores":{"HA.1":5,"HA.2":3,"HA.3":3,"PB.1.1":3,"PB.1.2":3,"PB.1.3":3}})"}) {
    auto r = first.json("POST", submit, body);
    EXPECT_EQ(r.status, 422) << body << " -> " << r.body;
  }
  EXPECT_EQ(sent_count(), 0);
  // Someone else's form does not exist for this rater.
  HttpClient second = as(rater_nips[1]);
  EXPECT_EQ(second.json("POST", submit, all_three).status, 404);
  ASSERT_EQ(first.json("POST", submit, all_three).status, 201);
  EXPECT_EQ(first.json("POST", submit, all_three).status, 409) << "a second submission";
  EXPECT_EQ(sent_count(), 1);
  auto after = json::parse(first.json("GET", "/api/v1/assignments/" + form_id, "").body);
  EXPECT_TRUE(after["draft"].is_null()) << "a sent form is not shown back, even to its rater";
  EXPECT_EQ(after["assignment"]["status"], "submitted");

  // Everyone answers, except that only one of the officer's three peers rates the officer.
  const std::string skipping_peer = peer_nips[1] == rater_nips[0] ? peer_nips[2] : peer_nips[1];
  for (size_t i = 0; i < rater_nips.size(); ++i) {
    HttpClient c = i == 0 ? std::move(first) : as(rater_nips[i]);
    const bool keeps_peer_form = rater_nips[i] != peer_nips[0];
    for (const auto& a : pending_in(c)) {
      if (keeps_peer_form && a["ratee"]["nip"] == own_nip && a["group"] == "peer") continue;
      auto r = c.json("POST",
                      "/api/v1/assignments/" + std::to_string(a["id"].get<int64_t>()) + "/submit",
                      all_three);
      EXPECT_EQ(r.status, 201) << r.body;
    }
  }
  // The superior answers through the page, with an example for an extreme score.
  HttpClient head = as(superior_nip);
  for (const auto& a : pending_in(head)) {
    const std::string path = "/360/forms/" + std::to_string(a["id"].get<int64_t>());
    head.get(path);
    auto r = head.post_form(path, {{"action", "send"},
                                   {"score:HA.1", "5"},
                                   {"example:HA.1", "Mendampingi warga lansia sampai selesai."},
                                   {"score:HA.2", "4"},
                                   {"score:HA.3", "4"},
                                   {"score:PB.1.1", "4"},
                                   {"score:PB.1.2", "3"},
                                   {"score:PB.1.3", "0"}});
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 1500);
  }
  // The officer rates through the page too: first a draft, then sent.
  for (const auto& a : pending_in(officer)) {
    const std::string path = "/360/forms/" + std::to_string(a["id"].get<int64_t>());
    officer.get(path);
    ASSERT_EQ(officer.post_form(path, {{"action", "draft"}, {"score:HA.1", "4"}}).status, 303);
    auto draft = json::parse(
        officer.json("GET", "/api/v1/assignments/" + std::to_string(a["id"].get<int64_t>()), "")
            .body);
    EXPECT_EQ(draft["draft"]["scores"]["HA.1"], 4);
    officer.get(path);
    EXPECT_EQ(officer.post_form(path, {{"action", "send"}, {"score:HA.1", "4"}}).status, 422)
        << "every item first";
    auto sent = officer.post_form(path, {{"action", "send"},
                                         {"score:HA.1", "4"},
                                         {"score:HA.2", "4"},
                                         {"score:HA.3", "4"},
                                         {"score:PB.1.1", "4"},
                                         {"score:PB.1.2", "4"},
                                         {"score:PB.1.3", "4"}});
    EXPECT_EQ(sent.status, 303);
  }

  // HR: a pending form is withdrawn with a reason; a sent one cannot be.
  std::string pending_peer_assignment, sent_assignment;
  for (const auto& a : raters_of(own_nip)) {
    if (a["rater"]["nip"] == skipping_peer)
      pending_peer_assignment = std::to_string(a["id"].get<int64_t>());
    if (a["status"] == "submitted") sent_assignment = std::to_string(a["id"].get<int64_t>());
  }
  ASSERT_FALSE(pending_peer_assignment.empty());
  EXPECT_EQ(
      hr.json("POST",
              "/api/v1/campaigns/" + id + "/assignments/" + pending_peer_assignment + "/remove",
              R"({"reason":"x"})")
          .status,
      422);
  EXPECT_EQ(
      hr.json("POST",
              "/api/v1/campaigns/" + id + "/assignments/" + pending_peer_assignment + "/remove",
              R"({"reason":"Sedang cuti di luar tanggungan negara"})")
          .status,
      200);
  EXPECT_EQ(
      hr.json("POST", "/api/v1/campaigns/" + id + "/assignments/" + sent_assignment + "/remove",
              R"({"reason":"Salah penilai, mohon diganti"})")
          .status,
      409);
  bool recorded = false;
  for (const auto& a : raters_of(own_nip)) {
    recorded = recorded ||
               (a["status"] == "removed" && a["reason"] == "Sedang cuti di luar tanggungan negara");
  }
  EXPECT_TRUE(recorded);

  // Nobody sees results before the campaign closes; then HR closes it through the page.
  EXPECT_EQ(officer.json("GET", "/api/v1/campaigns/" + id + "/results/" + own_nip, "").status, 409);
  hr.get(page);
  ASSERT_EQ(hr.post_form(page + "/close", {}).status, 303);
  EXPECT_EQ(officer.json("POST", submit, all_three).status, 404) << "no forms after closing";

  // The officer's own result: self and superior shown, the lone peer withheld.
  auto own = officer.json("GET", "/api/v1/campaigns/" + id + "/results/" + own_nip, "");
  ASSERT_EQ(own.status, 200) << own.body;
  auto result = json::parse(own.body);
  std::set<std::string> columns;
  for (const auto& c : result["columns"]) columns.insert(c["code"]);
  EXPECT_TRUE(columns.contains("self"));
  EXPECT_TRUE(columns.contains("superior"));
  EXPECT_FALSE(columns.contains("peer")) << "one peer answered: never shown on their own";
  EXPECT_FALSE(columns.contains("others"));
  EXPECT_TRUE(result["withheld"].get<bool>());
  EXPECT_TRUE(result["level"].is_number());
  EXPECT_EQ(own.body.find(peer_nips[0]), std::string::npos) << "no rater is named";
  // Narrowing does not exist: filters a caller might try change nothing in what is shown.
  for (const char* narrowing : {"?group=peer", "?column=peer&min_group_size=1",
                                "?raters=1&rater=", "?unit=MPP-SAMBAS-DUKCAPIL"}) {
    auto narrowed = officer.json("GET",
                                 "/api/v1/campaigns/" + id + "/results/" + own_nip + narrowing +
                                     (std::string(narrowing).ends_with("=") ? peer_nips[0] : ""),
                                 "");
    ASSERT_EQ(narrowed.status, 200) << narrowing;
    EXPECT_EQ(json::parse(narrowed.body), result) << narrowing;
  }
  // A colleague's result: the person, their superiors and HR only; not the administrator.
  const std::string colleague = rater_nips[2];
  EXPECT_EQ(officer.json("GET", "/api/v1/campaigns/" + id + "/results/" + colleague, "").status,
            404);
  EXPECT_EQ(admin.json("GET", "/api/v1/campaigns/" + id + "/results/" + colleague, "").status, 404);
  EXPECT_EQ(logged_in("kepala.dukcapil@harmoni.demo")
                .json("GET", "/api/v1/campaigns/" + id + "/results/" + colleague, "")
                .status,
            404);
  auto by_hr = hr.json("GET", "/api/v1/campaigns/" + id + "/results/" + colleague, "");
  EXPECT_EQ(by_hr.status, 200);
  auto by_head = head.json("GET", "/api/v1/campaigns/" + id + "/results/" + colleague, "");
  EXPECT_EQ(by_head.status, 200) << "their superior";
  const json hr_view = json::parse(by_hr.body);
  for (const auto& c : hr_view["columns"]) {
    if (c["code"] == "peer" || c["code"] == "subordinate" || c["code"] == "others") {
      EXPECT_GE(c["responses"].get<int>(), 3);
    }
  }
  EXPECT_EQ(hr.get("/competency/" + id + "/results/" + colleague).status, 200);
  // Every one of those reads is in the audit log.
  {
    auto db = db::open_database(demo().db_url);
    ASSERT_TRUE(db.ok());
    auto reads = db.value()->read([](db::Tx& tx) {
      return tx.scalar_i64(
          "SELECT COUNT(*) FROM audit_log WHERE action = 'competency.result_read'");
    });
    EXPECT_GE(*reads, 4);
  }
  // The heat map never shows a unit smaller than the minimum group size.
  auto heat = json::parse(hr.json("GET", "/api/v1/campaigns/" + id + "/heatmap", "").body);
  EXPECT_EQ(json::parse(hr.json("GET",
                                "/api/v1/campaigns/" + id +
                                    "/heatmap?unit=MPP-SAMBAS-DUKCAPIL&min_group_size=1&group=peer",
                                "")
                            .body),
            heat);
  ASSERT_FALSE(heat["rows"].empty());
  for (const auto& row : heat["rows"]) {
    if (!row["hidden"].get<bool>()) {
      EXPECT_GE(row["people"].get<int>(), 3);
    }
  }

  // A development plan from the gaps: proposed by the officer, agreed by the superior.
  auto plan = json::parse(officer.json("GET", "/api/v1/plans/" + own_nip, "").body);
  EXPECT_EQ(plan["based_on"]["campaign"], "Uji 360 Gerai Dukcapil");
  EXPECT_EQ(officer.json("POST", "/api/v1/plans/" + own_nip + "/propose", "").status, 409)
      << "nothing to propose yet";
  EXPECT_EQ(
      officer
          .json(
              "POST", "/api/v1/plans/" + own_nip + "/actions",
              R"({"learning_kind":"social_care","title":"Ikut ASN Peduli","target_date":"2020-01-01"})")
          .status,
      422);
  EXPECT_EQ(
      officer
          .json(
              "POST", "/api/v1/plans/" + own_nip + "/actions",
              R"({"learning_kind":"social_care","title":"Ikut kegiatan ASN Peduli di panti jompo","target_date":")" +
                  format_date(later) + R"(","item_code":"HA.2"})")
          .status,
      201);
  EXPECT_EQ(officer.json("POST", "/api/v1/plans/" + own_nip + "/agree", "").status, 403)
      << "not one's own superior";
  EXPECT_EQ(
      json::parse(
          officer.json("POST", "/api/v1/plans/" + own_nip + "/propose", "").body)["plan"]["status"],
      "proposed");
  EXPECT_EQ(hr.json("POST", "/api/v1/plans/" + own_nip + "/agree", "").status, 403)
      << "HR reads plans, agrees none";
  auto agreed = head.json("POST", "/api/v1/plans/" + own_nip + "/agree", "");
  ASSERT_EQ(agreed.status, 200) << agreed.body;
  EXPECT_EQ(json::parse(agreed.body)["plan"]["status"], "agreed");
  bool listed = false;
  const json team = json::parse(head.json("GET", "/api/v1/plans", "").body);
  for (const auto& t : team["items"]) {
    listed = listed || (t["nip"] == own_nip && t["status"] == "agreed" && t["actions"] == 1);
  }
  EXPECT_TRUE(listed) << "the superior sees the team's plans";
}

// Issue 5's "done": HR runs a programme and a Peduli activity end to end through pages
// and the API; people see their JP and certificates; bad input changes nothing;
// compliance and the evaluation agree with what happened.
TEST_P(E2E, LearningProgrammeAndPeduliFromStartToEnd) {
  const Date today = date_in_wib(std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count());
  const std::string today_text = format_date(today), yesterday = format_date(add_days(today, -1));
  const int year = today.year;
  HttpClient hr = logged_in("sdm.bkpsdm@harmoni.demo");
  HttpClient head = logged_in("kepala.dukcapil@harmoni.demo");
  HttpClient officer = logged_in("petugas.mpp@harmoni.demo");
  HttpClient admin = logged_in("admin.sambas@harmoni.demo");
  const std::string head_nip = json::parse(head.json("GET", "/api/v1/me", "").body)["asn_nip"];
  const std::string officer_nip =
      json::parse(officer.json("GET", "/api/v1/me", "").body)["asn_nip"];
  // A learner in the Dukcapil head's subtree gets an account.
  const std::string nip = some_nip("DUKCAPIL-PDP");
  const std::string password = "learner-password-2026";
  auto made_account = admin.json("POST", "/api/v1/users",
                                 json({{"email", "belajar" + nip + "@sambas.go.id"},
                                       {"display_name", "Peserta " + nip},
                                       {"role", "officer"},
                                       {"instansi", "KAB-SAMBAS"},
                                       {"unit", "DUKCAPIL-PDP"},
                                       {"asn_nip", nip},
                                       {"password", password}})
                                     .dump());
  ASSERT_EQ(made_account.status, 201) << made_account.body;
  HttpClient learner = client();
  ASSERT_EQ(learner.login("belajar" + nip + "@sambas.go.id", password), 303);
  learner.get("/");
  auto jp_of = [&](HttpClient& c) {
    auto me = c.json("GET", "/api/v1/learning/me", "");
    EXPECT_EQ(me.status, 200) << me.body;
    return json::parse(me.body)["standing"]["jp"].get<double>();
  };
  const double jp_before = jp_of(learner);

  // HR makes a programme on the page; a bad JP value is refused and stores nothing.
  auto programmes = [&] {
    return json::parse(hr.json("GET", "/api/v1/learning/programmes", "").body)["items"].size();
  };
  const size_t programmes_before = programmes();
  std::vector<std::pair<std::string, std::string>> form = {
      {"code", "E2E-LB"},
      {"title", "Komunikasi Lintas Budaya di Loket"},
      {"type", "intercultural"},
      {"mode", "classroom"},
      {"jp", "abc"},
      {"organiser", "BKPSDM Kabupaten Sambas"},
      {"item:PB.1.1", "on"},
      {"active", "on"}};
  auto refused = hr.post_form("/learning/programmes", form);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("Tulis JP sebagai angka"), std::string::npos);
  EXPECT_EQ(programmes(), programmes_before);
  form[4].second = "6,5";
  auto created = hr.post_form("/learning/programmes", form);
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 2000);
  EXPECT_EQ(created.header("location"), "/learning/programmes/E2E-LB");
  EXPECT_EQ(programmes(), programmes_before + 1);

  // A class through the API: backwards dates are refused; then one for today, two seats.
  auto backwards = hr.json("POST", "/api/v1/learning/programmes/E2E-LB/classes",
                           json({{"starts_on", today_text},
                                 {"ends_on", yesterday},
                                 {"place", "Aula"},
                                 {"capacity", 2},
                                 {"self_registration", true}})
                               .dump());
  EXPECT_EQ(backwards.status, 422);
  EXPECT_NE(backwards.body.find("\"field\":\"ends_on\""), std::string::npos) << backwards.body;
  auto made_class = hr.json("POST", "/api/v1/learning/programmes/E2E-LB/classes",
                            json({{"starts_on", today_text},
                                  {"ends_on", today_text},
                                  {"place", "Aula BKPSDM"},
                                  {"capacity", 2},
                                  {"self_registration", true}})
                                .dump());
  ASSERT_EQ(made_class.status, 201) << made_class.body;
  const std::string class_id = std::to_string(json::parse(made_class.body)["id"].get<int64_t>());
  EXPECT_EQ(
      json::parse(hr.json("GET", "/api/v1/learning/programmes/E2E-LB/classes", "").body)["items"]
          .size(),
      1u);

  // The head puts an intercultural action in the learner's plan; the learner asks to join
  // the class for it; only the head may approve.
  auto plan = head.json("POST", "/api/v1/plans/" + nip + "/actions",
                        json({{"learning_kind", "intercultural"},
                              {"title", "Belajar melayani warga lintas budaya"},
                              {"target_date", format_date(add_days(today, 30))}})
                            .dump());
  ASSERT_EQ(plan.status, 201) << plan.body;
  int64_t action_id = 0;
  const json plan_made = json::parse(plan.body);
  for (const auto& a : plan_made["actions"]) {
    if (a["title"] == "Belajar melayani warga lintas budaya") action_id = a["id"];
  }
  ASSERT_GT(action_id, 0);
  bool offered = false;
  const json open_classes =
      json::parse(learner.json("GET", "/api/v1/learning/open-classes", "").body);
  for (const auto& c : open_classes["items"]) {
    if (std::to_string(c["id"].get<int64_t>()) != class_id) continue;
    offered = true;
    ASSERT_EQ(c["actions"].size(), 1u) << "the class meets the plan action";
    EXPECT_EQ(c["actions"][0]["id"], action_id);
  }
  EXPECT_TRUE(offered);
  auto asked = learner.post_form("/learning/classes/" + class_id + "/request",
                                 {{"action", std::to_string(action_id)}});
  ASSERT_EQ(asked.status, 303) << asked.body.substr(0, 1000);
  int64_t request_id = 0;
  const json approvals = json::parse(head.json("GET", "/api/v1/learning/approvals", "").body);
  for (const auto& r : approvals["requests"]) {
    if (r["person"]["nip"] == nip) request_id = r["id"];
  }
  ASSERT_GT(request_id, 0);
  const std::string decision =
      "/api/v1/learning/enrolments/" + std::to_string(request_id) + "/decision";
  EXPECT_EQ(hr.json("POST", decision, R"({"approve":true})").status, 403)
      << "HR is not the superior";
  EXPECT_EQ(learner.json("POST", decision, R"({"approve":true})").status, 403)
      << "nobody approves their own";
  EXPECT_EQ(head.post_form("/learning/enrolments/" + std::to_string(request_id) + "/decision",
                           {{"approve", "yes"}})
                .status,
            303);

  // HR enrols the officer on the page (the last seat); a third person finds it full.
  EXPECT_EQ(hr.post_form("/learning/classes/" + class_id + "/enrol", {{"nip", officer_nip}}).status,
            303);
  auto roster = [&] {
    return json::parse(hr.json("GET", "/api/v1/learning/classes/" + class_id, "").body);
  };
  EXPECT_EQ(roster()["seats_taken"], 2);
  auto full = hr.json("POST", "/api/v1/learning/classes/" + class_id + "/enrolments",
                      json({{"nip", head_nip}}).dump());
  EXPECT_EQ(full.status, 409);
  EXPECT_NE(full.body.find("Kelas sudah penuh"), std::string::npos) << full.body;
  EXPECT_EQ(roster()["people"].size(), 2u);

  // Attendance: for someone without a seat, refused and nothing written.
  auto stranger = hr.json("POST", "/api/v1/learning/classes/" + class_id + "/attendance",
                          json({{"nip", head_nip}, {"day", today_text}}).dump());
  EXPECT_EQ(stranger.status, 409) << stranger.body;
  EXPECT_EQ(hr.json("POST", "/api/v1/learning/classes/" + class_id + "/attendance",
                    json({{"nip", nip}, {"day", today_text}}).dump())
                .status,
            200);
  EXPECT_EQ(hr.json("POST", "/api/v1/learning/classes/" + class_id + "/attendance",
                    json({{"nip", nip}, {"day", "2000-01-01"}}).dump())
                .status,
            422)
      << "a day outside the class";
  int days = -1;
  const json attended = roster();
  for (const auto& p : attended["people"]) {
    if (p["nip"] == nip) days = p["days"];
  }
  EXPECT_EQ(days, 1);

  // Completion: "completed" but failed is refused; then the learner completes, the officer does
  // not.
  auto contradictory = hr.json("POST", "/api/v1/learning/classes/" + class_id + "/completion",
                               json({{"nip", nip}, {"completed", true}, {"passed", false}}).dump());
  EXPECT_EQ(contradictory.status, 422);
  EXPECT_DOUBLE_EQ(jp_of(learner), jp_before);
  auto completed =
      hr.json("POST", "/api/v1/learning/classes/" + class_id + "/completion",
              json({{"nip", nip}, {"completed", true}, {"score", 88}, {"passed", true}}).dump());
  ASSERT_EQ(completed.status, 200) << completed.body;
  std::string officer_id;
  const json seated = roster();
  for (const auto& p : seated["people"]) {
    if (p["nip"] == officer_nip) officer_id = std::to_string(p["asn_id"].get<int64_t>());
  }
  EXPECT_EQ(hr.post_form("/learning/classes/" + class_id + "/completion",
                         {{"result:" + officer_id, "not_completed"}})
                .status,
            303);
  // Again: nothing changes (no second record, no second certificate).
  EXPECT_EQ(
      hr.json("POST", "/api/v1/learning/classes/" + class_id + "/completion",
              json({{"nip", nip}, {"completed", true}, {"score", 88}, {"passed", true}}).dump())
          .status,
      200);
  EXPECT_DOUBLE_EQ(jp_of(learner), jp_before + 6.5);

  // The learner sees the record and the certificate; the plan action is done.
  auto mine = json::parse(learner.json("GET", "/api/v1/learning/me", "").body);
  std::string certificate;
  int certificates = 0;
  for (const auto& e : mine["enrolments"]) {
    if (e["programme"] == "Komunikasi Lintas Budaya di Loket" && e["certificate"].is_string()) {
      certificate = e["certificate"];
      ++certificates;
    }
  }
  ASSERT_EQ(certificates, 1);
  auto pdf = learner.get("/certificates/" + certificate + "/pdf");
  EXPECT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  EXPECT_EQ(officer.get("/certificates/" + certificate + "/pdf").status, 404)
      << "not the officer's certificate";
  HttpClient anyone = client();
  auto check = anyone.get("/v/" + certificate);
  EXPECT_EQ(check.status, 200);
  EXPECT_NE(check.body.find("Sertifikat ini sah"), std::string::npos);
  EXPECT_NE(check.body.find("Komunikasi Lintas Budaya di Loket"), std::string::npos);
  EXPECT_EQ(check.body.find(nip), std::string::npos) << "the public check shows no NIP";
  EXPECT_EQ(anyone.get("/v/no-such-certificate").status, 404);
  auto plan_now = json::parse(head.json("GET", "/api/v1/plans/" + nip, "").body);
  std::string action_status;
  for (const auto& a : plan_now["actions"]) {
    if (a["id"] == action_id) action_status = a["status"];
  }
  EXPECT_EQ(action_status, "done") << "completing the class completes the plan action";
  auto learner_page = learner.get("/learning");
  EXPECT_EQ(learner_page.status, 200);
  EXPECT_NE(learner_page.body.find("/certificates/" + certificate + "/pdf"), std::string::npos);

  // A self-learning claim: wrong type and too large are refused; the head approves.
  auto claims_of = [&] {
    return json::parse(learner.json("GET", "/api/v1/learning/me", "").body)["claims"].size();
  };
  const size_t claims_before = claims_of();
  auto claim = [&](const std::string& evidence) {
    return learner.json("POST", "/api/v1/learning/claims",
                        json({{"kind", "external_course"},
                              {"title", "Bahasa Isyarat untuk Pelayanan"},
                              {"provider", "Gerkatin"},
                              {"completed_on", yesterday},
                              {"minutes", 90},
                              {"evidence_base64", base64_encode(evidence)}})
                            .dump());
  };
  auto text_file = claim("bukan sertifikat, hanya teks");
  EXPECT_EQ(text_file.status, 422);
  EXPECT_NE(text_file.body.find("PDF, PNG atau JPEG"), std::string::npos) << text_file.body;
  auto too_large = claim("%PDF-1.4\n" + std::string(5 * 1024 * 1024, 'x'));
  EXPECT_EQ(too_large.status, 422);
  EXPECT_NE(too_large.body.find("paling besar 5 MB"), std::string::npos)
      << too_large.body.substr(0, 500);
  EXPECT_EQ(claims_of(), claims_before);
  const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + "bukti";
  auto sent = claim(png);
  ASSERT_EQ(sent.status, 201) << sent.body;
  const std::string claim_id = std::to_string(json::parse(sent.body)["id"].get<int64_t>());
  auto evidence = head.get("/learning/claims/" + claim_id + "/evidence");
  EXPECT_EQ(evidence.status, 200);
  EXPECT_EQ(evidence.body, png) << "the evidence comes back byte for byte";
  EXPECT_EQ(officer.get("/learning/claims/" + claim_id + "/evidence").status, 404);
  EXPECT_EQ(admin.get("/learning/claims/" + claim_id + "/evidence").status, 404)
      << "administrators do not read evidence";
  EXPECT_EQ(hr.get("/learning/claims/" + claim_id + "/evidence").status, 200);
  EXPECT_EQ(
      hr.json("POST", "/api/v1/learning/claims/" + claim_id + "/decision", R"({"approve":true})")
          .status,
      403);
  EXPECT_DOUBLE_EQ(jp_of(learner), jp_before + 6.5) << "a refused approval changes nothing";
  EXPECT_EQ(head.json("POST", "/api/v1/learning/claims/" + claim_id + "/decision",
                      R"({"approve":true,"note":"Sesuai"})")
                .status,
            200);
  EXPECT_EQ(
      head.json("POST", "/api/v1/learning/claims/" + claim_id + "/decision", R"({"approve":false})")
          .status,
      409);
  EXPECT_DOUBLE_EQ(jp_of(learner), jp_before + 8.5) << "90 minutes at 45 a JP";

  // An LMS file: a row for an unknown NIP stops it all; good rows only, and again, once.
  const std::string csv =
      "nip,id_kursus,judul,tanggal_selesai,menit,nilai,lulus\n" + nip + ",E2E-101,Etika ASN," +
      yesterday + ",135,90,1\n199001012020121999,E2E-101,Etika ASN," + yesterday + ",135,90,1\n";
  auto lms = [&](const std::string& mode) {
    return hr.request("POST", "/api/v1/learning/lms-import?provider=e2e-lms&mode=" + mode, csv,
                      {{"content-type", "text/csv"}, {"x-csrf-token", hr.csrf_token()}});
  };
  auto strict = lms("all");
  EXPECT_EQ(strict.status, 422);
  EXPECT_EQ(json::parse(strict.body)["problems"][0]["line"], 3) << strict.body;
  EXPECT_DOUBLE_EQ(jp_of(learner), jp_before + 8.5);
  EXPECT_EQ(json::parse(lms("good_rows").body)["inserted"], 1);
  EXPECT_EQ(json::parse(lms("good_rows").body)["unchanged"], 1)
      << "importing again changes nothing";
  EXPECT_DOUBLE_EQ(jp_of(learner), jp_before + 11.5);

  // Peduli: a bad activity is refused; HR makes one for today coordinated by the head.
  auto activities = [&] {
    return json::parse(hr.json("GET", "/api/v1/peduli/activities", "").body)["items"].size();
  };
  const size_t activities_before = activities();
  std::vector<std::pair<std::string, std::string>> activity = {
      {"title", "Pendampingan lansia di posyandu"},
      {"target_group", "elderly"},
      {"region", "61.01"},
      {"place", "Posyandu Desa Lorong"},
      {"starts_on", today_text},
      {"ends_on", yesterday},
      {"start_time", "08:00"},
      {"end_time", "11:00"},
      {"partner", "Puskesmas Sambas"},
      {"capacity", "2"},
      {"coordinator", head_nip}};
  auto bad_activity = hr.post_form("/peduli", activity);
  EXPECT_EQ(bad_activity.status, 422);
  EXPECT_NE(bad_activity.body.find("Kegiatan tidak boleh berakhir sebelum dimulai"),
            std::string::npos);
  EXPECT_EQ(activities(), activities_before);
  activity[5].second = today_text;
  auto made_activity = hr.post_form("/peduli", activity);
  ASSERT_EQ(made_activity.status, 303) << made_activity.body.substr(0, 2000);
  const std::string page = made_activity.header("location");
  const std::string activity_id = page.substr(page.rfind('/') + 1);
  const std::string api = "/api/v1/peduli/activities/" + activity_id;
  EXPECT_EQ(learner.post_form(page + "/signup", {}).status, 303);
  EXPECT_EQ(officer.json("POST", api + "/signup", "{}").status, 200);
  auto no_room = hr.json("POST", api + "/signup", "{}");
  EXPECT_EQ(no_room.status, 409);
  EXPECT_NE(no_room.body.find("Kegiatan sudah penuh"), std::string::npos);
  // Confirmation: one bad line (more minutes than the activity) and nothing is written.
  EXPECT_EQ(officer
                .post_form(page + "/confirm",
                           {{"attendance:" + nip, "attended"}, {"minutes:" + nip, "120"}})
                .status,
            403)
      << "only the coordinator confirms";
  auto bad_line = head.post_form(page + "/confirm", {{"attendance:" + officer_nip, "absent"},
                                                     {"minutes:" + officer_nip, "0"},
                                                     {"attendance:" + nip, "attended"},
                                                     {"minutes:" + nip, "9999"}});
  EXPECT_EQ(bad_line.status, 422);
  EXPECT_EQ(json::parse(hr.json("GET", api, "").body)["attended"], 0);
  EXPECT_EQ(head.post_form(page + "/confirm", {{"attendance:" + officer_nip, "absent"},
                                               {"minutes:" + officer_nip, "0"},
                                               {"attendance:" + nip, "attended"},
                                               {"minutes:" + nip, "150"}})
                .status,
            303);
  EXPECT_DOUBLE_EQ(jp_of(learner), jp_before + 14) << "150 minutes at 1 JP an hour";
  EXPECT_EQ(head.json("POST", api + "/close", R"({"beneficiaries":31})").status, 200);

  // Reflections: the absent officer cannot write one; the learner shares theirs with the head.
  EXPECT_EQ(officer.json("PUT", api + "/reflection", R"({"seen":"x","sharing":"private"})").status,
            409);
  const std::string felt = "Terharu melihat lansia datang sendiri tanpa pendamping";
  EXPECT_EQ(learner
                .json("PUT", api + "/reflection",
                      json({{"seen", "Antrean lansia panjang"},
                            {"felt", felt},
                            {"change", "Lebih sabar"},
                            {"sharing", "superior"}})
                          .dump())
                .status,
            200);
  EXPECT_NE(head.get("/peduli/reflections").body.find(felt), std::string::npos);
  EXPECT_EQ(hr.get("/peduli/reflections").body.find(felt), std::string::npos)
      << "shared with the superior only";

  // The evaluation of today: exactly this activity.
  auto evaluation = json::parse(
      hr.json("GET", "/api/v1/peduli/evaluation?from=" + today_text + "&to=" + today_text, "")
          .body);
  EXPECT_EQ(evaluation["activities"], 1);
  EXPECT_EQ(evaluation["participants"], 1);
  EXPECT_EQ(evaluation["hours"], "2.5");
  EXPECT_EQ(evaluation["beneficiaries"], 31);
  ASSERT_EQ(evaluation["by_target"].size(), 1u);
  EXPECT_EQ(evaluation["by_target"][0]["target"], "elderly");
  EXPECT_EQ(hr.get("/peduli/evaluation").status, 200);

  // Compliance agrees with the people: every active person counted once, the list of
  // those below 20 JP as long as the count, the learner where their JP puts them.
  auto compliance = json::parse(
      hr.json("GET", "/api/v1/learning/compliance?year=" + std::to_string(year), "").body);
  int64_t people = 0, below = 0;
  for (const auto& u : compliance["units"]) {
    people += u["people"].get<int64_t>();
    below += u["below"].get<int64_t>();
  }
  EXPECT_EQ(compliance["total"]["people"], people);
  int64_t active = 0;
  for (std::string cursor;;) {
    auto page_of = json::parse(
        admin.json("GET", "/api/v1/instansi/KAB-SAMBAS/asn?limit=500&cursor=" + cursor, "").body);
    active += static_cast<int64_t>(page_of["items"].size());
    if (page_of["next_cursor"].is_null()) break;
    cursor = page_of["next_cursor"];
  }
  EXPECT_EQ(people, active);
  std::set<std::string> listed;
  for (int64_t offset = 0;;) {
    auto page_of = json::parse(
        hr.json("GET",
                "/api/v1/learning/compliance/people?limit=1000&offset=" + std::to_string(offset),
                "")
            .body);
    for (const auto& p : page_of["items"]) {
      EXPECT_LT(p["jp"].get<double>(), 20.0);
      listed.insert(p["nip"]);
    }
    if (page_of["next_offset"].is_null()) break;
    offset = page_of["next_offset"];
  }
  EXPECT_EQ(static_cast<int64_t>(listed.size()), below);
  EXPECT_EQ(listed.contains(nip), jp_of(learner) < 20.0);
  auto scoped = json::parse(head.json("GET", "/api/v1/learning/compliance", "").body);
  for (const auto& u : scoped["units"]) {
    EXPECT_EQ(u["unit"].get<std::string>().rfind("DUKCAPIL", 0), 0u)
        << "a head sees their subtree: " << u["unit"];
  }
  auto xlsx = hr.get("/learning/compliance.xlsx");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  // The person's own page and xAPI statements.
  auto statements = json::parse(
      head.json("GET", "/api/v1/learning/people/" + nip + "/xapi", "").body)["statements"];
  bool class_statement = false;
  for (const auto& st : statements) {
    class_statement = class_statement || (st["object"]["definition"]["name"]["id-ID"] ==
                                              "Komunikasi Lintas Budaya di Loket" &&
                                          st["verb"]["id"].get<std::string>().ends_with("passed"));
  }
  EXPECT_TRUE(class_statement) << statements.dump().substr(0, 1000);
  EXPECT_EQ(officer.json("GET", "/api/v1/learning/people/" + nip, "").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, E2E, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

// Lifecycle tests start their own servers.
class Lifecycle : public ::testing::TestWithParam<std::string> {
 protected:
  // Fills url with demo data and returns an API token of the Sambas administrator.
  std::string demo_with_token(const std::string& url) {
    EXPECT_EQ(run_harmoni({"demo", "--db", url}).status, 0);
    auto token = run_harmoni(
        {"token", "create", "--db", url, "--email", "admin.sambas@harmoni.demo", "--name", "t"});
    return token.out.substr(0, token.out.find('\n'));
  }
};

TEST_P(Lifecycle, GracefulStopFinishesInFlightWorkAndLosesNothing) {
  TempDir dir;
  std::string url = fresh_database_url(GetParam(), dir);
  std::string bearer = demo_with_token(url);
  // A large import keeps a worker busy while the stop signal arrives.
  std::string csv = "nip,nama,status,unit\n";
  for (int i = 1; i <= 20000; ++i) {
    csv += fmt::format("19{:02}0101202001{}{:03},Pegawai Uji,PNS,DINKES\n", 60 + i % 40, 1 + i % 2,
                       i % 999 + 1);
  }
  // A grace period far longer than the import, however slow the machine (sanitizers, load).
  auto server = std::make_unique<ServerProcess>(
      url, std::vector<std::string>{"--shutdown-grace-seconds", "300"});
  HttpClient idle(server->port());
  EXPECT_EQ(idle.get("/healthz").status, 200);
  auto in_flight = std::async(std::launch::async, [&] {
    HttpClient c(server->port());
    c.set_bearer(bearer);
    return c.request("POST", "/api/v1/instansi/KAB-SAMBAS/asn/import?mode=good_rows", csv,
                     {{"content-type", "text/csv"}});
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  int status = server->stop(SIGTERM);
  auto response = in_flight.get();
  EXPECT_EQ(status, 0);
  ASSERT_EQ(response.status, 200) << response.body.substr(0, 500);
  auto report = json::parse(response.body);
  EXPECT_TRUE(report["written"]);
  int64_t inserted = report["inserted"];
  EXPECT_GT(inserted, 1000);
  // What was acknowledged is there after a restart.
  ServerProcess restarted(url);
  HttpClient check(restarted.port());
  check.set_bearer(bearer);
  auto found = check.get("/api/v1/instansi/KAB-SAMBAS/asn?q=uji&limit=1");
  EXPECT_EQ(found.status, 200);
  EXPECT_NE(found.body.find("Pegawai Uji"), std::string::npos);
}

TEST_P(Lifecycle, EventStreamsEndAtOnceOnAStop) {
  TempDir dir;
  std::string url = fresh_database_url(GetParam(), dir);
  std::string bearer = demo_with_token(url);
  auto server = std::make_unique<ServerProcess>(
      url, std::vector<std::string>{"--shutdown-grace-seconds", "300"});
  HttpClient admin(server->port());
  admin.set_bearer(bearer);
  std::string unit_id;
  auto units = admin.get("/api/v1/units");
  ASSERT_EQ(units.status, 200) << units.body;
  const json listed = json::parse(units.body);
  for (const auto& u : listed["items"]) {
    if (u["code"] == "DUKCAPIL") unit_id = std::to_string(u["id"].get<int64_t>());
  }
  ASSERT_FALSE(unit_id.empty()) << units.body;
  EventStreamClient board(server->port(), "/u/" + unit_id + "/events");
  ASSERT_TRUE(board.wait_for("retry: 3000")) << board.received();
  auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(server->stop(SIGTERM), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20))
      << "no wait for the grace period";
  EXPECT_TRUE(board.wait_closed(5000));
  EXPECT_NE(board.received().find("\r\n0\r\n\r\n"), std::string::npos)
      << "the stream ends cleanly: " << board.received();
}

TEST_P(Lifecycle, BackupAndCommandErrors) {
  TempDir dir;
  std::string url = fresh_database_url(GetParam(), dir);
  EXPECT_EQ(run_harmoni({"migrate", "--db", url}).status, 0);
  auto added = run_harmoni({"user", "add", "--db", url, "--email", "root@x.go.id", "--role",
                            "system_admin", "--password-stdin"},
                           "correct horse battery\n");
  EXPECT_EQ(added.status, 0) << added.err;
  auto weak = run_harmoni({"user", "add", "--db", url, "--email", "weak@x.go.id", "--role",
                           "officer", "--instansi", "NOPE", "--password-stdin"},
                          "short\n");
  EXPECT_NE(weak.status, 0);
  EXPECT_NE(weak.err.find("password"), std::string::npos);
  EXPECT_NE(weak.err.find("unit"), std::string::npos);
  auto bad_db = run_harmoni({"migrate", "--db", "mysql://x"});
  EXPECT_NE(bad_db.status, 0);
  EXPECT_NE(bad_db.err.find("Alamat basis data tidak dikenal"), std::string::npos);
  auto english = run_harmoni({"migrate", "--db", "mysql://x", "--lang", "en"});
  EXPECT_NE(english.err.find("Unknown database address"), std::string::npos);
  if (GetParam() == "sqlite") {
    std::string target = dir.file("backup.db");
    auto backup = run_harmoni({"backup", "--db", url, "--to", target});
    ASSERT_EQ(backup.status, 0) << backup.err;
    auto verify = run_harmoni({"audit", "verify", "--db", "sqlite:" + target});
    EXPECT_EQ(verify.status, 0) << verify.err;
    EXPECT_NE(run_harmoni({"backup", "--db", url, "--to", target}).status, 0) << "never overwrites";
  }
}

TEST_P(Lifecycle, AnAcknowledgedWriteSurvivesAKilledProcess) {
  TempDir dir;
  std::string url = fresh_database_url(GetParam(), dir);
  std::string bearer = demo_with_token(url);
  auto server = std::make_unique<ServerProcess>(url);
  HttpClient c(server->port());
  c.set_bearer(bearer);
  auto made = c.json("POST", "/api/v1/instansi/KAB-SAMBAS/units",
                     R"({"code":"DURABLE","name":"Unit Tahan Lama"})");
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(server->stop(SIGKILL), 128 + SIGKILL);
  ServerProcess restarted(url);
  HttpClient check(restarted.port());
  check.set_bearer(bearer);
  EXPECT_EQ(check.get("/api/v1/instansi/KAB-SAMBAS/units/DURABLE").status, 200);
  EXPECT_EQ(run_harmoni({"audit", "verify", "--db", url}).status, 0);
}

TEST_P(Lifecycle, ConfigurationFromFileAndEnvironment) {
  TempDir dir;
  std::string url = fresh_database_url(GetParam(), dir);
  std::ofstream(dir.file("harmoni.ini")) << "db = " << url << "\nlang = en\n";
  auto from_file = run_harmoni({"migrate", "--config", dir.file("harmoni.ini")});
  EXPECT_EQ(from_file.status, 0) << from_file.err;
  EXPECT_NE(from_file.out.find("Database schema at version"), std::string::npos)
      << "lang = en from the file";
  auto bad = run_harmoni({"migrate", "--config", dir.file("harmoni.ini"), "--db", "nosuch://x"});
  EXPECT_NE(bad.status, 0) << "the command line beats the file";
  setenv("HARMONI_LANG", "id", 1);
  auto env = run_harmoni({"migrate", "--db", url});
  unsetenv("HARMONI_LANG");
  EXPECT_NE(env.out.find("Skema basis data"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, Lifecycle, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace harmoni::test
