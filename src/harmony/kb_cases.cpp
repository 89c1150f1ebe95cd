#include "harmony/kb_cases.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "competency/shipped_catalog.hpp"
#include "harmony/anonymise.hpp"
#include "harmony/markdown.hpp"
#include "learning/jp.hpp"
#include "learning/learning_store.hpp"
#include "org/org_store.hpp"
#include "platform/inbox/inbox_store.hpp"
#include "platform/util/utf8.hpp"

namespace harmoni::harmony {
namespace {

constexpr size_t kMinAnswer = 20;

int64_t audience_of(const Article& a) { return a.scope == Scope::kAll ? 0 : a.instansi_id; }

Status index_published(db::Tx& tx, const Article& a) {
  TRY(unindex_article(tx, a.id));
  if (a.state != ArticleState::kPublished) return {};
  return index_articles(tx, {{.article_id = a.id,
                              .audience = audience_of(a),
                              .terms = index_terms(a.title, markdown_plain(a.body))}});
}

// Tags that name something of the instansi or the catalogue must name what exists.
Status check_tags(db::Tx& tx, int64_t instansi_id, const std::vector<Tag>& tags) {
  std::vector<FieldError> errors;
  for (const Tag& t : tags) {
    bool known = true;
    if (t.kind == TagKind::kProgramme) {
      known = TRY(learning::find_programme(tx, instansi_id, t.value)).has_value();
    } else if (t.kind == TagKind::kIndicator) {
      const auto& catalog = competency::catalog();
      known =
          catalog.find(t.value, "2023").has_value() || catalog.find(t.value, "2021").has_value();
    } else if (t.kind == TagKind::kRegion) {
      known = TRY(org::find_region(tx, t.value)).has_value();
    }
    if (!known) errors.push_back({"tags", "kb.tag_unknown", {{"tag", tag_text(t)}}});
  }
  if (errors.empty()) return {};
  return Error::fields_invalid(std::move(errors));
}

bool visible_to(const auth::Principal& p, const Article& a) {
  if (a.state == ArticleState::kPublished)
    return a.scope == Scope::kAll || p.instansi_id == a.instansi_id;
  // Drafts, pending and withdrawn ones: the writers of its instansi.
  return p.instansi_id == a.instansi_id && may_write_articles(p);
}

Result<Article> visible_article(db::Tx& tx, const Actor& actor, int64_t id) {
  auto a = TRY(find_article(tx, id));
  if (!a || !actor.signed_in() || !visible_to(actor.user(), *a))
    return Error::not_found("kb.article_unknown");
  return *a;
}

Status audit_article(const Env& env, const Actor& actor, db::Tx& tx, std::string action,
                     const Article& a) {
  return audit::append(
      tx, actor.audit(std::move(action), "kb_article", std::to_string(a.id), a.instansi_id),
      env.now_ms());
}

// A step of an article's life by someone of its instansi who may write.
using After = std::function<Status(db::Tx&, const Article&)>;
Status article_step(const Env& env, const Actor& actor, int64_t id, ArticleStep step,
                    const std::string& action, const After& after = nullptr) {
  if (!actor.signed_in() || !may_write_articles(actor.user())) return Error::forbidden();
  if ((step == ArticleStep::kApprove || step == ArticleStep::kReturn) &&
      !may_approve_articles(actor.user()))
    return Error::forbidden("kb.not_approver");
  return env.db.run_write([&](db::Tx& tx) -> Status {
    Article a = TRY(visible_article(tx, actor, id));
    if (step == ArticleStep::kSubmit && a.author_user_id != actor.user().user_id)
      return Error::forbidden("kb.not_author");
    a.state = TRY(state_after(a, step, actor.user().user_id));
    if (a.state == ArticleState::kPublished) {
      a.published_at = env.now_ms();
      if (step == ArticleStep::kApprove) a.approver_user_id = actor.user().user_id;
    }
    TRY(update_article(tx, a, env.now_seconds()));
    TRY(index_published(tx, a));
    if (after) TRY(after(tx, a));
    return audit_article(env, actor, tx, action, a);
  });
}

}  // namespace

Result<int64_t> write_article(const Env& env, const Actor& actor, Article a, bool publish) {
  if (!actor.signed_in() || !may_write_articles(actor.user())) return Error::forbidden();
  a.instansi_id = *actor.user().instansi_id;
  a.author_user_id = actor.user().user_id;
  a.case_id.reset();
  a.state = ArticleState::kDraft;
  TRY(validate(a));
  if (publish) {
    a.state = TRY(state_after(a, ArticleStep::kPublish, actor.user().user_id));
    a.published_at = env.now_ms();
  }
  return env.db.write([&](db::Tx& tx) -> Result<int64_t> {
    TRY(check_tags(tx, a.instansi_id, a.tags));
    a.id = TRY(insert_article(tx, a, env.now_seconds()));
    TRY(index_published(tx, a));
    TRY(audit_article(env, actor, tx, publish ? "kb.publish" : "kb.draft", a));
    return a.id;
  });
}

Status edit_article(const Env& env, const Actor& actor, int64_t id, Article changes) {
  if (!actor.signed_in() || !may_write_articles(actor.user())) return Error::forbidden();
  return env.db.run_write([&](db::Tx& tx) -> Status {
    Article a = TRY(visible_article(tx, actor, id));
    if (a.author_user_id != actor.user().user_id) return Error::forbidden("kb.not_author");
    // Lessons of a case change only while a draft: the approval covers what is published.
    if (a.state != ArticleState::kDraft && (a.case_id || a.state != ArticleState::kPublished))
      return Error::conflict("kb.step_not_allowed");
    a.title = std::move(changes.title);
    a.body = std::move(changes.body);
    a.questions = std::move(changes.questions);
    a.tags = std::move(changes.tags);
    a.scope = changes.scope;
    TRY(validate(a));
    TRY(check_tags(tx, a.instansi_id, a.tags));
    TRY(update_article(tx, a, env.now_seconds()));
    TRY(index_published(tx, a));
    return audit_article(env, actor, tx, "kb.edit", a);
  });
}

Result<int64_t> draft_from_case(const Env& env, const Actor& actor, int64_t case_id,
                                const Labels& labels) {
  CaseView v = TRY(read_case(env, actor, case_id));
  if (!v.rights.handle) return Error::forbidden("harmony.not_handler");
  if (v.c.status != State::kClosed) return Error::conflict("kb.case_not_closed");
  if (v.article_id) return Error::conflict("kb.case_has_article");
  return env.db.write([&](db::Tx& tx) -> Result<int64_t> {
    Identifiers ids;
    for (const Party& p : v.parties)
      if (!p.asn_name.empty()) ids.names.push_back(p.asn_name);
    for (const Session& s : v.sessions)
      if (!s.facilitator_name.empty()) ids.names.push_back(s.facilitator_name);
    for (const Agreement& a : v.agreements)
      if (!a.owner_name.empty()) ids.names.push_back(a.owner_name);
    for (const StepRecord& s : v.steps)
      if (!s.actor_name.empty()) ids.names.push_back(s.actor_name);
    ids.places.push_back(v.instansi_name);
    for (const org::Unit& u : TRY(org::list_units(tx, v.c.instansi_id)))
      ids.places.push_back(u.name);
    std::string province;
    if (!v.c.region_code.empty()) {
      province = v.c.region_code.substr(0, 2);
      for (const std::string& code : {v.c.region_code, province})
        if (auto r = TRY(org::find_region(tx, code))) ids.places.push_back(r->name);
    }
    auto clean = [&](const std::string& text) { return anonymise(text, ids); };
    auto label = [&](std::string_view prefix, std::string_view name) {
      return labels(std::string(prefix) + std::string(name));
    };

    std::string md = "## " + labels("kb.draft.background") + "\n\n" + clean(v.c.summary) + "\n\n";
    std::string facts, opinions;
    for (const Finding& f : v.findings) {
      if (f.is_fact) {
        facts += "- " + clean(f.text) +
                 (f.source ? " (" + label("harmony.source.", enum_name(*f.source)) + ")" : "") +
                 "\n";
      } else {
        opinions += "- " +
                    (f.side ? labels("harmony.side") + " " + std::to_string(*f.side) + ": " : "") +
                    clean(f.text) + "\n";
      }
    }
    if (!facts.empty()) md += "## " + labels("kb.draft.facts") + "\n\n" + facts + "\n";
    if (!opinions.empty()) md += "## " + labels("kb.draft.opinions") + "\n\n" + opinions + "\n";
    if (!v.causes.empty()) {
      md += "## " + labels("kb.draft.causes") + "\n\n";
      for (const Cause& c : v.causes) {
        md += "- **" + label("harmony.cause.", enum_name(c.category)) + "**: ";
        for (size_t i = 0; i < c.whys.size(); ++i) md += (i ? " → " : "") + clean(c.whys[i]);
        md += "\n";
      }
      md += "\n";
    }
    if (!v.c.rule.empty())
      md += "## " + labels("kb.draft.rule") + "\n\n" + clean(v.c.rule) + "\n\n";
    if (!v.sessions.empty()) {
      md += "## " + labels("kb.draft.dialogue") + "\n\n";
      for (size_t i = 0; i < v.sessions.size(); ++i) {
        md += "- " + labels("kb.draft.session") + " " + std::to_string(i + 1) + "\n";
        for (const Need& n : v.sessions[i].needs)
          md += "  - " + labels("harmony.side") + " " + std::to_string(n.side) + ": " +
                clean(n.text) + "\n";
      }
      md += "\n";
    }
    if (!v.agreements.empty()) {
      md += "## " + labels("kb.draft.agreements") + "\n\n";
      for (const Agreement& a : v.agreements)
        md += "- " + clean(a.text) + " (" + label("harmony.agreement.", enum_name(a.state)) + ")\n";
      md += "\n";
    }
    if (v.c.outcome)
      md += "## " + labels("kb.draft.outcome") + "\n\n" +
            label("harmony.outcome.", enum_name(*v.c.outcome)) + ": " + clean(v.c.outcome_reason) +
            "\n\n";
    md += "## " + labels("kb.draft.lessons") + "\n\n" + labels("kb.draft.lessons_hint") + "\n";

    Article a{
        .instansi_id = v.c.instansi_id,
        .title = labels("kb.draft.title") + ": " + label("harmony.kind.", enum_name(v.c.kind)),
        .body = std::move(md),
        .questions = {labels("kb.draft.question1"), labels("kb.draft.question2")},
        .scope = Scope::kInstansi,
        .state = ArticleState::kDraft,
        .case_id = v.c.id,
        .author_user_id = actor.user().user_id};
    a.tags.push_back({TagKind::kKind, std::string(enum_name(v.c.kind))});
    if (v.c.dimension)
      a.tags.push_back({TagKind::kDimension, std::string(enum_name(*v.c.dimension))});
    a.tags.push_back({TagKind::kSetting, std::string(enum_name(v.c.setting))});
    // The province only: a regency would point at the place.
    if (!province.empty()) a.tags.push_back({TagKind::kRegion, province});
    a.id = TRY(insert_article(tx, a, env.now_seconds()));
    TRY(audit_article(env, actor, tx, "kb.draft_from_case", a));
    return a.id;
  });
}

Status submit_article(const Env& env, const Actor& actor, int64_t id) {
  return article_step(env, actor, id, ArticleStep::kSubmit, "kb.submit");
}
Status approve_article(const Env& env, const Actor& actor, int64_t id) {
  return article_step(env, actor, id, ArticleStep::kApprove, "kb.approve");
}
Status withdraw_article(const Env& env, const Actor& actor, int64_t id) {
  return article_step(env, actor, id, ArticleStep::kWithdraw, "kb.withdraw");
}

Status return_article(const Env& env, const Actor& actor, int64_t id, const std::string& note) {
  if (utf8_length(note) < 5) return Error::field("note", "input.too_short", {{"min", "5"}});
  return article_step(env, actor, id, ArticleStep::kReturn, "kb.return",
                      [&](db::Tx& tx, const Article& a) -> Status {
                        if (!a.author_user_id) return {};
                        return inbox::notify(tx, *a.author_user_id, "inbox.kb_returned",
                                             {{"note", note}}, "/kb/articles/" + std::to_string(id),
                                             env.now_ms());
                      });
}

Result<ArticleView> read_article(const Env& env, const Actor& actor, int64_t id) {
  return env.db.read([&](db::Tx& tx) -> Result<ArticleView> {
    Article found = TRY(visible_article(tx, actor, id));
    ArticleView v{.article = std::move(found)};
    const auth::Principal& p = actor.user();
    const Article& a = v.article;
    const bool own_instansi = p.instansi_id == a.instansi_id;
    const bool author = a.author_user_id == p.user_id;
    v.may_edit = author && (a.state == ArticleState::kDraft ||
                            (a.state == ArticleState::kPublished && !a.case_id));
    v.may_submit = author && a.state == ArticleState::kDraft && a.case_id.has_value();
    v.may_approve =
        own_instansi && !author && may_approve_articles(p) && a.state == ArticleState::kPending;
    v.may_withdraw = own_instansi && may_write_articles(p) && a.state == ArticleState::kPublished;
    if (p.asn_id && a.state == ArticleState::kPublished) {
      v.studied = TRY(has_studied(tx, a.id, *p.asn_id));
      v.may_study = !v.studied;
      const int minutes = TRY(load_settings(tx, *p.instansi_id)).study_minutes;
      const auto ledger = TRY(learning::load_settings(tx, *p.instansi_id));
      v.study_jp_e2 = learning::minutes_to_jp_e2(minutes, ledger.minutes_per_jp);
    }
    v.may_link = own_instansi && p.can(auth::Permission::kLearningManage) &&
                 a.state == ArticleState::kPublished;
    if (p.instansi_id) v.programmes = TRY(programmes_of_article(tx, a.id, *p.instansi_id));
    return v;
  });
}

Result<SearchPage> search_articles(const Env& env, const Actor& actor, std::string_view query,
                                   const std::vector<Tag>& filters, int offset, int limit) {
  if (!actor.signed_in()) return Error::forbidden();
  SearchPage page{.terms = distinct_terms(query)};
  if (page.terms.empty()) return Error::field("q", "kb.query_empty");
  const int64_t reader = actor.user().instansi_id.value_or(0);
  return env.db.read([&](db::Tx& tx) -> Result<SearchPage> {
    auto hits = TRY(search(tx, {.terms = page.terms,
                                .instansi_id = reader,
                                .filters = filters,
                                .offset = offset,
                                .limit = limit + 1}));
    page.more = static_cast<int>(hits.size()) > limit;
    if (page.more) hits.pop_back();
    for (const Hit& h : hits) {
      auto a = TRY(find_article(tx, h.article_id));
      if (!a || !visible_to(actor.user(), *a)) continue;  // the index and the row agree; kept safe
      Found f{.article = std::move(*a), .score = h.score};
      f.snippet = snippet(markdown_plain(f.article.body), page.terms);
      page.items.push_back(std::move(f));
    }
    return page;
  });
}

Result<std::vector<Article>> browse_articles(const Env& env, const Actor& actor,
                                             std::optional<ArticleState> state,
                                             std::optional<Tag> tag, int offset, int limit) {
  if (!actor.signed_in()) return Error::forbidden();
  if (state && *state != ArticleState::kPublished && !may_write_articles(actor.user()))
    return Error::forbidden();
  return env.db.read([&](db::Tx& tx) {
    return list_articles(tx, {.instansi_id = actor.user().instansi_id.value_or(0),
                              .state = state,
                              .tag = tag,
                              .offset = offset,
                              .limit = limit});
  });
}

Status study_article(const Env& env, const Actor& actor, int64_t id,
                     const std::vector<std::string>& answers) {
  if (!actor.signed_in() || !actor.user().asn_id || !actor.user().instansi_id)
    return Error::forbidden("kb.study_needs_asn");
  const int64_t asn = *actor.user().asn_id;
  const int64_t instansi = *actor.user().instansi_id;
  return env.db.run_write([&](db::Tx& tx) -> Status {
    Article a = TRY(visible_article(tx, actor, id));
    if (a.state != ArticleState::kPublished) return Error::conflict("kb.step_not_allowed");
    std::vector<FieldError> errors;
    if (answers.size() != a.questions.size())
      errors.push_back(
          {"answers", "kb.answers_count", {{"n", std::to_string(a.questions.size())}}});
    for (size_t i = 0; i < answers.size(); ++i)
      if (utf8_length(answers[i]) < kMinAnswer)
        errors.push_back({"answers[" + std::to_string(i) + "]",
                          "input.too_short",
                          {{"min", std::to_string(kMinAnswer)}}});
    if (!errors.empty()) return Error::fields_invalid(std::move(errors));
    if (!TRY(record_study(tx, a.id, asn, instansi, answers, env.now_ms())))
      return Error::conflict("kb.studied_already");
    const Settings settings = TRY(load_settings(tx, instansi));
    if (settings.study_minutes > 0) {
      const auto ledger = TRY(learning::load_settings(tx, instansi));
      learning::LearningRecord record{
          .asn_id = asn,
          .source = learning::Source::kKb,
          .source_ref = fmt::format("kb:{}:{}", a.id, asn),
          .verb = "completed",
          .title = a.title,
          .activity_type = "self_study",
          .completed_on = date_in_wib(env.now_ms()),
          .minutes = settings.study_minutes,
          .jp_e2 = learning::minutes_to_jp_e2(settings.study_minutes, ledger.minutes_per_jp)};
      TRY(learning::record_learning(tx, {record}, env.now_seconds()));
    }
    return audit_article(env, actor, tx, "kb.study", a);
  });
}

Result<std::vector<StudyCount>> study_report(const Env& env, const Actor& actor) {
  if (!actor.signed_in() || !actor.user().instansi_id ||
      !actor.user().can(auth::Permission::kDevelopmentOversee))
    return Error::forbidden();
  return env.db.read([&](db::Tx& tx) { return study_counts(tx, *actor.user().instansi_id, 100); });
}

Status link_programme(const Env& env, const Actor& actor, int64_t article_id,
                      const std::string& programme_code, bool attach) {
  if (!actor.signed_in() || !actor.user().instansi_id ||
      !actor.user().can(auth::Permission::kLearningManage))
    return Error::forbidden();
  const int64_t instansi = *actor.user().instansi_id;
  return env.db.run_write([&](db::Tx& tx) -> Status {
    Article a = TRY(visible_article(tx, actor, article_id));
    if (a.state != ArticleState::kPublished) return Error::conflict("kb.step_not_allowed");
    auto programme = TRY(learning::find_programme(tx, instansi, programme_code));
    if (!programme) return Error::field("programme", "kb.programme_unknown");
    if (attach) {
      TRY(attach_article(tx, programme->id, a.id));
    } else {
      TRY(detach_article(tx, programme->id, a.id));
    }
    return audit::append(tx,
                         actor.audit(attach ? "kb.programme_attach" : "kb.programme_detach",
                                     "kb_article", std::to_string(a.id), instansi,
                                     fmt::format(R"({{"programme":{}}})", programme->id)),
                         env.now_ms());
  });
}

}  // namespace harmoni::harmony
