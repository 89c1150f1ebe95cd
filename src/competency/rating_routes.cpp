// A rater's side of a 360-degree campaign: the inbox of people still to rate, and the
// form (drafts, sending once), as pages and as JSON.
#include <fmt/format.h>

#include "competency/access_web.hpp"
#include "competency/competency_web.hpp"
#include "competency/views_web.hpp"
#include "platform/audit/audit.hpp"
#include "platform/web/routes_util.hpp"

namespace harmoni::competency {
namespace {

using nlohmann::json;
using web::Context;
using web::Reply;

// The caller's own assignment with its campaign; "not found" for anyone else's.
struct OwnAssignment {
  AssignmentRow assignment;
  Campaign campaign;
};

Result<OwnAssignment> own_assignment(const Context& ctx) {
  auto id = web::id_param(ctx, "id");
  const auto& p = ctx.user();
  if (!id || !p.asn_id) return Error::not_found("competency.assignment_unknown");
  auto found = TRY(ctx.services.db.read([&](db::Tx& tx) -> Result<std::optional<OwnAssignment>> {
    auto a = TRY(find_assignment(tx, *id));
    if (!a || a->rater_asn_id != *p.asn_id || a->status == AssignmentStatus::kRemoved)
      return std::optional<OwnAssignment>();
    auto c = TRY(find_campaign(tx, a->campaign_id));
    if (!c || c->status == CampaignStatus::kDraft) return std::optional<OwnAssignment>();
    return std::optional<OwnAssignment>(OwnAssignment{std::move(*a), std::move(*c)});
  }));
  if (!found) return Error::not_found("competency.assignment_unknown");
  return std::move(*found);
}

// Forms are answered while the campaign is open, from its first day to its deadline.
Status answering_allowed(const Context& ctx, const OwnAssignment& own) {
  if (own.campaign.status != CampaignStatus::kOpen)
    return Error::conflict("competency.campaign_closed");
  const std::string today = format_date(today_wib(ctx));
  if (today < own.campaign.settings.starts_on) {
    return Error::conflict("competency.not_started", {{"date", own.campaign.settings.starts_on}});
  }
  if (today > own.campaign.settings.deadline) {
    return Error::conflict("competency.deadline_passed",
                           {{"date", own.campaign.settings.deadline}});
  }
  if (own.assignment.status == AssignmentStatus::kSubmitted)
    return Error::conflict("competency.already_sent");
  return {};
}

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
               {"open", answering_allowed(ctx, own).ok()}};
  if (error) {
    json errors = ctx.field_errors(*error);
    // Name items by their text, not by the field's code.
    if (!problems.empty()) errors["list"] = problems;
    data["errors"] = errors;
  }
  return ctx.page("rating_form", data, "competency.form_title", form_status(error));
}

// Saves a draft or sends the form; the same checks for the page and the API.
Status save_or_send(Context& ctx, const OwnAssignment& own, const RatingAnswers& answers,
                    bool send) {
  TRY(answering_allowed(ctx, own));
  TRY(validate_answers(answers, *own.campaign.instrument, catalog().scale(), send));
  const int64_t now = ctx.services.clock.now_seconds();
  if (!send)
    return ctx.services.db.write(
        [&](db::Tx& tx) { return save_draft(tx, own.assignment.id, answers, now); });
  // A random id: stored forms keep no order that could be matched to who sent them.
  uint64_t random = 0;
  ctx.services.random.fill(std::span(reinterpret_cast<unsigned char*>(&random), sizeof random));
  const int64_t response_id = static_cast<int64_t>(random >> 2) + 1;
  return ctx.services.db.write([&](db::Tx& tx) -> Status {
    TRY(submit_answers(tx, own.assignment, answers, response_id, now));
    return audit::append(tx,
                         ctx.audit("competency.rating_send", "rater_assignment",
                                   std::to_string(own.assignment.id), own.campaign.instansi_id),
                         ctx.now_ms());
  });
}

