// The knowledge base: browsing and searching (any signed-in user), an article's page with
// its lessons, its study form and its workflow, writing and editing (case handlers and HR
// developers), the studies report (HR), and the same as a JSON API.
#include <fmt/format.h>

#include "harmony/harmony_routes.hpp"
#include "harmony/harmony_web.hpp"
#include "harmony/markdown.hpp"
#include "learning/learning_cases.hpp"
#include "platform/util/display.hpp"
#include "platform/web/routes_util.hpp"

namespace harmoni::harmony {
namespace {

using nlohmann::json;
using web::Context;
using web::Reply;

constexpr int kPageSize = 20;

// Filters of a search or a listing: ?tag=kind:x and the three selects of the form.
std::vector<Tag> filters_of(const Context& ctx) {
  std::vector<Tag> out;
  for (auto [param, kind] :
       {std::pair{"kind", TagKind::kKind}, std::pair{"dimension", TagKind::kDimension},
        std::pair{"setting", TagKind::kSetting}}) {
    auto v = ctx.request.query_param(param);
    if (v && !v->empty())
      if (auto tag = parse_tag(std::string(enum_name(kind)) + ":" + std::string(*v)))
        out.push_back(*tag);
  }
  if (auto v = ctx.request.query_param("tag"); v && !v->empty())
    if (auto tag = parse_tag(*v)) out.push_back(*tag);
  return out;
}

int offset_of(const Context& ctx) {
  auto v = web::query_id(ctx, "from");
  return v ? static_cast<int>(std::min<int64_t>(*v, 10'000)) : 0;
}

std::string when(const Context& ctx, int64_t ms) {
  return ms > 0 ? long_date(date_in_wib(ms), ctx.lang) : "";
}

json article_row(const Context& ctx, const Article& a) {
  return {{"id", a.id},
          {"title", a.title},
          {"state", label(ctx, kArticleStateLabel, a.state)},
          {"published", when(ctx, a.published_at)},
          {"is_published", a.state == ArticleState::kPublished},
          {"instansi", a.instansi_name},
          {"for_all", a.scope == Scope::kAll},
          {"tags", tags_json(ctx, a.tags)}};
}

json snippet_json(const std::vector<Fragment>& fragments) {
  json out = json::array();
  for (const Fragment& f : fragments) out.push_back({{"text", f.text}, {"hit", f.hit}});
  return out;
}

// The snippet for the API: the words met marked with <mark>, the rest escaped.
std::string snippet_html(const std::vector<Fragment>& fragments) {
  std::string out;
  auto escape = [&](const std::string& text) {
    for (char c : text) {
      switch (c) {
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '&':
          out += "&amp;";
          break;
        case '"':
          out += "&quot;";
          break;
        default:
          out += c;
      }
    }
  };
  for (const Fragment& f : fragments) {
    if (f.hit) out += "<mark>";
    escape(f.text);
    if (f.hit) out += "</mark>";
  }
  return out;
}

Reply show_kb(Context& ctx) {
  const std::string q(ctx.request.query_param("q").value_or(""));
  const std::vector<Tag> filters = filters_of(ctx);
  const int from = offset_of(ctx);
  json data = {{"q", q},
               {"kinds", options<Kind>(ctx, kKindLabel, std::optional<Kind>())},
               {"dimensions", options<Dimension>(ctx, kDimensionLabel, std::optional<Dimension>())},
               {"settings", options<Setting>(ctx, kSettingLabel, std::optional<Setting>())},
               {"may_write", may_write_articles(ctx.user())},
               {"may_report", ctx.user().can(auth::Permission::kDevelopmentOversee)},
               {"filters", json::array()}};
  for (const Tag& t : filters) {
    data["filters"].push_back({{"label", tag_label(ctx, t)}, {"text", tag_text(t)}});
    for (const char* list : {"kinds", "dimensions", "settings"})
      for (auto& o : data[list])
        if (o["value"] == t.value) o["selected"] = true;
  }
  json rows = json::array();
  const Error* error = nullptr;
  Result<SearchPage> found = Error::invalid("kb.query_empty");
  if (!q.empty()) {
    found = search_articles(ctx.env(), ctx.actor(), q, filters, from, kPageSize);
    if (!found.ok()) {
      if (found.error().kind != ErrorKind::kInvalid) return found.release_error();
      error = &found.error();
    } else {
      for (const Found& f : found->items) {
        json row = article_row(ctx, f.article);
        row["snippet"] = snippet_json(f.snippet);
        row["has_snippet"] = !f.snippet.empty();
        rows.push_back(row);
      }
      if (found->more) data["next"] = from + kPageSize;
      data["searched"] = true;
    }
  } else {
    std::optional<ArticleState> state;
    if (auto s = ctx.request.query_param("state"); s && !s->empty())
      state = parse_enum<ArticleState>(*s);
    auto list = TRY(browse_articles(ctx.env(), ctx.actor(), state,
                                    filters.empty() ? std::nullopt : std::optional<Tag>(filters[0]),
                                    from, kPageSize + 1));
    if (static_cast<int>(list.size()) > kPageSize) {
      list.pop_back();
      data["next"] = from + kPageSize;
    }
    for (const Article& a : list) rows.push_back(article_row(ctx, a));
    data["state"] = state ? std::string(enum_name(*state)) : "published";
    data["workflow"] = may_write_articles(ctx.user());
  }
  data["rows"] = rows;
  data["empty"] = rows.empty();
  return ctx.form_page("kb", data, "kb.title", error);
}

Reply api_search(Context& ctx) {
  const std::string q(ctx.request.query_param("q").value_or(""));
  SearchPage page = TRY(search_articles(ctx.env(), ctx.actor(), q, filters_of(ctx), offset_of(ctx),
                                        web::limit_param(ctx, kPageSize, 100)));
  json items = json::array();
  for (const Found& f : page.items)
    items.push_back({{"id", f.article.id},
                     {"title", f.article.title},
                     {"snippet", snippet_html(f.snippet)},
                     {"score", f.score}});
  return ctx.json(200, {{"items", items}, {"terms", page.terms}, {"more", page.more}});
}

Reply api_list(Context& ctx) {
  std::optional<ArticleState> state;
  if (auto s = ctx.request.query_param("state"); s && !s->empty()) {
    state = parse_enum<ArticleState>(*s);
    if (!state) return Error::field("state", "kb.state_unknown");
  }
  auto filters = filters_of(ctx);
  auto list = TRY(browse_articles(ctx.env(), ctx.actor(), state,
                                  filters.empty() ? std::nullopt : std::optional<Tag>(filters[0]),
                                  offset_of(ctx), web::limit_param(ctx, kPageSize, 100)));
  json items = json::array();
  for (const Article& a : list)
    items.push_back(
        {{"id", a.id},
         {"title", a.title},
         {"state", enum_name(a.state)},
         {"scope", enum_name(a.scope)},
         {"published_at", a.published_at > 0 ? json(iso_utc(a.published_at)) : json(nullptr)}});
  return ctx.json(200, {{"items", items}});
}

json article_api(const ArticleView& v) {
  const Article& a = v.article;
  json tags = json::array();
  for (const Tag& t : a.tags) tags.push_back(tag_text(t));
  return {{"id", a.id},
          {"title", a.title},
          {"body", a.body},
          {"html", markdown_html(a.body)},
          {"questions", a.questions},
          {"tags", tags},
          {"scope", enum_name(a.scope)},
          {"state", enum_name(a.state)},
          {"from_case", a.case_id.has_value()},
          {"published_at", a.published_at > 0 ? json(iso_utc(a.published_at)) : json(nullptr)},
          {"studied", v.studied}};
}

Result<ArticleView> path_article(Context& ctx) {
  auto id = web::id_param(ctx, "id");
  if (!id) return Error::not_found("kb.article_unknown");
  return read_article(ctx.env(), ctx.actor(), *id);
}

Reply article_page(Context& ctx, const ArticleView& v, const web::Input* sent, const Error* error) {
  const Article& a = v.article;
  json questions = json::array();
  for (size_t i = 0; i < a.questions.size(); ++i)
    questions.push_back({{"i", i},
                         {"n", i + 1},
                         {"text", a.questions[i]},
                         {"answer", sent ? sent->raw("answer:" + std::to_string(i)) : ""},
                         {"field", "answers[" + std::to_string(i) + "]"}});
  json programmes = json::array();
  for (const ProgrammeRef& p : v.programmes)
    programmes.push_back({{"code", p.code}, {"title", p.title}});
  json data = {{"id", a.id},
               {"title", a.title},
               {"html", markdown_html(a.body)},
               {"state", label(ctx, kArticleStateLabel, a.state)},
               {"published", a.state == ArticleState::kPublished},
               {"published_on", when(ctx, a.published_at)},
               {"instansi", a.instansi_name},
               {"scope", label(ctx, kScopeLabel, a.scope)},
               {"author", a.author_name},
               {"from_case", a.case_id.has_value()},
               {"tags", tags_json(ctx, a.tags)},
               {"questions", questions},
               {"has_questions", !questions.empty()},
               {"programmes", programmes},
               {"has_programmes", !programmes.empty()},
               {"may_edit", v.may_edit},
               {"may_submit", v.may_submit},
               {"may_approve", v.may_approve},
               {"may_withdraw", v.may_withdraw},
               {"may_study", v.may_study},
               {"studied", v.studied},
               {"study_jp", v.study_jp_e2 > 0 ? decimal(v.study_jp_e2 / 100.0, 2, ctx.lang) : ""},
               {"may_link", v.may_link},
               {"programme_choices", json::array()},
               {"note", sent ? sent->raw("note") : ""}};
  if (v.may_link)
    for (const learning::Programme& p : TRY(learning::programmes_of(ctx.env(), ctx.actor())))
      data["programme_choices"].push_back({{"code", p.code}, {"title", p.title}});
  return ctx.form_page("kb_article", data, "kb.article_title", error);
}

Reply show_article(Context& ctx) {
  return article_page(ctx, TRY(path_article(ctx)), nullptr, nullptr);
}
Reply api_article(Context& ctx) { return ctx.json(200, article_api(TRY(path_article(ctx)))); }

// ---- writing ----

Reply form_page(Context& ctx, const Article& a, std::optional<int64_t> id, const Error* error) {
  std::string tags, questions;
  for (const Tag& t : a.tags) tags += (tags.empty() ? "" : " ") + tag_text(t);
  for (const std::string& q : a.questions) questions += q + "\n";
  json scopes = json::array();
  for (Scope s : enum_values<Scope>())
    scopes.push_back({{"value", enum_name(s)},
                      {"label", label(ctx, kScopeLabel, s)},
                      {"checked", a.scope == s}});
  json data = {
      {"title", a.title},
      {"body", a.body},
      {"tags", tags},
      {"questions", questions},
      {"scopes", scopes},
      {"editing", id.has_value()},
      {"action", id ? "/kb/articles/" + std::to_string(*id) : std::string("/kb/articles")},
      {"id", id ? json(*id) : json(false)},
      {"kinds", options<Kind>(ctx, kKindLabel, std::optional<Kind>())},
      {"dimensions", options<Dimension>(ctx, kDimensionLabel, std::optional<Dimension>())}};
  return ctx.form_page("kb_form", data, id ? "kb.edit_title" : "kb.new_title", error);
}

Reply show_new(Context& ctx) {
  if (!may_write_articles(ctx.user())) return Error::forbidden();
  return form_page(ctx, Article{}, std::nullopt, nullptr);
}

Reply create_from_form(Context& ctx) {
  if (!may_write_articles(ctx.user())) return Error::forbidden();
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  Article a = read_article_fields(in);
  const bool draft = in.flag("draft");
  Status read = in.finish_with(validate(a));
  Result<int64_t> id = read.ok() ? write_article(ctx.env(), ctx.actor(), a, !draft)
                                 : Result<int64_t>(read.release_error());
  if (!id.ok()) {
    if (id.error().kind != ErrorKind::kInvalid) return id.release_error();
    return form_page(ctx, a, std::nullopt, &id.error());
  }
  return ctx.redirect("/kb/articles/" + std::to_string(*id), "saved");
}

Reply api_create(Context& ctx) {
  if (!may_write_articles(ctx.user())) return Error::forbidden();
  auto in = TRY(ctx.input());
  Article a = read_article_fields(in);
  const bool draft = in.has("draft") && in.flag("draft");
  TRY(in.finish());
  const int64_t id = TRY(write_article(ctx.env(), ctx.actor(), a, !draft));
  return ctx.json(201, article_api(TRY(read_article(ctx.env(), ctx.actor(), id))));
}

Reply show_edit(Context& ctx) {
  ArticleView v = TRY(path_article(ctx));
  if (!v.may_edit) return Error::forbidden("kb.not_author");
  return form_page(ctx, v.article, v.article.id, nullptr);
}

Reply edit_from_form(Context& ctx) {
  auto id = web::id_param(ctx, "id");
  if (!id) return Error::not_found("kb.article_unknown");
  ArticleView v = TRY(read_article(ctx.env(), ctx.actor(), *id));
  if (!v.may_edit) return Error::forbidden("kb.not_author");
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  Article a = read_article_fields(in);
  Status done = in.finish_with(validate(a));
  if (done.ok()) done = edit_article(ctx.env(), ctx.actor(), *id, a);
  if (!done.ok()) {
    if (done.error().kind != ErrorKind::kInvalid) return done.release_error();
    return form_page(ctx, a, *id, &done.error());
  }
  return ctx.redirect("/kb/articles/" + std::to_string(*id), "saved");
}

// ---- workflow and study ----

using StepFn = Status (*)(Context&, web::Input&, int64_t);
using May = bool ArticleView::*;

// The reader's right to the step is checked before its input is read, so a caller
// without it learns nothing from a form error.
template <StepFn kTake, May kMay, bool kApi>
Reply step_route(Context& ctx) {
  auto id = web::id_param(ctx, "id");
  if (!id) return Error::not_found("kb.article_unknown");
  ArticleView before = TRY(read_article(ctx.env(), ctx.actor(), *id));
  if (!(before.*kMay)) return Error::forbidden("kb.step_not_allowed");
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  Status done = kTake(ctx, in, *id);
  if constexpr (kApi) {
    TRY(done);
    return ctx.json(200, article_api(TRY(read_article(ctx.env(), ctx.actor(), *id))));
  } else {
    if (!done.ok()) {
      if (!done.error().is_users_fault() || done.error().kind == ErrorKind::kNotFound)
        return done.release_error();
      return article_page(ctx, before, &in, &done.error());
    }
    return ctx.redirect("/kb/articles/" + std::to_string(*id), "saved");
  }
}

Status step_submit(Context& ctx, web::Input& in, int64_t id) {
  TRY(in.finish());
  return submit_article(ctx.env(), ctx.actor(), id);
}
Status step_approve(Context& ctx, web::Input& in, int64_t id) {
  TRY(in.finish());
  return approve_article(ctx.env(), ctx.actor(), id);
}
Status step_return(Context& ctx, web::Input& in, int64_t id) {
  auto note = in.text("note", {.max_chars = 2000, .multiline = true}).value_or("");
  TRY(in.finish());
  return return_article(ctx.env(), ctx.actor(), id, note);
}
Status step_withdraw(Context& ctx, web::Input& in, int64_t id) {
  TRY(in.finish());
  return withdraw_article(ctx.env(), ctx.actor(), id);
}

Status step_study(Context& ctx, web::Input& in, int64_t id) {
  std::vector<std::string> answers;
  if (in.is_json()) {
    answers = in.text_list("answers", kMaxQuestions, {.max_chars = 4000, .multiline = true})
                  .value_or(std::vector<std::string>{});
  } else {
    for (size_t i = 0; in.has("answer:" + std::to_string(i)); ++i)
      answers.push_back(in.text("answer:" + std::to_string(i),
                                {.required = false, .max_chars = 4000, .multiline = true})
                            .value_or(""));
  }
  TRY(in.finish());
  return study_article(ctx.env(), ctx.actor(), id, answers);
}

Status step_programme(Context& ctx, web::Input& in, int64_t id) {
  auto code = in.text("programme", {.max_chars = 32}).value_or("");
  const bool detach = in.flag("detach");
  TRY(in.finish());
  return link_programme(ctx.env(), ctx.actor(), id, code, !detach);
}

Reply show_studies(Context& ctx) {
  json rows = json::array();
  for (const StudyCount& s : TRY(study_report(ctx.env(), ctx.actor())))
    rows.push_back({{"id", s.article_id}, {"title", s.title}, {"people", s.people}});
  return ctx.page("kb_studies", {{"rows", rows}, {"empty", rows.empty()}}, "kb.studies_title");
}

Reply api_studies(Context& ctx) {
  json items = json::array();
  for (const StudyCount& s : TRY(study_report(ctx.env(), ctx.actor())))
    items.push_back({{"id", s.article_id}, {"title", s.title}, {"people", s.people}});
  return ctx.json(200, {{"items", items}});
}

template <StepFn kTake, May kMay>
constexpr auto page_step = step_route<kTake, kMay, false>;
template <StepFn kTake, May kMay>
constexpr auto api_step = step_route<kTake, kMay, true>;
constexpr May kSubmit = &ArticleView::may_submit;
constexpr May kApprove = &ArticleView::may_approve;
constexpr May kWithdraw = &ArticleView::may_withdraw;
constexpr May kStudy = &ArticleView::may_study;
constexpr May kLink = &ArticleView::may_link;

constexpr web::RouteOptions kArticleBody{.body_limit = 256 * 1024};
constexpr web::RouteOptions kForm{.body_limit = 32 * 1024};

const web::RouteDef kRoutes[] = {
    {"GET", "/kb", show_kb},
    {"GET", "/kb/new", show_new},
    {"GET", "/kb/studies", show_studies},
    {"POST", "/kb/articles", create_from_form, kArticleBody},
    {"GET", "/kb/articles/{id}", show_article},
    {"GET", "/kb/articles/{id}/edit", show_edit},
    {"POST", "/kb/articles/{id}", edit_from_form, kArticleBody},
    {"POST", "/kb/articles/{id}/submit", page_step<step_submit, kSubmit>, kForm},
    {"POST", "/kb/articles/{id}/approve", page_step<step_approve, kApprove>, kForm},
    {"POST", "/kb/articles/{id}/return", page_step<step_return, kApprove>, kForm},
    {"POST", "/kb/articles/{id}/withdraw", page_step<step_withdraw, kWithdraw>, kForm},
    {"POST", "/kb/articles/{id}/study", page_step<step_study, kStudy>, kForm},
    {"POST", "/kb/articles/{id}/programmes", page_step<step_programme, kLink>, kForm},
    {"GET", "/api/v1/kb/search", api_search},
    {"GET", "/api/v1/kb/articles", api_list},
    {"POST", "/api/v1/kb/articles", api_create, kArticleBody},
    {"GET", "/api/v1/kb/articles/{id}", api_article},
    {"POST", "/api/v1/kb/articles/{id}/submit", api_step<step_submit, kSubmit>, kForm},
    {"POST", "/api/v1/kb/articles/{id}/approve", api_step<step_approve, kApprove>, kForm},
    {"POST", "/api/v1/kb/articles/{id}/return", api_step<step_return, kApprove>, kForm},
    {"POST", "/api/v1/kb/articles/{id}/withdraw", api_step<step_withdraw, kWithdraw>, kForm},
    {"POST", "/api/v1/kb/articles/{id}/study", api_step<step_study, kStudy>, kForm},
    {"POST", "/api/v1/kb/articles/{id}/programmes", api_step<step_programme, kLink>, kForm},
    {"GET", "/api/v1/kb/studies", api_studies},
};

}  // namespace

void register_kb_routes(web::App& app) { app.router().add(kRoutes); }

}  // namespace harmoni::harmony
