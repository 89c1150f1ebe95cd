// A rater's side of a 360-degree campaign: the inbox of people still to rate, and the
// form (drafts, sending once), as pages and as JSON.
#include <fmt/format.h>

#include "competency/competency_cases.hpp"
#include "competency/competency_web.hpp"
#include "competency/views_web.hpp"
#include "org/org_cases.hpp"
#include "platform/web/routes_util.hpp"

namespace harmoni::competency {
namespace {

using nlohmann::json;
using web::Context;
using web::Reply;

// Scores, examples and a comment: a JSON body {"scores": {"HA.1": 4}, "examples":
// {...}, "comment": "..."}, or form fields "score:HA.1", "example:HA.1", "comment".
RatingAnswers read_answers(web::Input& in, RaterGroup group, const Scale& scale) {
  RatingAnswers a{.group = group};
  const web::TextRule example_rule{
      .required = false, .max_chars = kMaxExampleChars, .multiline = true};
  const web::IntRule score_rule{.required = false, .min = 0, .max = scale.max};
  auto read = [&](web::Input& scores, web::Input& examples, const std::string& score_prefix,
                  const std::string& example_prefix) {
    for (const auto& code : scores.keys_with_prefix(score_prefix)) {
      if (auto v = scores.integer(score_prefix + code, score_rule))
        a.scores[code] = static_cast<int>(*v);
    }
    for (const auto& code : examples.keys_with_prefix(example_prefix)) {
      if (auto v = examples.text(example_prefix + code, example_rule)) a.examples[code] = *v;
    }
  };
  if (in.is_json()) {
    auto scores = in.nested("scores");
    auto examples = in.nested("examples");
    web::Input none = web::Input::from_object(json::object(), true);
    read(scores ? *scores : none, examples ? *examples : none, "", "");
    if (scores) in.absorb("scores", *scores);
    if (examples) in.absorb("examples", *examples);
  } else {
    read(in, in, "score:", "example:");
  }
  if (auto c =
          in.text("comment", {.required = false, .max_chars = kMaxCommentChars, .multiline = true}))
    a.comment = *c;
  return a;
}

json scale_json(const Context& ctx) {
  const Scale& s = catalog().scale();
  json scores = json::array();
  for (int v = s.max; v >= 0; --v) {
    json one = {{"score", v}, {"label", s.labels.at(v).in(ctx.lang)}, {"extreme", s.is_extreme(v)}};
    if (v > 0) one["description"] = s.descriptions.at(v).in(ctx.lang);
    scores.push_back(one);
  }
  return {{"min", s.min}, {"max", s.max}, {"scores", scores}};
}

json assignment_json(const Context& ctx, const AssignmentRow& a, const Campaign& c) {
  return {
      {"id", a.id},
      {"campaign", {{"id", c.id}, {"name", c.settings.name}, {"deadline", c.settings.deadline}}},
      {"ratee", {{"nip", a.ratee_nip}, {"name", a.ratee_name}, {"unit", a.ratee_unit}}},
      {"group", enum_name(a.group)},
      {"group_label", ctx.t("competency.as." + std::string(enum_name(a.group)))},
      {"status", enum_name(a.status)},
      {"sent", a.status == AssignmentStatus::kSubmitted}};
}

// The form page: items grouped by what they roll up to, each with its anchors and the
// scores to choose from; the draft (or what was just sent back) filled in.
Reply form_page(Context& ctx, const OwnAssignment& own, const RatingAnswers* shown,
                const Error* error) {
  const Campaign& c = own.campaign;
  json groups = json::array();
  std::string current;
  const Scale& scale = catalog().scale();
  json by_field = error ? ctx.field_errors(*error)["by_field"] : json::object();
  json problems = json::array();
  for (const auto& item : c.instrument->items) {
    const std::string group = rollup_group(item);
    if (groups.empty() || current != group) {
      groups.push_back({{"title", group_title(ctx, c, group)}, {"items", json::array()}});
      current = group;
    }
    json view = item_json_for(ctx, item);
    int chosen = -1;
    if (shown) {
      auto it = shown->scores.find(item.code);
      if (it != shown->scores.end()) chosen = it->second;
      auto ex = shown->examples.find(item.code);
      view["example"] = ex == shown->examples.end() ? "" : ex->second;
    }
    json options = json::array();
    for (int v = scale.max; v >= 0; --v) {
      options.push_back({{"value", v},
                         {"label", scale.labels.at(v).in(ctx.lang)},
                         {"checked", v == chosen},
                         {"id", fmt::format("f-scores.{}-{}", item.code, v)},
                         {"first", v == scale.max}});
    }
    view["options"] = options;
    view["field_id"] = "f-scores." + item.code;
    const std::string score_field = "scores." + item.code, example_field = "examples." + item.code;
    if (by_field.contains(score_field)) view["score_error"] = by_field[score_field];
    if (by_field.contains(example_field)) view["example_error"] = by_field[example_field];
    for (const auto& f : {score_field, example_field}) {
      if (by_field.contains(f))
        problems.push_back({{"field", f},
                            {"label", item.code + " " + item.text.in(ctx.lang)},
                            {"message", by_field[f]}});
    }
    groups.back()["items"].push_back(view);
  }
  json data = {{"assignment", assignment_json(ctx, own.assignment, c)},
               {"scale", scale_json(ctx)},
               {"groups", groups},
               {"comment", shown ? shown->comment : ""},
               {"min_example", kMinExampleChars},
               {"extreme",
                [&] {
                  std::string out;
                  for (int v : scale.extreme) out += (out.empty() ? "" : " ") + std::to_string(v);
                  return out;
                }()},
               {"open", answering_allowed(ctx.env(), own).ok()}};
  if (error) {
    json errors = ctx.field_errors(*error);
    // Name items by their text, not by the field's code.
    if (!problems.empty()) errors["list"] = problems;
    data["errors"] = errors;
  }
  return ctx.form_page("rating_form", data, "competency.form_title", error);
}

json inbox_json(const Context& ctx, const Inbox& inbox) {
  json out = json::array();
  for (const auto& c : inbox.campaigns) {
    json pending = json::array(), sent = json::array();
    for (const auto& a : inbox.assignments) {
      if (a.campaign_id != c.id) continue;
      (a.status == AssignmentStatus::kSubmitted ? sent : pending)
          .push_back(assignment_json(ctx, a, c));
    }
    out.push_back({{"campaign",
                    {{"id", c.id},
                     {"name", c.settings.name},
                     {"starts_on", c.settings.starts_on},
                     {"deadline", c.settings.deadline}}},
                   {"pending", pending},
                   {"sent", sent},
                   {"pending_count", pending.size()},
                   {"has_pending", !pending.empty()},
                   {"has_sent", !sent.empty()}});
  }
  return out;
}

Result<OwnAssignment> path_assignment(const Context& ctx) {
  return own_assignment(ctx.env(), ctx.actor(), web::id_param(ctx, "id"));
}

// ---- handlers ----

// The rater's inbox, with their own results and plan.
Reply show_inbox(Context& ctx) {
  auto me = org::own_person(ctx.env(), ctx.actor());
  json data = {{"linked", me.ok()}};
  if (me.ok()) {
    Inbox inbox = TRY(inbox_of(ctx.env(), *me));
    json results = json::array();
    for (const auto& h : TRY(results_history(ctx.env(), *me))) {
      results.push_back({{"campaign_id", h.campaign_id}, {"name", h.campaign_name}});
    }
    data["campaigns"] = inbox_json(ctx, inbox);
    data["has_campaigns"] = !inbox.campaigns.empty();
    data["results"] = results;
    data["has_results"] = !results.empty();
    data["nip"] = me->nip;
  }
  return ctx.page("rating_inbox", data, "competency.inbox_title");
}

Reply show_form(Context& ctx) {
  OwnAssignment own = TRY(path_assignment(ctx));
  auto draft = TRY(draft_of(ctx.env(), own));
  return form_page(ctx, own, draft ? &*draft : nullptr, nullptr);
}

// "Simpan draf" keeps the answers for later; "Kirim" checks every item and sends once.
Reply post_form(Context& ctx) {
  OwnAssignment own = TRY(path_assignment(ctx));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  const bool send = in.raw("action") == "send";
  in.ignore("action");
  RatingAnswers answers = read_answers(in, own.assignment.group, catalog().scale());
  Status st = in.finish();
  if (st.ok()) st = save_answers(ctx.env(), ctx.actor(), own, answers, send);
  if (!st.ok()) return form_page(ctx, own, &answers, &st.error());
  return send ? ctx.redirect("/360", "competency.sent")
              : ctx.redirect("/360/forms/" + std::to_string(own.assignment.id),
                             "competency.draft_saved");
}

Reply api_inbox(Context& ctx) {
  org::Asn me = TRY(org::own_person(ctx.env(), ctx.actor()));
  return ctx.json(200, {{"items", inbox_json(ctx, TRY(inbox_of(ctx.env(), me)))}});
}

Reply api_assignment(Context& ctx) {
  OwnAssignment own = TRY(path_assignment(ctx));
  auto draft = TRY(draft_of(ctx.env(), own));
  json items = json::array();
  for (const auto& i : own.campaign.instrument->items) items.push_back(item_json_for(ctx, i));
  json body = {{"assignment", assignment_json(ctx, own.assignment, own.campaign)},
               {"scale", scale_json(ctx)},
               {"items", items},
               {"open", answering_allowed(ctx.env(), own).ok()},
               {"draft", nullptr}};
  if (draft) body["draft"] = json::parse(answers_json(*draft));
  return ctx.json(200, body);
}

// A draft (PUT .../draft, 200) or the form sent once (POST .../submit, 201).
template <bool kSend>
Reply api_save_answers(Context& ctx) {
  OwnAssignment own = TRY(path_assignment(ctx));
  auto in = TRY(ctx.input());
  RatingAnswers answers = read_answers(in, own.assignment.group, catalog().scale());
  TRY(in.finish());
  TRY(save_answers(ctx.env(), ctx.actor(), own, answers, kSend));
  return ctx.json(kSend ? 201 : 200, {{"status", kSend ? "submitted" : "draft"}});
}

const web::RouteDef kRoutes[] = {
    {"GET", "/360", show_inbox},
    {"GET", "/360/forms/{id}", show_form},
    {"POST", "/360/forms/{id}", post_form, {.body_limit = 256 * 1024}},
    {"GET", "/api/v1/me/assignments", api_inbox},
    {"GET", "/api/v1/assignments/{id}", api_assignment},
    {"PUT", "/api/v1/assignments/{id}/draft", api_save_answers<false>, {.body_limit = 256 * 1024}},
    {"POST", "/api/v1/assignments/{id}/submit", api_save_answers<true>, {.body_limit = 256 * 1024}},
};

}  // namespace

std::span<const web::RouteDef> rating_routes() { return kRoutes; }

}  // namespace harmoni::competency
