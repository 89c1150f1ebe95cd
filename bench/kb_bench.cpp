// The knowledge base at scale: `articles` synthetic articles of about 1 KB (Indonesian
// words drawn from the demo's 32 articles with a Zipf-like frequency, so common words
// are common and rare ones rare), stored and indexed in transactions of 1,000 (the way
// an import writes), then `queries` searches of one to three words (uniformly drawn
// word forms, so affixed forms meet their stems), one at a time, as a reader of one
// instansi. Prints the indexing time and the search latency p50/p99/max.
//   kb_bench [articles] [queries] [db-url]   (default: 100000 1000, a temporary SQLite file)
// CACHE_MB sets SQLite's writer page cache (default here 256; the server's default is 32).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "harmony/article_file.hpp"
#include "harmony/kb_store.hpp"
#include "harmony/markdown.hpp"
#include "org/org_store.hpp"
#include "platform/db/migrate.hpp"
#include "platform/embedded.hpp"
#include "platform/util/clock.hpp"

using namespace harmoni;
using namespace harmoni::harmony;

namespace {

int fail(const Error& e) {
  std::fprintf(stderr, "failed: %s %s\n", e.key.c_str(), e.internal_detail.c_str());
  return 1;
}

// The demo articles' words as written (lower case, letters only), most frequent first.
std::vector<std::string> vocabulary() {
  std::map<std::string, int> counts;
  for (int i = 1;; ++i) {
    auto text = embedded_file(fmt::format("data/kb/demo/{:02d}.md", i));
    if (!text) break;
    const std::string plain = markdown_plain(parse_article_file(*text).value().body);
    std::string word;
    for (char c : plain + " ") {
      if (std::isalpha(static_cast<unsigned char>(c))) {
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      } else {
        if (word.size() >= 3) ++counts[word];
        word.clear();
      }
    }
  }
  std::vector<std::pair<int, std::string>> ranked;
  for (auto& [w, n] : counts) ranked.emplace_back(-n, w);
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  for (auto& [n, w] : ranked) out.push_back(w);
  return out;
}

double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::stoi(argv[1]) : 100'000;
  const int queries = argc > 2 ? std::stoi(argv[2]) : 1000;
  std::string dir =
      (std::filesystem::temp_directory_path() / ("harmoni-kb-bench-" + std::to_string(getpid())))
          .string();
  std::filesystem::create_directories(dir);
  const std::string url = argc > 3 ? argv[3] : "sqlite:" + dir + "/bench.db";
  // QUERY=text searches only that; READING=a,b,c sets the search's ListReading. SEARCH_ONLY=1 with
  // a database this bench indexed before: only the searches run again.
  const bool search_only = std::getenv("SEARCH_ONLY") != nullptr;
  SystemClock clock;
  db::DatabaseOptions options;
  options.sqlite_writer_cache_mb =
      std::getenv("CACHE_MB") ? std::stoi(std::getenv("CACHE_MB")) : 256;
  auto opened = db::open_database(url, options);
  if (!opened.ok()) return fail(opened.error());
  db::Database& database = *opened.value();
  if (auto m = db::migrate(database, clock); !m.ok()) return fail(m.error());
  auto instansi = database.write([&](db::Tx& tx) -> Result<int64_t> {
    if (search_only) return tx.scalar_i64("SELECT id FROM instansi WHERE code = 'BENCH'");
    return org::insert_instansi(
        tx, {.code = "BENCH", .name = "Instansi Bench", .kind = "daerah", .region_code = ""}, 1);
  });
  if (!instansi.ok()) return fail(instansi.error());

  const std::vector<std::string> words = vocabulary();
  std::mt19937_64 rng(42);
  // Zipf-like: rank r drawn with weight 1 / (r + 10).
  std::vector<double> weights;
  for (size_t r = 0; r < words.size(); ++r) weights.push_back(1.0 / (static_cast<double>(r) + 10));
  std::discrete_distribution<size_t> zipf(weights.begin(), weights.end());
  auto sentence = [&](int count) {
    std::string s;
    for (int i = 0; i < count; ++i) s += (i ? " " : "") + words[zipf(rng)];
    return s;
  };