json inbox_json(const Context& ctx, const std::vector<AssignmentRow>& rows,
                const std::vector<Campaign>& campaigns) {
  json out = json::array();
  for (const auto& c : campaigns) {
    json pending = json::array(), sent = json::array();
    for (const auto& a : rows) {
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

Result<std::pair<std::vector<AssignmentRow>, std::vector<Campaign>>> load_inbox(const Context& ctx,
                                                                                int64_t asn_id) {
  return ctx.services.db.read(
      [&](db::Tx& tx) -> Result<std::pair<std::vector<AssignmentRow>, std::vector<Campaign>>> {
        auto rows = TRY(rater_inbox(tx, asn_id));
        std::vector<Campaign> campaigns;
        for (const auto& a : rows) {
          if (!campaigns.empty() && campaigns.back().id == a.campaign_id) continue;
          if (auto c = TRY(find_campaign(tx, a.campaign_id))) campaigns.push_back(std::move(*c));
        }
        return std::pair{std::move(rows), std::move(campaigns)};
      });
}

template <bool kSend>
Reply api_save_answers(Context& ctx) {
  OwnAssignment own = TRY(own_assignment(ctx));
  auto in = TRY(ctx.input());
  RatingAnswers answers = read_answers(in, own.assignment.group, catalog().scale());
  TRY(in.finish());
  TRY(save_or_send(ctx, own, answers, kSend));
  return ctx.json(kSend ? 201 : 200, {{"status", kSend ? "submitted" : "draft"}});
}

}  // namespace

void register_rating_routes(web::App& app) {
  auto& r = app.router();

  // ---- pages ----
  // The rater's inbox, with their own results and plan.
  r.add({"GET", "/360", [](Context& ctx) -> Reply {
           auto me = own_person(ctx.env(), ctx.actor());
           json data = {{"linked", me.ok()}};
           if (me.ok()) {
             auto [rows, campaigns] = TRY(load_inbox(ctx, me->id));
             auto history = TRY(
                 ctx.services.db.read([&](db::Tx& tx) { return results_of_person(tx, me->id); }));
             json results = json::array();
             for (const auto& h : history)
               results.push_back({{"campaign_id", h.campaign_id}, {"name", h.campaign_name}});
             data["campaigns"] = inbox_json(ctx, rows, campaigns);
             data["has_campaigns"] = !campaigns.empty();
             data["results"] = results;
             data["has_results"] = !results.empty();
             data["nip"] = me->nip;
           }
           return ctx.page("rating_inbox", data, "competency.inbox_title");
         }});

  r.add({"GET", "/360/forms/{id}", [](Context& ctx) -> Reply {
           OwnAssignment own = TRY(own_assignment(ctx));
           auto draft = TRY(
               ctx.services.db.read([&](db::Tx& tx) { return load_draft(tx, own.assignment); }));
           return form_page(ctx, own, draft ? &*draft : nullptr, nullptr);
         }});

  // "Simpan draf" keeps the answers for later; "Kirim" checks every item and sends once.
  r.add({"POST",
         "/360/forms/{id}",
         [](Context& ctx) -> Reply {
           OwnAssignment own = TRY(own_assignment(ctx));
           auto in = TRY(ctx.input());
           in.ignore("_csrf");
           const bool send = in.raw("action") == "send";
           in.ignore("action");
           RatingAnswers answers = read_answers(in, own.assignment.group, catalog().scale());
           Status st = in.finish();
           if (st.ok()) st = save_or_send(ctx, own, answers, send);
           if (!st.ok()) return form_page(ctx, own, &answers, &st.error());
           return send ? ctx.redirect("/360", "competency.sent")
                       : ctx.redirect("/360/forms/" + std::to_string(own.assignment.id),
                                      "competency.draft_saved");
         },
         {.body_limit = 256 * 1024}});

  // ---- API ----
  r.add({"GET", "/api/v1/me/assignments", [](Context& ctx) -> Reply {
           org::Asn me = TRY(own_person(ctx.env(), ctx.actor()));
           auto [rows, campaigns] = TRY(load_inbox(ctx, me.id));
           return ctx.json(200, {{"items", inbox_json(ctx, rows, campaigns)}});
         }});

  r.add({"GET", "/api/v1/assignments/{id}", [](Context& ctx) -> Reply {
           OwnAssignment own = TRY(own_assignment(ctx));
           auto draft = TRY(
               ctx.services.db.read([&](db::Tx& tx) { return load_draft(tx, own.assignment); }));
           json items = json::array();
           for (const auto& i : own.campaign.instrument->items)
             items.push_back(item_json_for(ctx, i));
           json body = {{"assignment", assignment_json(ctx, own.assignment, own.campaign)},
                        {"scale", scale_json(ctx)},
                        {"items", items},
                        {"open", answering_allowed(ctx, own).ok()},
                        {"draft", nullptr}};
           if (draft) body["draft"] = json::parse(answers_json(*draft));
           return ctx.json(200, body);
         }});

  // A draft (PUT .../draft, 200) or the form sent once (POST .../submit, 201).
  r.add({"PUT",
         "/api/v1/assignments/{id}/draft",
         api_save_answers<false>,
         {.body_limit = 256 * 1024}});
  r.add({"POST",
         "/api/v1/assignments/{id}/submit",
         api_save_answers<true>,
         {.body_limit = 256 * 1024}});
}

}  // namespace harmoni::competency
