// Use cases of the knowledge base: writing articles (directly, or as the lessons of a
// closed case, anonymised and approved by a second handler), reading and searching
// them, studying one for self-learning JP, and attaching them to programmes.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "harmony/harmony_cases.hpp"
#include "harmony/kb_store.hpp"
#include "platform/cases/env.hpp"

namespace harmoni::harmony {

// Written directly by a case handler or an HR developer: published at once unless kept
// as a draft. Tags naming programmes and indicators must exist.
Result<int64_t> write_article(const Env& env, const Actor& actor, Article a, bool publish);
// The author changes a draft (or, for one they may publish, a published article: it is
// indexed again).
Status edit_article(const Env& env, const Actor& actor, int64_t id, Article changes);

// The catalogue's words for the headings of a case's lessons, in the writer's language.
using Labels = std::function<std::string(const std::string& key)>;
// The lessons of a closed case as a draft: what the case says, with the names, NIPs,
// places and dates of its people taken out. Handlers only; one article per case.
Result<int64_t> draft_from_case(const Env& env, const Actor& actor, int64_t case_id,
                                const Labels& labels);
// The author confirms; a second handler approves (published, indexed) or returns it.
Status submit_article(const Env& env, const Actor& actor, int64_t id);
Status approve_article(const Env& env, const Actor& actor, int64_t id);
Status return_article(const Env& env, const Actor& actor, int64_t id, const std::string& note);
Status withdraw_article(const Env& env, const Actor& actor, int64_t id);

struct ArticleView {
  Article article;
  bool may_edit = false;
  bool may_submit = false;
  bool may_approve = false;
  bool may_withdraw = false;
  bool may_study = false;  // an ASN who has not studied it yet
  bool may_link = false;   // HR: attach it to a programme
  bool studied = false;
  int64_t study_jp_e2 = 0;  // what studying it earns, hundredths of a JP
  std::vector<ProgrammeRef> programmes;
};
// Published articles for the reader's instansi (or all); drafts and pending ones only to
// writers of its instansi. Not found otherwise.
Result<ArticleView> read_article(const Env& env, const Actor& actor, int64_t id);

struct Found {
  Article article;
  double score = 0;
  std::vector<Fragment> snippet;
};
struct SearchPage {
  std::vector<std::string> terms;  // the query's stems
  std::vector<Found> items;
  bool more = false;
};
// Any signed-in user: their instansi's articles and those for every instansi.
Result<SearchPage> search_articles(const Env& env, const Actor& actor, std::string_view query,
                                   const std::vector<Tag>& filters, int offset, int limit);
// Browsing without a query, newest first; drafts and pending ones for writers.
Result<std::vector<Article>> browse_articles(const Env& env, const Actor& actor,
                                             std::optional<ArticleState> state,
                                             std::optional<Tag> tag, int offset, int limit);

// An ASN studied an article and answered its reflection questions (each at least 20
// characters): credited once, by the instansi's settings, as self-learning (source 'kb').
Status study_article(const Env& env, const Actor& actor, int64_t id,
                     const std::vector<std::string>& answers);
// HR: which articles the instansi's people studied, in aggregate.
Result<std::vector<StudyCount>> study_report(const Env& env, const Actor& actor);
// HR: a programme of the instansi uses an article as case-study material (or no longer).
Status link_programme(const Env& env, const Actor& actor, int64_t article_id,
                      const std::string& programme_code, bool attach);
}  // namespace harmoni::harmony