  std::printf("%s: %zu distinct word forms\n", db::redact_url(url).c_str(), words.size());
  const auto started = std::chrono::steady_clock::now();
  int64_t bytes = 0;
  double analysis_ms = 0;  // stemming and counting, apart from the writes
  for (int done = search_only ? n : 0; done < n;) {
    const int batch = std::min(1000, n - done);
    Status st = database.run_bulk_write([&](db::Tx& tx) -> Status {
      std::vector<ToIndex> index;
      for (int i = 0; i < batch; ++i) {
        Article a{
            .instansi_id = *instansi,
            .title = sentence(5),
            .body = "## " + sentence(3) + "\n\n" + sentence(70) + ".\n\n" + sentence(70) + ".",
            .scope = (done + i) % 5 == 0 ? Scope::kAll : Scope::kInstansi,
            .state = ArticleState::kPublished,
            .published_at = 1};
        bytes += static_cast<int64_t>(a.body.size());
        const int64_t id = TRY(insert_article(tx, a, 1));
        const auto analysed = std::chrono::steady_clock::now();
        IndexedTerms terms = index_terms(a.title, markdown_plain(a.body));
        analysis_ms += ms_since(analysed);
        index.push_back({.article_id = id,
                         .audience = a.scope == Scope::kAll ? 0 : a.instansi_id,
                         .terms = std::move(terms)});
      }
      return index_articles(tx, index);
    });
    if (!st.ok()) return fail(st.error());
    done += batch;
  }
  const double index_s = ms_since(started) / 1000;
  if (!search_only)
    std::printf(
        "indexed %d articles (%.0f bytes of text each on average) in %.1f s: %.0f articles/s "
        "(text analysis %.1f s of it)\n",
        n, static_cast<double>(bytes) / n, index_s, n / index_s, analysis_ms / 1000);

  // Queries: word forms drawn uniformly (most are uncommon, as searches are), 1-3 words.
  std::uniform_int_distribution<size_t> any(0, words.size() - 1);
  std::uniform_int_distribution<int> length(1, 3);
  ListReading reading;  // READING=first_slice,short_list,lookup_rows to tune the defaults
  if (const char* r = std::getenv("READING"))
    std::sscanf(r, "%ld,%ld,%ld", &reading.first_slice, &reading.short_list, &reading.lookup_rows);
  std::vector<double> took;
  std::vector<std::pair<double, std::string>> slowest;
  int64_t hits = 0;
  for (int q = 0; q < queries; ++q) {
    std::string text;
    for (int i = length(rng); i > 0; --i) text += words[any(rng)] + " ";
    if (const char* only = std::getenv("QUERY")) text = only;  // one search, to study it
    const auto t = std::chrono::steady_clock::now();
    auto found = database.read([&](db::Tx& tx) {
      return search(tx, {.terms = distinct_terms(text),
                         .instansi_id = *instansi,
                         .limit = 20,
                         .reading = reading});
    });
    if (!found.ok()) return fail(found.error());
    took.push_back(ms_since(t));
    slowest.emplace_back(took.back(), text);
    hits += static_cast<int64_t>(found->size());
  }
  std::sort(took.begin(), took.end());
  std::sort(slowest.rbegin(), slowest.rend());
  for (size_t i = 0; i < std::min<size_t>(5, slowest.size()); ++i)
    std::printf("  slow: %.1f ms for \"%s\"\n", slowest[i].first, slowest[i].second.c_str());
  auto at = [&](double p) { return took[static_cast<size_t>(p * (took.size() - 1))]; };
  std::printf("search (%d queries, %.1f results each): p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
              queries, static_cast<double>(hits) / queries, at(0.5), at(0.99), took.back());
  std::filesystem::remove_all(dir);
  return 0;
}
