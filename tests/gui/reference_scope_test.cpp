#include "ui/model/reference_scope.h"

#include <gtest/gtest.h>

#include "demo_store_test.h"

namespace relay::edge::ui {
namespace {

class ReferenceScopeTest : public testing::DemoStoreTest {
 protected:
  GlyphSet glyphs_;
};

TEST_F(ReferenceScopeTest, APostsHoldersComeFromItsUnitsTeam) {
  RecordLabels labels(*store_, glyphs_);
  RecordForm post(*FindTable("posts"));
  post.StartNew();
  const FieldSpec& holder = *FindTable("posts")->Field("holder_a_id");
  EXPECT_EQ(ReferenceScope(post, holder, labels), OptionScope{});  // no unit yet: anyone

  post.Field("unit_id")->text = demo_->id("rescue");
  EXPECT_EQ(ReferenceScope(post, holder, labels), (OptionScope{"team_id", demo_->id("squad")}));
  // The unit itself is picked from every unit.
  EXPECT_EQ(ReferenceScope(post, *FindTable("posts")->Field("unit_id"), labels), OptionScope{});
}

TEST_F(ReferenceScopeTest, OtherReferencesAreNotNarrowed) {
  RecordLabels labels(*store_, glyphs_);
  RecordForm leg(*FindTable("transport_legs"));
  leg.StartNew();
  leg.Field("transport_id")->text = demo_->id("stroke");
  EXPECT_EQ(ReferenceScope(leg, *FindTable("transport_legs")->Field("vehicle_id"), labels),
            OptionScope{});
}

}  // namespace
}  // namespace relay::edge::ui
