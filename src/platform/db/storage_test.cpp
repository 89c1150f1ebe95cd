// The storage contract, run against every backend from this one source.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "platform/audit/audit.hpp"
#include "platform/db/migrate.hpp"
#include "support/backends.hpp"

namespace harmoni::db {
namespace {

class Storage : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = test::open_backend(GetParam());
    Status st = t_.db->write([](Tx& tx) -> Status {
      TRY(tx.exec_script("CREATE TABLE kv (k TEXT PRIMARY KEY, v BIGINT NOT NULL CHECK (v >= 0))"));
      return {};
    });
    ASSERT_TRUE(st.ok()) << st.error().internal_detail;
  }
  Database& db() { return *t_.db; }
  int64_t count() {
    return db().read([](Tx& tx) { return tx.scalar_i64("SELECT count(*) FROM kv"); }).value();
  }
  test::TestDatabase t_;
};

TEST_P(Storage, WritesCommitAndReadsSeeThem) {
  ASSERT_TRUE(db().write([](Tx& tx) -> Status {
                    TRY(tx.exec("INSERT INTO kv (k, v) VALUES (?, ?)", {"a", 1}));
                    TRY(tx.exec("INSERT INTO kv (k, v) VALUES (?, ?)", {"b", 2}));
                    return {};
                  })
                  .ok());
  auto rows = db().read([](Tx& tx) { return tx.query("SELECT k, v FROM kv ORDER BY k"); });
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ(rows.value()[1].text(0), "b");
  EXPECT_EQ(rows.value()[1].i64(1), 2);
}

TEST_P(Storage, AFailedTransactionChangesNothing) {
  Status st = db().write([](Tx& tx) -> Status {
    TRY(tx.exec("INSERT INTO kv (k, v) VALUES (?, ?)", {"a", 1}));
    TRY(tx.exec("INSERT INTO kv (k, v) VALUES (?, ?)", {"b", -1}));  // breaks the CHECK
    return {};
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().key, "db.check");
  EXPECT_EQ(count(), 0) << "no half-written records";
  Status own = db().write([](Tx& tx) -> Status {
    TRY(tx.exec("INSERT INTO kv (k, v) VALUES (?, ?)", {"a", 1}));
    return Error::invalid("test.refused");
  });
  EXPECT_EQ(own.error().key, "test.refused");
  EXPECT_EQ(count(), 0);
}

TEST_P(Storage, UniqueViolationIsAConflict) {
  ASSERT_TRUE(db().write([](Tx& tx) -> Status {
                    return tx.exec("INSERT INTO kv VALUES ('a', 1)").ok() ? Status{}
                                                                          : Error::internal("x");
                  })
                  .ok());
  Status dup = db().write([](Tx& tx) -> Status {
    TRY(tx.exec("INSERT INTO kv (k, v) VALUES (?, ?)", {"a", 2}));
    return {};
  });
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(dup.error().key, "db.unique");
}

// Half the threads write in bulk (a transaction of their own on SQLite), half in groups.
TEST_P(Storage, ConcurrentWritersAllCommitAndAFailingOneHarmsNoOther) {
  constexpr int kThreads = 8, kPerThread = 40;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        int64_t v =
            (i % 10 == 9) ? -1 : i;  // every tenth write's second row is refused by the CHECK
        auto insert = [&](Tx& tx) -> Status {
          TRY(tx.exec("INSERT INTO kv (k, v) VALUES (?, ?)",
                      {std::to_string(t) + "-" + std::to_string(i) + "a", i}));
          TRY(tx.exec("INSERT INTO kv (k, v) VALUES (?, ?)",
                      {std::to_string(t) + "-" + std::to_string(i) + "b", v}));
          return {};
        };
        Status st = t % 2 ? db().bulk_write(insert) : db().write(insert);
        if (!st.ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), kThreads * kPerThread / 10);
  EXPECT_EQ(count(), 2 * kThreads * kPerThread * 9 / 10) << "each write whole or not at all";
}

