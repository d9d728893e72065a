// The digest of data-model.md §5, checked against its worked example: the hash there was
// computed from the documented rule alone (Python's json.dumps for each value), so an outside
// client that follows the text gets the same digest as a replica.
#include <gtest/gtest.h>

#include "relay/replica_state.h"
#include "relay/sqlite.h"

namespace relay {
namespace {

constexpr const char* kRecord = "01a202b6-3eee-771d-8b57-f88a1799a916";
constexpr const char* kDevice = "01a202b6-3ed8-7357-9102-b5e4a9e6cff1";

TEST(Digest, MatchesTheWorkedExampleOfTheDataModel) {
  auto db = sql::Database::Open(":memory:").value();
  ReplicaState state(*db);
  ASSERT_TRUE(state.EnsureSchema().ok());
  const nlohmann::json fields = {
      // Quotes, a backslash, a line break, a tab, a control character and DEL.
      {"note", "后门\"坏了\"\\锁不上\n\t备用钥匙\u0001在司机处\u007f"},
      {"phone", "13904771234"},
      {"plate", "蒙H·12345"},
      {"seats", 4},
      {"four_wd", true},
      {"driver_id", nullptr},  // set to nothing: in the digest, unlike a field never set
      {"owner_category", "public"},
  };
  int counter = 0;
  for (const auto& [field, value] : fields.items()) {
    const Change change{"vehicles",
                        kRecord,
                        field,
                        value,
                        HlcTimestamp{1'795'341'827'822, static_cast<uint16_t>(counter++)},
                        kDevice,
                        HlcTimestamp{},
                        ""};
    ASSERT_TRUE(state.Apply(change).ok()) << field;
  }
  EXPECT_EQ(state.Digest().value(),
            "a409bcae260f8c1be07b54fd4ad17383ae55cad25dedb333ff144dc5809d0e85");
}

}  // namespace
}  // namespace relay
