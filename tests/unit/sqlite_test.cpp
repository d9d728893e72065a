#include "relay/sqlite.h"

#include <gtest/gtest.h>

#include "temp_dir.h"

namespace relay::sql {
namespace {

class SqliteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = Database::Open(dir_.File("test.db")).value();
    ASSERT_TRUE(db_->Execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)").ok());
  }

  std::string TextOf(int64_t id) {
    auto query = db_->Prepare("SELECT text FROM notes WHERE id=?").value();
    query.Bind(1, id);
    return query.Step().value() ? query.Text(0) : "(none)";
  }

  testing::TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(SqliteTest, AReusedStatementStartsWithNoBindingsAndNoRowsOfItsLastUse) {
  auto insert = db_->Prepare("INSERT INTO notes (id, text) VALUES (?, ?)").value();
  ASSERT_TRUE(insert.Bind(1, 1).Bind(2, "草原").Run().ok());
  {
    // Left mid-result: the next holder must start from the first row, not the second.
    auto all = db_->Prepare("SELECT id FROM notes ORDER BY id").value();
    ASSERT_TRUE(db_->Execute("INSERT INTO notes (id, text) VALUES (2, '接力')").ok());
    ASSERT_TRUE(all.Step().value());
  }
  auto all = db_->Prepare("SELECT id FROM notes ORDER BY id").value();
  ASSERT_TRUE(all.Step().value());
  EXPECT_EQ(all.Int(0), 1);
  {
    auto unbound = db_->Prepare("INSERT INTO notes (id, text) VALUES (?, ?)").value();
    ASSERT_TRUE(unbound.Bind(1, 3).Run().ok());  // text left unbound is NULL, not "草原"
  }
  auto text = db_->Prepare("SELECT text IS NULL FROM notes WHERE id=3").value();
  ASSERT_TRUE(text.Step().value());
  EXPECT_EQ(text.Int(0), 1);
}

TEST_F(SqliteTest, StatementsOfTheSameTextHeldAtOnceAreIndependent) {
  ASSERT_TRUE(db_->Execute("INSERT INTO notes VALUES (1, '一'), (2, '二')").ok());
  auto first = db_->Prepare("SELECT text FROM notes WHERE id=?").value();
  auto second = db_->Prepare("SELECT text FROM notes WHERE id=?").value();
  first.Bind(1, 1);
  second.Bind(1, 2);
  ASSERT_TRUE(first.Step().value());
  ASSERT_TRUE(second.Step().value());
  EXPECT_EQ(first.Text(0), "一");
  EXPECT_EQ(second.Text(0), "二");
}

TEST_F(SqliteTest, ManyDistinctStatementsStayCorrectPastTheKeptLimit) {
  for (int64_t id = 1; id <= 200; ++id) {
    // Each text is new, so the kept statements are replaced over and over.
    ASSERT_TRUE(db_->Prepare("INSERT INTO notes (id, text) VALUES (" + std::to_string(id) + ", 'n" +
                             std::to_string(id) + "')")
                    .value()
                    .Run()
                    .ok());
    EXPECT_EQ(TextOf(id), "n" + std::to_string(id));
  }
}

TEST_F(SqliteTest, AKeptStatementFollowsASchemaChange) {
  ASSERT_TRUE(db_->Execute("INSERT INTO notes VALUES (1, '旧')").ok());
  EXPECT_EQ(TextOf(1), "旧");
  ASSERT_TRUE(db_->Execute("ALTER TABLE notes RENAME COLUMN text TO body;"
                           "ALTER TABLE notes ADD COLUMN text TEXT;"
                           "UPDATE notes SET text='新'")
                  .ok());
  EXPECT_EQ(TextOf(1), "新");
}

}  // namespace
}  // namespace relay::sql
