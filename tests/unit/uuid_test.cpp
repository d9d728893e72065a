#include "relay/uuid.h"

#include <gtest/gtest.h>

#include <set>

namespace relay {
namespace {

TEST(UuidV7, CarriesTimeVersionAndVariant) {
  uint64_t counter = 0;
  UuidV7Generator ids([&] { return ++counter * 0x9e3779b97f4a7c15ull; });
  const std::string id = ids.Next(0x0123456789ab);
  EXPECT_TRUE(IsUuidV7(id)) << id;
  EXPECT_EQ(id.substr(0, 13), "01234567-89ab");
  EXPECT_EQ(id[14], '7');
}

TEST(UuidV7, LaterTimesSortLater) {
  UuidV7Generator ids;
  EXPECT_LT(ids.Next(1'700'000'000'000), ids.Next(1'700'000'000'001));
}

TEST(UuidV7, ManyAreDistinct) {
  UuidV7Generator ids;
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i)
    seen.insert(ids.Next(1'700'000'000'000));
  EXPECT_EQ(seen.size(), 10000u);
}

TEST(UuidV7, RecognisesOnlyCanonicalVersion7) {
  EXPECT_FALSE(IsUuidV7("not-a-uuid"));
  EXPECT_FALSE(IsUuidV7("01234567-89ab-4def-8123-456789abcdef"));  // version 4
  EXPECT_FALSE(IsUuidV7("01234567-89AB-7DEF-8123-456789ABCDEF"));  // upper case
  EXPECT_FALSE(IsUuidV7("01234567-89ab-7def-c123-456789abcdef"));  // wrong variant
  EXPECT_TRUE(IsUuidV7("01234567-89ab-7def-8123-456789abcdef"));
}

}  // namespace
}  // namespace relay