TEST_P(Storage, StreamingStopsEarlyAndLeavesTheConnectionUsable) {
  ASSERT_TRUE(
      db().write([](Tx& tx) -> Status {
            for (int i = 0; i < 100; ++i)
              TRY(tx.exec("INSERT INTO kv (k, v) VALUES (?, ?)", {std::to_string(1000 + i), i}));
            return {};
          })
          .ok());
  for (int round = 0; round < 3; ++round) {
    int seen = 0;
    ASSERT_TRUE(db().read([&](Tx& tx) -> Status {
                      return tx.each("SELECT k FROM kv ORDER BY k", {},
                                     [&](const Row&) { return ++seen < 5; });
                    })
                    .ok());
    EXPECT_EQ(seen, 5);
  }
  EXPECT_EQ(count(), 100);
}

TEST_P(Storage, ValuesRoundTrip) {
  auto row = db().read([](Tx& tx) {
    return tx.query_one(
        "SELECT CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS BIGINT), ?",
        {int64_t{9007199254740993}, "Ünïcødé ✓ 'quote' ?", nullptr, std::string("?")});
  });
  ASSERT_TRUE(row.ok()) << row.error().internal_detail;
  EXPECT_EQ((*row)->i64(0), 9007199254740993);
  EXPECT_EQ((*row)->text(1), "Ünïcødé ✓ 'quote' ?");
  EXPECT_TRUE((*row)->is_null(2));
  EXPECT_EQ((*row)->text(3), "?");
}

TEST_P(Storage, KeyColumnsCompareBytewiseOnEveryBackend) {
  // Paging and prefix search rely on this ordering; both backends must agree.
  ASSERT_TRUE(
      db().write([](Tx& tx) -> Status {
            for (const char* code : {"zz b", "zzb", "zz-c", "ZZ", "zz"}) {
              TRY(tx.exec("INSERT INTO regions (code, level, name) VALUES (?, 1, 'test')", {code}));
            }
            return {};
          })
          .ok());
  auto rows = db().read([](Tx& tx) {
    return tx.query("SELECT code FROM regions WHERE name = 'test' ORDER BY code");
  });
  ASSERT_TRUE(rows.ok());
  std::vector<std::string> order;
  for (const auto& r : rows.value()) order.push_back(r.text(0));
  EXPECT_EQ(order, (std::vector<std::string>{"ZZ", "zz", "zz b", "zz-c", "zzb"}));
}

TEST_P(Storage, MigrationsAreIdempotentAndANewerSchemaIsRefused) {
  SystemClock clock;
  auto again = migrate(db(), clock);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value(), 0);
  EXPECT_EQ(schema_version(db()).value(), latest_schema_version());
  ASSERT_TRUE(
      db().write([](Tx& tx) -> Status {
            TRY(tx.exec(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', 0)",
                {latest_schema_version() + 1}));
            return {};
          })
          .ok());
  auto refused = migrate(db(), clock);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().key, "db.schema_newer");
}

TEST_P(Storage, AuditChainVerifiesAndRefusesEdits) {
  for (int i = 0; i < 5; ++i) {
    audit::Entry e{std::nullopt,      "cli", std::nullopt, "test.act", "thing",
                   std::to_string(i), "cli", "-",          "{}"};
    ASSERT_TRUE(db().write([&](Tx& tx) { return audit::append(tx, e, 1000 + i); }).ok());
  }
  auto report = audit::verify(db());
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok);
  EXPECT_EQ(report->entries, 5);
  // The database itself refuses to change the log.
  Status edit = db().write([](Tx& tx) -> Status {
    TRY(tx.exec("UPDATE audit_log SET object_id = 'x' WHERE seq = 3"));
    return {};
  });
  EXPECT_FALSE(edit.ok());
  Status remove = db().write([](Tx& tx) -> Status {
    TRY(tx.exec("DELETE FROM audit_log WHERE seq = 5"));
    return {};
  });
  EXPECT_FALSE(remove.ok());
}

TEST_P(Storage, AuditVerifyDetectsTamperingPastTheTriggers) {
  for (int i = 0; i < 4; ++i) {
    audit::Entry e{std::nullopt,      "cli", std::nullopt, "test.act", "thing",
                   std::to_string(i), "cli", "-",          "{}"};
    ASSERT_TRUE(db().write([&](Tx& tx) { return audit::append(tx, e, 1000 + i); }).ok());
  }
  // Someone with direct database access drops the guard and edits an entry.
  ASSERT_TRUE(db().write([&](Tx& tx) -> Status {
                    if (tx.dialect() == Dialect::kSqlite) {
                      TRY(tx.exec_script("DROP TRIGGER audit_log_no_update"));
                    } else {
                      TRY(tx.exec_script("DROP TRIGGER audit_log_no_update ON audit_log"));
                    }
                    TRY(tx.exec("UPDATE audit_log SET object_id = 'changed' WHERE seq = 2"));
                    return {};
                  })
                  .ok());
  auto report = audit::verify(db());
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->bad_seq, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, Storage, ::testing::ValuesIn(test::backend_names()),
                         [](const auto& info) { return info.param; });

// SQLite-only faults: a read-only file and a full disk give clear errors and keep data.
TEST(SqliteFaults, ReadOnlyFileGivesAClearErrorAndKeepsData) {
  auto t = test::open_backend("sqlite");
  ASSERT_TRUE(t.db->write([](Tx& tx) -> Status {
                    TRY(tx.exec_script("CREATE TABLE kv (k TEXT)"));
                    TRY(tx.exec("INSERT INTO kv VALUES ('kept')"));
                    return {};
                  })
                  .ok());
  t.db.reset();
  // SQLite's read-only mode stands in for a read-only file (root ignores permissions).
  std::string path = t.url.substr(7);
  auto reopened = open_database("sqlite:file:" + path + "?mode=ro");
  if (!reopened.ok()) {
    EXPECT_EQ(reopened.error().key, "db.readonly");
  } else {
    Status st = reopened.value()->write([](Tx& tx) -> Status {
      TRY(tx.exec("INSERT INTO kv VALUES ('lost')"));
      return {};
    });
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().key, "db.readonly");
  }
  auto writable = open_database(t.url);
  ASSERT_TRUE(writable.ok());
  auto rows = writable.value()->read([](Tx& tx) { return tx.query("SELECT k FROM kv"); });
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows.value()[0].text(0), "kept");
}

TEST(SqliteFaults, FullDiskGivesAClearErrorAndKeepsData) {
  auto t = test::open_backend("sqlite");
  ASSERT_TRUE(t.db->write([](Tx& tx) -> Status {
                    TRY(tx.exec_script("CREATE TABLE blobs (v TEXT)"));
                    TRY(tx.exec("INSERT INTO blobs VALUES ('kept')"));
                    return {};
                  })
                  .ok());
  int64_t pages = t.db->read([](Tx& tx) { return tx.scalar_i64("PRAGMA page_count"); }).value();
  // A ceiling on the file size stands in for a full disk.
  Status st = t.db->write([&](Tx& tx) -> Status {
    TRY(tx.exec_script("PRAGMA max_page_count = " + std::to_string(pages + 2)));
    for (int i = 0; i < 200; ++i)
      TRY(tx.exec("INSERT INTO blobs VALUES (?)", {std::string(4000, 'x')}));
    return {};
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().key, "db.full");
  auto kept = t.db->read([](Tx& tx) { return tx.query("SELECT v FROM blobs"); });
  ASSERT_TRUE(kept.ok());
  ASSERT_EQ(kept->size(), 1u);
  EXPECT_EQ(kept.value()[0].text(0), "kept");
}

}  // namespace
}  // namespace harmoni::db
